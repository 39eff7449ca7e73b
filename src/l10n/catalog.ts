// The translatable-item catalog: every text of the source metadata a translator has to translate,
// keyed by Translation Workbench key. Built from the source (base-language) files only, because a
// source-format repo keeps no trace of what is untranslated (forcedotcom/cli #1131).
import { readXmlFileValues, type XmlElement } from './safeXml.js';
import { childElements, childText, firstChild } from './xmlTree.js';
import type { SourceMetadataFile, SourceProject } from './sourceProject.js';
import type { TranslatableItem } from './translatableItem.js';
import {
  customAppKey,
  customLabelKey,
  customTabKey,
  fieldKey,
  fieldPicklistValueKey,
  globalQuickActionKey,
  globalValueKey,
  layoutSectionKey,
  listViewKey,
  nameFieldLabelKey,
  objectLabelKey,
  objectQuickActionKey,
  recordTypeKey,
  standardValueKey,
  type KeyedSlot,
  validationRuleKey,
  webLinkKey,
} from './workbenchKeys.js';

export type Catalog = Map<string, TranslatableItem>;

/** Objects whose labels are translated through CustomObjectTranslation (custom objects). */
const isCustomObject = (object: string): boolean => object.endsWith('__c');
/**
 * Objects whose fields, layouts and rules we catalogue: custom and standard objects. Custom metadata
 * types, platform events, external and big objects are configuration or integration surfaces
 * that end users do not read, so their texts are not required translations.
 */
const isTranslatedObject = (object: string): boolean => !/__(mdt|e|x|b)$/.test(object);
/** Fields translated with a fieldTranslation file: custom fields of custom and standard objects. */
const isCustomField = (field: string): boolean => field.endsWith('__c');

type Emit = (keyed: KeyedSlot, source: string | undefined, optional?: boolean) => void;

function emitFromFile(file: SourceMetadataFile, root: XmlElement, emit: Emit): void {
  const object = file.object ?? '';
  if (file.object !== undefined && !isTranslatedObject(object)) return;
  const text = (name: string): string | undefined => childText(root, name);
  switch (file.kind) {
    case 'labels':
      for (const label of childElements(root, 'labels')) {
        emit(customLabelKey(childText(label, 'fullName') ?? ''), childText(label, 'value'));
      }
      return;
    case 'label':
      emit(customLabelKey(text('fullName') ?? file.name), text('value'));
      return;
    case 'object':
      if (!isCustomObject(object)) return;
      emit(objectLabelKey(object, false), text('label'));
      emit(objectLabelKey(object, true), text('pluralLabel'));
      emit(nameFieldLabelKey(object), childText(firstChild(root, 'nameField') ?? root, 'label'));
      return;
    case 'field': {
      const field = text('fullName') ?? file.name;
      if (!isCustomField(field)) return;
      emit(fieldKey(object, field, 'FieldLabel'), text('label'));
      emit(fieldKey(object, field, 'HelpText'), text('inlineHelpText'));
      emit(fieldKey(object, field, 'RelationshipLabel'), text('relationshipLabel'));
      // A picklist bound to a global value set is translated in the set's file, not the field's.
      const definition = firstChild(firstChild(root, 'valueSet') ?? root, 'valueSetDefinition');
      for (const value of definition ? childElements(definition, 'value') : []) {
        const name = childText(value, 'fullName') ?? '';
        emit(fieldPicklistValueKey(object, field, name), childText(value, 'label') ?? name);
      }
      return;
    }
    case 'recordType':
      emit(recordTypeKey(object, file.name), text('label'));
      return;
    case 'validationRule':
      emit(validationRuleKey(object, file.name), text('errorMessage'));
      return;
    case 'listView':
      emit(listViewKey(object, file.name), text('label'));
      return;
    case 'webLink':
      emit(webLinkKey(object, file.name), text('masterLabel'));
      return;
    case 'layout':
      for (const section of childElements(root, 'layoutSections')) {
        // Sections without a custom label show a platform-translated standard heading.
        if (childText(section, 'customLabel') !== 'true') continue;
        const label = childText(section, 'label');
        if (label) emit(layoutSectionKey(object, file.name, label), label);
      }
      return;
    case 'quickAction':
      emit(file.object ? objectQuickActionKey(file.object, file.name) : globalQuickActionKey(file.name), text('label'));
      return;
    case 'tab':
      // Object tabs show the object's translated label; only web, Visualforce and Lightning tabs
      // have a label of their own. An object tab may still carry a translation (optional item).
      if (text('customObject') === 'true') emit(customTabKey(file.name), file.name, true);
      else emit(customTabKey(file.name), text('label'));
      return;
    case 'app':
      emit(customAppKey(file.name), text('label'));
      return;
    case 'globalValueSet':
      for (const value of childElements(root, 'customValue')) {
        const name = childText(value, 'fullName') ?? '';
        emit(globalValueKey(file.name, name), childText(value, 'label') ?? name);
      }
      return;
    case 'standardValueSet':
      for (const value of childElements(root, 'standardValue')) {
        const name = childText(value, 'fullName') ?? '';
        emit(standardValueKey(file.name, name), childText(value, 'label') ?? name);
      }
      return;
  }
}

export async function catalogFile(file: SourceMetadataFile, catalog: Catalog): Promise<void> {
  const document = readXmlFileValues(file.path);
  emitFromFile(file, document.root, (keyed, source, optional) => {
    if (source === undefined || source === '') return;
    catalog.set(keyed.key, {
      ...(optional ? { optional } : {}),
      key: keyed.key,
      type: keyed.type,
      aspect: keyed.aspect,
      source,
      maxLength: keyed.maxLength,
      sourceFile: file.path,
      metadataDir: file.metadataDir,
      slot: keyed.slot(),
    });
  });
}

export async function buildCatalog(project: SourceProject): Promise<Catalog> {
  const catalog: Catalog = new Map();
  for (const file of project.sourceFiles) await catalogFile(file, catalog);
  // An object tab's text is its object's plural label (what the tab bar shows).
  for (const item of catalog.values()) {
    if (item.type !== 'CustomTab' || !item.optional) continue;
    const objectLabel = catalog.get(`CustomObject.${item.source}.PluralLabel`);
    if (objectLabel) item.source = objectLabel.source;
  }
  return catalog;
}
