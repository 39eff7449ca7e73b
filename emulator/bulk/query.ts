// Bulk API 2.0 query jobs: the SOQL runs through the same engine as REST query; results are CSV
// pages addressed by locators (Sforce-Locator / Sforce-NumberOfRecords headers).
import { ApiError } from '../http/router.js';
import { formatDateTime } from '../org/values.js';
import { parseSoql, SoqlEngine, type OutRecord } from '../soql/engine.js';
import type { OrgContext } from '../types.js';
import { COLUMN_DELIMITERS, quoted } from './csv.js';
import type { JobState } from './ingest.js';

export interface QueryJob {
  id: string;
  operation: 'query' | 'queryAll';
  object: string;
  query: string;
  columnDelimiter: string;
  lineEnding: 'LF' | 'CRLF';
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  apiVersion: number;
  errorMessage?: string;
  header?: string;
  lines: string[];
  totalProcessingTime: number;
}

/** Rows per results page when the client sends no maxRecords. */
export const DEFAULT_PAGE_ROWS = 50_000;

interface QueryField {
  type: string;
  field?: string;
  rawValue?: string;
  relationships?: string[];
  functionName?: string;
}

export class QueryJobs {
  private readonly jobs = new Map<string, QueryJob>();
  private running: Promise<void> = Promise.resolve();

  public constructor(private readonly org: OrgContext) {}

  public create(body: Record<string, unknown>, apiVersion: string): QueryJob {
    const operation = body.operation ?? 'query';
    if (operation !== 'query' && operation !== 'queryAll') {
      throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(operation)}`);
    }
    const query = typeof body.query === 'string' ? body.query : '';
    const parsed = parseSoql(query);
    const fields = (parsed.fields ?? []) as QueryField[];
    if (fields.some((f) => f.type === 'FieldSubquery')) {
      throw new ApiError(
        400,
        'INVALIDJOB',
        'InvalidJob : Bulk API 2.0 does not support parent-to-child relationship queries (subqueries)'
      );
    }
    const aggregate = fields.find(
      (f) => f.type === 'FieldFunctionExpression' && f.functionName?.toUpperCase() !== 'FIELDS'
    );
    if (parsed.groupBy || aggregate) {
      throw new ApiError(400, 'INVALIDJOB', 'InvalidJob : Bulk API 2.0 does not support aggregate queries or GROUP BY');
    }
    // validate fields and object now, as a real org does when the job is created
    new SoqlEngine(this.org.store).columns(query);
    const delimiterName = typeof body.columnDelimiter === 'string' ? body.columnDelimiter : 'COMMA';
    if (!COLUMN_DELIMITERS[delimiterName])
      throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid column delimiter: ${delimiterName}`);
    const lineEnding = body.lineEnding === 'CRLF' ? 'CRLF' : 'LF';
    const now = formatDateTime(Date.now());
    const job: QueryJob = {
      id: this.org.store.nextId('750'),
      operation,
      object: this.org.schema.getObject(parsed.sObject ?? '')?.name ?? parsed.sObject ?? '',
      query,
      columnDelimiter: delimiterName,
      lineEnding,
      createdById: this.org.userId,
      createdDate: now,
      systemModstamp: now,
      state: 'UploadComplete',
      apiVersion: Number(apiVersion),
      lines: [],
      totalProcessingTime: 0,
    };
    this.jobs.set(job.id, job);
    this.running = this.running.then(() => this.process(job).catch(() => undefined));
    return job;
  }

  public get(id: string): QueryJob {
    const job = this.jobs.get(id);
    if (!job) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return job;
  }

  public list(): QueryJob[] {
    return [...this.jobs.values()];
  }

  public abort(id: string): QueryJob {
    const job = this.get(id);
    if (job.state === 'JobComplete' || job.state === 'Failed') {
      throw new ApiError(409, 'INVALIDJOBSTATE', `Job ${id} cannot be aborted; its state is ${job.state}`);
    }
    job.state = 'Aborted';
    return job;
  }

  public delete(id: string): void {
    const job = this.get(id);
    if (job.state === 'InProgress' || job.state === 'UploadComplete') {
      throw new ApiError(409, 'INVALIDJOBSTATE', `Job ${id} cannot be deleted while its state is ${job.state}`);
    }
    this.jobs.delete(id);
  }

  public idle(): Promise<void> {
    return this.running;
  }

  /** One page of results: CSV text, the next locator (or null) and the row count. */
  public page(
    id: string,
    locator: string | null,
    maxRecords: number | undefined
  ): { csv: string; next: string | null; count: number } {
    const job = this.get(id);
    if (job.state !== 'JobComplete') {
      throw new ApiError(400, 'INVALIDJOBSTATE', `Job ${id} has not completed; its state is ${job.state}`);
    }
    const offset = locator ? Number(Buffer.from(locator, 'base64url').toString('utf8')) : 0;
    if (!Number.isInteger(offset) || offset < 0 || offset > job.lines.length) {
      throw new ApiError(400, 'INVALID_LOCATOR', `Invalid locator: ${locator}`);
    }
    const size = maxRecords && maxRecords > 0 ? maxRecords : DEFAULT_PAGE_ROWS;
    const rows = job.lines.slice(offset, offset + size);
    const end = offset + rows.length;
    const newline = job.lineEnding === 'CRLF' ? '\r\n' : '\n';
    const next = end < job.lines.length ? Buffer.from(String(end)).toString('base64url') : null;
    return { csv: [job.header ?? '', ...rows].join(newline) + newline, next, count: rows.length };
  }

  private async process(job: QueryJob): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (job.state === 'Aborted') return;
    const started = Date.now();
    job.state = 'InProgress';
    try {
      const engine = new SoqlEngine(this.org.store);
      const answer = engine.run(job.query, {
        all: job.operation === 'queryAll',
        apiVersion: String(job.apiVersion),
        userId: this.org.userId,
      });
      const delimiter = COLUMN_DELIMITERS[job.columnDelimiter];
      const columns = columnsOf(job.query, answer.records);
      job.header = columns.map((column) => quoted(column.join('.'))).join(delimiter);
      job.lines = answer.records.map((record) =>
        columns.map((path) => csvValue(valueAt(record, path))).join(delimiter)
      );
      job.state = (job.state as JobState) === 'Aborted' ? 'Aborted' : 'JobComplete';
    } catch (error) {
      job.state = 'Failed';
      job.errorMessage =
        error instanceof ApiError
          ? `${error.errorCode} : ${error.message}`
          : `InternalServerError : ${(error as Error).message}`;
    }
    job.totalProcessingTime = Date.now() - started;
    job.systemModstamp = formatDateTime(Date.now());
  }
}

/** Column paths in SELECT order (FIELDS(...) expands to the first record's keys). */
function columnsOf(soql: string, records: OutRecord[]): string[][] {
  const fields = (parseSoql(soql).fields ?? []) as QueryField[];
  const columns: string[][] = [];
  for (const field of fields) {
    if (field.type === 'Field' && field.field) columns.push([field.field]);
    else if (field.type === 'FieldRelationship' && field.field)
      columns.push([...(field.relationships ?? []), field.field]);
    else if (field.type === 'FieldFunctionExpression') {
      const sample = records[0] ?? {};
      for (const key of Object.keys(sample)) if (key !== 'attributes') columns.push([key]);
    }
  }
  return columns;
}

function valueAt(record: OutRecord, path: string[]): unknown {
  let current: unknown = record;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return null;
    const object = current as Record<string, unknown>;
    if (segment in object) current = object[segment];
    else {
      const lower = segment.toLowerCase();
      const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
      current = key === undefined ? null : object[key];
    }
  }
  return current;
}

function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return quoted(typeof value === 'string' ? value : String(value));
}

export function queryJobInfo(job: QueryJob): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    jobType: 'V2Query',
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    numberRecordsProcessed: job.lines.length,
    retries: 0,
    totalProcessingTime: job.totalProcessingTime,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}
