/*
 * Export → import through the real export and import code, on an in-memory org: values a
 * spreadsheet would run as formulas (= + - @) come back as they were, in reference columns too.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import type { QueryRecord } from '../../src/org/orgClient.js';
import { exportRecords } from '../../src/records/exportRecords.js';
import { CellProblem, converterFor } from '../../src/records/fieldConverters.js';
import { importRecords } from '../../src/records/importRecords.js';
import type { PackLabels } from '../../src/records/packLabels.js';
import { FakeOrg, field } from './fakeOrg.js';

const labels: PackLabels = { fieldLabels: new Map(), picklistLabels: new Map() };

/** FakeOrg answering the export's query: relationship paths (Course__r.Course_Code__c) and ORDER BY. */
class ExportingOrg extends FakeOrg {
  public override async *queryPages<T extends QueryRecord = QueryRecord>(soql: string): AsyncGenerator<T[]> {
    const ordered = /^(SELECT (.+?) FROM \w+)(?: WHERE .+?)? ORDER BY (\w+)$/s.exec(soql);
    if (!ordered) throw new Error(`unexpected export query: ${soql}`);
    const [, selectFrom, select, orderBy] = ordered;
    const records = await this.query(selectFrom);
    const relationships = select
      .split(', ')
      .filter((path) => path.includes('.'))
      .map((path) => path.split('.')[0]);
    const byId = new Map([...this.records.values()].flat().map((record) => [record.Id, record]));
    const rows = records.map((record) => {
      const row: Record<string, unknown> = { ...record };
      for (const relationship of relationships) {
        row[relationship] = byId.get(record[relationship.replace(/__r$/, '__c')]) ?? null;
      }
      return row;
    });
    rows.sort((a, b) => String(a[orderBy]).localeCompare(String(b[orderBy])));
    yield rows as T[];
  }
}

let dir: string;
let org: ExportingOrg;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glocal-round-trip-'));
  org = new ExportingOrg();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('export → import of formula-like values', () => {
  it('a course coded "-X1" and a contact "+bo@example.com" are found again by the import', async () => {
    const course = org.insert('Training_Course__c', { Course_Code__c: '-X1', Name: '=Basics' });
    const market = org.insert('Market__c', { Country_Code__c: 'DK', Name: 'Denmark' });
    const contact = org.insert('Contact', { Email: '+bo@example.com' });
    org.insert('Training_Record__c', {
      Record_Key__c: '@TR-1',
      Course__c: course,
      Market__c: market,
      Participant_Contact__c: contact,
      Status__c: 'Assigned',
    });
    const file = join(dir, 'training.csv');
    await exportRecords(org, { object: 'Training_Record__c', file });
    const text = await readFile(file, 'utf8');
    expect(text).toContain("'-X1");
    expect(text).toContain("'+bo@example.com");
    expect(text).toContain("'@TR-1");

    const result = await importRecords(org, { object: 'Training_Record__c', file, labels });
    expect(result).toMatchObject({ read: 1, invalid: 0, succeeded: 1, failed: 0 });
    expect(org.all('Training_Record__c')).toEqual([
      expect.objectContaining({
        Record_Key__c: '@TR-1',
        Course__c: course,
        Market__c: market,
        Participant_Contact__c: contact,
      }),
    ]);
  });

  it('partners named "@Home" and "+45 Partners" are found again by the import', async () => {
    const home = org.insert('Account', { Name: '@Home' });
    const partners = org.insert('Account', { Name: '+45 Partners' });
    org.insert('Partner_Review__c', { Review_Key__c: 'R-1', Name: 'R-1', Partner__c: home, Period__c: '2026-Q3' });
    org.insert('Partner_Review__c', { Review_Key__c: 'R-2', Name: 'R-2', Partner__c: partners, Period__c: '2026-Q3' });
    const file = join(dir, 'reviews.csv');
    await exportRecords(org, { object: 'Partner_Review__c', file });
    expect(await readFile(file, 'utf8')).toMatch(/'@Home[\s\S]*'\+45 Partners/);

    const result = await importRecords(org, { object: 'Partner_Review__c', file, labels });
    expect(result).toMatchObject({ read: 2, invalid: 0, succeeded: 2 });
    expect(org.all('Partner_Review__c').map((review) => [review.Review_Key__c, review.Partner__c])).toEqual([
      ['R-1', home],
      ['R-2', partners],
    ]);
  });

  it('an e-mail field drops the apostrophe too', () => {
    const email = converterFor(field('Email__c', 'email', { length: 80 }), {});
    expect(email("'-sales@example.com")).toBe('-sales@example.com');
    expect(email("'+alias@example.com ")).toBe('+alias@example.com');
    // Only an apostrophe before = + - @ is the export's: this one is part of the address.
    expect(email("'sales@example.com")).toBe("'sales@example.com");
    expect(email("'-sales")).toBeInstanceOf(CellProblem);
  });
});
