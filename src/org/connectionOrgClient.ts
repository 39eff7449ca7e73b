/*
 * OrgClient over the jsforce Connection that @salesforce/core hands out (auth, session refresh
 * and instance URL come from there). jsforce's own retries are switched off: whether a failed
 * write may be sent again depends on what it was, which only the caller knows.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Connection } from '@salesforce/core';
import {
  OrgRequestError,
  type IngestJobInfo,
  type IngestJobRequest,
  type IngestResultKind,
  type ObjectDescribe,
  type OrgClient,
  type OrgFailureKind,
  type QueryRecord,
  type SaveResult,
  type SObjectRecord,
} from './orgClient.js';
import { GarbageBudget } from './memory.js';
import { defaultRetryPolicy, withRetry, type RetryPolicy } from './retry.js';

/** The part of a jsforce Connection this client uses. */
export type RestConnection = Pick<Connection, 'request' | 'getApiVersion' | 'instanceUrl' | 'accessToken'> &
  Partial<Pick<Connection, 'bulk2'>>;

/** How often a Bulk query job is asked whether it has finished. */
const BULK_QUERY_POLL_MS = 1000;
/** Records handed on at a time while a Bulk query's results stream in. */
const BULK_QUERY_BATCH = 2000;

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNABORTED',
]);

function causeChain(error: unknown): Array<{ code?: unknown; message?: unknown; name?: unknown }> {
  const chain: Array<{ code?: unknown; message?: unknown; name?: unknown }> = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    chain.push(current as { code?: unknown });
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** Sort a jsforce / fetch failure into the kinds that decide what may be repeated. */
export function classifyOrgError(error: unknown): OrgRequestError {
  if (error instanceof OrgRequestError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const errorCode = String((error as { errorCode?: unknown })?.errorCode ?? (error as { name?: unknown })?.name ?? '');
  let kind: OrgFailureKind = 'client';
  if (
    errorCode === 'REQUEST_LIMIT_EXCEEDED' ||
    errorCode === 'ERROR_HTTP_429' ||
    /REQUEST_LIMIT_EXCEEDED/.test(message)
  ) {
    kind = 'limit';
  } else if (/^ERROR_HTTP_5\d\d$/.test(errorCode) || ['UNKNOWN_EXCEPTION', 'SERVER_UNAVAILABLE'].includes(errorCode)) {
    kind = 'server';
  } else if (
    causeChain(error).some(
      (link) =>
        NETWORK_CODES.has(String(link.code)) ||
        /fetch failed|other side closed|socket hang up|terminated|ECONNRESET/i.test(String(link.message ?? ''))
    )
  ) {
    kind = 'connection';
  }
  return new OrgRequestError(message, kind, errorCode || kind, error);
}

/** An error answer as jsforce would raise it: the org's errorCode and message, or ERROR_HTTP_<status>. */
async function httpError(response: Response): Promise<Error> {
  const text = await response.text().catch(() => '');
  let errorCode = `ERROR_HTTP_${response.status}`;
  let message = text || response.statusText;
  try {
    const [first] = JSON.parse(text) as Array<{ errorCode?: string; message?: string }>;
    if (first?.errorCode) errorCode = first.errorCode;
    if (first?.message) message = first.message;
  } catch {
    // not JSON: keep the status and the text
  }
  return Object.assign(new Error(message), { errorCode, name: errorCode });
}

type RequestOptions = { body?: unknown; headers?: Record<string, string>; responseType?: string };

export class ConnectionOrgClient implements OrgClient {
  private requests = 0;
  private readonly describes = new Map<string, Promise<ObjectDescribe>>();
  private readonly base: string;

  public constructor(
    private readonly connection: RestConnection,
    private readonly retryPolicy: RetryPolicy = defaultRetryPolicy()
  ) {
    this.base = `/services/data/v${connection.getApiVersion()}`;
  }

  public get requestCount(): number {
    return this.requests;
  }

  public describe(object: string): Promise<ObjectDescribe> {
    let cached = this.describes.get(object);
    if (!cached) {
      cached = this.readWithRetry<ObjectDescribe>(`${this.base}/sobjects/${object}/describe`);
      cached.catch(() => this.describes.delete(object));
      this.describes.set(object, cached);
    }
    return cached;
  }

  public async query<T extends QueryRecord = QueryRecord>(soql: string): Promise<T[]> {
    const records: T[] = [];
    for await (const page of this.queryPages<T>(soql)) for (const record of page) records.push(record);
    return records;
  }

  public async *queryPages<T extends QueryRecord = QueryRecord>(soql: string): AsyncGenerator<T[]> {
    type Page = { records: T[]; done: boolean; nextRecordsUrl?: string };
    let page = await this.readWithRetry<Page>(`${this.base}/query?q=${encodeURIComponent(soql)}`);
    yield page.records;
    while (!page.done && page.nextRecordsUrl) {
      page = await this.readWithRetry<Page>(page.nextRecordsUrl);
      yield page.records;
    }
  }

  public get bulkQuery(): ((soql: string) => AsyncGenerator<QueryRecord[]>) | undefined {
    const bulk2 = this.connection.bulk2;
    if (!bulk2) return undefined;
    const policy = this.retryPolicy;
    const countRequest = (): number => this.requests++;
    return async function* bulkQuery(soql: string): AsyncGenerator<QueryRecord[]> {
      // A read is safe to repeat, so a transient failure starts the job again; nothing has been
      // handed on before the results arrive in full, so nothing is seen twice.
      const records = await withRetry(policy, async () => {
        countRequest();
        try {
          const stream = await bulk2.query(soql, { pollInterval: BULK_QUERY_POLL_MS, pollTimeout: 10 * 60_000 });
          const all: QueryRecord[] = [];
          for await (const record of stream as AsyncIterable<QueryRecord>) all.push(record);
          return all;
        } catch (error) {
          throw classifyOrgError(error);
        }
      });
      for (let start = 0; start < records.length; start += BULK_QUERY_BATCH) {
        yield records.slice(start, start + BULK_QUERY_BATCH);
      }
    };
  }

  public async upsertCollection(
    object: string,
    externalIdField: string,
    records: SObjectRecord[]
  ): Promise<SaveResult[]> {
    const body = {
      allOrNone: false,
      records: records.map((record) => ({ attributes: { type: object }, ...record })),
    };
    return this.send<SaveResult[]>('PATCH', `${this.base}/composite/sobjects/${object}/${externalIdField}`, {
      body: JSON.stringify(body),
    });
  }

  public createIngestJob(request: IngestJobRequest): Promise<IngestJobInfo> {
    // A lost reply may leave an empty Open job behind; the org closes those itself, so retrying is safe.
    return withRetry(this.retryPolicy, () =>
      this.send<IngestJobInfo>('POST', `${this.base}/jobs/ingest`, {
        body: JSON.stringify({ ...request, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' }),
      })
    );
  }

  public async uploadIngestData(jobId: string, csvFile: string): Promise<void> {
    this.requests++;
    try {
      const request = this.connection.request(
        { method: 'PUT', url: `${this.base}/jobs/ingest/${jobId}/batches`, headers: { 'content-type': 'text/csv' } },
        { retry: { maxRetries: 0 }, responseType: 'text/plain' } as never
      );
      const budget = new GarbageBudget(8 * 1024 * 1024);
      const counted = createReadStream(csvFile).on('data', (chunk) => budget.add(chunk.length));
      await Promise.all([pipeline(counted, request.stream()), request]);
    } catch (error) {
      throw classifyOrgError(error);
    }
  }

  public async closeIngestJob(jobId: string): Promise<IngestJobInfo> {
    return withRetry(this.retryPolicy, async (tryNumber) => {
      if (tryNumber > 0) {
        // The previous close may have reached the org: only close again if the job is still open.
        const info = await this.getIngestJob(jobId);
        if (info.state !== 'Open') return info;
      }
      return this.send<IngestJobInfo>('PATCH', `${this.base}/jobs/ingest/${jobId}`, {
        body: JSON.stringify({ state: 'UploadComplete' }),
      });
    });
  }

  public abortIngestJob(jobId: string): Promise<IngestJobInfo> {
    return withRetry(this.retryPolicy, () =>
      this.send<IngestJobInfo>('PATCH', `${this.base}/jobs/ingest/${jobId}`, {
        body: JSON.stringify({ state: 'Aborted' }),
      })
    );
  }

  public getIngestJob(jobId: string): Promise<IngestJobInfo> {
    return this.readWithRetry<IngestJobInfo>(`${this.base}/jobs/ingest/${jobId}`);
  }

  /**
   * Streams the results to the file: a job the org rejected in full has as many result rows as it
   * had rows, more than fits in memory. jsforce reads every answer whole before handing it on, so
   * this one request goes through fetch with the connection's session. Reading is safe to repeat:
   * a failed try starts the file afresh.
   */
  public async downloadIngestResults(jobId: string, kind: IngestResultKind, toFile: string): Promise<void> {
    const path = `${this.base}/jobs/ingest/${jobId}/${kind}`;
    await withRetry(this.retryPolicy, async () => {
      this.requests++;
      try {
        let response = await this.fetchText(path);
        if (response.status === 401) {
          // jsforce renews an expired session on its own requests (when the auth allows it):
          // one small request through it, then the download once more with the session it holds.
          await response.body?.cancel();
          await this.send('GET', `${this.base}/jobs/ingest/${jobId}`);
          this.requests++;
          response = await this.fetchText(path);
        }
        if (!response.ok) throw await httpError(response);
        const budget = new GarbageBudget(8 * 1024 * 1024);
        const counted = new Transform({
          transform(chunk: Buffer, _encoding, done): void {
            budget.add(chunk.length);
            done(null, chunk);
          },
        });
        const body = response.body ? Readable.fromWeb(response.body as never) : Readable.from([]);
        await pipeline(body, counted, createWriteStream(toFile));
      } catch (error) {
        throw classifyOrgError(error);
      }
    });
  }

  private fetchText(path: string): Promise<Response> {
    const instanceUrl = String(this.connection.instanceUrl ?? '').replace(/\/+$/, '');
    return fetch(`${instanceUrl}${path}`, {
      headers: { authorization: `Bearer ${this.connection.accessToken ?? ''}`, accept: 'text/csv' },
    });
  }

  private readWithRetry<T>(url: string): Promise<T> {
    return withRetry(this.retryPolicy, () => this.send<T>('GET', url));
  }

  private async send<T>(method: string, url: string, options: RequestOptions = {}): Promise<T> {
    this.requests++;
    try {
      const result = await this.connection.request<T>(
        {
          method: method as 'GET',
          url,
          body: options.body as string | undefined,
          headers: options.headers ?? {},
        },
        { retry: { maxRetries: 0 }, ...(options.responseType ? { responseType: options.responseType } : {}) } as never
      );
      return result;
    } catch (error) {
      throw classifyOrgError(error);
    }
  }
}
