import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeEach } from '@jest/globals';
import { importRecords, type ImportOptions } from '../../src/records/importRecords.js';
import { normalizeLabel, type PackLabels } from '../../src/records/packLabels.js';
import { parse } from 'csv-parse/sync';
import { FakeOrg } from './fakeOrg.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'records');

// Danish labels as the pack's translations would give them.
const labels: PackLabels = {
  fieldLabels: new Map([
    [
      'Training_Record__c',
      new Map([
        [normalizeLabel('Uddannelsesforløb'), 'Course__c'],
        [normalizeLabel('Status'), 'Status__c'],
      ]),
    ],
  ]),
  picklistLabels: new Map([
    [
      'Training_Record__c.Status__c',
      new Map([
        [normalizeLabel('Gennemført'), 'Completed'],
        [normalizeLabel('Tildelt'), 'Assigned'],
      ]),
    ],
  ]),
};

let dir: string;
let org: FakeOrg;

async function fixture(name: string): Promise<string> {
  const target = join(dir, name);
  await copyFile(join(fixtures, name), target);
  return target;
}

function run(file: string, extra: Partial<ImportOptions> = {}): ReturnType<typeof importRecords> {
  return importRecords(org, { object: 'Training_Record__c', file, labels, pollIntervalMs: 0, ...extra });
}

async function errorsOf(file: string): Promise<Array<Record<string, string>>> {
  return parse(await readFile(file, 'utf8'), { columns: true, bom: true, delimiter: [',', ';', '\t'] }) as Array<
    Record<string, string>
  >;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glocal-records-'));
  org = new FakeOrg();
  org.insert('Training_Course__c', { Course_Code__c: 'CQ-101', Name: 'CQ basics' });
  org.insert('Market__c', { Country_Code__c: 'DK', Name: 'Denmark' });
  org.insert('Market__c', { Country_Code__c: 'CN', Name: 'China' });
  org.insert('User', { Username: 'anna@example.com.glocal', Email: 'anna@example.com' });
  org.insert('Contact', { Email: 'bo@example.com' });
  org.insert('Contact', { Email: 'li.wei@example.cn' });
});

describe('importRecords: real spreadsheet files', () => {
  it('loads a Danish Excel file: semicolons, decimal comma, dd.mm.yyyy, translated labels and values', async () => {
    const file = await fixture('training-da.csv');
    const result = await run(file, { locale: 'da_DK', dateFormat: 'dd.mm.yyyy' });

    expect(result).toMatchObject({ read: 2, invalid: 0, sent: 2, succeeded: 2, failed: 0, mode: 'collections' });
    expect(result.errorsFile).toBeUndefined();
    const [first, second] = org.all('Training_Record__c');
    expect(first).toMatchObject({
      Record_Key__c: 'DK-1',
      Status__c: 'Completed',
      Assigned_On__c: '2026-01-05',
      Completed_On__c: '2026-02-20',
      Score__c: 87.5,
      Participant_User__c: org.all('User')[0].Id,
      Course__c: org.all('Training_Course__c')[0].Id,
    });
    // Course code and country code match without case; bo is a Contact, not a User.
    expect(second).toMatchObject({ Status__c: 'Assigned', Participant_Contact__c: org.all('Contact')[0].Id });
    expect(second.Participant_User__c).toBeUndefined();
  });

  it('reads UTF-16LE with BOM, tab separated (Excel "Unicode text"), with a contact from China', async () => {
    const result = await run(await fixture('training-utf16.txt'));
    expect(result).toMatchObject({ read: 2, invalid: 0, succeeded: 2 });
    expect(
      org.all('Training_Record__c').map((record) => record.Participant_Contact__c ?? record.Participant_User__c)
    ).toEqual([org.all('Contact')[1].Id, org.all('User')[0].Id]);
  });

  it('reads UTF-8 with BOM and quoted newlines', async () => {
    const result = await importRecords(org, { object: 'Market__c', file: await fixture('markets-zh.csv'), labels });
    expect(result).toMatchObject({ read: 2, succeeded: 2 });
    expect(org.all('Market__c').find((market) => market.Country_Code__c === 'TW')?.Name).toBe('台湾\n(Taiwan)');
    expect(org.all('Market__c').find((market) => market.Country_Code__c === 'CN')?.Name).toBe('中国');
  });

  it('resolves references with one query per target object, not per row', async () => {
    await run(await fixture('training-quoted-newlines.csv'));
    expect(org.queries.filter((soql) => soql.includes('FROM Training_Course__c'))).toHaveLength(1);
    expect(org.queries.filter((soql) => soql.includes('FROM User'))).toHaveLength(1);
    expect(org.queries.filter((soql) => soql.includes('FROM Contact'))).toHaveLength(1);
  });
});

describe('importRecords: bad input names the row and column, and keeps the good rows', () => {
  it('an unclosed quote rejects its row, naming the column; the rows after it load', async () => {
    const file = await fixture('bad-unclosed-quote.csv');
    const result = await run(file);
    expect(result).toMatchObject({ read: 3, invalid: 1, succeeded: 2 });
    expect(result.readError).toBeUndefined();
    expect(result.errors).toEqual([
      {
        row: 3,
        reason:
          'Market__c: a quoted field opens here and is never closed (add the closing quote, or remove the stray one).',
      },
    ]);
    expect(org.all('Training_Record__c').map((record) => record.Record_Key__c)).toEqual(['U-1', 'U-3']);
    // The errors file has the row's cells as far as they go: the line read as if the quote were text.
    const errors = await errorsOf(result.errorsFile!);
    expect(errors).toEqual([
      {
        Record_Key__c: 'U-2',
        Course__c: 'CQ-101',
        Market__c: '"DK',
        Participant: 'bo@example.com',
        Status__c: 'Assigned',
        'Source Row': '3',
        'Import Error': result.errors[0].reason,
      },
    ]);

    // Removing the stray quote in the errors file and importing it finishes the load.
    const text = await readFile(result.errorsFile!, 'utf8');
    const fixed = join(dir, 'fixed.csv');
    await writeFile(fixed, text.replace('"""DK"', 'DK'));
    const again = await run(fixed);
    expect(again).toMatchObject({ read: 1, invalid: 0, succeeded: 1 });
    expect(again.errorsFile).toBeUndefined();
    expect(org.all('Training_Record__c').map((record) => record.Record_Key__c)).toEqual(['U-1', 'U-3', 'U-2']);
  });

  it('a quote still open after the longest field text ends its row; every later row is read', async () => {
    const file = join(dir, 'stray-quote.csv');
    const row = (key: string): string => `${key},CQ-101,DK,bo@example.com,Assigned`;
    const keys = (from: number, to: number): string[] =>
      Array.from({ length: to - from + 1 }, (_, index) => row(`S-${from + index}`));
    // A stray quote, then rows it would swallow and more text than any field holds (empty lines,
    // which are no rows), then a quote still open at the end of the file.
    const text = [
      'Record_Key__c,Course__c,Market__c,Participant,Status__c',
      row('S-1'),
      'S-2,CQ-101,DK,bo@example.com,"Assigned',
      ...keys(3, 52),
      '\n'.repeat(310_000),
      ...keys(53, 102),
      'S-103,CQ-101,DK,bo@example.com,"Assigned',
    ].join('\n');
    await writeFile(file, text);
    const result = await run(file);
    expect(result).toMatchObject({ read: 103, invalid: 2, succeeded: 101 });
    // Rows are counted as the spreadsheet shows them: empty lines are no rows.
    expect(result.errors).toEqual([
      {
        row: 3,
        reason:
          'Status__c: a quoted field opens here and is not closed within 300,000 characters (add the closing quote, or remove the stray one).',
      },
      { row: 104, reason: expect.stringMatching(/^Status__c: a quoted field opens here and is never closed/) },
    ]);
    expect(org.all('Training_Record__c')).toHaveLength(101);
  });

  it('bytes that are not UTF-8 are a row error naming the column', async () => {
    const result = await importRecords(org, { object: 'Market__c', file: await fixture('bad-encoding.csv'), labels });
    expect(result).toMatchObject({ read: 2, invalid: 1, succeeded: 1 });
    expect(result.errors[0]).toEqual({ row: 3, reason: expect.stringContaining('Name: the text is not valid UTF-8') });
  });

  it('an unknown column is an error listing the known ones', async () => {
    await expect(run(await fixture('bad-unknown-column.csv'))).rejects.toThrow(
      /Unknown column "Colour" for Training_Record__c\. Known columns: Course__c, Market__c, Participant.*Status__c/
    );
    expect(org.upsertCalls).toHaveLength(0);
  });

  it('bad types are row errors with row, column and value; the good row loads', async () => {
    const file = await fixture('bad-type.csv');
    const result = await run(file);
    expect(result).toMatchObject({ read: 3, invalid: 2, succeeded: 1 });
    expect(result.errors).toEqual([
      { row: 2, reason: 'Score__c: "eighty" is not a number.' },
      { row: 3, reason: expect.stringContaining('Assigned_On__c: "2026-13-45" is not a date') },
    ]);
    const errors = await errorsOf(result.errorsFile!);
    expect(errors.map((row) => [row['Record_Key__c'], row['Source Row']])).toEqual([
      ['T-1', '2'],
      ['T-2', '3'],
    ]);
  });

  it('a picklist value that is neither a value nor a label lists the allowed values', async () => {
    const result = await run(await fixture('bad-picklist.csv'));
    expect(result.errors).toEqual([
      { row: 2, reason: 'Status__c: "Done" is not one of Assigned, In Progress, Completed, Failed, Withdrawn.' },
    ]);
    expect(result.succeeded).toBe(1);
  });

  it('unknown references are row errors naming the value', async () => {
    const result = await run(await fixture('bad-unknown-reference.csv'));
    expect(result.errors.map((error) => error.row)).toEqual([2, 3]);
    expect(result.errors[0].reason).toMatch(
      /^Course__c: no record found for "NOPE-1" \(looked up Training_Course__c by Course_Code__c\)/
    );
    expect(result.errors[1].reason).toMatch(
      /Participant: no record found for "nobody@example.com" \(looked up User by Username or Email, then Contact by Email\)/
    );
    expect(result.succeeded).toBe(1);
  });

  it('an ambiguous participant is an error', async () => {
    org.insert('User', { Username: 'other@example.com', Email: 'anna@example.com' });
    const result = await run(await fixture('training-quoted-newlines.csv'));
    expect(result.errors[0]).toEqual({
      row: 2,
      reason: expect.stringMatching(/Participant: "anna@example.com" is ambiguous: 2 User records/),
    });
  });

  it('duplicate keys name both rows and neither row is loaded', async () => {
    const result = await run(await fixture('bad-duplicate-key.csv'));
    expect(result.errors).toEqual([
      { row: 2, reason: 'Record_Key__c: "D-1" is also the key of row 4 (duplicate key).' },
      { row: 4, reason: 'Record_Key__c: "d-1" is also the key of row 2 (duplicate key).' },
    ]);
    expect(org.all('Training_Record__c').map((record) => record.Record_Key__c)).toEqual(['D-2']);
  });

  it('an empty file and a header-only file are clear errors', async () => {
    await expect(run(await fixture('bad-empty.csv'))).rejects.toThrow(/is empty: row 1 must be a header/);
    await expect(run(await fixture('bad-header-only.csv'))).rejects.toThrow(/has a header but no rows: row 2 is empty/);
  });

  it('re-importing the fixed errors file completes the load', async () => {
    const file = await fixture('bad-picklist.csv');
    const first = await run(file);
    const fixed = (await readFile(first.errorsFile!, 'utf8')).replace('Done', 'Completed');
    const fixedFile = join(dir, 'fixed.csv');
    await writeFile(fixedFile, fixed);
    const second = await run(fixedFile);
    expect(second).toMatchObject({ read: 1, invalid: 0, succeeded: 1 });
    expect(
      org
        .all('Training_Record__c')
        .map((record) => record.Record_Key__c)
        .sort()
    ).toEqual(['P-1', 'P-2']);
  });
});

describe('importRecords: loading', () => {
  it('rows the org rejects go to the errors file with the org message', async () => {
    org.rejectWhen = { field: 'Record_Key__c', value: 'Q-2', message: 'Completed needs a score' };
    const result = await run(await fixture('training-quoted-newlines.csv'));
    expect(result).toMatchObject({ sent: 2, succeeded: 1, failed: 1 });
    const errors = await errorsOf(result.errorsFile!);
    expect(errors).toEqual([
      expect.objectContaining({
        Record_Key__c: 'Q-2',
        'Source Row': '3',
        'Import Error': 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Completed needs a score',
      }),
    ]);
  });

  it('after an ambiguous failure only rows the org does not hold are sent again', async () => {
    process.env.GLOCAL_RETRY_BASE_MS = '0';
    org.upsertFailures.push(
      { kind: 'connection', applied: true },
      { kind: 'server', applied: false },
      { kind: 'limit', applied: false }
    );
    const result = await run(await fixture('training-quoted-newlines.csv'));
    expect(result).toMatchObject({ sent: 2, succeeded: 2, failed: 0 });
    // First call applied both rows but lost the answer: the check finds them, nothing is sent again.
    expect(org.upsertCalls).toEqual([2]);
    expect(org.all('Training_Record__c')).toHaveLength(2);
  });

  it('uses Bulk API 2.0 above the threshold, and reports org rejections by row', async () => {
    org.rejectWhen = { field: 'Record_Key__c', value: 'Q-2', message: 'Completed needs a score' };
    const result = await run(await fixture('training-quoted-newlines.csv'), { bulk: true });
    expect(result).toMatchObject({ mode: 'bulk', status: 'complete', sent: 2, succeeded: 1, failed: 1 });
    expect(result.jobIds).toHaveLength(1);
    const errors = await errorsOf(result.errorsFile!);
    expect(errors).toEqual([expect.objectContaining({ Record_Key__c: 'Q-2', 'Source Row': '3' })]);
  });

  it('a failed upload drops its job and sends the chunk in a new one', async () => {
    process.env.GLOCAL_RETRY_BASE_MS = '0';
    org.uploadFailures.push({ kind: 'connection', applied: false });
    const result = await run(await fixture('training-quoted-newlines.csv'), { bulk: true });
    expect(result).toMatchObject({ succeeded: 2, failed: 0 });
    expect(org.jobStates()).toEqual(['Aborted', 'JobComplete']);
    expect(org.all('Training_Record__c')).toHaveLength(2);
  });

  it.each([false, true])('importing the same file again updates the records (bulk: %s)', async (bulk) => {
    const file = await fixture('training-quoted-newlines.csv');
    await run(file, { bulk });
    const again = await run(file, { bulk });
    expect(again).toMatchObject({ sent: 2, succeeded: 2, failed: 0 });
    expect(org.all('Training_Record__c')).toHaveLength(2);
  });

  it('a row that would move an existing record to another course is rejected with the reason', async () => {
    const file = await fixture('training-quoted-newlines.csv');
    await run(file);
    org.insert('Training_Course__c', { Course_Code__c: 'CC-201', Name: 'Communication' });
    await writeFile(file, (await readFile(file, 'utf8')).replace('Q-1,CQ-101', 'Q-1,CC-201'));
    const moved = await run(file);
    expect(moved).toMatchObject({ succeeded: 1, failed: 1 });
    expect(moved.errors[0]).toEqual({
      row: 2,
      reason: expect.stringMatching(/^Course__c: cannot change on an existing Training_Record__c/),
    });
  });

  it('splits large loads into several jobs and resumes a wait that ran out', async () => {
    org.pollsUntilComplete = 100;
    const file = await fixture('training-quoted-newlines.csv');
    const pending = await run(file, { bulk: true, maxJobBytes: 120, waitMinutes: 0 });
    expect(pending).toMatchObject({ status: 'pending', sent: 2 });
    expect(pending.jobIds).toHaveLength(2);
    expect(pending.stateFile).toBe(`${file}.import-state.json`);

    org.pollsUntilComplete = 0;
    const resumed = await run(file, { resume: true });
    expect(resumed).toMatchObject({ status: 'complete', sent: 2, succeeded: 2, failed: 0 });
    expect(resumed.stateFile).toBeUndefined();
    expect(org.all('Training_Record__c')).toHaveLength(2);
    await expect(run(file, { resume: true })).rejects.toThrow(/no unfinished import/);
  });

  it('a job the org took just before a kill is not sent again by --resume', async () => {
    // Two one-row jobs; the first one's close reaches the org, but its answer never comes back.
    const file = await fixture('training-quoted-newlines.csv');
    org.closesLostAfterApplying = 1;
    await expect(run(file, { bulk: true, maxJobBytes: 120 })).rejects.toThrow(/answer to the close was lost/);
    const state = JSON.parse(await readFile(`${file}.import-state.json`, 'utf8')) as {
      phase: string;
      jobs: Array<{ closed: boolean }>;
    };
    expect(state).toMatchObject({ phase: 'uploading', jobs: [{ closed: false }] });

    const resumed = await run(file, { resume: true });
    expect(resumed).toMatchObject({ status: 'complete', sent: 2, succeeded: 2, failed: 0 });
    expect(org.uploadedKeys).toHaveLength(2);
    expect(new Set(org.uploadedKeys).size).toBe(2);
    expect(org.all('Training_Record__c')).toHaveLength(2);
  });
});
