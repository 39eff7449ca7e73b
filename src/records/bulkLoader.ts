/*
 * Load stage for large files: rows stream into CSV chunk files on disk (≤ maxJobBytes each) and
 * every chunk becomes one Bulk API 2.0 upsert job. A job's rows count as accepted once the job is
 * closed (UploadComplete); before that a failed upload is thrown away with its job and the chunk
 * goes to a new job, so no accepted row is ever sent twice.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { Messages } from '@salesforce/core';
import { OrgRequestError, type IngestJobInfo, type OrgClient } from '../org/orgClient.js';
import { GarbageBudget } from '../org/memory.js';
import { backoffDelay, defaultRetryPolicy, sleep, type RetryPolicy } from '../org/retry.js';
import { isCreateOnlyConflict } from './createOnlyFields.js';
import { csvLine } from './csvText.js';
import { FailedRows } from './failedRows.js';
import type { PreparedRow } from './rowPreparer.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

/**
 * Bytes of CSV (UTF-8) per job. Bulk API 2.0 takes at most 150 MB of base64 per job, which is
 * 112.5 million bytes before encoding (base64 writes 4 bytes for every 3); Salesforce's advice of
 * "≤ 100 MB" is that same limit rounded down. Counting MB as 10^6 (the smaller reading) and keeping
 * a margin of half a megabyte, a job holds 112 million bytes: a million ten-column rows with three
 * 18-character Ids fit in one job, as they do for `sf data import bulk`, which does not split at all.
 */
export const DEFAULT_MAX_JOB_BYTES = 112_000_000;

/** GLOCAL_BULK_MAX_BYTES makes jobs small, so tests can see a load spread over several jobs. */
function maxJobBytesFromEnv(): number | undefined {
  const value = Number(process.env.GLOCAL_BULK_MAX_BYTES);
  return process.env.GLOCAL_BULK_MAX_BYTES && Number.isFinite(value) && value > 0 ? value : undefined;
}

export type BulkJob = { id: string; firstRow: number; lastRow: number; rows: number; closed: boolean };

export type BulkLoaderOptions = {
  object: string;
  keyField: string;
  uploadFields: string[];
  workDir: string;
  maxJobBytes?: number;
  /** Called whenever the job list changes, so a state file can follow it. */
  onJobsChanged?: (jobs: BulkJob[]) => Promise<void>;
  onProgress?: (sent: number) => void;
  policy?: RetryPolicy;
};

export class BulkLoader {
  public readonly jobs: BulkJob[] = [];
  private stream?: WriteStream;
  private chunkFile = '';
  private chunkBytes = 0;
  private chunkRows = 0;
  private firstRow = 0;
  private lastRow = 0;
  private buffer = '';
  private sent = 0;
  private transfer = 0;
  private readonly headerLine: string;
  private readonly maxJobBytes: number;
  private readonly policy: RetryPolicy;
  private readonly garbage = new GarbageBudget(16 * 1024 * 1024);

  public constructor(
    private readonly org: OrgClient,
    private readonly options: BulkLoaderOptions
  ) {
    this.headerLine = csvLine(options.uploadFields);
    this.maxJobBytes = options.maxJobBytes ?? maxJobBytesFromEnv() ?? DEFAULT_MAX_JOB_BYTES;
    this.policy = options.policy ?? defaultRetryPolicy();
  }

  public get rowsSent(): number {
    return this.sent;
  }

  /** Milliseconds spent creating, uploading and closing jobs (waiting on the org, not processing rows). */
  public get transferMs(): number {
    return Math.round(this.transfer);
  }

  /** Adds one row; returns a promise only when the row made a chunk go out or the buffer drain. */
  public add(row: PreparedRow): Promise<void> | undefined {
    const line = csvLine(row.values);
    // The limit is in bytes: a Chinese or Arabic row takes up to three times its length.
    const bytes = Buffer.byteLength(line);
    if (this.stream && this.chunkBytes + bytes > this.maxJobBytes) {
      return this.submitChunk().then(() => this.add(row));
    }
    if (!this.stream) this.openChunk(row.row);
    this.buffer += line;
    this.chunkBytes += bytes;
    this.chunkRows++;
    this.lastRow = row.row;
    return this.buffer.length >= 256 * 1024 ? this.drainBuffer() : undefined;
  }

  /** Submits what is left; returns every job of this load. */
  public async finish(): Promise<BulkJob[]> {
    if (this.stream) await this.submitChunk();
    return this.jobs;
  }

  private openChunk(firstRow: number): void {
    this.chunkFile = join(this.options.workDir, `chunk-${this.jobs.length + 1}.csv`);
    this.stream = createWriteStream(this.chunkFile);
    this.buffer = this.headerLine;
    this.chunkBytes = Buffer.byteLength(this.headerLine);
    this.chunkRows = 0;
    this.firstRow = firstRow;
  }

  private async drainBuffer(): Promise<void> {
    if (!this.stream || this.buffer === '') return;
    this.garbage.add(this.buffer.length);
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    if (!ok) await once(this.stream, 'drain');
  }

  private async submitChunk(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    await this.drainBuffer();
    stream.end();
    await once(stream, 'finish');
    this.stream = undefined;
    const job: BulkJob = {
      id: '',
      firstRow: this.firstRow,
      lastRow: this.lastRow,
      rows: this.chunkRows,
      closed: false,
    };
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      const info = await this.org.createIngestJob({
        object: this.options.object,
        operation: 'upsert',
        externalIdFieldName: this.options.keyField,
      });
      job.id = info.id;
      if (!this.jobs.includes(job)) this.jobs.push(job);
      await this.options.onJobsChanged?.(this.jobs);
      try {
        await this.org.uploadIngestData(job.id, this.chunkFile);
        break;
      } catch (error) {
        const failure =
          error instanceof OrgRequestError ? error : new OrgRequestError(String(error), 'client', 'UNKNOWN');
        if (!failure.transient || attempt + 1 >= this.policy.attempts) throw failure;
        // The job was never closed, so the org processes none of its rows: drop it, use a new one.
        await this.org.abortIngestJob(job.id).catch(() => undefined);
        await sleep(backoffDelay(this.policy, attempt, failure.kind));
      }
    }
    await this.org.closeIngestJob(job.id);
    this.transfer += performance.now() - started;
    job.closed = true;
    this.sent += job.rows;
    await this.options.onJobsChanged?.(this.jobs);
    this.options.onProgress?.(this.sent);
    await rm(this.chunkFile, { force: true });
  }
}

const TERMINAL = new Set(['JobComplete', 'Failed', 'Aborted']);

/** Polls slow down by half each time a job is still working, up to this many times the first interval. */
const POLL_BACKOFF = 1.5;
const POLL_MAX_FACTOR = 6;

/**
 * The wait before the `poll`-th status request (0-based): the first interval, then half as long
 * again each time, up to six times the first (5 s → 7.5 s → … → 30 s). A job the org needs minutes
 * for then costs a few requests a minute instead of twelve, which API limits feel; a short job is
 * still seen finished within a few seconds.
 */
export function pollDelay(firstIntervalMs: number, poll: number): number {
  return Math.round(Math.min(firstIntervalMs * POLL_BACKOFF ** poll, firstIntervalMs * POLL_MAX_FACTOR));
}

export type JobWaitOptions = {
  /** The first interval between status requests; later ones grow (see pollDelay). */
  pollIntervalMs: number;
  /** Give up waiting (not the jobs) after this long. */
  waitMs: number;
  onUpdate?: (infos: IngestJobInfo[]) => void;
};

/**
 * Polls the jobs until all are finished, or returns undefined when the wait runs out first.
 * The org works through a load's jobs in order, so each round asks about the first unfinished
 * job only, and about the next ones at once when it has finished: one request per interval,
 * the intervals growing as pollDelay says.
 */
export async function waitForJobs(
  org: OrgClient,
  jobIds: string[],
  options: JobWaitOptions
): Promise<IngestJobInfo[] | undefined> {
  const deadline = Date.now() + options.waitMs;
  const latest = new Map<string, IngestJobInfo>();
  for (let poll = 0; ; poll++) {
    for (const id of jobIds) {
      if (latest.has(id) && TERMINAL.has(latest.get(id)!.state)) continue;
      const info = await org.getIngestJob(id);
      latest.set(id, info);
      if (!TERMINAL.has(info.state)) break;
    }
    options.onUpdate?.(jobIds.filter((id) => latest.has(id)).map((id) => latest.get(id)!));
    if (jobIds.every((id) => latest.has(id) && TERMINAL.has(latest.get(id)!.state))) {
      return jobIds.map((id) => latest.get(id)!);
    }
    // The last request comes at the deadline itself, not one interval before it.
    const remaining = deadline - Date.now();
    if (remaining <= 0) return undefined;
    await sleep(Math.min(pollDelay(options.pollIntervalMs, poll), remaining));
  }
}

export type JobFailures = {
  /** upsert key (lower case) → reason */
  failures: Map<string, string>;
  /** Rows that failed only for setting create-only fields, with the values that were sent. */
  createOnlyConflicts: Array<{ key: string; values: Map<string, string>; reason: string }>;
};

/**
 * Failed and unprocessed rows of finished jobs, by upsert key (lower case) → reason.
 * Results go through files, read as arrays (a row's other columns are only kept for create-only
 * conflicts), into FailedRows: a job with a million failures must fit in memory once, and small.
 * With `createOnly` fields given, rows rejected for setting them are returned apart.
 */
export async function collectJobFailures(
  org: OrgClient,
  jobs: IngestJobInfo[],
  keyField: string,
  workDir: string,
  createOnly: string[] = []
): Promise<JobFailures> {
  const result: JobFailures = { failures: new FailedRows(), createOnlyConflicts: [] };
  for (const job of jobs) {
    for (const kind of ['failedResults', 'unprocessedrecords'] as const) {
      if (kind === 'failedResults' && job.state === 'JobComplete' && !job.numberRecordsFailed) continue;
      if (kind === 'unprocessedrecords' && job.state === 'JobComplete') continue;
      const file = join(workDir, `${job.id}-${kind}.csv`);
      await org.downloadIngestResults(job.id, kind, file);
      const unprocessed = job.errorMessage
        ? messages.getMessage('load.notProcessedBecause', [job.id, job.state, job.errorMessage])
        : messages.getMessage('load.notProcessed', [job.id, job.state]);
      await forEachResultRow(file, keyField, (key, error, row) => {
        const lowerKey = key.toLowerCase();
        if (result.failures.has(lowerKey)) return;
        const reason = kind === 'failedResults' ? (error ?? messages.getMessage('load.rejected')) : unprocessed;
        result.failures.set(lowerKey, reason);
        if (kind === 'failedResults' && createOnly.length > 0 && isCreateOnlyConflict(reason)) {
          result.createOnlyConflicts.push({ key, values: row(), reason });
        }
      });
      await rm(file, { force: true });
    }
  }
  return result;
}

/**
 * Calls `onRow` with each result row's key and sf__Error (undefined when the file has no such
 * column); `row()` gives the row's own columns by name, built only when asked for.
 */
async function forEachResultRow(
  file: string,
  keyField: string,
  onRow: (key: string, error: string | undefined, row: () => Map<string, string>) => void
): Promise<void> {
  const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  let header: string[] | undefined;
  let keyAt = -1;
  let errorAt = -1;
  for await (const fields of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = fields;
      keyAt = header.indexOf(keyField);
      errorAt = header.indexOf('sf__Error');
      continue;
    }
    const columns = header;
    const row = (): Map<string, string> =>
      new Map(
        columns.flatMap((name, index) =>
          name.startsWith('sf__') || fields[index] === undefined ? [] : [[name, fields[index]] as [string, string]]
        )
      );
    onRow(fields[keyAt] ?? '', errorAt < 0 ? undefined : fields[errorAt], row);
  }
}
