/*
 * The Bulk load stage on its own: jobs cut at the byte limit (bytes, not characters), and status
 * requests that slow down while a long job works.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { BulkLoader, DEFAULT_MAX_JOB_BYTES, pollDelay, waitForJobs } from '../../src/records/bulkLoader.js';
import type { PreparedRow } from '../../src/records/rowPreparer.js';
import { FakeOrg } from './fakeOrg.js';

function row(index: number, name: string): PreparedRow {
  const values = [`K-${index}`, name];
  return { row: index + 2, cells: values, values, referenceValues: [], key: values[0], problems: [] };
}

describe('BulkLoader', () => {
  it('cuts jobs by UTF-8 bytes, so rows in Chinese never overfill a job', async () => {
    const org = new FakeOrg();
    const workDir = await mkdtemp(join(tmpdir(), 'glocal-bulk-loader-'));
    // Header "Course_Code__c,Name\n" is 20 bytes; each row "K-n,跨文化沟通\n" is 4 + 18 + 1 = 23 bytes
    // but only 11 characters: counted in characters, all four rows would fit in 70 bytes.
    const loader = new BulkLoader(org, {
      object: 'Training_Course__c',
      keyField: 'Course_Code__c',
      uploadFields: ['Course_Code__c', 'Name'],
      workDir,
      maxJobBytes: 70,
    });
    for (let index = 0; index < 4; index++) await loader.add(row(index, '跨文化沟通'));
    const jobs = await loader.finish();
    expect(jobs.map((job) => [job.firstRow, job.lastRow, job.rows])).toEqual([
      [2, 3, 2],
      [4, 5, 2],
    ]);
    expect(org.uploadedKeys).toEqual(['K-0', 'K-1', 'K-2', 'K-3']);
  });

  it('fits a million ten-column rows with three 18-character Ids in one job, within 150 MB of base64', () => {
    expect(Math.ceil(DEFAULT_MAX_JOB_BYTES / 3) * 4).toBeLessThanOrEqual(150_000_000);
    expect(DEFAULT_MAX_JOB_BYTES).toBeGreaterThan(110 * 1_000_000);
  });
});

describe('waiting for jobs', () => {
  it('asks half as late again after each unfinished answer, up to six times the first interval', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((poll) => pollDelay(5000, poll))).toEqual([
      5000, 7500, 11250, 16875, 25313, 30000, 30000, 30000,
    ]);
    expect(pollDelay(0, 5)).toBe(0);
  });

  it('returns the finished jobs, or undefined when the wait runs out, asking once more at the deadline', async () => {
    const org = new FakeOrg();
    const job = await org.createIngestJob({
      object: 'Training_Course__c',
      operation: 'upsert',
      externalIdFieldName: 'Course_Code__c',
    });
    await org.closeIngestJob(job.id);
    org.pollsUntilComplete = 1000;
    const before = org.requestCount;
    expect(await waitForJobs(org, [job.id], { pollIntervalMs: 10, waitMs: 30 })).toBeUndefined();
    // At once, then after 10 and 15 ms, then at the deadline (the 22 ms wait is cut short): on a
    // busy machine a late timer can skip one, but the answer at the deadline is always asked for.
    const asked = org.requestCount - before;
    expect(asked).toBeGreaterThanOrEqual(2);
    expect(asked).toBeLessThanOrEqual(4);

    org.pollsUntilComplete = 0;
    const infos = await waitForJobs(org, [job.id], { pollIntervalMs: 10, waitMs: 1000 });
    expect(infos?.map((info) => info.state)).toEqual(['JobComplete']);
  });
});
