// What can be translated, where its source text comes from and where its translation is stored.

/** The first segment of a Translation Workbench key. */
export type ItemType =
  | 'CustomLabel'
  | 'CustomObject'
  | 'CustomField'
  | 'PicklistValue'
  | 'ValidationFormula'
  | 'RecordType'
  | 'LayoutSection'
  | 'ListView'
  | 'QuickAction'
  | 'ButtonOrLink'
  | 'CustomTab'
  | 'CustomApp';

/** Finer than ItemType where one type holds texts with different limits (a field's label vs help). */
export type ItemAspect =
  | 'CustomLabel'
  | 'ObjectLabel'
  | 'ObjectPluralLabel'
  | 'NameFieldLabel'
  | 'FieldLabel'
  | 'HelpText'
  | 'RelationshipLabel'
  | 'PicklistValue'
  | 'ValidationErrorMessage'
  | 'RecordType'
  | 'LayoutSection'
  | 'ListView'
  | 'QuickAction'
  | 'WebLink'
  | 'CustomTab'
  | 'CustomApp';

export type TranslationMetadataType =
  | 'Translations'
  | 'CustomObjectTranslation'
  | 'CustomFieldTranslation'
  | 'GlobalValueSetTranslation'
  | 'StandardValueSetTranslation';

/** One translation file per language: which one, named independently of the language. */
export interface TranslationFileRef {
  type: TranslationMetadataType;
  /** Object (CustomObject/FieldTranslation), value set (…ValueSetTranslation); unused for Translations. */
  owner?: string;
  /** Field API name (CustomFieldTranslation only). */
  field?: string;
}

/**
 * One step from a translation file's root down to the element holding a translation, e.g.
 * `<layouts>` whose `<layout>` is "Market Layout". `match` children identify the element (and are
 * written when it is created); `absent` children must not be there (object caseValues with an
 * article or a grammatical case are other forms of the label).
 */
export interface ElementStep {
  tag: string;
  match: Array<[string, string]>;
  absent?: string[];
}

export interface TranslationSlot {
  file: TranslationFileRef;
  path: ElementStep[];
  /** The element whose text is the translation. */
  valueTag: string;
}

export interface TranslatableItem {
  /** Translation Workbench key, e.g. CustomField.Market__c.Currency_Code.FieldLabel. */
  key: string;
  type: ItemType;
  aspect: ItemAspect;
  /** Text in the source (base) language. */
  source: string;
  maxLength: number;
  /** Source file the text was read from. */
  sourceFile: string;
  /** Directory holding the metadata folders (objects/, labels/ …) of that file: new translation files go here. */
  metadataDir: string;
  /** Where a translation lives in source format; undefined for items the Metadata API cannot carry (list views). */
  slot?: TranslationSlot;
  /**
   * May be translated but needs no translation (an object tab shows the translated object label):
   * not counted in coverage nor exported, yet its translations are checked and not orphans.
   */
  optional?: boolean;
}

/** A translation as found in a translation file. */
export interface FoundTranslation {
  key: string;
  text: string;
  file: string;
}
