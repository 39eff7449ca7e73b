import { describe, it, expect } from '@jest/globals';
import { fromAnyLanguageCode, isSalesforceLanguage, toBcp47 } from '../../src/l10n/languageCodes.js';

describe('language codes', () => {
  it.each([
    ['iw', 'he'],
    ['in', 'id'],
    ['zh_CN', 'zh-Hans'],
    ['zh_TW', 'zh-Hant'],
    ['pt_BR', 'pt-BR'],
    ['no', 'nb'],
    ['da', 'da'],
    ['es_MX', 'es-MX'],
  ])('%s ↔ %s', (salesforce, bcp47) => {
    expect(toBcp47(salesforce)).toBe(bcp47);
    expect(fromAnyLanguageCode(bcp47)).toBe(salesforce);
    expect(fromAnyLanguageCode(salesforce)).toBe(salesforce);
  });

  it('accepts common tool spellings and rejects non-languages', () => {
    expect(fromAnyLanguageCode('he-IL')).toBe('iw');
    expect(fromAnyLanguageCode('zh-CN')).toBe('zh_CN');
    expect(fromAnyLanguageCode('pt-br')).toBe('pt_BR');
    expect(fromAnyLanguageCode('../etc')).toBeUndefined();
    expect(fromAnyLanguageCode('xx')).toBeUndefined();
    expect(isSalesforceLanguage('he')).toBe(false);
    expect(isSalesforceLanguage('iw')).toBe(true);
  });
});
