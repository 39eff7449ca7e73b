import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, afterEach } from '@jest/globals';
import type { Connection } from '@salesforce/core';
import { loadSampleData, readSampleFile } from '../../src/install/sampleData.js';

type CreateResult = { success: boolean; id?: string; errors: Array<{ errorCode: string; message: string }> };

/** Just the two calls loadSampleData makes before the records engine: a lookup and a create. */
function connectionRefusing(errorCode: string, message: string): Connection {
  return {
    query: async () => ({ records: [], totalSize: 0, done: true }),
    sobject: () => ({
      create: async (rows: unknown[]): Promise<CreateResult[]> =>
        rows.map(() => ({ success: false, errors: [{ errorCode, message }] })),
    }),
  } as unknown as Connection;
}

describe('sample data', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ships the six markets the demo promises, with real locale, currency and time zone', async () => {
    const markets = await readSampleFile('Market__c');
    const byCountry = Object.fromEntries(markets.map((market) => [market.Country_Code__c, market]));
    expect(Object.keys(byCountry).sort()).toEqual(['AE', 'BR', 'CN', 'DE', 'DK', 'US']);
    expect(byCountry.DK).toMatchObject({ Currency_Code__c: 'DKK', Time_Zone__c: 'Europe/Copenhagen' });
    expect(byCountry.AE).toMatchObject({ Currency_Code__c: 'AED', Time_Zone__c: 'Asia/Dubai' });
  });

  it('names the object, the record and the org’s reason when the org refuses a sample record', async () => {
    dir = mkdtempSync(join(tmpdir(), 'glocal-sample-test-'));
    writeFileSync(join(dir, 'Account.csv'), 'Name,Type\nAcme BPO,Partner\n');
    const refusal = loadSampleData(
      connectionRefusing('REQUIRED_FIELD_MISSING', 'Required fields are missing: [Region__c]'),
      undefined,
      dir
    );
    await expect(refusal).rejects.toMatchObject({
      name: 'GlocalSampleData',
      message: expect.stringContaining(
        'Account Acme BPO: REQUIRED_FIELD_MISSING: Required fields are missing: [Region__c]'
      ),
      actions: [expect.stringContaining('--with-sample-data')],
    });
  });
});
