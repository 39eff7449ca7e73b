/*
 * Load stage for small files: sObject Collections upserts of ≤ 200 records. After a failure that
 * leaves it unclear whether the org applied a batch (5xx, dropped connection), the org is asked
 * which rows already hold exactly the sent values; only the others are sent again.
 */
import {
  OrgRequestError,
  type FieldDescribe,
  type OrgClient,
  type SaveError,
  type SObjectRecord,
} from '../org/orgClient.js';
import { backoffDelay, defaultRetryPolicy, sleep, type RetryPolicy } from '../org/retry.js';
import { chunkInList, DEFAULT_IN_LIST_LIMITS, inList } from '../org/soql.js';
import type { PreparedRow } from './rowPreparer.js';

export const COLLECTION_SIZE = 200;

export type Rejected = (row: number, cells: readonly string[], reason: string) => Promise<void>;

export type LoadCounts = { sent: number; succeeded: number; failed: number };

const NUMERIC = new Set(['int', 'double', 'currency', 'percent']);

export function formatSaveErrors(errors: SaveError[]): string {
  return errors
    .map(
      (error) => `${error.statusCode}: ${error.message}${error.fields?.length ? ` [${error.fields.join(', ')}]` : ''}`
    )
    .join('; ');
}

/** Does the org's value equal what was sent? Types as the describe gives them; Ids by their first 15 chars. */
export function sameValue(type: string, sent: string, stored: unknown): boolean {
  if (stored === null || stored === undefined) return sent === '';
  if (NUMERIC.has(type)) return Number(sent) === Number(stored);
  if (type === 'boolean') return sent === String(stored);
  if (type === 'reference' || type === 'id') return sent.slice(0, 15) === String(stored).slice(0, 15);
  return sent === String(stored);
}

export class CollectionLoader {
  private batch: PreparedRow[] = [];
  private readonly counts: LoadCounts = { sent: 0, succeeded: 0, failed: 0 };
  private readonly types: string[];

  public constructor(
    private readonly org: OrgClient,
    private readonly object: string,
    private readonly keyField: string,
    private readonly uploadFields: string[],
    fieldTypes: Map<string, FieldDescribe>,
    private readonly rejected: Rejected,
    private readonly onProgress: (counts: LoadCounts) => void = (): void => {},
    private readonly policy: RetryPolicy = defaultRetryPolicy()
  ) {
    this.types = uploadFields.map((field) => fieldTypes.get(field)?.type ?? 'string');
  }

  public async add(row: PreparedRow): Promise<void> {
    this.batch.push(row);
    if (this.batch.length >= COLLECTION_SIZE) await this.flush();
  }

  public async finish(): Promise<LoadCounts> {
    await this.flush();
    return { ...this.counts };
  }

  private record(row: PreparedRow): SObjectRecord {
    const record: SObjectRecord = {};
    this.uploadFields.forEach((field, index) => {
      const value = row.values[index];
      if (value === '') return;
      const type = this.types[index];
      record[field] = NUMERIC.has(type) ? Number(value) : type === 'boolean' ? value === 'true' : value;
    });
    return record;
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    let pending = this.batch;
    this.batch = [];
    this.counts.sent += pending.length;
    for (let attempt = 0; pending.length > 0; attempt++) {
      try {
        const results = await this.org.upsertCollection(
          this.object,
          this.keyField,
          pending.map((row) => this.record(row))
        );
        for (let index = 0; index < pending.length; index++) {
          const result = results[index];
          if (result?.success) this.counts.succeeded++;
          else {
            this.counts.failed++;
            await this.rejected(
              pending[index].row,
              pending[index].cells,
              result ? formatSaveErrors(result.errors) : 'no result from the org'
            );
          }
        }
        pending = [];
      } catch (error) {
        const failure =
          error instanceof OrgRequestError ? error : new OrgRequestError(String(error), 'client', 'UNKNOWN');
        if (!failure.transient || attempt + 1 >= this.policy.attempts) {
          for (const row of pending) {
            this.counts.failed++;
            await this.rejected(row.row, row.cells, `${failure.errorCode}: ${failure.message}`);
          }
          pending = [];
          break;
        }
        await sleep(backoffDelay(this.policy, attempt, failure.kind));
        if (!failure.notApplied) pending = await this.notYetApplied(pending);
      }
    }
    this.onProgress({ ...this.counts });
  }

  /** The rows whose values the org does not hold yet; the others count as loaded. */
  private async notYetApplied(rows: PreparedRow[]): Promise<PreparedRow[]> {
    const keyIndex = this.uploadFields.indexOf(this.keyField);
    const stored = new Map<string, Record<string, unknown>>();
    const keys = rows.map((row) => row.values[keyIndex]);
    for (const chunk of chunkInList(keys, DEFAULT_IN_LIST_LIMITS)) {
      const records = await this.org.query(
        `SELECT Id, ${this.uploadFields.join(', ')} FROM ${this.object} WHERE ${this.keyField} IN ${inList(chunk)}`
      );
      for (const record of records) stored.set(String(record[this.keyField]).toLowerCase(), record);
    }
    const remaining: PreparedRow[] = [];
    for (const row of rows) {
      const record = stored.get(row.values[keyIndex].toLowerCase());
      const applied =
        record !== undefined &&
        this.uploadFields.every(
          (field, index) => row.values[index] === '' || sameValue(this.types[index], row.values[index], record[field])
        );
      if (applied) this.counts.succeeded++;
      else remaining.push(row);
    }
    return remaining;
  }
}
