// Bulk API 2.0 ingest jobs: the job state machine (Open → UploadComplete → InProgress →
// JobComplete | Failed, or Aborted) and the processing of uploaded CSV in chunks through the
// record store, so Bulk rows meet exactly the same checks as REST writes.
import { ApiError } from '../http/router.js';
import { formatDateTime } from '../org/values.js';
import type { WriteResult } from '../org/store.js';
import type { OrgContext } from '../types.js';
import { COLUMN_DELIMITERS, CsvCursor, CsvError, quoted } from './csv.js';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

const OPERATIONS: IngestOperation[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete'];
/** Rows written per store call; between chunks the event loop serves polling clients. */
export const INGEST_CHUNK_ROWS = 10_000;

/** Where one processed row's result lives: its original text and the store's answer. */
interface RowResult {
  start: number;
  end: number;
  upload: number;
  id: string | null;
  created: boolean;
  error?: string;
}

export interface IngestJob {
  id: string;
  operation: IngestOperation;
  object: string;
  externalIdFieldName?: string;
  columnDelimiter: string;
  lineEnding: 'LF' | 'CRLF';
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  apiVersion: number;
  errorMessage?: string;
  uploads: string[];
  /** header line text of each upload */
  headers: string[];
  results: RowResult[];
  /** row ranges never processed (aborted or failed jobs) */
  unprocessed: Array<{ upload: number; start: number; end: number }>;
  processed: number;
  failed: number;
  totalProcessingTime: number;
}

export class IngestJobs {
  private readonly jobs = new Map<string, IngestJob>();
  private running: Promise<void> = Promise.resolve();

  public constructor(private readonly org: OrgContext) {}

  public create(body: Record<string, unknown>, apiVersion: string): IngestJob {
    const object = typeof body.object === 'string' ? body.object : '';
    const operation = body.operation as IngestOperation;
    if (!OPERATIONS.includes(operation)) {
      throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(body.operation)}`);
    }
    const schema = this.org.schema.getObject(object);
    if (!schema) throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Object type '${object}' is not supported`);
    if (schema.customMetadata) {
      throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Entity '${schema.name}' is not supported by the Bulk API`);
    }
    const contentType = body.contentType ?? 'CSV';
    if (contentType !== 'CSV')
      throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Unsupported content type: ${String(contentType)}`);
    const delimiterName = typeof body.columnDelimiter === 'string' ? body.columnDelimiter : 'COMMA';
    if (!COLUMN_DELIMITERS[delimiterName]) {
      throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid column delimiter: ${delimiterName}`);
    }
    const lineEnding = typeof body.lineEnding === 'string' ? body.lineEnding : 'LF';
    if (lineEnding !== 'LF' && lineEnding !== 'CRLF')
      throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid line ending: ${lineEnding}`);
    let externalIdFieldName: string | undefined;
    if (operation === 'upsert') {
      const name = typeof body.externalIdFieldName === 'string' ? body.externalIdFieldName : '';
      const field = this.org.schema.getField(schema.name, name);
      if (!field || (field.type !== 'id' && !field.externalId)) {
        throw new ApiError(
          400,
          'INVALIDJOB',
          `InvalidJob : Field name provided, ${name} is not an External ID or indexed field for ${schema.name}`
        );
      }
      externalIdFieldName = field.name;
    }
    const now = formatDateTime(Date.now());
    const job: IngestJob = {
      id: this.org.store.nextId('750'),
      operation,
      object: schema.name,
      externalIdFieldName,
      columnDelimiter: delimiterName,
      lineEnding,
      createdById: this.org.userId,
      createdDate: now,
      systemModstamp: now,
      state: 'Open',
      apiVersion: Number(apiVersion),
      uploads: [],
      headers: [],
      results: [],
      unprocessed: [],
      processed: 0,
      failed: 0,
      totalProcessingTime: 0,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  public get(id: string): IngestJob {
    const job = this.jobs.get(id);
    if (!job) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return job;
  }

  public list(): IngestJob[] {
    return [...this.jobs.values()];
  }

  public upload(id: string, csv: string): void {
    const job = this.get(id);
    if (job.state !== 'Open') {
      throw new ApiError(409, 'INVALIDJOBSTATE', `Job ${id} is not open for uploads; its state is ${job.state}`);
    }
    if (csv.trim() === '') throw new ApiError(400, 'INVALIDBATCH', 'InvalidBatch : Empty CSV data');
    job.uploads.push(csv);
  }

  public setState(id: string, state: unknown): IngestJob {
    const job = this.get(id);
    if (state === 'UploadComplete') {
      if (job.state !== 'Open')
        throw new ApiError(409, 'INVALIDJOBSTATE', `Job ${id} cannot be closed; its state is ${job.state}`);
      job.state = 'UploadComplete';
      this.touch(job);
      this.schedule(job);
    } else if (state === 'Aborted') {
      if (job.state === 'JobComplete' || job.state === 'Failed') {
        throw new ApiError(409, 'INVALIDJOBSTATE', `Job ${id} cannot be aborted; its state is ${job.state}`);
      }
      const wasOpen = job.state === 'Open';
      job.state = 'Aborted';
      this.touch(job);
      // An open job is never scheduled, so nothing else records its uploads as unprocessed.
      if (wasOpen) this.markUnprocessed(job, 0, 0);
    } else {
      throw new ApiError(400, 'INVALIDJOBSTATE', `Invalid state: ${String(state)}`);
    }
    return job;
  }

  public delete(id: string): void {
    const job = this.get(id);
    if (job.state === 'Open' || job.state === 'InProgress') {
      throw new ApiError(409, 'INVALIDJOBSTATE', `Job ${id} cannot be deleted while its state is ${job.state}`);
    }
    this.jobs.delete(id);
  }

  /** Resolves when every scheduled job has finished processing. */
  public idle(): Promise<void> {
    return this.running;
  }

  private touch(job: IngestJob): void {
    job.systemModstamp = formatDateTime(Date.now());
  }

  private schedule(job: IngestJob): void {
    this.running = this.running.then(() => this.process(job).catch(() => undefined));
  }

  private async process(job: IngestJob): Promise<void> {
    await yieldToEventLoop();
    if (job.state === 'Aborted') return this.markUnprocessed(job, 0, 0);
    const started = Date.now();
    job.state = 'InProgress';
    this.touch(job);
    while (this.org.faults.plan.holdBulkJobs) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if ((job.state as JobState) === 'Aborted') return this.markUnprocessed(job, 0, 0);
    }
    const fault = this.org.faults.bulkJobFailure(job.object);
    if (fault) return this.fail(job, fault, 0, 0);
    if (job.uploads.length === 0) return this.fail(job, 'InvalidBatch : No data was uploaded for this job', 0, 0);
    const delimiter = COLUMN_DELIMITERS[job.columnDelimiter];
    for (let upload = 0; upload < job.uploads.length; upload++) {
      const cursor = new CsvCursor(job.uploads[upload], delimiter);
      let plan: ColumnPlan;
      try {
        const header = cursor.next() ?? [];
        job.headers[upload] = cursor.rowText();
        plan = this.planColumns(job, header);
      } catch (error) {
        return this.fail(job, `InvalidBatch : ${(error as Error).message}`, upload, 0);
      }
      for (;;) {
        if ((job.state as JobState) === 'Aborted') return this.markUnprocessed(job, upload, cursor.rowEnd);
        const chunkStart = cursor.rowEnd;
        const resultsBefore = job.results.length;
        const rows: Array<Record<string, unknown>> = [];
        const written: RowResult[] = [];
        let read = 0;
        let failed = 0;
        try {
          while (read < INGEST_CHUNK_ROWS) {
            const fields = cursor.next();
            if (!fields) break;
            read++;
            const result: RowResult = {
              start: cursor.rowStart,
              end: cursor.rowEnd,
              upload,
              id: null,
              created: false,
              error: undefined,
            };
            job.results.push(result);
            if (fields.length !== plan.columns.length) {
              result.error = `INVALID_FIELD:Row ${cursor.rowNumber} has ${fields.length} columns but the header has ${plan.columns.length}:--`;
              failed++;
            } else {
              rows.push(plan.toRecord(fields));
              written.push(result);
            }
          }
        } catch (error) {
          if (error instanceof CsvError) {
            job.results.length = resultsBefore;
            return this.fail(job, `InvalidBatch : ${error.message}`, upload, chunkStart);
          }
          throw error;
        }
        if (read === 0) break;
        const answers = this.write(job, rows);
        for (let i = 0; i < written.length; i++) {
          const answer = answers[i];
          const result = written[i];
          result.id = answer.id;
          result.created = answer.created === true;
          if (!answer.success) {
            result.error = errorText(answer);
            failed++;
          }
        }
        job.processed += read;
        job.failed += failed;
        job.totalProcessingTime = Date.now() - started;
        this.touch(job);
        await yieldToEventLoop();
      }
    }
    job.totalProcessingTime = Date.now() - started;
    job.state = 'JobComplete';
    this.touch(job);
  }

  private write(job: IngestJob, rows: Array<Record<string, unknown>>): WriteResult[] {
    if (rows.length === 0) return [];
    const store = this.org.store;
    const options = { allOrNone: false, text: true };
    switch (job.operation) {
      case 'insert':
        return store.insert(job.object, rows, options);
      case 'update':
        return store.update(job.object, rows, options);
      case 'upsert':
        return store.upsert(job.object, job.externalIdFieldName!, rows, options);
      case 'delete':
      case 'hardDelete':
        return store.delete(
          job.object,
          rows.map((row) => String(row.Id ?? '')),
          options
        );
    }
  }

  private planColumns(job: IngestJob, header: string[]): ColumnPlan {
    const table = this.org.store.table(job.object);
    const columns = header.map((raw) => {
      const name = raw.trim();
      const dot = name.indexOf('.');
      if (dot < 0) {
        const field = table.field(name);
        if (!field) throw new Error(`Field name not found : ${name}`);
        return { kind: 'field' as const, name: field.name };
      }
      const relationship = name.slice(0, dot);
      const targetField = name.slice(dot + 1);
      const reference = table.relationships.get(relationship.toLowerCase());
      if (!reference) throw new Error(`Field name not found : ${name}`);
      const parent = this.org.schema.getObject(reference.referenceTo?.[0] ?? '');
      const key = parent ? this.org.schema.getField(parent.name, targetField) : undefined;
      if (!key || (key.type !== 'id' && !key.externalId)) {
        throw new Error(`Field name not found : ${name}`);
      }
      return { kind: 'relationship' as const, relationship, name: key.name };
    });
    const deleting = job.operation === 'delete' || job.operation === 'hardDelete';
    if (deleting && !columns.some((c) => c.kind === 'field' && c.name === 'Id')) {
      throw new Error('The Id column is required to delete records');
    }
    if (job.operation === 'update' && !columns.some((c) => c.kind === 'field' && c.name === 'Id')) {
      throw new Error('The Id column is required to update records');
    }
    return {
      columns,
      // Blank means "leave as is" in Bulk 2.0; #N/A sets a field to null.
      toRecord: (fields) => {
        const record: Record<string, unknown> = {};
        for (let i = 0; i < columns.length; i++) {
          const value = fields[i];
          if (value === '') continue;
          const column = columns[i];
          const stored = value === '#N/A' ? '' : value;
          if (column.kind === 'field') record[column.name] = stored;
          else record[column.relationship] = { [column.name]: stored };
        }
        return record;
      },
    };
  }

  private fail(job: IngestJob, message: string, upload: number, offset: number): void {
    job.state = 'Failed';
    job.errorMessage = message;
    this.markUnprocessed(job, upload, offset);
  }

  private markUnprocessed(job: IngestJob, upload: number, offset: number): void {
    for (let u = upload; u < job.uploads.length; u++) {
      const text = job.uploads[u];
      const from = u === upload ? offset : 0;
      if (from < text.length) job.unprocessed.push({ upload: u, start: from, end: text.length });
    }
    this.touch(job);
  }
}

interface ColumnPlan {
  columns: Array<{ kind: 'field'; name: string } | { kind: 'relationship'; relationship: string; name: string }>;
  toRecord: (fields: string[]) => Record<string, unknown>;
}

/** "CODE:message:Field1,Field2 --", the way Bulk result files print errors. */
export function errorText(result: WriteResult): string {
  return result.errors
    .map((error) => {
      const fields = error.fields ?? [];
      return `${error.statusCode}:${error.message}:${fields.join(',')}${fields.length ? ' ' : ''}--`;
    })
    .join(' ');
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function jobInfo(job: IngestJob, summary = false): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    jobType: 'V2Ingest',
    contentUrl: `services/data/v${job.apiVersion.toFixed(1)}/jobs/ingest/${job.id}/batches`,
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
  if (summary) return info;
  return {
    ...info,
    numberRecordsProcessed: job.processed,
    numberRecordsFailed: job.failed,
    retries: 0,
    totalProcessingTime: job.totalProcessingTime,
    apiActiveProcessingTime: job.totalProcessingTime,
    apexProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}

const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' };

/** successfulResults / failedResults: the sf__ columns, then the caller's original row. */
export function resultsCsv(job: IngestJob, kind: 'successful' | 'failed'): string {
  const delimiter = COLUMN_DELIMITERS[job.columnDelimiter];
  const newline = LINE_ENDINGS[job.lineEnding];
  const second = kind === 'successful' ? 'sf__Created' : 'sf__Error';
  const header = job.headers[0] ?? '';
  const lines: string[] = [`${quoted('sf__Id')}${delimiter}${quoted(second)}${delimiter}${header}`];
  for (const result of job.results) {
    if ((kind === 'failed') !== (result.error !== undefined)) continue;
    const text = job.uploads[result.upload].slice(result.start, result.end);
    const status = kind === 'successful' ? String(result.created) : (result.error ?? '');
    lines.push(`${quoted(result.id ?? '')}${delimiter}${quoted(status)}${delimiter}${text}`);
  }
  return lines.join(newline) + newline;
}

export function unprocessedCsv(job: IngestJob): string {
  const newline = LINE_ENDINGS[job.lineEnding];
  const lines: string[] = [];
  const header = job.headers[0] ?? firstLine(job.uploads[0] ?? '');
  if (header) lines.push(header);
  for (const range of job.unprocessed) {
    const text = job.uploads[range.upload];
    const cursor = new CsvCursor(text.slice(range.start, range.end), COLUMN_DELIMITERS[job.columnDelimiter]);
    let skipHeader = range.start === 0;
    try {
      while (cursor.next()) {
        if (skipHeader) {
          skipHeader = false;
          continue;
        }
        lines.push(cursor.rowText());
      }
    } catch {
      // an unreadable tail is returned as is
      lines.push(text.slice(range.start + cursor.rowStart, range.end).trimEnd());
    }
  }
  return lines.length > 0 ? lines.join(newline) + newline : '';
}

function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}
