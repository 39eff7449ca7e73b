/*
 * What a user reads when a row or an option is wrong: the message names the row, the column and
 * the value, and says what to do. The texts come from messages/glocal.records.md.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeEach } from '@jest/globals';
import { SfError } from '@salesforce/core';
import { parse } from 'csv-parse/sync';
import { dateParser, numberSeparators } from '../../src/records/fieldConverters.js';
import { importRecords, type ImportOptions } from '../../src/records/importRecords.js';
import { FakeOrg } from './fakeOrg.js';

let dir: string;
let org: FakeOrg;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glocal-problems-'));
  org = new FakeOrg();
  org.insert('Training_Course__c', { Course_Code__c: 'CQ-101', Name: 'CQ basics' });
  org.insert('Market__c', { Country_Code__c: 'DK', Name: 'Denmark' });
  org.insert('User', { Username: 'anna@example.com.glocal', Email: 'anna@example.com' });
  org.insert('Contact', { Email: 'bo@example.com' });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

function run(object: string, path: string, extra: Partial<ImportOptions> = {}): ReturnType<typeof importRecords> {
  return importRecords(org, { object, file: path, pollIntervalMs: 0, ...extra });
}

/** The thrown error, to look at its name and actions as well as its message. */
async function refusal(promise: Promise<unknown>): Promise<SfError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown
  );
  expect(error).toBeInstanceOf(SfError);
  return error as SfError;
}

describe('a row with more cells than the header', () => {
  it('names the cell count, the last header column and the first extra cell, and the row lands in the errors file', async () => {
    const path = await file(
      'markets.csv',
      'Country_Code__c;Name;Power_Distance__c\n' +
        'DE;Germany;35\n' +
        // An unquoted ";" inside a name pushes the score one column to the right.
        'FR;France; Paris;68\n' +
        // Empty cells after the last column, as Excel pads rows, are no problem.
        'SE;Sweden;31;;\n'
    );
    const result = await run('Market__c', path);
    expect(result).toMatchObject({ read: 3, invalid: 1, succeeded: 2 });
    const reason =
      'Too many cells: the row has 4 cells but the header has 3 columns, the last being "Power_Distance__c" ' +
      '(column 3); the extra cell in column 4 holds "68". Put quotes around a value that contains the ' +
      'delimiter, or remove the stray delimiter or quote.';
    // The shifted cell is checked too: the user sees both what is wrong and why.
    const both = `${reason} Power_Distance__c: " Paris" is not a number.`;
    expect(result.errors).toEqual([{ row: 3, reason: both }]);
    // The cell past the header follows the reason, so fixing the row in the errors file loses nothing.
    const errors = parse(await readFile(`${path}.errors.csv`, 'utf8'), {
      bom: true,
      delimiter: ';',
      relax_column_count: true,
    }) as string[][];
    expect(errors).toEqual([
      ['Country_Code__c', 'Name', 'Power_Distance__c', 'Source Row', 'Import Error'],
      ['FR', 'France', ' Paris', '3', both, '68'],
    ]);
  });

  it('quotes at most 40 characters of a long extra cell', async () => {
    const long = 'x'.repeat(100);
    const path = await file('markets.csv', `Country_Code__c,Name\nDK,Denmark,,${long}\n`);
    const result = await run('Market__c', path);
    expect(result.errors[0].reason).toContain(`the extra cell in column 4 holds "${'x'.repeat(40)}…".`);
  });
});

describe('cell problems name the column and the value', () => {
  it('numbers, ranges, dates and picklist values', async () => {
    const path = await file(
      'training.csv',
      'Record_Key__c,Course__c,Market__c,Participant,Score__c,Status__c,Assigned_On__c\n' +
        'C-1,CQ-101,DK,bo@example.com,eight,Assigned,\n' +
        'C-2,CQ-101,DK,bo@example.com,101,Assigned,\n' +
        'C-3,CQ-101,DK,bo@example.com,,Done,\n' +
        'C-4,CQ-101,DK,bo@example.com,,Assigned,2026-02-30\n'
    );
    const result = await run('Training_Record__c', path);
    expect(result.errors).toEqual([
      { row: 2, reason: 'Score__c: "eight" is not a number.' },
      { row: 3, reason: 'Score__c: 101 is outside 0–100.' },
      { row: 4, reason: 'Status__c: "Done" is not one of Assigned, In Progress, Completed, Failed, Withdrawn.' },
      {
        row: 5,
        reason:
          'Assigned_On__c: "2026-02-30" is not a date in yyyy-mm-dd (pass --date-format, for example dd.mm.yyyy).',
      },
    ]);
  });

  it('checkboxes, lengths and required values', async () => {
    const courses = await file('courses.csv', 'Course_Code__c,Name,Active__c\nA-1,A,perhaps\nA-2,,true\n');
    expect((await run('Training_Course__c', courses)).errors).toEqual([
      { row: 2, reason: 'Active__c: "perhaps" is not a yes/no value (use true or false).' },
      { row: 3, reason: 'Name: a value is required.' },
    ]);
    const markets = await file('markets.csv', 'Country_Code__c,Name\nDNK,Denmark\n');
    expect((await run('Market__c', markets)).errors).toEqual([
      { row: 2, reason: 'Country_Code__c: is 3 characters long (at most 2).' },
    ]);
  });

  it('participants: none, or two at once, are named by their columns', async () => {
    const path = await file(
      'training.csv',
      'Record_Key__c,Course__c,Market__c,Participant_User__c,Participant_Contact__c\n' +
        'P-1,CQ-101,DK,,\n' +
        'P-2,CQ-101,DK,anna@example.com,bo@example.com\n'
    );
    const result = await run('Training_Record__c', path);
    expect(result.errors).toEqual([
      { row: 2, reason: 'Participant: a user or contact (e-mail or username) is required.' },
      { row: 3, reason: 'Participant_User__c and Participant_Contact__c: give exactly one participant.' },
    ]);
  });

  it('an unknown reference lists where it was looked for', async () => {
    const path = await file(
      'training.csv',
      'Record_Key__c,Course__c,Market__c,Participant\nU-1,CQ-101,XX,nobody@example.com\n'
    );
    const result = await run('Training_Record__c', path);
    expect(result.errors).toEqual([
      {
        row: 2,
        reason:
          'Market__c: no record found for "XX" (looked up Market__c by Country_Code__c or Name). ' +
          'Participant: no record found for "nobody@example.com" (looked up User by Username or Email, then Contact by Email).',
      },
    ]);
  });

  it('more than three ambiguous matches are shortened with "…"', async () => {
    for (let index = 0; index < 5; index++) org.insert('Contact', { Email: 'team@example.com' });
    const path = await file(
      'training.csv',
      'Record_Key__c,Course__c,Market__c,Participant\nT-1,CQ-101,DK,team@example.com\n'
    );
    const result = await run('Training_Record__c', path);
    expect(result.errors[0].reason).toMatch(
      /^Participant: "team@example\.com" is ambiguous: 5 Contact records match \(\w+, \w+, \w+ …\)\.$/
    );
  });
});

describe('options that are wrong whatever the file holds', () => {
  it.each(['dd.mm', 'dd.mm.yy', 'dd.dd.yyyy', 'yyyy-mm-dd-dd', 'dd.mm.yyyyy'])(
    '--date-format %s is an SfError naming the flag and the accepted patterns',
    (format) => {
      let error: unknown;
      try {
        dateParser(format);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(SfError);
      expect(error).toMatchObject({
        name: 'GlocalInvalidDateFormat',
        message: `--date-format "${format}" is not a date format: it needs exactly one day (dd), month (mm) and year (yyyy), with the separators the file uses between them.`,
        actions: [
          'Pass the order the file writes dates in, for example dd.mm.yyyy, dd/mm/yyyy, mm/dd/yyyy, yyyy/mm/dd, dd-mm-yyyy or d.m.yyyy (d and m also read one digit).',
          'Leave --date-format out when the dates are already yyyy-mm-dd.',
        ],
      });
    }
  );

  it('a bad --date-format stops an import with a date column before anything is sent', async () => {
    const path = await file(
      'training.csv',
      'Record_Key__c,Course__c,Market__c,Participant,Assigned_On__c\nD-1,CQ-101,DK,bo@example.com,05.01.26\n'
    );
    const error = await refusal(run('Training_Record__c', path, { dateFormat: 'dd.mm.yy' }));
    expect(error.name).toBe('GlocalInvalidDateFormat');
    expect(org.upsertCalls).toEqual([]);
  });

  it('--locale that is no locale tag is an SfError naming the flag', async () => {
    expect(() => numberSeparators('12')).toThrow(SfError);
    expect(() => numberSeparators('12')).toThrow('--locale "12" is not a locale whose numbers are known.');
    // A well-formed tag Intl does not know would quietly read numbers as en-US: refused too.
    expect(() => numberSeparators('klingon')).toThrow('--locale "klingon" is not a locale whose numbers are known.');
    expect(numberSeparators('da_DK')).toEqual({ decimal: ',', group: '.' });
    const path = await file(
      'scores.csv',
      'Record_Key__c;Course__c;Market__c;Participant;Score__c\nL-1;CQ-101;DK;bo@example.com;7,5\n'
    );
    const error = await refusal(run('Training_Record__c', path, { locale: 'da_DK_!' }));
    expect(error).toMatchObject({
      name: 'GlocalInvalidLocale',
      message: '--locale "da_DK_!" is not a locale whose numbers are known.',
      actions: ['Pass the locale the numbers are written in, for example da_DK, de_DE, fr_FR, en_US or ar_SA.'],
    });
    expect(org.upsertCalls).toEqual([]);
  });

  it('an unknown --encoding names the file and suggests encodings', async () => {
    const path = await file('markets.csv', 'Country_Code__c,Name\nDK,Denmark\n');
    const error = await refusal(run('Market__c', path, { encoding: 'latin-9000' }));
    expect(error.message).toBe(
      `${path}: Unknown encoding "latin-9000". Pass --encoding a name such as windows-1252, iso-8859-1, utf16le, shift_jis, big5 or gb18030.`
    );
  });
});
