/*
 * The import pipeline's variants as a user meets them: --mapping files, encodings other than UTF-8,
 * references to partners, service units and participants, the automatic Bulk switch and its poll
 * interval, --date-format, column labels in the pack's other languages and --locale numbers.
 * Files are written by the tests themselves so each one shows its exact bytes.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { packMetadataDir } from '../../src/pack/bundledPack.js';
import { normalizeLabel, readPackLabels } from '../../src/records/packLabels.js';
import {
  DEFAULT_BULK_THRESHOLD,
  defaultPollInterval,
  importRecords,
  type ImportOptions,
} from '../../src/records/importRecords.js';
import { FakeOrg } from './fakeOrg.js';

let dir: string;
let org: FakeOrg;
let ids: Record<string, string>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glocal-variants-'));
  org = new FakeOrg();
  ids = {
    cq101: org.insert('Training_Course__c', { Course_Code__c: 'CQ-101', Name: 'CQ basics' }),
    dk: org.insert('Market__c', { Country_Code__c: 'DK', Name: 'Denmark' }),
    de: org.insert('Market__c', { Country_Code__c: 'DE', Name: 'Germany' }),
    anna: org.insert('User', { Username: 'anna@example.com.glocal', Email: 'anna@example.com' }),
    bo: org.insert('Contact', { Email: 'bo@example.com' }),
  };
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Imports with the bundled pack's labels (all nine languages), as the commands do. */
function run(object: string, path: string, extra: Partial<ImportOptions> = {}): ReturnType<typeof importRecords> {
  return importRecords(org, { object, file: path, pollIntervalMs: 0, ...extra });
}

const byKey = (object: string, keyField = 'Record_Key__c'): Map<string, Record<string, unknown>> =>
  new Map(org.all(object).map((record) => [String(record[keyField]), record]));

describe('--mapping', () => {
  const header = 'Unique ref,Class code,"Shop, country",Who,State,Points';
  const body = 'M-1,CQ-101,DK,anna@example.com,Completed,91.5\nM-2,cq-101,de,bo@example.com,Assigned,\n';
  const mapped = {
    'Unique ref': 'Record_Key__c',
    'Class code': 'Course__c',
    'Shop, country': 'Market__c',
    Who: 'Participant',
    State: 'Status__c',
    Points: 'Score__c',
  };

  function expectMappedRecords(): void {
    const records = byKey('Training_Record__c');
    expect(records.get('M-1')).toMatchObject({
      Course__c: ids.cq101,
      Market__c: ids.dk,
      Participant_User__c: ids.anna,
      Status__c: 'Completed',
      Score__c: 91.5,
    });
    expect(records.get('M-2')).toMatchObject({
      Market__c: ids.de,
      Participant_Contact__c: ids.bo,
      Status__c: 'Assigned',
    });
    expect(records.get('M-2')?.Score__c).toBeUndefined();
  }

  it('a JSON mapping file names fields and reference columns for headers the pack does not know', async () => {
    const mapping = await file('mapping.json', JSON.stringify(mapped, null, 2));
    const result = await run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`), {
      mappingFile: mapping,
    });
    expect(result).toMatchObject({ read: 2, invalid: 0, succeeded: 2, failed: 0 });
    expectMappedRecords();
  });

  it('a two-column CSV mapping file (with BOM, quotes and any header case) does the same', async () => {
    const lines = Object.entries(mapped).map(([column, target]) =>
      column.includes(',') ? `"${column.toUpperCase()}", ${target}` : `${column.toLowerCase()},${target}`
    );
    const mapping = await file('mapping.csv', `\uFEFF${lines.join('\r\n')}\r\n\r\n`);
    const result = await run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`), {
      mappingFile: mapping,
    });
    expect(result).toMatchObject({ read: 2, invalid: 0, succeeded: 2, failed: 0 });
    expectMappedRecords();
  });

  it('a mapping to a field that does not exist is refused before anything is sent', async () => {
    const mapping = await file('mapping.json', JSON.stringify({ ...mapped, Points: 'Nope__c', State: 'Overdue__c' }));
    const refused = run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`), { mappingFile: mapping });
    await expect(refused).rejects.toThrow(
      'mapping State → Overdue__c: Training_Record__c.Overdue__c is computed or read-only, so no file can set it. ' +
        'mapping Points → Nope__c: no such field on Training_Record__c.'
    );
    await expect(refused).rejects.toMatchObject({
      actions: [expect.stringMatching(/^Map the column to one of: Course__c/)],
    });
    expect(org.upsertCalls).toEqual([]);
  });

  // Danish and German Excel save CSV with ';': a mapping file gets its delimiter detected as data files do.
  it('a mapping file saved by Danish Excel (semicolons) maps the same', async () => {
    const lines = Object.entries(mapped).map(([column, target]) => `"${column}";${target}`);
    const mapping = await file('mapping-da.csv', `${lines.join('\r\n')}\r\n`);
    const result = await run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`), {
      mappingFile: mapping,
    });
    expect(result).toMatchObject({ read: 2, invalid: 0, succeeded: 2 });
    expectMappedRecords();
  });

  it('a tab-separated mapping file (Excel "Unicode text" saved as UTF-8) maps the same', async () => {
    const lines = Object.entries(mapped).map(([column, target]) => `${column}\t${target}`);
    const mapping = await file('mapping.txt', `${lines.join('\n')}\n`);
    const result = await run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`), {
      mappingFile: mapping,
    });
    expect(result).toMatchObject({ read: 2, invalid: 0, succeeded: 2 });
  });

  it('a mapping file that is not valid JSON is an error naming the file and the line', async () => {
    const mapping = await file('broken-mapping.json', '{\n  "Points": "Score__c",\n  "State" "Status__c"\n}\n');
    const refused = run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`), { mappingFile: mapping });
    await expect(refused).rejects.toThrow(/broken-mapping\.json, line 3: not valid JSON \(/);
    await expect(refused).rejects.toMatchObject({ name: 'GlocalBadMapping' });
    const cut = await file('cut-mapping.json', '{"Points": "Score__c",');
    await expect(
      run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`), { mappingFile: cut })
    ).rejects.toThrow(/cut-mapping\.json, line 1: not valid JSON/);
    expect(org.upsertCalls).toEqual([]);
  });

  it('a JSON mapping to something other than a field name names the entry and its line', async () => {
    const mapping = await file('numbers.json', '{\n  "Points": "Score__c",\n  "State": 7\n}');
    await expect(
      run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`), { mappingFile: mapping })
    ).rejects.toThrow('numbers.json, line 3: "State" must map to a field API name in quotes, for example "Score__c".');
  });

  it('a CSV mapping line with one cell, or three, is an error naming the file and line', async () => {
    const one = await file('one-cell.csv', 'Points;Score__c\r\nState\r\n');
    await expect(
      run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`), { mappingFile: one })
    ).rejects.toThrow(
      'one-cell.csv, line 2: expected two cells separated by ";" (the column header, then its field), found "State".'
    );
    const three = await file('three-cells.csv', 'Points,Score__c\nState,Status__c,Result__c\n');
    await expect(
      run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`), { mappingFile: three })
    ).rejects.toThrow(/three-cells\.csv, line 2: expected two cells separated by ","/);
    const quote = await file('quote.csv', 'Points,Score__c\n"State,Status__c\n');
    await expect(
      run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`), { mappingFile: quote })
    ).rejects.toThrow(/^.*quote\.csv, line \d+: /);
  });

  it('without the mapping the same headers are unknown columns', async () => {
    await expect(run('Training_Record__c', await file('mapped.csv', `${header}\n${body}`))).rejects.toThrow(
      /Unknown columns "Unique ref", "Class code", "Shop, country", "Who", "State", "Points"/
    );
  });
});

describe('--encoding and byte-order marks', () => {
  const markets = 'Country_Code__c;Name\nCN;中国\nHK;香港特别行政区\nTW;"台湾\n(Taiwan)"\n';

  it('reads GB18030 (Chinese Windows) with --encoding gb18030', async () => {
    const path = await file('markets-gb.csv', iconv.encode(markets, 'gb18030'));
    const result = await run('Market__c', path, { encoding: 'gb18030' });
    expect(result).toMatchObject({ read: 3, invalid: 0, succeeded: 3 });
    const names = byKey('Market__c', 'Country_Code__c');
    expect(names.get('CN')?.Name).toBe('中国');
    expect(names.get('HK')?.Name).toBe('香港特别行政区');
    expect(names.get('TW')?.Name).toBe('台湾\n(Taiwan)');
  });

  it.each([
    ['shift_jis', 'JP', '日本（東京）'],
    ['cp932', 'JP', '日本 ① 髙島屋'],
    ['windows-1256', 'SA', 'المملكة العربية السعودية'],
    ['windows-1252', 'FO', 'Færøerne'],
    ['big5', 'TW', '臺灣'],
  ])('reads %s with --encoding (%s: %s)', async (encoding, code, name) => {
    const bytes = iconv.encode(`Country_Code__c,Name\n${code},"${name}"\n`, encoding);
    // The bytes really are not UTF-8, so only --encoding can read them.
    expect(bytes.toString('utf8')).not.toContain(name);
    const result = await run('Market__c', await file(`market-${encoding}.csv`, bytes), { encoding });
    expect(result).toMatchObject({ read: 1, invalid: 0, succeeded: 1 });
    expect(byKey('Market__c', 'Country_Code__c').get(code)?.Name).toBe(name);
  });

  // Files are read 256 KB at a time: a multi-byte character cut in two by a chunk must be joined again.
  it.each(['gb18030', 'utf8'])('%s: characters split between read chunks come out whole', async (encoding) => {
    const names = Array.from({ length: 5000 }, (_, index) => `${'𠮷服务部门'.repeat(12)}${index}`);
    const text = `Unit_Code__c,Name\n${names.map((name, index) => `U${index},${name}`).join('\n')}\n`;
    const bytes = iconv.encode(text, encoding);
    expect(bytes.length).toBeGreaterThan(2 * 256 * 1024);
    const result = await run('Service_Unit__c', await file(`units-${encoding}.csv`, bytes), { encoding, bulk: true });
    expect(result).toMatchObject({ read: 5000, invalid: 0, succeeded: 5000 });
    const stored = byKey('Service_Unit__c', 'Unit_Code__c');
    expect(names.filter((name, index) => stored.get(`U${index}`)?.Name !== name)).toEqual([]);
  });

  it('the same GB18030 file without --encoding is rejected row by row as not UTF-8', async () => {
    const path = await file('markets-gb.csv', iconv.encode(markets, 'gb18030'));
    const result = await run('Market__c', path);
    expect(result).toMatchObject({ read: 3, invalid: 3, succeeded: 0 });
    expect(result.errors[0]).toEqual({
      row: 2,
      reason: expect.stringMatching(/^Name: the text is not valid UTF-8 .*pass --encoding/),
    });
  });

  it('an unknown --encoding is a clear error naming the file', async () => {
    const path = await file('markets.csv', markets);
    await expect(run('Market__c', path, { encoding: 'klingon-8' })).rejects.toThrow(
      /markets\.csv: Unknown encoding "klingon-8"/
    );
  });

  it('decodes UTF-16BE with a BOM; the BOM wins over a wrong --encoding', async () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(markets, 'utf16-be')]);
    const path = await file('markets-be.csv', bytes);
    const result = await run('Market__c', path, { encoding: 'windows-1252' });
    expect(result).toMatchObject({ read: 3, invalid: 0, succeeded: 3 });
    expect(byKey('Market__c', 'Country_Code__c').get('HK')?.Name).toBe('香港特别行政区');
    expect(byKey('Market__c', 'Country_Code__c').get('TW')?.Name).toBe('台湾\n(Taiwan)');
  });

  it('reads Danish Excel "Unicode text": UTF-16LE with BOM, tabs, CRLF, decimal comma', async () => {
    const text = [
      'Record_Key__c\tCourse__c\tMarket__c\tParticipant\tStatus__c\tScore__c\tCompleted_On__c',
      'X-1\tCQ-101\tDK\tanna@example.com\tGennemført\t87,5\t20.02.2026',
      'X-2\tCQ-101\tDK\tbo@example.com\tI gang\t\t',
      '',
    ].join('\r\n');
    const path = await file('training.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]));
    const result = await run('Training_Record__c', path, { locale: 'da_DK', dateFormat: 'dd.mm.yyyy' });
    expect(result).toMatchObject({ read: 2, invalid: 0, succeeded: 2 });
    const records = byKey('Training_Record__c');
    expect(records.get('X-1')).toMatchObject({ Status__c: 'Completed', Score__c: 87.5, Completed_On__c: '2026-02-20' });
    expect(records.get('X-2')).toMatchObject({ Status__c: 'In Progress', Participant_Contact__c: ids.bo });
  });
});

describe('references', () => {
  it('finds a partner Account by name or by its external ID, without case; unknown ones name the value', async () => {
    const acme = org.insert('Account', { Name: 'Acme BPO', Partner_Code__c: 'ACME-01' });
    const nordic = org.insert('Account', { Name: 'Nordic Care', Partner_Code__c: 'NC-7' });
    const path = await file(
      'reviews.csv',
      'Name,Partner__c,Period__c,Market__c\n' +
        'Acme 2026-Q3,Acme BPO,2026-Q3,DK\n' +
        'Nordic 2026-Q3,nc-7,2026-Q3,\n' +
        'Ghost 2026-Q3,Ghost Ltd,2026-Q3,DK\n'
    );
    const result = await run('Partner_Review__c', path);
    expect(result).toMatchObject({ read: 3, invalid: 1, succeeded: 2 });
    expect(result.errors).toEqual([
      {
        row: 4,
        reason: 'Partner__c: no record found for "Ghost Ltd" (looked up Account by Name or Partner_Code__c).',
      },
    ]);
    // Without a key column the key is made of the partner (as written, lower case) and the period.
    const reviews = byKey('Partner_Review__c', 'Review_Key__c');
    expect(reviews.get('acme bpo|2026-Q3')).toMatchObject({ Partner__c: acme, Market__c: ids.dk });
    expect(reviews.get('nc-7|2026-Q3')).toMatchObject({ Partner__c: nordic });
    expect(reviews.get('nc-7|2026-Q3')?.Market__c).toBeUndefined();
  });

  it('a participant given by username is the User, UTF-16LE without a BOM is still read', async () => {
    org.insert('Contact', { Email: 'anna@example.com.glocal' });
    const text = 'Record_Key__c\tCourse__c\tMarket__c\tParticipant\nU-1\tCQ-101\tDK\tAnna@Example.com.glocal\n';
    const result = await run('Training_Record__c', await file('users.txt', iconv.encode(text, 'utf16le')));
    expect(result).toMatchObject({ read: 1, invalid: 0, succeeded: 1 });
    expect(org.all('Training_Record__c')[0]).toMatchObject({ Participant_User__c: ids.anna });
  });

  it('an Account name two partners share is ambiguous, naming the value', async () => {
    org.insert('Account', { Name: 'Twin Corp', Partner_Code__c: 'TW-1' });
    org.insert('Account', { Name: 'Twin Corp', Partner_Code__c: 'TW-2' });
    const path = await file('reviews.csv', 'Name,Partner,Period__c\nTwin,Twin Corp,2026-Q1\nTwin 2,TW-2,2026-Q1\n');
    const result = await run('Partner_Review__c', path);
    expect(result).toMatchObject({ invalid: 1, succeeded: 1 });
    expect(result.errors).toEqual([
      { row: 2, reason: expect.stringMatching(/^Partner: "Twin Corp" is ambiguous: 2 Account records match \(/) },
    ]);
  });

  it('finds service units by name or unit code for the rated and the rating unit', async () => {
    const desk = org.insert('Service_Unit__c', { Name: 'IT Service Desk', Unit_Code__c: 'IT' });
    const hr = org.insert('Service_Unit__c', { Name: 'People & Culture', Unit_Code__c: 'HR' });
    const path = await file(
      'internal.csv',
      'Feedback_Key__c,Rated Unit,Rating Unit,Period__c,CSAT__c,Trust__c\n' +
        'IF-1,it service desk,HR,2026-Q2,4,5\n' +
        'IF-2,People & Culture,IT Service Desk,2026-Q2,2,\n' +
        'IF-3,Canteen,IT,2026-Q2,3,\n'
    );
    const result = await run('Internal_Feedback__c', path);
    expect(result).toMatchObject({ read: 3, invalid: 1, succeeded: 2 });
    expect(result.errors[0]).toEqual({
      row: 4,
      reason: 'Rated Unit: no record found for "Canteen" (looked up Service_Unit__c by Unit_Code__c or Name).',
    });
    const feedback = byKey('Internal_Feedback__c', 'Feedback_Key__c');
    expect(feedback.get('IF-1')).toMatchObject({ Rated_Unit__c: desk, Rating_Unit__c: hr, CSAT__c: 4, Trust__c: 5 });
    expect(feedback.get('IF-2')).toMatchObject({ Rated_Unit__c: hr, Rating_Unit__c: desk, CSAT__c: 2 });
  });

  it('a participant who is both a User and a Contact is the User; two Contacts are ambiguous', async () => {
    org.insert('Contact', { Email: 'anna@example.com' });
    org.insert('Contact', { Email: 'twin@example.com' });
    org.insert('Contact', { Email: 'Twin@Example.com' });
    const path = await file(
      'cq.csv',
      'Market__c,Participant,Assessed_On__c,Instrument__c,Metacognitive__c,Cognitive__c,Motivational__c,Behavioral__c\n' +
        'DK,ANNA@example.com,2026-03-01,Internal,5.5,4.25,6,3\n' +
        'DK,twin@example.com,2026-03-01,Internal,5,5,5,5\n'
    );
    const result = await run('CQ_Assessment__c', path);
    expect(result).toMatchObject({ read: 2, invalid: 1, succeeded: 1 });
    expect(result.errors).toEqual([
      {
        row: 3,
        reason: expect.stringMatching(/^Participant: "twin@example.com" is ambiguous: 2 Contact records match/),
      },
    ]);
    const [assessment] = org.all('CQ_Assessment__c');
    expect(assessment).toMatchObject({
      Participant_User__c: ids.anna,
      Market__c: ids.dk,
      Metacognitive__c: 5.5,
      Cognitive__c: 4.25,
      Record_Key__c: 'dk|anna@example.com|2026-03-01|Internal',
    });
    expect(assessment.Participant_Contact__c).toBeUndefined();
  });
});

function trainingRows(count: number, prefix = 'B'): string {
  let text = 'Record_Key__c,Course__c,Market__c,Participant,Status__c\n';
  for (let index = 0; index < count; index++) text += `${prefix}-${index},CQ-101,DK,bo@example.com,Assigned\n`;
  return text;
}

describe('choosing between sObject Collections and Bulk API 2.0', () => {
  it(`the default threshold is ${DEFAULT_BULK_THRESHOLD} valid rows: at it collections, above it Bulk`, async () => {
    expect(DEFAULT_BULK_THRESHOLD).toBe(2000);
    const atThreshold = await run('Training_Record__c', await file('at.csv', trainingRows(2000, 'A')));
    expect(atThreshold).toMatchObject({ mode: 'collections', succeeded: 2000, jobIds: [] });
    expect(org.upsertCalls).toEqual(Array(10).fill(200));

    const above = await run('Training_Record__c', await file('above.csv', trainingRows(2001, 'B')));
    expect(above).toMatchObject({ mode: 'bulk', status: 'complete', sent: 2001, succeeded: 2001 });
    expect(above.jobIds).toHaveLength(1);
    expect(org.upsertCalls).toHaveLength(10);
    expect(org.all('Training_Record__c')).toHaveLength(4001);
  });

  it('counts only valid rows: 2,001 rows with one bad one stay in collections', async () => {
    const text = trainingRows(2001).replace(
      'B-7,CQ-101,DK,bo@example.com,Assigned',
      'B-7,CQ-101,DK,bo@example.com,Done'
    );
    const result = await run('Training_Record__c', await file('mixed.csv', text));
    expect(result).toMatchObject({ mode: 'collections', read: 2001, invalid: 1, succeeded: 2000 });
  });

  it.each([
    [2, 'bulk'],
    [3, 'collections'],
  ])('with bulkThreshold %s, three rows load through %s; --bulk / --no-bulk override it', async (threshold, mode) => {
    const path = await file('three.csv', trainingRows(3));
    expect(await run('Training_Record__c', path, { bulkThreshold: threshold })).toMatchObject({ mode, succeeded: 3 });
    expect(await run('Training_Record__c', path, { bulkThreshold: threshold, bulk: mode !== 'bulk' })).toMatchObject({
      mode: mode === 'bulk' ? 'collections' : 'bulk',
      succeeded: 3,
    });
  });
});

describe('the Bulk poll interval', () => {
  it('is 5 s unless GLOCAL_POLL_INTERVAL_MS gives a number ≥ 0', () => {
    expect(defaultPollInterval({})).toBe(5000);
    expect(defaultPollInterval({ GLOCAL_POLL_INTERVAL_MS: '50' })).toBe(50);
    expect(defaultPollInterval({ GLOCAL_POLL_INTERVAL_MS: '0' })).toBe(0);
    expect(defaultPollInterval({ GLOCAL_POLL_INTERVAL_MS: '' })).toBe(5000);
    expect(defaultPollInterval({ GLOCAL_POLL_INTERVAL_MS: 'soon' })).toBe(5000);
    expect(defaultPollInterval({ GLOCAL_POLL_INTERVAL_MS: '-1' })).toBe(5000);
  });

  describe('between polls of a running job the import waits', () => {
    const realSetTimeout = globalThis.setTimeout;
    const savedEnv = process.env.GLOCAL_POLL_INTERVAL_MS;
    let delays: number[];

    beforeEach(() => {
      // Record each wait the pipeline asks for, but do not sleep it.
      delays = [];
      globalThis.setTimeout = ((callback: () => void, ms?: number) => {
        delays.push(ms ?? 0);
        return realSetTimeout(callback, 0);
      }) as typeof setTimeout;
    });

    afterEach(() => {
      globalThis.setTimeout = realSetTimeout;
      if (savedEnv === undefined) delete process.env.GLOCAL_POLL_INTERVAL_MS;
      else process.env.GLOCAL_POLL_INTERVAL_MS = savedEnv;
    });

    it.each([
      [undefined, 5000],
      ['120', 120],
    ])('GLOCAL_POLL_INTERVAL_MS=%s: at least %s ms', async (fromEnv, expected) => {
      if (fromEnv === undefined) delete process.env.GLOCAL_POLL_INTERVAL_MS;
      else process.env.GLOCAL_POLL_INTERVAL_MS = fromEnv;
      org.pollsUntilComplete = 2;
      const path = await file('three.csv', trainingRows(3));
      const result = await importRecords(org, { object: 'Training_Record__c', file: path, bulk: true });
      expect(result).toMatchObject({ mode: 'bulk', status: 'complete', succeeded: 3 });
      // Polls may slow down as a job runs on, never speed up: the first wait is the interval.
      expect(delays).toHaveLength(2);
      expect(delays[0]).toBe(expected);
      expect(Math.min(...delays)).toBe(expected);
    });
  });
});

describe('--date-format', () => {
  it.each([
    ['yyyy/mm/dd', '2026/01/05', '2026/02/31'],
    ['dd/mm/yyyy', '05/01/2026', '31/02/2026'],
    ['mm/dd/yyyy', '01/05/2026', '02/31/2026'],
    ['d.m.yyyy', '5.1.2026', '31.2.2026'],
    ['dd-mm-yyyy', '05-01-2026', '31-02-2026'],
    ['dd.mm.yyyy', '05.01.2026', '31.02.2026'],
  ])('%s: %s is 5 January 2026, %s is refused naming the format', async (format, valid, impossible) => {
    const path = await file(
      'dates.csv',
      'Record_Key__c,Course__c,Market__c,Participant,Assigned_On__c,Due_On__c\n' +
        `D-1,CQ-101,DK,bo@example.com,${valid},2026-03-31\n` +
        `D-2,CQ-101,DK,bo@example.com,${impossible},\n`
    );
    const result = await run('Training_Record__c', path, { dateFormat: format });
    expect(result).toMatchObject({ read: 2, invalid: 1, succeeded: 1 });
    expect(result.errors).toEqual([
      { row: 3, reason: `Assigned_On__c: "${impossible}" is not a date in ${format} or yyyy-mm-dd.` },
    ]);
    // ISO dates are accepted whatever the format.
    expect(org.all('Training_Record__c')).toEqual([
      expect.objectContaining({ Record_Key__c: 'D-1', Assigned_On__c: '2026-01-05', Due_On__c: '2026-03-31' }),
    ]);
  });

  it('the format decides between day and month, and knows leap years', async () => {
    const text =
      'Record_Key__c,Course__c,Market__c,Participant,Assigned_On__c\n' +
      'L-1,CQ-101,DK,bo@example.com,03/04/2026\n' +
      'L-2,CQ-101,DK,bo@example.com,02/29/2028\n' +
      'L-3,CQ-101,DK,bo@example.com,02/29/2026\n';
    const american = await run('Training_Record__c', await file('us.csv', text), { dateFormat: 'mm/dd/yyyy' });
    expect(american).toMatchObject({ invalid: 1, succeeded: 2 });
    expect(american.errors.map((error) => error.row)).toEqual([4]);
    expect(byKey('Training_Record__c').get('L-1')?.Assigned_On__c).toBe('2026-03-04');
    expect(byKey('Training_Record__c').get('L-2')?.Assigned_On__c).toBe('2028-02-29');

    const european = await run('Training_Record__c', await file('eu.csv', text), { dateFormat: 'dd/mm/yyyy' });
    expect(european.errors.map((error) => error.row)).toEqual([3, 4]);
    expect(byKey('Training_Record__c').get('L-1')?.Assigned_On__c).toBe('2026-04-03');
  });

  it('without --date-format a non-ISO date asks for one', async () => {
    const path = await file(
      'nodate.csv',
      'Record_Key__c,Course__c,Market__c,Participant,Assigned_On__c\nN-1,CQ-101,DK,bo@example.com,05/01/2026\n'
    );
    const result = await run('Training_Record__c', path);
    expect(result.errors).toEqual([
      {
        row: 2,
        reason:
          'Assigned_On__c: "05/01/2026" is not a date in yyyy-mm-dd (pass --date-format, for example dd.mm.yyyy).',
      },
    ]);
  });
});

const translationXml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'picklistValues',
});

/** A field's label and its picklist translations, read from the pack's translation file for `language`. */
async function translation(
  language: string,
  fieldName: string,
  object = 'Training_Record__c'
): Promise<{ label: string; values: Map<string, string> }> {
  const path = join(
    packMetadataDir(),
    'objectTranslations',
    `${object}-${language}`,
    `${fieldName}.fieldTranslation-meta.xml`
  );
  const parsed = translationXml.parse(await readFile(path, 'utf8')) as {
    CustomFieldTranslation: { label: string; picklistValues?: Array<{ masterLabel: string; translation: string }> };
  };
  const { label, picklistValues = [] } = parsed.CustomFieldTranslation;
  return { label, values: new Map(picklistValues.map((value) => [value.masterLabel, value.translation])) };
}

/** The translations of a global value set's values for `language` (masterLabel → translation). */
async function valueSetTranslation(valueSet: string, language: string): Promise<Map<string, string>> {
  const path = join(
    packMetadataDir(),
    'globalValueSetTranslations',
    `${valueSet}-${language}.globalValueSetTranslation-meta.xml`
  );
  const parsed = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => name === 'valueTranslation',
  }).parse(await readFile(path, 'utf8')) as {
    GlobalValueSetTranslation: { valueTranslation: Array<{ masterLabel: string; translation: string }> };
  };
  return new Map(
    parsed.GlobalValueSetTranslation.valueTranslation.map((value) => [value.masterLabel, value.translation])
  );
}

const LANGUAGES = ['da', 'zh_CN', 'de', 'ja', 'ar', 'fr', 'es', 'pt_BR'];

describe('column labels and picklist values in the pack languages', () => {
  it.each(LANGUAGES)(
    '%s: training record headers and status values as the translation files give them',
    async (language) => {
      const names = [
        'Record_Key__c',
        'Course__c',
        'Market__c',
        'Participant_User__c',
        'Status__c',
        'Result__c',
        'Assigned_On__c',
        'Completed_On__c',
        'Score__c',
      ];
      const translated = await Promise.all(names.map((name) => translation(language, name)));
      const header = translated.map((entry) => entry.label);
      // The labels differ from the API names, so the mapping below really goes through them.
      expect(header.filter((label, index) => label === names[index])).toEqual([]);
      const status = translated[4].values;
      const result = translated[5].values;
      const text = [
        header,
        [
          'L-1',
          'CQ-101',
          'DK',
          'anna@example.com',
          status.get('Completed'),
          result.get('Pass'),
          '2026-01-05',
          '2026-02-20',
          '88',
        ],
        [
          'L-2',
          'CQ-101',
          'DE',
          'anna@example.com',
          status.get('Withdrawn'),
          result.get('Pending'),
          '2026-01-06',
          '',
          '',
        ],
      ]
        .map((cells) => cells.map((cell) => `"${cell ?? ''}"`).join(','))
        .join('\n');
      const path = await file(`training-${language}.csv`, text);
      const imported = await run('Training_Record__c', path);
      expect(imported).toMatchObject({ read: 2, invalid: 0, succeeded: 2 });
      const records = byKey('Training_Record__c');
      expect(records.get('L-1')).toMatchObject({
        Course__c: ids.cq101,
        Market__c: ids.dk,
        Participant_User__c: ids.anna,
        Status__c: 'Completed',
        Result__c: 'Pass',
        Assigned_On__c: '2026-01-05',
        Completed_On__c: '2026-02-20',
        Score__c: 88,
      });
      expect(records.get('L-2')).toMatchObject({ Market__c: ids.de, Status__c: 'Withdrawn', Result__c: 'Pending' });
    }
  );
});

describe('partner feedback in the pack languages', () => {
  const fields = [
    'Feedback_Key__c',
    'Partner_Review__c',
    'Direction__c',
    'Communication__c',
    'Trust__c',
    'Collaboration__c',
    'Recommend__c',
    'Status__c',
  ];

  async function feedbackSheet(language: string, direction: (values: Map<string, string>) => string): Promise<string> {
    const translated = await Promise.all(fields.map((name) => translation(language, name, 'Partner_Feedback__c')));
    const status = await valueSetTranslation('Glocal_Feedback_Status', language);
    const cells = ['PF-1', 'ACME-Q3', direction(translated[2].values), '4', '5', '3', '9', status.get('Submitted')];
    return [translated.map((entry) => entry.label), cells]
      .map((row) => row.map((cell) => `"${cell ?? ''}"`).join(';'))
      .join('\n');
  }

  beforeEach(() => {
    const acme = org.insert('Account', { Name: 'Acme BPO' });
    org.insert('Partner_Review__c', {
      Review_Key__c: 'ACME-Q3',
      Name: 'Acme Q3',
      Partner__c: acme,
      Period__c: '2026-Q3',
    });
  });

  it.each(LANGUAGES)('%s: headers and the feedback status (a global value set) as translated', async (language) => {
    const path = await file(`feedback-${language}.csv`, await feedbackSheet(language, () => 'Company to Partner'));
    const result = await run('Partner_Feedback__c', path);
    expect(result).toMatchObject({ read: 1, invalid: 0, succeeded: 1 });
    expect(org.all('Partner_Feedback__c')[0]).toMatchObject({
      Feedback_Key__c: 'PF-1',
      Partner_Review__c: org.all('Partner_Review__c')[0].Id,
      Direction__c: 'Company to Partner',
      Trust__c: 5,
      Recommend__c: 9,
      Status__c: 'Submitted',
    });
  });

  // The pack's translation files key picklist values by API name (<masterLabel>Company to
  // Partner</masterLabel>), while the English label is "Company → Partner": the translation must
  // be found through the API name.
  it.each(LANGUAGES)('%s: the Direction value as translated', async (language) => {
    const path = await file(
      `feedback-${language}.csv`,
      await feedbackSheet(language, (values) => values.get('Company to Partner') ?? 'missing translation')
    );
    const result = await run('Partner_Feedback__c', path);
    expect(result).toMatchObject({ read: 1, invalid: 0, succeeded: 1 });
    expect(org.all('Partner_Feedback__c')[0]).toMatchObject({ Direction__c: 'Company to Partner' });
  });
});

describe('translated values of global value sets whose labels differ from their API names', () => {
  // Glocal_Language's values are codes with English labels (da / "Danish"); its translation files
  // key them by code (<masterLabel>da</masterLabel><translation>Dänisch</translation>).
  it.each(LANGUAGES)('%s: every language name maps to its code', async (language) => {
    const labels = await readPackLabels(packMetadataDir());
    const known = labels.picklistLabels.get('Market__c.Language__c');
    const translations = await valueSetTranslation('Glocal_Language', language);
    expect(translations.size).toBeGreaterThan(8);
    const mapped = [...translations].map(([, name]) => [name, known?.get(normalizeLabel(name))]);
    expect(mapped).toEqual([...translations].map(([code, name]) => [name, code]));
  });
});

describe('--locale numbers', () => {
  const scores = (values: string[]): string =>
    'Record_Key__c;Course__c;Market__c;Participant;Score__c\n' +
    values.map((value, index) => `S-${index};CQ-101;DE;bo@example.com;${value}`).join('\n');

  it('de_DE reads a decimal comma and refuses a decimal point', async () => {
    const result = await run('Training_Record__c', await file('de.csv', scores(['87,5', '0,25', '87.5'])), {
      locale: 'de_DE',
    });
    expect(result).toMatchObject({ read: 3, invalid: 1, succeeded: 2 });
    expect(result.errors).toEqual([{ row: 4, reason: 'Score__c: "87.5" is not a number.' }]);
    expect(byKey('Training_Record__c').get('S-0')?.Score__c).toBe(87.5);
    expect(byKey('Training_Record__c').get('S-1')?.Score__c).toBe(0.25);
  });

  it('fr_FR reads a decimal comma and a space, no-break space or narrow no-break space between thousands', async () => {
    const result = await run('Training_Record__c', await file('fr.csv', scores(['87,5', '99,99'])), {
      locale: 'fr_FR',
    });
    expect(result).toMatchObject({ invalid: 0, succeeded: 2 });
    expect(byKey('Training_Record__c').get('S-1')?.Score__c).toBe(99.99);

    // Power distance has three digits at most: 1 000 written the French way is read as 1000 and refused as too large.
    const markets =
      'Country_Code__c;Name;Power_Distance__c\nFR;France;68\nBE;Belgique;1 000\nCH;Suisse;1\u00a0000\nLU;Luxembourg;1\u202f000\n';
    const french = await run('Market__c', await file('markets-fr.csv', markets), { locale: 'fr_FR' });
    expect(french).toMatchObject({ read: 4, invalid: 3, succeeded: 1 });
    expect(french.errors.map((error) => error.reason)).toEqual(
      Array(3).fill('Power_Distance__c: 1000 is too large (at most 3 digits before the decimal point).')
    );
    expect(byKey('Market__c', 'Country_Code__c').get('FR')?.Power_Distance__c).toBe(68);

    const english = await run('Market__c', await file('markets-en.csv', markets));
    expect(english.errors[0]).toEqual({ row: 3, reason: 'Power_Distance__c: "1 000" is not a number.' });
  });

  // Intl writes ar_SA and ar_EG numbers with Arabic-Indic digits and the Arabic separators "٫" and "٬".
  it('ar_SA reads numbers as the locale writes them (Arabic-Indic digits, "٫")', async () => {
    const result = await run('Training_Record__c', await file('ar.csv', scores(['٨٧٫٥', '٨٨'])), { locale: 'ar_SA' });
    expect(result).toMatchObject({ invalid: 0, succeeded: 2 });
    expect(byKey('Training_Record__c').get('S-0')?.Score__c).toBe(87.5);
    expect(byKey('Training_Record__c').get('S-1')?.Score__c).toBe(88);
  });

  it('ar_SA also reads Western digits; the group separator "٬" counts only in groups of three', async () => {
    const result = await run('Training_Record__c', await file('ar.csv', scores(['87.5', '٨٧.٥', '٨٧٬٥'])), {
      locale: 'ar_SA',
    });
    expect(result).toMatchObject({ read: 3, invalid: 1, succeeded: 2 });
    expect(result.errors).toEqual([{ row: 4, reason: 'Score__c: "٨٧٬٥" is not a number.' }]);
    expect(byKey('Training_Record__c').get('S-0')?.Score__c).toBe(87.5);
    expect(byKey('Training_Record__c').get('S-1')?.Score__c).toBe(87.5);

    // Power distance has three digits at most: ١٬٠٠٠ is read as 1000 and refused as too large.
    const markets = 'Country_Code__c;Name;Power_Distance__c\nSA;السعودية;٩٥\nEG;مصر;١٬٠٠٠\n';
    const arabic = await run('Market__c', await file('markets-ar.csv', markets), { locale: 'ar_SA' });
    expect(arabic.errors).toEqual([
      { row: 3, reason: 'Power_Distance__c: 1000 is too large (at most 3 digits before the decimal point).' },
    ]);
    expect(byKey('Market__c', 'Country_Code__c').get('SA')?.Power_Distance__c).toBe(95);
  });

  it('fa reads Persian digits (and Arabic-Indic ones) with "٫"', async () => {
    const result = await run('Training_Record__c', await file('fa.csv', scores(['۸۷٫۵', '٩٠', '۹۹٫۲۵'])), {
      locale: 'fa_IR',
    });
    expect(result).toMatchObject({ invalid: 0, succeeded: 3 });
    expect(['S-0', 'S-1', 'S-2'].map((key) => byKey('Training_Record__c').get(key)?.Score__c)).toEqual([
      87.5, 90, 99.25,
    ]);
  });

  it('ar_EG with --date-format reads dates in Arabic-Indic digits too', async () => {
    const text =
      'Record_Key__c;Course__c;Market__c;Participant;Assigned_On__c;Score__c\n' +
      'E-1;CQ-101;DE;bo@example.com;٠٥/٠١/٢٠٢٦;٩٠٫٥\n' +
      'E-2;CQ-101;DE;bo@example.com;05/01/2026;\n' +
      'E-3;CQ-101;DE;bo@example.com;٣١/٠٢/٢٠٢٦;\n';
    const result = await run('Training_Record__c', await file('eg.csv', text), {
      locale: 'ar_EG',
      dateFormat: 'dd/mm/yyyy',
    });
    expect(result).toMatchObject({ read: 3, invalid: 1, succeeded: 2 });
    expect(result.errors).toEqual([
      { row: 4, reason: 'Assigned_On__c: "٣١/٠٢/٢٠٢٦" is not a date in dd/mm/yyyy or yyyy-mm-dd.' },
    ]);
    expect(byKey('Training_Record__c').get('E-1')).toMatchObject({ Assigned_On__c: '2026-01-05', Score__c: 90.5 });
    expect(byKey('Training_Record__c').get('E-2')?.Assigned_On__c).toBe('2026-01-05');
  });

  it('without --locale Arabic-Indic digits are not a number', async () => {
    const result = await run('Training_Record__c', await file('plain-ar.csv', scores(['٨٧'])));
    expect(result.errors).toEqual([{ row: 2, reason: 'Score__c: "٨٧" is not a number.' }]);
  });

  it('ar (no region) reads Western digits with a decimal point', async () => {
    const result = await run('Training_Record__c', await file('ar.csv', scores(['87.5'])), { locale: 'ar' });
    expect(result).toMatchObject({ invalid: 0, succeeded: 1 });
    expect(byKey('Training_Record__c').get('S-0')?.Score__c).toBe(87.5);
  });

  it('without --locale a decimal comma is refused with a hint', async () => {
    const result = await run('Training_Record__c', await file('plain.csv', scores(['87,5'])));
    expect(result.errors).toEqual([
      {
        row: 2,
        reason: 'Score__c: "87,5" is not a number. It has a decimal comma: pass --locale (for example da_DK).',
      },
    ]);
  });
});
