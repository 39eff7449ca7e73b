import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { readExchangeFile, renderParts, parseDocuments, writeDocument } from '../../src/l10n/formats/exchangeFiles.js';
import { escapeStf, readStf, unescapeStf, writeStf } from '../../src/l10n/formats/stf.js';
import type { FormatName, TranslationDocument } from '../../src/l10n/formats/translationDocument.js';
import { FIXTURES } from './fixtureProject.js';

const exchange = (name: string): string => join(FIXTURES, 'exchange', name);

const sample: TranslationDocument = {
  language: 'iw',
  sourceLanguage: 'en_US',
  kind: 'bilingual',
  units: [
    { key: 'CustomLabel.Tabbed', source: 'a\tb\nc\\d "q" <b>&amp;</b>', target: 'א\tב\nג\\ד', maxLength: 1000 },
    { key: 'CustomField.Market__c.Country_Code.FieldLabel', source: 'Country Code', maxLength: 40 },
    { key: 'PicklistValue.Market__c.Context.High', source: 'High', target: 'גבוה', outdated: true, maxLength: 255 },
  ],
};

describe('STF', () => {
  it('reads a Bilingual file in the Workbench shape: sections, comments, escapes, out-of-date and delete marker', async () => {
    const [document] = await readExchangeFile(exchange('bilingual-it.stf'));
    expect(document.language).toBe('it');
    expect(document.kind).toBe('bilingual');
    expect(document.units).toEqual([
      { key: 'CustomField.Account.Active.FieldLabel', source: 'Test Replace', target: 'Test Sostituisci' },
      {
        key: 'CustomLabel.Multi_Line',
        source: 'Line one\nLine two\tTabbed \\ slash',
        target: 'Riga uno\nRiga due\tTab \\ barra',
        outdated: true,
      },
      { key: 'CustomLabel.Removed', source: 'Removed', target: '<>' },
      { key: 'PicklistValue.Account.SLA.Gold', source: 'Gold', labelMayBeTranslation: true },
    ]);
  });

  it('escapes and unescapes tab, newline, carriage return and backslash symmetrically', () => {
    const text = 'a\tb\nc\rd\\e\\nf';
    expect(escapeStf(text)).toBe('a\\tb\\nc\\rd\\\\e\\\\nf');
    expect(unescapeStf(escapeStf(text))).toBe(text);
  });

  it('writes the Bilingual shape of the notes exactly', () => {
    expect(writeStf({ ...sample, language: 'it' })).toBe(
      [
        '# Language: Italian',
        'Language code: it',
        'Type: Bilingual',
        'Translation type: Metadata',
        '------------------TRANSLATED-------------------',
        '# KEY\tLABEL\tTRANSLATION\tOUT OF DATE',
        'CustomLabel.Tabbed\ta\\tb\\nc\\\\d "q" <b>&amp;</b>\tא\\tב\\nג\\\\ד\t-',
        '------------------OUTDATED AND UNTRANSLATED-----------------',
        '# KEY\tLABEL',
        'CustomField.Market__c.Country_Code.FieldLabel\tCountry Code',
        'PicklistValue.Market__c.Context.High\tHigh\tגבוה\t*',
        '',
      ].join('\n')
    );
  });

  it('writes Source and Untranslated kinds with one text column', () => {
    const text = writeStf({ ...sample, kind: 'untranslated', language: 'da', units: [sample.units[1]] });
    expect(text).toBe(
      [
        '# Language: Danish',
        'Language code: da',
        'Type: Outdated and untranslated',
        'Translation type: Metadata',
        '# KEY\tLABEL',
        'CustomField.Market__c.Country_Code.FieldLabel\tCountry Code',
        '',
      ].join('\n')
    );
    expect(writeStf({ ...sample, kind: 'source', units: [] })).toContain('Type: Source\n');
  });

  it('names the file and line of a malformed row', () => {
    expect(() => readStf('Language code: da\nno tab here\n', 'bad.stf')).toThrow('bad.stf line 2');
    expect(() => readStf('# KEY\tLABEL\nX\tY\n', 'nolang.stf')).toThrow(/nolang.stf does not say which language/);
  });
});

describe('XLIFF', () => {
  it('reads Workbench XLIFF 1.2: comments, entities, maxwidth, no target, and &lt;&gt; delete', async () => {
    const [document] = await readExchangeFile(exchange('workbench-da.xlf'));
    expect(document.language).toBe('da');
    expect(document.units).toEqual([
      { key: 'CustomField.Account.Nickname.FieldLabel', source: 'Nickname', target: 'Kaldenavn', maxLength: 40 },
      {
        key: 'CustomLabel.Greeting',
        source: '<b>Hello</b> {0} & "friends"',
        target: '<b>Hej</b> {0} & "venner"',
        maxLength: 1000,
      },
      { key: 'CustomLabel.Old', source: 'Old', target: '<>', maxLength: 1000 },
      { key: 'PicklistValue.Account.SLA.Gold', source: 'Gold', maxLength: 255 },
    ]);
  });

  it('reads XLIFF 2.0 from a translation tool, mapping BCP-47 he to Salesforce iw', async () => {
    const [document] = await readExchangeFile(exchange('tool-he.xliff'));
    expect(document.language).toBe('iw');
    expect(document.units).toEqual([
      { key: 'CustomLabel.Greeting', source: 'Hello', target: 'שלום' },
      { key: 'CustomLabel.Empty', source: 'Later' },
    ]);
  });

  it('writes XLIFF 1.2 with Workbench ids, maxwidth in chars and BCP-47 languages', () => {
    const text = writeDocument('xliff12', sample);
    expect(text).toContain('source-language="en-US" target-language="he"');
    expect(text).toContain(
      '<trans-unit id="CustomField.Market__c.Country_Code.FieldLabel" maxwidth="40" size-unit="char">'
    );
    expect(text).toContain('<target state="needs-review-translation">גבוה</target>');
  });

  it('writes XLIFF 2.0 with the size restriction module', () => {
    const text = writeDocument('xliff20', { ...sample, language: 'zh_CN' });
    expect(text).toContain('srcLang="en-US" trgLang="zh-Hans"');
    expect(text).toContain('<unit id="CustomField.Market__c.Country_Code.FieldLabel" slr:sizeRestriction="40">');
    expect(text).toContain('<segment state="initial">');
  });

  it('refuses inline markup instead of silently dropping it', async () => {
    await expect(readExchangeFile(exchange('inline-markup.xlf'))).rejects.toThrow(
      /inline-markup.xlf: the target of unit CustomLabel.X contains XML markup/
    );
  });
});

describe('every format round-trips its own output', () => {
  for (const format of ['xliff12', 'xliff20', 'stf', 'csv'] as FormatName[]) {
    it(format, () => {
      const text = writeDocument(format, sample);
      const [document] = parseDocuments(format, text, `sample.${format}`);
      expect(document.language).toBe('iw');
      const byKey = new Map(document.units.map((unit) => [unit.key, unit]));
      for (const unit of sample.units) {
        expect(byKey.get(unit.key)?.target).toBe(unit.target);
        if (format !== 'stf' || unit.target !== undefined) expect(byKey.get(unit.key)?.source).toBe(unit.source);
      }
      expect(byKey.get('PicklistValue.Market__c.Context.High')?.outdated).toBe(format === 'xliff20' ? undefined : true);
    });
  }
});

describe('splitting into parts', () => {
  it('splits at the byte limit into parts that are each within it and together hold every unit', () => {
    const units = Array.from({ length: 300 }, (_, index) => ({
      key: `CustomLabel.L${index}`,
      source: `Label number ${index} with some text`,
      maxLength: 1000,
    }));
    const document: TranslationDocument = { language: 'da', sourceLanguage: 'en_US', kind: 'bilingual', units };
    for (const format of ['xliff12', 'xliff20', 'stf', 'csv'] as FormatName[]) {
      const parts = renderParts(format, document, 8 * 1024);
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) expect(Buffer.byteLength(part.content)).toBeLessThanOrEqual(8 * 1024);
      const keys = parts.flatMap((part) => parseDocuments(format, part.content, 'part')[0].units.map((u) => u.key));
      expect(keys).toEqual(units.map((unit) => unit.key));
      expect(parts.reduce((sum, part) => sum + part.units, 0)).toBe(300);
    }
  });
});

describe('CSV', () => {
  it('names file and row of a row without a key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glocal-csv-'));
    try {
      const file = join(dir, 'x.csv');
      writeFileSync(file, 'language,key,source,translation\nda,,Market,Marked\n');
      await expect(readExchangeFile(file)).rejects.toThrow(/x.csv row 2: the "key" column is empty/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
