/*
 * Records created in the org's UI have no external key. Their export carries the record Id, and
 * importing that file again updates them (they take the key the import derives) instead of
 * inserting copies; an Id from another org inserts under the derived key; a keyed file costs no
 * request more than before.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { QueryRecord } from '../../src/org/orgClient.js';
import { exportRecords } from '../../src/records/exportRecords.js';
import { importRecords, type ImportOptions } from '../../src/records/importRecords.js';
import type { PackLabels } from '../../src/records/packLabels.js';
import { lookUpRecordKeys } from '../../src/records/recordIds.js';
import { keyHash } from '../../src/records/rowPreparer.js';
import { FakeOrg } from './fakeOrg.js';

const labels: PackLabels = { fieldLabels: new Map(), picklistLabels: new Map() };

/** FakeOrg answering the export's query: relationship paths (Course__r.Course_Code__c) and ORDER BY. */
class ExportingOrg extends FakeOrg {
  public override async *queryPages<T extends QueryRecord = QueryRecord>(soql: string): AsyncGenerator<T[]> {
    const ordered = /^(SELECT (.+?) FROM \w+)(?: WHERE .+?)? ORDER BY (\w+)$/s.exec(soql);
    if (!ordered) {
      yield await this.query<T>(soql);
      return;
    }
    const [, selectFrom, select] = ordered;
    const records = await this.query(selectFrom);
    const relationships = select
      .split(', ')
      .filter((path) => path.includes('.'))
      .map((path) => path.split('.')[0]);
    const byId = new Map([...this.records.values()].flat().map((record) => [record.Id, record]));
    yield records.map((record) => {
      const row: Record<string, unknown> = { ...record };
      for (const relationship of relationships) {
        row[relationship] = byId.get(record[relationship.replace(/__r$/, '__c')]) ?? null;
      }
      return row;
    }) as T[];
  }
}

let dir: string;
let org: ExportingOrg;
let ids: Record<string, string>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glocal-keyless-'));
  org = new ExportingOrg();
  ids = {
    course: org.insert('Training_Course__c', { Course_Code__c: 'CQ-101', Name: 'CQ basics' }),
    dk: org.insert('Market__c', { Country_Code__c: 'DK', Name: 'Denmark' }),
    bo: org.insert('Contact', { Email: 'bo@example.com' }),
    li: org.insert('Contact', { Email: 'li@example.com' }),
  };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A training record as a manager creates it in the UI: no Record_Key__c. */
function createdInUi(contact: string, assignedOn: string, extra: Record<string, unknown> = {}): string {
  return org.insert('Training_Record__c', {
    Course__c: ids.course,
    Market__c: ids.dk,
    Participant_Contact__c: contact,
    Status__c: 'Assigned',
    Assigned_On__c: assignedOn,
    ...extra,
  });
}

function run(file: string, extra: Partial<ImportOptions> = {}): ReturnType<typeof importRecords> {
  return importRecords(org, { object: 'Training_Record__c', file, labels, pollIntervalMs: 0, ...extra });
}

async function exported(object = 'Training_Record__c'): Promise<string> {
  const file = join(dir, `${object}.csv`);
  await exportRecords(org, { object, file });
  return file;
}

const table = async (file: string): Promise<Array<Record<string, string>>> =>
  parse(await readFile(file, 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;

/**
 * A key other than `target` whose 32-bit FNV-1a hash (the low half of keyHash, the duplicate-key
 * table's fingerprint) is the same: `prefix` + 3 characters found forwards, + 4 undone backwards
 * from the target's hash (multiplying by the FNV prime's inverse mod 2^32), met in the middle.
 */
function sameHashKey(target: string, prefix: string): string {
  const prime = 0x01000193;
  let inverse = 1;
  for (let step = 0; step < 5; step++) inverse = Math.imul(inverse, 2 - Math.imul(prime, inverse));
  const fnv = (text: string, start: number): number => {
    let hash = start;
    for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), prime) >>> 0;
    return hash;
  };
  const goal = keyHash(target) % 2 ** 32;
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const afterPrefix = fnv(prefix, 0x811c9dc5);
  const middle = new Map<number, string>();
  for (const a of alphabet)
    for (const b of alphabet) for (const c of alphabet) middle.set(fnv(a + b + c, afterPrefix), a + b + c);
  for (const w of alphabet)
    for (const x of alphabet)
      for (const y of alphabet)
        for (const z of alphabet) {
          let hash = goal;
          for (const char of [z, y, x, w]) hash = ((Math.imul(hash, inverse) >>> 0) ^ char.charCodeAt(0)) >>> 0;
          const found = middle.get(hash);
          if (found !== undefined && prefix + found + w + x + y + z !== target) return prefix + found + w + x + y + z;
        }
  throw new Error(`no key shares a hash with ${target}`);
}

describe('export → import of records without a key', () => {
  it('the export writes the record Id; importing it updates the records and gives them their derived key', async () => {
    const first = createdInUi(ids.bo, '2026-01-05');
    const second = createdInUi(ids.li, '2026-01-06');
    const file = await exported();
    expect((await table(file)).map((row) => [row.Record_Key__c, row.Id])).toEqual([
      ['', first],
      ['', second],
    ]);

    const result = await run(file);
    expect(result).toMatchObject({ read: 2, invalid: 0, sent: 2, succeeded: 2, failed: 0 });
    expect(result.recordIds).toEqual({ adopted: 2, kept: 0, notInOrg: 0 });
    expect(org.all('Training_Record__c').map((record) => [record.Id, record.Record_Key__c])).toEqual([
      [first, 'cq-101|bo@example.com|2026-01-05'],
      [second, 'cq-101|li@example.com|2026-01-06'],
    ]);
    // The keys went out in one sObject Collections update by Id, before the upsert.
    expect(org.upsertCalls[0]).toBe(2);
  });

  it('importing the same export again asks the org once and changes nothing', async () => {
    createdInUi(ids.bo, '2026-01-05', { Score__c: 10 });
    const file = await exported();
    await run(file);
    const upsertsBefore = org.upsertCalls.length;

    const again = await run(file);
    expect(again).toMatchObject({ read: 1, invalid: 0, sent: 1, succeeded: 1, failed: 0 });
    expect(again.recordIds).toEqual({ adopted: 0, kept: 1, notInOrg: 0 });
    expect(org.all('Training_Record__c')).toHaveLength(1);
    // No key update: only the upsert (and its create-only retry, as for any existing record).
    expect(org.upsertCalls.length - upsertsBefore).toBe(2);
    expect(org.queries.filter((soql) => soql.includes('WHERE Id IN'))).toHaveLength(2);
  });

  it('a record that already has another key is updated under that key, not copied', async () => {
    const id = createdInUi(ids.bo, '2026-01-05');
    const file = await exported();
    // Someone gave the record a key after the export; the row in the file still has none.
    org.all('Training_Record__c')[0].Record_Key__c = 'TR-OLD';
    await writeFile(file, (await readFile(file, 'utf8')).replace(',Assigned,', ',In Progress,'));

    const result = await run(file);
    expect(result).toMatchObject({ read: 1, sent: 1, succeeded: 1, failed: 0 });
    expect(result.recordIds).toEqual({ adopted: 0, kept: 1, notInOrg: 0 });
    expect(org.all('Training_Record__c')).toEqual([
      expect.objectContaining({ Id: id, Record_Key__c: 'TR-OLD', Status__c: 'In Progress' }),
    ]);
  });

  it('an Id this org does not know (a file from another org) inserts the row under its derived key', async () => {
    createdInUi(ids.bo, '2026-01-05');
    const file = await exported();
    org.records.set('Training_Record__c', []);

    const result = await run(file);
    expect(result).toMatchObject({ read: 1, invalid: 0, sent: 1, succeeded: 1, failed: 0 });
    expect(result.recordIds).toEqual({ adopted: 0, kept: 0, notInOrg: 1 });
    expect(org.all('Training_Record__c').map((record) => record.Record_Key__c)).toEqual([
      'cq-101|bo@example.com|2026-01-05',
    ]);
    // A second run finds it by that key: still one record.
    await run(file);
    expect(org.all('Training_Record__c')).toHaveLength(1);
  });

  it('a row with a key upserts by the key and ignores its Id, at no extra request', async () => {
    const header = 'Record_Key__c,Course__c,Market__c,Participant_Contact__c,Status__c';
    const body = 'K-1,CQ-101,DK,bo@example.com,Assigned\nK-2,CQ-101,DK,li@example.com,Assigned\n';
    const withoutIds = join(dir, 'keyed.csv');
    await writeFile(withoutIds, `${header}\n${body}`);
    await run(withoutIds);
    const before = org.requestCount;
    await run(withoutIds);
    const keyedCost = org.requestCount - before;

    // The same rows with Ids of records in another org (or of nothing at all).
    const withIds = join(dir, 'keyed-with-ids.csv');
    const lines = body.trim().split('\n');
    await writeFile(
      withIds,
      `${header},Id\n${lines[0]},a0B000000000001AAA\n${lines[1]},${org.all('Training_Record__c')[1].Id as string}\n`
    );
    const start = org.requestCount;
    const result = await run(withIds);
    expect(org.requestCount - start).toBe(keyedCost);
    expect(result).toMatchObject({ read: 2, invalid: 0, succeeded: 2 });
    expect(result.recordIds).toBeUndefined();
    expect(org.all('Training_Record__c').map((record) => record.Record_Key__c)).toEqual(['K-1', 'K-2']);
  });

  it('a record the org will not give its key is a rejected row with the reason; nothing is inserted', async () => {
    createdInUi(ids.bo, '2026-01-05');
    createdInUi(ids.li, '2026-01-06');
    const file = await exported();
    org.rejectWhen = {
      field: 'Record_Key__c',
      value: 'cq-101|li@example.com|2026-01-06',
      message: 'Completed_On__c: required for a completed training',
    };

    const result = await run(file);
    expect(result).toMatchObject({ read: 2, invalid: 1, sent: 1, succeeded: 1, failed: 0 });
    expect(result.recordIds).toEqual({ adopted: 1, kept: 0, notInOrg: 0 });
    expect(org.all('Training_Record__c')).toHaveLength(2);
    const [rejected] = await table(result.errorsFile!);
    expect(rejected.Id).toBe(org.all('Training_Record__c')[1].Id);
    expect(rejected['Participant_Contact__c']).toBe('li@example.com');
    expect(rejected['Source Row']).toBe('3');
    expect(rejected['Import Error']).toMatch(
      /^Id: record \w+ has no Record_Key__c and the org refused to give it "cq-101\|li@example\.com\|2026-01-06": FIELD_CUSTOM_VALIDATION_EXCEPTION: Completed_On__c/
    );
  });

  it('the same Id in two rows, or a cell that is no record Id, is a row error naming the column', async () => {
    const id = createdInUi(ids.bo, '2026-01-05');
    const file = join(dir, 'twice.csv');
    await writeFile(
      file,
      [
        'Course__c,Market__c,Participant_Contact__c,Assigned_On__c,Status__c,Id',
        `CQ-101,DK,bo@example.com,2026-01-05,Assigned,${id}`,
        `CQ-101,DK,bo@example.com,2026-01-07,Completed,${id}`,
        'CQ-101,DK,li@example.com,2026-01-05,Assigned,not-an-id',
        '',
      ].join('\n')
    );
    const result = await run(file);
    expect(result).toMatchObject({ read: 3, invalid: 3, sent: 0 });
    expect(result.errors.map((error) => [error.row, error.reason])).toEqual([
      [2, `Id: "${id}" is also the Id of row 3 (the same record twice).`],
      [3, `Id: "${id}" is also the Id of row 2 (the same record twice).`],
      [4, 'Id: "not-an-id" is not a record Id (15 or 18 letters and digits) of Training_Record__c.'],
    ]);
    expect(org.all('Training_Record__c')).toHaveLength(1);
    expect(org.all('Training_Record__c')[0].Record_Key__c).toBeUndefined();
  });

  it('the same record named by its 18- and its 15-character Id is the same record twice', async () => {
    const id = createdInUi(ids.bo, '2026-01-05');
    const file = join(dir, 'short-id.csv');
    await writeFile(
      file,
      [
        'Course__c,Market__c,Participant_Contact__c,Assigned_On__c,Status__c,Id',
        `CQ-101,DK,bo@example.com,2026-01-05,Assigned,${id}`,
        `CQ-101,DK,bo@example.com,2026-01-07,Assigned,${id.slice(0, 15)}`,
        '',
      ].join('\n')
    );
    const result = await run(file);
    expect(result).toMatchObject({ read: 2, invalid: 2, sent: 0 });
    expect(result.errors.map((error) => error.row)).toEqual([2, 3]);
    expect(result.errors.every((error) => error.reason.includes('the same record twice'))).toBe(true);
    expect(org.all('Training_Record__c')).toHaveLength(1);
  });

  it('a keyed row whose key only shares a hash with a keyless row does not keep that record from its key', async () => {
    const id = createdInUi(ids.bo, '2026-01-05');
    const derived = 'cq-101|bo@example.com|2026-01-05';
    const lookalike = sameHashKey(derived, 'tr-');
    expect(lookalike).not.toBe(derived);
    expect(keyHash(lookalike) % 2 ** 32).toBe(keyHash(derived) % 2 ** 32);
    const file = join(dir, 'lookalike.csv');
    await writeFile(
      file,
      [
        'Record_Key__c,Course__c,Market__c,Participant_Contact__c,Assigned_On__c,Status__c,Id',
        `${lookalike},CQ-101,DK,li@example.com,2026-01-05,Assigned,`,
        `,CQ-101,DK,bo@example.com,2026-01-05,Assigned,${id}`,
        '',
      ].join('\n')
    );
    const result = await run(file);
    expect(result).toMatchObject({ read: 2, invalid: 0, sent: 2, succeeded: 2, failed: 0 });
    expect(result.recordIds).toEqual({ adopted: 1, kept: 0, notInOrg: 0 });
    const records = org.all('Training_Record__c');
    expect(records).toHaveLength(2);
    expect(records.find((record) => record.Id === id)?.Record_Key__c).toBe(derived);
  });

  it('many keyless rows take their keys through one Bulk job, then load through Bulk', async () => {
    for (let day = 1; day <= 9; day++) createdInUi(ids.bo, `2026-01-0${day}`);
    const file = await exported();
    const result = await run(file, { bulkThreshold: 5 });
    expect(result).toMatchObject({ read: 9, invalid: 0, sent: 9, succeeded: 9, failed: 0, mode: 'bulk' });
    expect(result.recordIds).toEqual({ adopted: 9, kept: 0, notInOrg: 0 });
    const records = org.all('Training_Record__c');
    expect(records).toHaveLength(9);
    expect(records.map((record) => record.Record_Key__c)).toEqual(
      Array.from({ length: 9 }, (_, index) => `cq-101|bo@example.com|2026-01-0${index + 1}`)
    );
    // The first job's rows are the Ids; the load's rows are the keys.
    expect(org.uploadedKeys.slice(0, 9)).toEqual(records.map((record) => record.Id));
    expect(org.upsertCalls).toEqual([]);
  });

  it('a Bulk load that is resumed finishes without copies', async () => {
    createdInUi(ids.bo, '2026-01-05');
    createdInUi(ids.li, '2026-01-06');
    const file = await exported();
    org.pollsUntilComplete = 100;
    const pending = await run(file, { bulk: true, waitMinutes: 0 });
    expect(pending).toMatchObject({ status: 'pending', sent: 2 });
    expect(pending.recordIds).toEqual({ adopted: 2, kept: 0, notInOrg: 0 });

    org.pollsUntilComplete = 0;
    const resumed = await run(file, { resume: true });
    expect(resumed).toMatchObject({ status: 'complete', sent: 2, succeeded: 2, failed: 0 });
    expect(org.all('Training_Record__c')).toHaveLength(2);
  });

  it('a resumed Bulk load reports a rejected row whose record kept its own key', async () => {
    createdInUi(ids.bo, '2026-01-05');
    const file = await exported();
    org.all('Training_Record__c')[0].Record_Key__c = 'TR-OLD';
    await writeFile(file, (await readFile(file, 'utf8')).replace(',Assigned,', ',In Progress,'));
    org.rejectWhen = { field: 'Status__c', value: 'In Progress', message: 'Due_On__c: required while in progress' };
    org.pollsUntilComplete = 100;
    const pending = await run(file, { bulk: true, waitMinutes: 0 });
    expect(pending).toMatchObject({ status: 'pending', sent: 1, recordIds: { kept: 1 } });

    org.pollsUntilComplete = 0;
    const resumed = await run(file, { resume: true });
    expect(resumed).toMatchObject({ status: 'complete', sent: 1, succeeded: 0, failed: 1 });
    const [rejected] = await table(resumed.errorsFile!);
    expect(rejected).toMatchObject({ Status__c: 'In Progress', 'Source Row': '2' });
    expect(rejected['Import Error']).toMatch(/Due_On__c: required while in progress/);
    expect(org.all('Training_Record__c')).toHaveLength(1);
  });

  it('feedback has no key to derive: a keyless row takes its record Id as the key', async () => {
    const partner = org.insert('Account', { Name: 'Acme BPO' });
    const review = org.insert('Partner_Review__c', {
      Name: 'Acme 2026-Q3',
      Review_Key__c: 'ACME-2026-Q3',
      Partner__c: partner,
    });
    const feedback = org.insert('Partner_Feedback__c', {
      Partner_Review__c: review,
      Direction__c: 'Company to Partner',
      Status__c: 'Draft',
    });
    const file = await exported('Partner_Feedback__c');
    const result = await importRecords(org, { object: 'Partner_Feedback__c', file, labels, pollIntervalMs: 0 });
    expect(result).toMatchObject({ read: 1, invalid: 0, succeeded: 1, failed: 0 });
    expect(org.all('Partner_Feedback__c')).toEqual([
      expect.objectContaining({ Id: feedback, Feedback_Key__c: feedback }),
    ]);
  });

  it('feedback on a review without a key names the review by its Name, and both round-trip', async () => {
    const partner = org.insert('Account', { Name: 'Acme BPO' });
    const review = org.insert('Partner_Review__c', { Name: 'Acme 2026-Q3', Partner__c: partner, Period__c: '2026-Q3' });
    org.insert('Partner_Feedback__c', {
      Partner_Review__c: review,
      Direction__c: 'Partner to Company',
      Status__c: 'Draft',
    });
    const reviews = await exported('Partner_Review__c');
    const feedback = await exported('Partner_Feedback__c');
    expect((await table(feedback)).map((row) => row.Partner_Review__c)).toEqual(['Acme 2026-Q3']);

    const options = { labels, pollIntervalMs: 0 };
    const reviewsBack = await importRecords(org, { object: 'Partner_Review__c', file: reviews, ...options });
    expect(reviewsBack).toMatchObject({ read: 1, invalid: 0, succeeded: 1, recordIds: { adopted: 1 } });
    const feedbackBack = await importRecords(org, { object: 'Partner_Feedback__c', file: feedback, ...options });
    expect(feedbackBack).toMatchObject({ read: 1, invalid: 0, succeeded: 1, recordIds: { adopted: 1 } });
    expect(org.all('Partner_Review__c')).toEqual([
      expect.objectContaining({ Id: review, Review_Key__c: 'acme bpo|2026-Q3' }),
    ]);
    expect(org.all('Partner_Feedback__c')).toEqual([expect.objectContaining({ Partner_Review__c: review })]);
  });
});

describe('lookUpRecordKeys', () => {
  it("asks only about Ids with the object's prefix: custom objects have another one in every org", async () => {
    const id = createdInUi(ids.bo, '2026-01-05');
    const found = await lookUpRecordKeys(org, 'Training_Record__c', 'Record_Key__c', [id, 'a0B000000000001AAA'], 'Tra');
    expect(found.keys).toEqual(new Map([[id.slice(0, 15), '']]));
    expect(found.keyless).toEqual(new Map([[id.slice(0, 15), id]]));
    expect(org.queries).toEqual([`SELECT Id, Record_Key__c FROM Training_Record__c WHERE Id IN ('${id}')`]);

    const before = org.requestCount;
    await lookUpRecordKeys(org, 'Training_Record__c', 'Record_Key__c', ['a0B000000000001AAA'], 'Tra');
    expect(org.requestCount).toBe(before);
  });
});
