import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { startOrg, type LocalOrg } from '../../emulator/index.js';
import { bulkJobs } from '../../emulator/bulk/routes.js';
import { call, v } from './client.js';
import { defineTestSchema } from './testSchema.js';

type Json = Record<string, unknown>;

let org: LocalOrg;

beforeEach(async () => {
  org = await startOrg();
  defineTestSchema(org.schema);
});

afterEach(async () => {
  await org.stop();
});

const upsertMarkets = (...codes: string[]): ReturnType<typeof call> =>
  call(org, 'PATCH', `${v}/composite/sobjects/Market__c/Country_Code__c`, {
    allOrNone: false,
    records: codes.map((code) => ({
      attributes: { type: 'Market__c' },
      Name: `Market ${code}`,
      Country_Code__c: code,
    })),
  });

/** Creates, uploads and closes one Bulk upsert job of Market__c rows; returns its id. */
async function bulkUpsertMarkets(csv: string, close = true): Promise<string> {
  const created = await call(org, 'POST', `${v}/jobs/ingest`, {
    object: 'Market__c',
    operation: 'upsert',
    externalIdFieldName: 'Country_Code__c',
    lineEnding: 'LF',
    columnDelimiter: 'COMMA',
  });
  const id = (created.body as { id: string }).id;
  expect((await call(org, 'PUT', `${v}/jobs/ingest/${id}/batches`, csv, { 'Content-Type': 'text/csv' })).status).toBe(
    201
  );
  const state = close ? 'UploadComplete' : 'Aborted';
  expect((await call(org, 'PATCH', `${v}/jobs/ingest/${id}`, { state })).status).toBe(200);
  await bulkJobs(org).ingest.idle();
  return id;
}

describe('write counts: how many times the org accepted each row', () => {
  it('are off until asked for, then count accepted collection rows per external-ID value', async () => {
    await upsertMarkets('DK');
    expect(org.store.writeCounts).toBeUndefined();
    const writes = org.countWrites();
    expect((await upsertMarkets('DK', 'DE')).status).toBe(200);
    expect((await upsertMarkets('DK')).status).toBe(200);
    expect(writes.times('Market__c', 'DK')).toBe(2);
    expect(writes.times('Market__c', 'DE')).toBe(1);
    expect(writes.times('Market__c', 'FR')).toBe(0);
    expect([...writes.of('Market__c')]).toEqual([
      ['DK', 2],
      ['DE', 1],
    ]);
    // A row the org rejects was not accepted: a code longer than two characters.
    const rejected = await upsertMarkets('DNK');
    expect((rejected.body as Json[])[0].success).toBe(false);
    expect(writes.times('Market__c', 'DNK')).toBe(0);
    // Asking again starts afresh.
    expect(org.countWrites().times('Market__c', 'DK')).toBe(0);
  });

  it('count the rows of a Bulk job once it is closed and processed, never those of an aborted one', async () => {
    const writes = org.countWrites();
    await bulkUpsertMarkets('Name,Country_Code__c\nMarket SE,SE\nMarket NO,NO\n');
    await bulkUpsertMarkets('Name,Country_Code__c\nMarket FI,FI\n', false);
    expect([...writes.of('Market__c')]).toEqual([
      ['SE', 1],
      ['NO', 1],
    ]);
  });
});

describe('faults after the work: the org applies the request, then loses the answer', () => {
  it('a 503 after the work leaves the write in place', async () => {
    const writes = org.countWrites();
    org.setFaults({ serverErrorRate: 1, afterWorkShare: 1, pathFilter: '/composite/' });
    const answer = await upsertMarkets('DK');
    expect(answer.status).toBe(503);
    expect((answer.body as Json[])[0].errorCode).toBe('SERVER_UNAVAILABLE');
    expect(writes.times('Market__c', 'DK')).toBe(1);
    expect(org.requestLog.at(-1)).toMatchObject({ status: 503, fault: 'status-after-work' });
  });

  it('a dropped connection after the work leaves the write in place', async () => {
    const writes = org.countWrites();
    org.setFaults({ dropRate: 1, afterWorkShare: 1, pathFilter: '/composite/' });
    await expect(upsertMarkets('DE')).rejects.toThrow();
    expect(writes.times('Market__c', 'DE')).toBe(1);
    expect(org.requestLog.at(-1)).toMatchObject({ status: 0, fault: 'drop-after-work' });
  });

  it('faults before the work (the default) leave nothing written', async () => {
    const writes = org.countWrites();
    org.setFaults({ serverErrorRate: 0.5, dropRate: 0.5, pathFilter: '/composite/' });
    for (const code of ['DK', 'DE', 'FR', 'ES']) await upsertMarkets(code).catch(() => undefined);
    expect(org.faults.count).toBe(4);
    expect(writes.of('Market__c').size).toBe(0);
  });

  it('strike the same requests as without afterWorkShare, a share of them after the work', async () => {
    const faultsOf = async (afterWorkShare?: number): Promise<Array<string | undefined>> => {
      org.resetRequestLog();
      org.setFaults({ seed: 11, serverErrorRate: 0.3, dropRate: 0.3, afterWorkShare });
      for (let i = 0; i < 40; i++) await call(org, 'GET', `${v}/limits`).catch(() => undefined);
      return org.requestLog.map((entry) => entry.fault);
    };
    const before = await faultsOf();
    const mixed = await faultsOf(0.5);
    expect(mixed.map((fault) => fault?.replace('-after-work', ''))).toEqual(before);
    expect(mixed.filter((fault) => fault?.endsWith('-after-work')).length).toBeGreaterThan(0);
    expect(mixed.filter((fault) => fault === 'status' || fault === 'drop').length).toBeGreaterThan(0);
  });
});
