/*
 * The org as the records engine sees it: a handful of REST and Bulk API 2.0 calls, typed for the
 * parts Glocal reads. One implementation talks to a real (or local) org through the jsforce
 * Connection; tests use an in-memory fake of the same interface.
 */

export type PicklistEntry = { value: string; label: string; active: boolean };

export type FieldDescribe = {
  name: string;
  label: string;
  type: string;
  length: number;
  precision: number;
  scale: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  externalId: boolean;
  unique: boolean;
  calculated: boolean;
  autoNumber: boolean;
  caseSensitive?: boolean;
  restrictedPicklist?: boolean;
  picklistValues?: PicklistEntry[];
  referenceTo?: string[];
  relationshipName?: string | null;
};

export type ObjectDescribe = {
  name: string;
  label: string;
  keyPrefix?: string | null;
  fields: FieldDescribe[];
};

export type SaveError = { statusCode: string; message: string; fields?: string[] };

export type SaveResult = { id?: string; success: boolean; created?: boolean; errors: SaveError[] };

/** A record as sent to the org: field API name → value in API format ('' and null clear a field). */
export type SObjectRecord = Record<string, string | number | boolean | null>;

export type IngestJobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export type IngestJobInfo = {
  id: string;
  object: string;
  operation: string;
  state: IngestJobState;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  errorMessage?: string;
};

export type IngestJobRequest = {
  object: string;
  operation: 'upsert';
  externalIdFieldName: string;
};

export type IngestResultKind = 'failedResults' | 'unprocessedrecords';

export type QueryRecord = Record<string, unknown>;

export type OrgClient = {
  /** Describe an object once per client; later calls are served from the cache. */
  describe(object: string): Promise<ObjectDescribe>;
  /** Every record of a SOQL query, following nextRecordsUrl pages. */
  query<T extends QueryRecord = QueryRecord>(soql: string): Promise<T[]>;
  /** The same, one page (≤ 2,000 records) at a time, for results too large to hold. */
  queryPages<T extends QueryRecord = QueryRecord>(soql: string): AsyncGenerator<T[]>;
  /**
   * Every record of a SOQL query through a Bulk API 2.0 query job (create, poll, CSV results):
   * a few calls for any number of records, where REST query pages hold 2,000. Values come back
   * as text ('' for empty). Optional: a client without it reads through queryPages.
   */
  bulkQuery?(soql: string): AsyncGenerator<QueryRecord[]>;
  /**
   * Upsert ≤ 200 records by external ID in one sObject Collections call (allOrNone false).
   * Throws an {@link OrgRequestError} when the call as a whole fails.
   */
  upsertCollection(object: string, externalIdField: string, records: SObjectRecord[]): Promise<SaveResult[]>;
  createIngestJob(request: IngestJobRequest): Promise<IngestJobInfo>;
  /** Upload one CSV file (comma, LF) as the job's data, streamed from disk. */
  uploadIngestData(jobId: string, csvFile: string): Promise<void>;
  closeIngestJob(jobId: string): Promise<IngestJobInfo>;
  abortIngestJob(jobId: string): Promise<IngestJobInfo>;
  getIngestJob(jobId: string): Promise<IngestJobInfo>;
  /** The job's failed or unprocessed rows as CSV, written to a file (results can be large). */
  downloadIngestResults(jobId: string, kind: IngestResultKind, toFile: string): Promise<void>;
  /** Requests sent so far (every attempt counts), for benchmarks and tests. */
  readonly requestCount: number;
};

/**
 * How a failed request failed, which decides whether it may be repeated:
 * - `limit`: the org refused before doing anything (REQUEST_LIMIT_EXCEEDED, 429) — safe to repeat;
 * - `server`: 5xx — the org may or may not have done the work;
 * - `connection`: the connection dropped — the org may or may not have done the work;
 * - `client`: anything else (bad request, auth, unknown object) — repeating will not help.
 */
export type OrgFailureKind = 'limit' | 'server' | 'connection' | 'client';

export class OrgRequestError extends Error {
  public constructor(
    message: string,
    public readonly kind: OrgFailureKind,
    public readonly errorCode: string,
    public readonly cause?: unknown
  ) {
    super(message);
    this.name = 'OrgRequestError';
  }

  /** The org certainly did not apply the request. */
  public get notApplied(): boolean {
    return this.kind === 'limit';
  }

  public get transient(): boolean {
    return this.kind !== 'client';
  }
}
