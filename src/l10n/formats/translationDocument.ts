// The format-neutral content of one translation exchange file (XLIFF, STF, CSV).

/** A translation of "<>" deletes the stored translation (the Workbench's convention). */
export const DELETE_MARKER = '<>';

export type DocumentKind = 'source' | 'untranslated' | 'bilingual';

export interface TranslationUnit {
  key: string;
  source: string;
  /** Undefined = untranslated. */
  target?: string;
  /** The stored translation is out of date with the source (STF "*"). */
  outdated?: boolean;
  maxLength?: number;
  /**
   * STF Source/Untranslated rows have one text column, which the translator overwrites: it is the
   * translation if it differs from the source.
   */
  labelMayBeTranslation?: boolean;
}

export interface TranslationDocument {
  /** Salesforce language code of the translation. */
  language: string;
  sourceLanguage: string;
  kind: DocumentKind;
  units: TranslationUnit[];
}

export type FormatName = 'xliff12' | 'xliff20' | 'stf' | 'csv';

export const FILE_EXTENSION: Record<FormatName, string> = {
  xliff12: 'xlf',
  xliff20: 'xliff',
  stf: 'stf',
  csv: 'csv',
};
