// Salesforce language codes (what metadata file names and the Workbench use) and their BCP-47 forms
// (what translators' tools expect in XLIFF). Salesforce keeps Java's legacy codes (iw, in) and
// writes regions with "_"; the special pairs below are the ones a plain "_" → "-" swap gets wrong.

/** Fully supported and end-user languages with their English names (Translations metadata docs). */
const NAMED_LANGUAGES: Record<string, string> = {
  zh_CN: 'Chinese (Simplified)',
  zh_TW: 'Chinese (Traditional)',
  da: 'Danish',
  nl_NL: 'Dutch',
  en_US: 'English',
  fi: 'Finnish',
  fr: 'French',
  de: 'German',
  it: 'Italian',
  ja: 'Japanese',
  ko: 'Korean',
  no: 'Norwegian',
  pt_BR: 'Portuguese (Brazil)',
  ru: 'Russian',
  es: 'Spanish',
  es_MX: 'Spanish (Mexico)',
  sv: 'Swedish',
  th: 'Thai',
  ar: 'Arabic',
  bg: 'Bulgarian',
  hr: 'Croatian',
  cs: 'Czech',
  en_GB: 'English (UK)',
  el: 'Greek',
  iw: 'Hebrew',
  hu: 'Hungarian',
  in: 'Indonesian',
  pl: 'Polish',
  pt_PT: 'Portuguese (European)',
  ro: 'Romanian',
  sk: 'Slovak',
  sl: 'Slovenian',
  tr: 'Turkish',
  uk: 'Ukrainian',
  vi: 'Vietnamese',
  ur: 'Urdu',
  fa: 'Persian',
};

/** Platform-only languages (Translations metadata docs, "Language" list). */
const PLATFORM_ONLY = `af sq am ar_DZ ar_BH ar_EG ar_IQ ar_JO ar_KW ar_LB ar_LY ar_MA ar_OM ar_QA ar_SA ar_SD ar_SY
ar_TN ar_AE ar_YE hy eu bs bn my ca zh_HK zh_SG zh_MY en_AU en_BE en_CA en_CY en_DE en_HK en_IN en_IE en_IL
en_MY en_MT en_NL en_NZ en_PH en_SG en_ZA en_AE et fr_BE fr_CA fr_LU fr_MA fr_CH ka de_AT de_BE de_LU de_CH
el_CY gu hi is ga it_CH kn kk km ky lv lt lb mk ms ml mt mr sh_ME ro_MD rm sr sh sw tl ta te cy xh zu es_AR
es_BO es_CL es_CO es_CR es_DO es_EC es_SV es_GT es_HN es_NI es_PA es_PY es_PE es_PR es_US es_UY es_VE ht
haw hmn lo mi mn ne ps so uz yo yi nl_BE lu eo fy ka ku`.split(/\s+/);

const ALL_CODES = new Set([...Object.keys(NAMED_LANGUAGES), ...PLATFORM_ONLY]);
const BY_LOWER_CASE = new Map([...ALL_CODES].map((code) => [code.toLowerCase(), code]));

/** Pairs where BCP-47 differs from the Salesforce code by more than "_" vs "-". */
const TO_BCP47: Record<string, string> = {
  iw: 'he',
  in: 'id',
  zh_CN: 'zh-Hans',
  zh_TW: 'zh-Hant',
  no: 'nb',
  sh: 'sr-Latn',
  sh_ME: 'sr-Latn-ME',
  yi: 'yi',
};
const FROM_BCP47 = new Map(Object.entries(TO_BCP47).map(([salesforce, bcp]) => [bcp.toLowerCase(), salesforce]));
// Common spellings translators' tools produce for the same languages.
FROM_BCP47.set('zh-cn', 'zh_CN');
FROM_BCP47.set('zh-tw', 'zh_TW');
FROM_BCP47.set('zh-hans-cn', 'zh_CN');
FROM_BCP47.set('zh-hant-tw', 'zh_TW');
FROM_BCP47.set('he-il', 'iw');
FROM_BCP47.set('id-id', 'in');
FROM_BCP47.set('nb-no', 'no');
FROM_BCP47.set('en', 'en_US');

export function isSalesforceLanguage(code: string): boolean {
  return ALL_CODES.has(code);
}

export function toBcp47(salesforceCode: string): string {
  return TO_BCP47[salesforceCode] ?? salesforceCode.replace(/_/g, '-');
}

/**
 * Reads a language code as either form (XLIFF from tools carries BCP-47, Workbench files carry
 * Salesforce codes). Returns undefined when it is neither.
 */
export function fromAnyLanguageCode(code: string): string | undefined {
  const trimmed = code.trim();
  if (ALL_CODES.has(trimmed)) return trimmed;
  const lower = trimmed.toLowerCase();
  return FROM_BCP47.get(lower) ?? BY_LOWER_CASE.get(lower.replace(/-/g, '_'));
}

export function languageName(code: string): string {
  return NAMED_LANGUAGES[code] ?? code;
}
