// jsforce (the client inside @salesforce/core and the sf CLI) against the local org over loopback.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startOrg, type LocalOrg } from '../../emulator/index.js';
import { REPO_ROOT } from '../e2e/harness.js';
import { defineTestSchema } from './testSchema.js';

interface JsforceRun {
  created: Array<{ success: boolean; errors: Array<{ statusCode?: string; errorCode?: string }> }>;
  fetched: number;
  totalSize: number;
  apiUsage?: { used: number; limit: number };
  sessionError?: string;
}

describe('jsforce against the local org', () => {
  let org: LocalOrg;
  let run: JsforceRun;

  beforeAll(async () => {
    org = await startOrg({ dailyApiLimit: 5000 });
    defineTestSchema(org.schema);
    const courses = Array.from({ length: 2600 }, (_x, i) => ({ Name: `Course ${i}`, Course_Code__c: `C-${i}` }));
    expect(org.store.insert('Training_Course__c', courses).every((r) => r.success)).toBe(true);
    // the Node running the tests (22; jsforce's undici needs it), with tsx as loader
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'test', 'emulator', 'jsforceClient.ts'), org.instanceUrl, org.accessToken],
      { cwd: REPO_ROOT, env: { ...process.env, NODE_NO_WARNINGS: '1' } }
    );
    run = JSON.parse(stdout.trim().split('\n').pop()!) as JsforceRun;
  }, 60_000);
  afterAll(async () => {
    await org.stop();
  });

  it('creates through composite collections and reads per-record errors', () => {
    expect(run.created[0].success).toBe(true);
    const error = run.created[1].errors[0];
    expect(error.statusCode ?? error.errorCode).toBe('STRING_TOO_LONG');
    expect(org.requestLog.some((e) => e.method === 'POST' && e.path.endsWith('/composite/sobjects'))).toBe(true);
  });

  it('fetches past the first 2,000 rows through nextRecordsUrl and reads API usage from Sforce-Limit-Info', () => {
    expect(run.totalSize).toBe(2600);
    expect(run.fetched).toBe(2600);
    expect(run.apiUsage).toEqual({ used: expect.any(Number), limit: 5000 });
    expect(run.apiUsage!.used).toBeGreaterThanOrEqual(3);
  });

  it('gets INVALID_SESSION_ID for a token the org does not know', () => {
    expect(run.sessionError).toBe('INVALID_SESSION_ID');
  });
});
