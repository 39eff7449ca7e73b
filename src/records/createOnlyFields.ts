/*
 * Fields the org sets only when a record is created — a training record's course and market
 * (master-detail) — make an upsert of an existing record fail with INVALID_FIELD_FOR_INSERT_UPDATE.
 * For those rows the org is asked what the record holds: same values → the row is sent again
 * without those fields; other values → the row is rejected, since the record cannot move.
 */
import { Messages } from '@salesforce/core';
import type { FieldDescribe, OrgClient } from '../org/orgClient.js';
import { chunkInList, DEFAULT_IN_LIST_LIMITS, inList } from '../org/soql.js';
import { sameValue } from './collectionLoader.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

export const isCreateOnlyConflict = (reason: string): boolean => reason.includes('INVALID_FIELD_FOR_INSERT_UPDATE');

export function createOnlyFields(uploadFields: string[], fields: Map<string, FieldDescribe>): string[] {
  return uploadFields.filter((name) => {
    const field = fields.get(name);
    return field !== undefined && field.createable && !field.updateable;
  });
}

export type CreateOnlyRow = { key: string; values: Map<string, string> };

export type CreateOnlyVerdict = {
  /** keys (lower case) to send again without the create-only fields */
  resend: Set<string>;
  /** keys (lower case) → why the row cannot be loaded */
  rejected: Map<string, string>;
};

export async function checkCreateOnlyConflicts(
  org: OrgClient,
  object: string,
  keyField: string,
  createOnly: Array<{ name: string; type: string }>,
  rows: CreateOnlyRow[]
): Promise<CreateOnlyVerdict> {
  const verdict: CreateOnlyVerdict = { resend: new Set(), rejected: new Map() };
  if (createOnly.length === 0 || rows.length === 0) return verdict;
  const stored = new Map<string, Record<string, unknown>>();
  for (const chunk of chunkInList(
    rows.map((row) => row.key),
    DEFAULT_IN_LIST_LIMITS
  )) {
    const records = await org.query(
      `SELECT ${keyField}, ${createOnly.map((field) => field.name).join(', ')} FROM ${object} WHERE ${keyField} IN ${inList(chunk)}`
    );
    for (const record of records) stored.set(String(record[keyField]).toLowerCase(), record);
  }
  for (const row of rows) {
    const key = row.key.toLowerCase();
    const record = stored.get(key);
    if (!record) continue;
    const moved = createOnly.filter((field) => {
      const value = row.values.get(field.name) ?? '';
      return value !== '' && !sameValue(field.type, value, record[field.name]);
    });
    if (moved.length === 0) verdict.resend.add(key);
    else {
      verdict.rejected.set(
        key,
        messages.getMessage('load.createOnlyChanged', [
          moved.map((field) => field.name).join(', '),
          object,
          moved.map((field) => String(record[field.name])).join(', '),
        ])
      );
    }
  }
  return verdict;
}
