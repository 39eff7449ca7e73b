// collectJobFailures: the rows a finished Bulk job did not load, read from its result files.
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectJobFailures } from '../../src/records/bulkLoader.js';
import type { IngestJobInfo, IngestResultKind, OrgClient } from '../../src/org/orgClient.js';

let workDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'glocal-job-failures-'));
});

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** An org that serves the given result files and remembers which it was asked for. */
function orgWithResults(files: Record<string, string>): { org: OrgClient; asked: string[] } {
  const asked: string[] = [];
  const org = {
    downloadIngestResults: async (jobId: string, kind: IngestResultKind, toFile: string): Promise<void> => {
      asked.push(`${jobId}/${kind}`);
      await writeFile(toFile, files[`${jobId}/${kind}`] ?? '');
    },
  } as unknown as OrgClient;
  return { org, asked };
}

const job = (id: string, state: IngestJobInfo['state'], extra: Partial<IngestJobInfo> = {}): IngestJobInfo => ({
  id,
  object: 'Training_Record__c',
  operation: 'upsert',
  state,
  ...extra,
});

const RULE = 'FIELD_CUSTOM_VALIDATION_EXCEPTION:Enter the completion date.:Completed_On__c --';

describe('collectJobFailures', () => {
  it('gives each failed or unprocessed row by lower-case key with its reason, the first reason when a key fails twice', async () => {
    const { org, asked } = orgWithResults({
      'J1/failedResults': [
        '\uFEFF"sf__Id","sf__Error",Record_Key__c,Status__c',
        `"","${RULE}",TR-1,Completed`,
        `"","REQUIRED_FIELD_MISSING:Required fields are missing: [Market__c]:Market__c --","Tr-2, ""quoted""
across lines",Assigned`,
        `"","${RULE}",tr-1,Completed`,
      ].join('\n'),
      'J3/unprocessedrecords': 'Record_Key__c,Status__c\nTR-9,Assigned\nTR-1,Assigned\n',
      'J3/failedResults': '"sf__Id","sf__Error",Record_Key__c,Status__c\n',
    });
    const collected = await collectJobFailures(
      org,
      [
        job('J1', 'JobComplete', { numberRecordsFailed: 3 }),
        job('J2', 'JobComplete', { numberRecordsFailed: 0 }),
        job('J3', 'Failed', { errorMessage: 'InternalServerError : down' }),
      ],
      'Record_Key__c',
      workDir
    );
    expect([...collected.failures]).toEqual([
      ['tr-1', RULE],
      ['tr-2, "quoted"\nacross lines', 'REQUIRED_FIELD_MISSING:Required fields are missing: [Market__c]:Market__c --'],
      ['tr-9', 'not processed by the org (job J3 Failed: InternalServerError : down)'],
    ]);
    expect(collected.createOnlyConflicts).toEqual([]);
    // A complete job without failures costs no request; results files do not stay behind.
    expect(asked).toEqual(['J1/failedResults', 'J3/failedResults', 'J3/unprocessedrecords']);
    expect(await readdir(workDir)).toEqual([]);
  });

  it('keeps rows refused for create-only fields apart, with the values that were sent under their own key', async () => {
    const conflict = 'INVALID_FIELD_FOR_INSERT_UPDATE:Unable to create/update fields: Course__c.:Course__c --';
    const files = {
      'J1/failedResults': [
        '"sf__Id","sf__Error",Record_Key__c,Course__c,Status__c',
        `"a0B000000000001AAA","${conflict}",TR-7,a01000000000001AAA,Assigned`,
        `"","${RULE}",TR-8,a01000000000001AAA,Completed`,
      ].join('\n'),
    };
    const { org } = orgWithResults(files);
    const jobs = [job('J1', 'JobComplete', { numberRecordsFailed: 2 })];
    const collected = await collectJobFailures(org, jobs, 'Record_Key__c', workDir, ['Course__c']);
    expect(collected.createOnlyConflicts).toEqual([
      {
        key: 'TR-7',
        values: new Map([
          ['Record_Key__c', 'TR-7'],
          ['Course__c', 'a01000000000001AAA'],
          ['Status__c', 'Assigned'],
        ]),
        reason: conflict,
      },
    ]);
    expect(collected.failures.get('tr-7')).toBe(conflict);
    expect(collected.failures.get('tr-8')).toBe(RULE);
    // Without create-only fields asked for, the same rows are plain failures.
    const plain = await collectJobFailures(orgWithResults(files).org, jobs, 'Record_Key__c', workDir);
    expect(plain.createOnlyConflicts).toEqual([]);
    expect(plain.failures.get('tr-7')).toBe(conflict);
  });

  it('reports every row of a job the org rejected in full, whatever the mix of reasons', async () => {
    const rows = 30_000;
    let text = '"sf__Id","sf__Error",Record_Key__c\n';
    for (let row = 0; row < rows; row++) {
      // Two shared messages and one that names the row's own value.
      const reason =
        row % 3 === 0 ? RULE : row % 3 === 1 ? 'DUPLICATE_VALUE:duplicate --' : `STRING_TOO_LONG:${row} --`;
      text += `"","${reason}",K-${row}\n`;
    }
    const { org } = orgWithResults({ 'J1/failedResults': text });
    const collected = await collectJobFailures(
      org,
      [job('J1', 'JobComplete', { numberRecordsFailed: rows })],
      'Record_Key__c',
      workDir
    );
    expect(collected.failures.size).toBe(rows);
    expect(collected.failures.get('k-0')).toBe(RULE);
    expect(collected.failures.get('k-29998')).toBe('DUPLICATE_VALUE:duplicate --');
    expect(collected.failures.get('k-29999')).toBe('STRING_TOO_LONG:29999 --');
  });
});
