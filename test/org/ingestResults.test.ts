// ConnectionOrgClient.downloadIngestResults against the local org: the results go to the file as
// the org serves them, byte for byte, and a failed try is repeated into a fresh file.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startOrg, type LocalOrg } from '../../emulator/index.js';
import { bulkJobs } from '../../emulator/bulk/routes.js';
import { REPO_ROOT } from '../e2e/harness.js';
import { call, v } from '../emulator/client.js';
import { defineTestSchema } from '../emulator/testSchema.js';

type Download = { ok: boolean; requests: number; kind?: string; errorCode?: string; message?: string };

let org: LocalOrg;
let work: string;
let failedJob: string;
let abortedJob: string;
const ROWS = 6000;

/** Runs the download in a child process (see ingestResultsClient.ts). */
async function download(jobId: string, kind: string, toFile: string): Promise<Download> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'test', 'org', 'ingestResultsClient.ts'),
      org.instanceUrl,
      org.accessToken,
      jobId,
      kind,
      toFile,
    ],
    { cwd: REPO_ROOT, env: { ...process.env, NODE_NO_WARNINGS: '1' } }
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as Download;
}

async function served(path: string): Promise<string> {
  const response = await fetch(`${org.instanceUrl}${path}`, {
    headers: { Authorization: `Bearer ${org.accessToken}` },
  });
  return response.text();
}

async function marketJob(csv: string, state: 'UploadComplete' | 'Aborted'): Promise<string> {
  const created = await call(org, 'POST', `${v}/jobs/ingest`, {
    object: 'Market__c',
    operation: 'upsert',
    externalIdFieldName: 'Country_Code__c',
  });
  const id = (created.body as { id: string }).id;
  await call(org, 'PUT', `${v}/jobs/ingest/${id}/batches`, csv, { 'Content-Type': 'text/csv' });
  await call(org, 'PATCH', `${v}/jobs/ingest/${id}`, { state });
  await bulkJobs(org).ingest.idle();
  return id;
}

beforeAll(async () => {
  org = await startOrg();
  defineTestSchema(org.schema);
  work = await mkdtemp(join(tmpdir(), 'glocal-ingest-results-'));
  // Every row fails (codes longer than two letters); names in three scripts check the bytes.
  let csv = 'Name,Country_Code__c\n';
  for (let row = 0; row < ROWS; row++) csv += `"Marked ${row} Ærø 台湾 مصر, ""quoted""",XX${row}\n`;
  failedJob = await marketJob(csv, 'UploadComplete');
  abortedJob = await marketJob('Name,Country_Code__c\nDenmark,DK\nGermany,DE\n', 'Aborted');
});

afterAll(async () => {
  await org?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('ConnectionOrgClient.downloadIngestResults', () => {
  it('writes every failed row to the file exactly as the org serves it, in one request', async () => {
    const file = join(work, 'failed.csv');
    org.resetRequestLog();
    expect(await download(failedJob, 'failedResults', file)).toEqual({ ok: true, requests: 1 });
    const text = await readFile(file, 'utf8');
    expect(text).toBe(await served(`${v}/jobs/ingest/${failedJob}/failedResults`));
    expect(text.trimEnd().split('\n')).toHaveLength(ROWS + 1);
    expect(text).toContain('"Marked 5999 Ærø 台湾 مصر, ""quoted""",XX5999');
    expect(org.requestLog.filter((entry) => entry.path.endsWith('/failedResults'))).toHaveLength(2);
  });

  it('downloads the unprocessed rows of an aborted job', async () => {
    const file = join(work, 'unprocessed.csv');
    expect(await download(abortedJob, 'unprocessedrecords', file)).toEqual({ ok: true, requests: 1 });
    expect(await readFile(file, 'utf8')).toBe('Name,Country_Code__c\nDenmark,DK\nGermany,DE\n');
  });

  it('repeats the download after a dropped connection, a 503 and a limit error; the file holds one copy', async () => {
    const file = join(work, 'retried.csv');
    // Left by an earlier try: the download starts the file afresh.
    await writeFile(file, 'left over from a broken try\n');
    org.resetRequestLog();
    org.setFaults({ seed: 3, dropRate: 0.34, serverErrorRate: 0.33, limitExceededRate: 0.33, maxFaults: 3 });
    try {
      expect(await download(failedJob, 'failedResults', file)).toEqual({ ok: true, requests: 4 });
    } finally {
      org.setFaults({});
    }
    expect(new Set(org.requestLog.map((entry) => entry.fault))).toEqual(
      new Set(['drop', 'status', 'limit', undefined])
    );
    expect(await readFile(file, 'utf8')).toBe(await served(`${v}/jobs/ingest/${failedJob}/failedResults`));
  });

  it('does not repeat an error that repeating cannot mend', async () => {
    org.resetRequestLog();
    const result = await download('7505g0000000NoSuchJob', 'failedResults', join(work, 'missing.csv'));
    expect(result).toMatchObject({ ok: false, kind: 'client', errorCode: 'NOT_FOUND', requests: 1 });
    expect(result.message).toBe('The requested resource does not exist');
    expect(org.requestLog).toHaveLength(1);
  });
});
