/*
 * Load stage for small files: sObject Collections upserts of ≤ 200 records. After a failure that
 * leaves it unclear whether the org applied a batch (5xx, dropped connection), the org is asked
 * which rows already hold exactly the sent values; only the others are sent again.
 */
import { Messages } from '@salesforce/core';
import {
  OrgRequestError,
  type FieldDescribe,
  type OrgClient,
  type SaveError,
  type SObjectRecord,
} from '../org/orgClient.js';
import { backoffDelay, defaultRetryPolicy, sleep, type RetryPolicy } from '../org/retry.js';
import { chunkInList, DEFAULT_IN_LIST_LIMITS, inList } from '../org/soql.js';
import { checkCreateOnlyConflicts, createOnlyFields, isCreateOnlyConflict } from './createOnlyFields.js';
import type { PreparedRow } from './rowPreparer.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

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
  private readonly createOnly: string[];

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
    this.createOnly = createOnlyFields(uploadFields, fieldTypes);
  }

  public async add(row: PreparedRow): Promise<void> {
    this.batch.push(row);
    if (this.batch.length >= COLLECTION_SIZE) await this.flush();
  }

  public async finish(): Promise<LoadCounts> {
    await this.flush();
    return { ...this.counts };
  }

  private record(row: PreparedRow, omit?: Set<string>): SObjectRecord {
    const record: SObjectRecord = {};
    this.uploadFields.forEach((field, index) => {
      const value = row.values[index];
      if (value === '' || omit?.has(field)) return;
      const type = this.types[index];
      record[field] = NUMERIC.has(type) ? Number(value) : type === 'boolean' ? value === 'true' : value;
    });
    return record;
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    this.counts.sent += rows.length;
    const conflicts = await this.send(rows);
    if (conflicts.length > 0) await this.resendWithoutCreateOnlyFields(conflicts);
    this.onProgress({ ...this.counts });
  }

  /**
   * Upserts the rows, retrying what may be retried; returns the rows that failed only because
   * they set create-only fields on existing records (when `omit` is not given yet).
   */
  private async send(rows: PreparedRow[], omit?: Set<string>): Promise<Array<{ row: PreparedRow; reason: string }>> {
    const conflicts: Array<{ row: PreparedRow; reason: string }> = [];
    let pending = rows;
    for (let attempt = 0; pending.length > 0; attempt++) {
      try {
        const results = await this.org.upsertCollection(
          this.object,
          this.keyField,
          pending.map((row) => this.record(row, omit))
        );
        for (let index = 0; index < pending.length; index++) {
          const result = results[index];
          if (result?.success) {
            this.counts.succeeded++;
            continue;
          }
          const reason = result ? formatSaveErrors(result.errors) : messages.getMessage('load.noResult');
          if (!omit && this.createOnly.length > 0 && isCreateOnlyConflict(reason)) {
            conflicts.push({ row: pending[index], reason });
            continue;
          }
          this.counts.failed++;
          await this.rejected(pending[index].row, pending[index].cells, reason);
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
          break;
        }
        await sleep(backoffDelay(this.policy, attempt, failure.kind));
        if (!failure.notApplied) pending = await this.notYetApplied(pending, omit);
      }
    }
    return conflicts;
  }

  private async resendWithoutCreateOnlyFields(conflicts: Array<{ row: PreparedRow; reason: string }>): Promise<void> {
    const keyIndex = this.uploadFields.indexOf(this.keyField);
    const createOnly = this.createOnly.map((name) => ({ name, type: this.types[this.uploadFields.indexOf(name)] }));
    const verdict = await checkCreateOnlyConflicts(
      this.org,
      this.object,
      this.keyField,
      createOnly,
      conflicts.map(({ row }) => ({
        key: row.values[keyIndex],
        values: new Map(this.uploadFields.map((field, index) => [field, row.values[index]])),
      }))
    );
    const resend: PreparedRow[] = [];
    for (const { row, reason } of conflicts) {
      const key = row.values[keyIndex].toLowerCase();
      if (verdict.resend.has(key)) resend.push(row);
      else {
        this.counts.failed++;
        await this.rejected(row.row, row.cells, verdict.rejected.get(key) ?? reason);
      }
    }
    if (resend.length > 0) await this.send(resend, new Set(this.createOnly));
  }

  /** The rows whose values the org does not hold yet; the others count as loaded. */
  private async notYetApplied(rows: PreparedRow[], omit?: Set<string>): Promise<PreparedRow[]> {
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
          (field, index) =>
            row.values[index] === '' ||
            omit?.has(field) ||
            sameValue(this.types[index], row.values[index], record[field])
        );
      if (applied) this.counts.succeeded++;
      else remaining.push(row);
    }
    return remaining;
  }
}
