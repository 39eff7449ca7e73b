// Longest translation the platform accepts per kind of item, in characters. The numbers are the
// limits Salesforce Setup enforces on the source items (Salesforce Help: "Custom Field Attributes",
// "Custom Labels", "Define Validation Rules", "Custom Object Attributes", "Create Page Layouts",
// "Custom Buttons and Links", "Create Record Types", "List Views", "Create Actions", "Custom
// Tabs", "Lightning App Builder"), which the Translation Workbench applies to translations as well.
// XLIFF export writes them as maxwidth; `check` flags translations that exceed them.
import type { ItemAspect } from './translatableItem.js';

export const MAX_LENGTH_BY_ASPECT: Record<ItemAspect, number> = {
  CustomLabel: 1000,
  ObjectLabel: 40,
  ObjectPluralLabel: 40,
  NameFieldLabel: 80,
  FieldLabel: 40,
  HelpText: 510,
  RelationshipLabel: 80,
  PicklistValue: 255,
  ValidationErrorMessage: 255,
  RecordType: 80,
  LayoutSection: 80,
  ListView: 40,
  QuickAction: 80,
  WebLink: 240,
  CustomTab: 80,
  CustomApp: 80,
};
