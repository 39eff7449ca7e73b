import { describe, it, expect } from '@jest/globals';
import { classifyOrgError } from '../../src/org/connectionOrgClient.js';
import { chunkInList, soqlLiteral } from '../../src/org/soql.js';
import { detectDelimiter, detectEncoding } from '../../src/records/csvSource.js';
import { CellProblem, converterFor, dateParser, numberParser } from '../../src/records/fieldConverters.js';
import { KeyHashTable } from '../../src/records/keyHashTable.js';
import { normalizeLabel, readPackLabels } from '../../src/records/packLabels.js';
import { neutralizeFormula } from '../../src/records/exportRecords.js';
import { keyHash } from '../../src/records/rowPreparer.js';
import { packMetadataDir } from '../../src/pack/bundledPack.js';
import { field } from './fakeOrg.js';

describe('read stage', () => {
  it('detects the encoding from the BOM, or UTF-16 from zero bytes', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf8', bomLength: 3 });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]))).toEqual({ encoding: 'utf16le', bomLength: 2 });
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x41]))).toEqual({ encoding: 'utf16be', bomLength: 2 });
    expect(detectEncoding(Buffer.from('A\0B\0', 'latin1'))).toEqual({ encoding: 'utf16le', bomLength: 0 });
    expect(detectEncoding(Buffer.from('Name,Code'))).toEqual({ encoding: 'utf8', bomLength: 0 });
  });

  it('detects the delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('Name;Code;"a,b,c,d"\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('Name\tCode\tStatus')).toBe('\t');
    expect(detectDelimiter('Name,Code')).toBe(',');
    expect(detectDelimiter('Name')).toBe(',');
  });
});

describe('validate stage', () => {
  it('reads numbers as the locale writes them, never guessing group separators', () => {
    const danish = numberParser('da_DK');
    expect(danish('87,5')).toBe(87.5);
    expect(danish('1.234,5')).toBe(1234.5);
    expect(danish('1.23')).toBeUndefined();
    const english = numberParser();
    expect(english('1,234.5')).toBe(1234.5);
    expect(english('1,5')).toBeUndefined();
    expect(numberParser('fr_FR')('1\u202f234,5')).toBe(1234.5);
  });

  it('reads the digits, separators, marks and minus sign Intl writes for ar_SA, ar_EG and fa', () => {
    for (const locale of ['ar_SA', 'ar_EG', 'fa', 'fa_IR']) {
      const parse = numberParser(locale);
      const written = new Intl.NumberFormat(locale.replace('_', '-')).format(-12345.6);
      expect([locale, parse(written)]).toEqual([locale, -12345.6]);
      expect([locale, parse('1,234.5')]).toEqual([locale, 1234.5]);
    }
    const arabic = numberParser('ar_SA');
    expect(arabic('١٢٣٫٤٥')).toBe(123.45);
    // As the --locale help shows it.
    expect(arabic('١٬٢٣٤٫٥')).toBe(1234.5);
    expect(arabic('١٢٫٣٤٫٥')).toBeUndefined();
    expect(arabic('١٢٬٣٤')).toBeUndefined();
    // Bengali writes its own digits with "." and ",": those are read as the locale writes them.
    expect(numberParser('bn')(new Intl.NumberFormat('bn').format(1234.5))).toBe(1234.5);
    // Locales that write 0–9 do not read other digits.
    expect(numberParser('da_DK')('٨٧')).toBeUndefined();
  });

  it('reads ISO dates always and the --date-format when given; rejects impossible dates', () => {
    const parse = dateParser('dd.mm.yyyy');
    expect(parse('05.01.2026')).toBe('2026-01-05');
    expect(parse('5.1.2026')).toBe('2026-01-05');
    expect(parse('2026-01-05')).toBe('2026-01-05');
    expect(parse('31.02.2026')).toBeUndefined();
    expect(dateParser('mm/dd/yyyy')('12/31/2026')).toBe('2026-12-31');
    expect(dateParser()('05.01.2026')).toBeUndefined();
    expect(() => dateParser('dd.mm')).toThrow(/needs exactly one day/);
  });

  it('checks numbers against precision and the pack ranges, and hints at a decimal comma', () => {
    const score = converterFor(field('Score__c', 'double', { precision: 5, scale: 2 }), {}, undefined, {
      min: 0,
      max: 100,
    });
    expect(score('87.456')).toBe('87.46');
    expect(score('101')).toEqual(new CellProblem('101 is outside 0–100.'));
    expect((score('87,5') as CellProblem).reason).toMatch(/decimal comma: pass --locale/);
    const small = converterFor(field('Power__c', 'double', { precision: 3, scale: 0 }), {});
    expect(small('1000')).toBeInstanceOf(CellProblem);
  });

  it('maps picklist labels in any language, checkboxes in several languages, and lengths', () => {
    const status = converterFor(
      field('Status__c', 'picklist', {
        restrictedPicklist: true,
        picklistValues: ['Assigned', 'Completed'].map((value) => ({ value, label: value, active: true })),
      }),
      {},
      new Map([[normalizeLabel('Gennemført'), 'Completed']])
    );
    expect(status('gennemført')).toBe('Completed');
    expect(status(' completed ')).toBe('Completed');
    expect((status('Done') as CellProblem).reason).toBe('"Done" is not one of Assigned, Completed.');
    const active = converterFor(field('Active__c', 'boolean'), {});
    expect([active('Ja'), active('FALSK'), active('wahr'), active('0')]).toEqual(['true', 'false', 'true', 'false']);
    const code = converterFor(field('Country_Code__c', 'string', { length: 2 }), {});
    expect((code('DNK') as CellProblem).reason).toBe('is 3 characters long (at most 2).');
  });

  it('undoes the apostrophe an export puts before formula-like text', () => {
    const name = converterFor(field('Name', 'string'), {});
    expect(name(neutralizeFormula('=1+2'))).toBe('=1+2');
    expect(neutralizeFormula('-5 days')).toBe("'-5 days");
    expect(neutralizeFormula('Plain')).toBe('Plain');
    expect(name("'quoted")).toBe("'quoted");
  });
});

describe('the pack labels', () => {
  it('maps translated field labels and picklist values of the bundled pack', async () => {
    const labels = await readPackLabels(packMetadataDir());
    expect(labels.fieldLabels.get('Training_Record__c')?.get(normalizeLabel('Uddannelsesforløb'))).toBe('Course__c');
    const status = labels.picklistLabels.get('Training_Record__c.Status__c');
    expect(status?.get(normalizeLabel('Gennemført'))).toBe('Completed');
    expect(status?.get(normalizeLabel('Completed'))).toBe('Completed');
    const direction = labels.picklistLabels.get('Partner_Feedback__c.Direction__c');
    expect(direction?.get(normalizeLabel('Company → Partner'))).toBe('Company to Partner');
    // A global value set (Glocal_Feedback_Status) is translated through its own translation files.
    expect(labels.picklistLabels.get('Partner_Feedback__c.Status__c')?.get(normalizeLabel('Draft'))).toBe('Draft');
  });
});

describe('duplicates and queries', () => {
  it('finds the first row of a repeated key hash, growing as needed', () => {
    const table = new KeyHashTable(4);
    for (let row = 2; row < 5002; row++) expect(table.addOrGet(keyHash(`key-${row}`), row)).toBe(0);
    expect(table.addOrGet(keyHash('key-100'), 9000)).toBe(100);
  });

  it('cuts IN lists by count and by length, and quotes safely', () => {
    expect(soqlLiteral("O'Brien\\")).toBe("'O\\'Brien\\\\'");
    const many = Array.from({ length: 4500 }, (_, index) => `K${index}`);
    expect(chunkInList(many, { maxValues: 2000, maxChars: 1e9 }).map((chunk) => chunk.length)).toEqual([
      2000, 2000, 500,
    ]);
    const long = Array.from({ length: 10 }, () => 'x'.repeat(90));
    expect(chunkInList(long, { maxValues: 2000, maxChars: 300 }).every((chunk) => chunk.length <= 3)).toBe(true);
  });
});

describe('org failures', () => {
  it('sorts failures into what may be repeated', () => {
    const http = (errorCode: string): Error => Object.assign(new Error('x'), { errorCode });
    expect(classifyOrgError(http('REQUEST_LIMIT_EXCEEDED')).kind).toBe('limit');
    expect(classifyOrgError(http('ERROR_HTTP_503')).kind).toBe('server');
    expect(classifyOrgError(http('UNKNOWN_EXCEPTION')).kind).toBe('server');
    const dropped = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(classifyOrgError(dropped).kind).toBe('connection');
    expect(classifyOrgError(http('INVALID_FIELD')).kind).toBe('client');
    expect(classifyOrgError(http('REQUEST_LIMIT_EXCEEDED')).notApplied).toBe(true);
  });
});
