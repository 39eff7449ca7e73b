// Translation Workbench keys and the source-format slot each one is stored in. Catalog (source
// metadata) and translation reader (translation files) both build keys here, so the two always agree.
//
// Key shapes follow the Workbench's STF/XLIFF exports: custom fields drop "__c"
// (CustomField.Market__c.Currency_Code.FieldLabel), objects keep it; global value sets are
// "PicklistValue.<Set>__gvs.<value>", standard value sets "PicklistValue.Standard.<Set>.<value>".
// Where the Workbench's own spelling is not public (object labels, list views) we use
// CustomObject.<Object>.Label / .PluralLabel / .NameFieldLabel and ListView.<Object>.<Name>.
import { MAX_LENGTH_BY_ASPECT } from './lengthLimits.js';
import type { ElementStep, ItemAspect, ItemType, TranslationSlot } from './translatableItem.js';

export interface KeyedSlot {
  key: string;
  type: ItemType;
  aspect: ItemAspect;
  maxLength: number;
  /** Built on demand: the translation reader only needs keys, for hundreds of thousands of entries. */
  slot: () => TranslationSlot | undefined;
}

/** Custom field names lose their suffix in Workbench keys. */
export function workbenchFieldName(fieldApiName: string): string {
  return fieldApiName.replace(/__c$/, '');
}

const step = (tag: string, match: Array<[string, string]>, absent?: string[]): ElementStep =>
  absent ? { tag, match, absent } : { tag, match };

function keyed(key: string, type: ItemType, aspect: ItemAspect, slot?: () => TranslationSlot): KeyedSlot {
  return { key, type, aspect, maxLength: MAX_LENGTH_BY_ASPECT[aspect], slot: slot ?? ((): undefined => undefined) };
}

function inTranslations(tag: string, name: string): TranslationSlot {
  return { file: { type: 'Translations' }, path: [step(tag, [['name', name]])], valueTag: 'label' };
}

function inObject(object: string, path: ElementStep[], valueTag: string): TranslationSlot {
  return { file: { type: 'CustomObjectTranslation', owner: object }, path, valueTag };
}

export const customLabelKey = (name: string): KeyedSlot =>
  keyed(`CustomLabel.${name}`, 'CustomLabel', 'CustomLabel', () => inTranslations('customLabels', name));

export const customAppKey = (name: string): KeyedSlot =>
  keyed(`CustomApp.${name}`, 'CustomApp', 'CustomApp', () => inTranslations('customApplications', name));

export const customTabKey = (name: string): KeyedSlot =>
  keyed(`CustomTab.${name}`, 'CustomTab', 'CustomTab', () => inTranslations('customTabs', name));

export const globalQuickActionKey = (name: string): KeyedSlot =>
  keyed(`QuickAction.${name}`, 'QuickAction', 'QuickAction', () => inTranslations('quickActions', name));

export const objectLabelKey = (object: string, plural: boolean): KeyedSlot =>
  keyed(
    `CustomObject.${object}.${plural ? 'PluralLabel' : 'Label'}`,
    'CustomObject',
    plural ? 'ObjectPluralLabel' : 'ObjectLabel',
    () =>
      inObject(
        object,
        [step('caseValues', [['plural', plural ? 'true' : 'false']], ['article', 'possessive', 'caseType'])],
        'value'
      )
  );

export const nameFieldLabelKey = (object: string): KeyedSlot =>
  keyed(`CustomObject.${object}.NameFieldLabel`, 'CustomObject', 'NameFieldLabel', () =>
    inObject(object, [], 'nameFieldLabel')
  );

const FIELD_ASPECTS = {
  FieldLabel: 'label',
  HelpText: 'help',
  RelationshipLabel: 'relationshipLabel',
} as const;
export type FieldAspect = keyof typeof FIELD_ASPECTS;

export const fieldKey = (object: string, field: string, aspect: FieldAspect): KeyedSlot =>
  keyed(`CustomField.${object}.${workbenchFieldName(field)}.${aspect}`, 'CustomField', aspect, () => ({
    file: { type: 'CustomFieldTranslation', owner: object, field },
    path: [],
    valueTag: FIELD_ASPECTS[aspect],
  }));

export const fieldPicklistValueKey = (object: string, field: string, value: string): KeyedSlot =>
  keyed(`PicklistValue.${object}.${workbenchFieldName(field)}.${value}`, 'PicklistValue', 'PicklistValue', () => ({
    file: { type: 'CustomFieldTranslation', owner: object, field },
    path: [step('picklistValues', [['masterLabel', value]])],
    valueTag: 'translation',
  }));

export const globalValueKey = (valueSet: string, value: string): KeyedSlot =>
  keyed(`PicklistValue.${valueSet}__gvs.${value}`, 'PicklistValue', 'PicklistValue', () => ({
    file: { type: 'GlobalValueSetTranslation', owner: valueSet },
    path: [step('valueTranslation', [['masterLabel', value]])],
    valueTag: 'translation',
  }));

export const standardValueKey = (valueSet: string, value: string): KeyedSlot =>
  keyed(`PicklistValue.Standard.${valueSet}.${value}`, 'PicklistValue', 'PicklistValue', () => ({
    file: { type: 'StandardValueSetTranslation', owner: valueSet },
    path: [step('valueTranslation', [['masterLabel', value]])],
    valueTag: 'translation',
  }));

export const validationRuleKey = (object: string, rule: string): KeyedSlot =>
  keyed(`ValidationFormula.${object}.${rule}`, 'ValidationFormula', 'ValidationErrorMessage', () =>
    inObject(object, [step('validationRules', [['name', rule]])], 'errorMessage')
  );

export const recordTypeKey = (object: string, recordType: string): KeyedSlot =>
  keyed(`RecordType.${object}.${recordType}`, 'RecordType', 'RecordType', () =>
    inObject(object, [step('recordTypes', [['name', recordType]])], 'label')
  );

export const layoutSectionKey = (object: string, layout: string, section: string): KeyedSlot =>
  keyed(`LayoutSection.${object}.${layout}.${section}`, 'LayoutSection', 'LayoutSection', () =>
    inObject(object, [step('layouts', [['layout', layout]]), step('sections', [['section', section]])], 'label')
  );

export const webLinkKey = (object: string, name: string): KeyedSlot =>
  keyed(`ButtonOrLink.${object}.${name}`, 'ButtonOrLink', 'WebLink', () =>
    inObject(object, [step('webLinks', [['name', name]])], 'label')
  );

export const objectQuickActionKey = (object: string, name: string): KeyedSlot =>
  keyed(`QuickAction.${object}.${name}`, 'QuickAction', 'QuickAction', () =>
    inObject(object, [step('quickActions', [['name', name]])], 'label')
  );

/** List view names are translated in the Workbench only: the Metadata API has no place for them. */
export const listViewKey = (object: string, name: string): KeyedSlot =>
  keyed(`ListView.${object}.${name}`, 'ListView', 'ListView');
