/*
 * Rows that name an existing record by its Id but carry no key. Records created in the org's UI
 * have no external key, so their export leaves the key blank; upserting such a row by the key the
 * import derives would create a second record. Instead the record first takes that key ("adopts"
 * it) in a small update by Id, and the normal upsert by key then finds it. A record that already
 * has a key keeps it, and the row is loaded under that key. An Id the org does not know (a file
 * from another org) changes nothing: the row is inserted under its derived key.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Messages } from '@salesforce/core';
import { OrgRequestError, type OrgClient, type SaveResult } from '../org/orgClient.js';
import { defaultRetryPolicy, withRetry, type RetryPolicy } from '../org/retry.js';
import { chunkInList, DEFAULT_IN_LIST_LIMITS, inList } from '../org/soql.js';
import { BulkLoader, collectJobFailures, waitForJobs } from './bulkLoader.js';
import { COLLECTION_SIZE, formatSaveErrors } from './collectionLoader.js';
import { SALESFORCE_ID } from './fieldConverters.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

/** Ids compare by their first 15 characters (case-sensitive); the 18-character form only adds a checksum. */
export const idKey = (id: string): string => id.slice(0, 15);

/**
 * The Id as written in the cell (trimmed), or undefined when it is no record Id at all. An Id with
 * another object's prefix is still an Id: custom objects get a different prefix in every org, so
 * it is most likely a record of another org (see lookUpRecordKeys).
 */
export function parseRecordId(cell: string): string | undefined {
  const id = cell.trim();
  return SALESFORCE_ID.test(id) ? id : undefined;
}

/** Above this many IN-list queries, one Bulk query over the object's Ids is cheaper. */
const MAX_ID_QUERIES = 10;

export type RecordKeys = {
  /** idKey → the key the record holds ('' for none); Ids the org does not know are absent. */
  keys: Map<string, string>;
  /** idKey → the Id as the org gives it, for the records without a key (the ones to update). */
  keyless: Map<string, string>;
};

/**
 * What the org holds for the records of `ids` (as written in the file). One query per ~500 Ids,
 * or one Bulk query over the object's Ids when there are very many. Ids without the object's
 * prefix (`keyPrefix`, from the describe) cannot be in this org and are not asked about.
 */
export async function lookUpRecordKeys(
  org: OrgClient,
  object: string,
  keyField: string,
  ids: Iterable<string>,
  keyPrefix?: string | null
): Promise<RecordKeys> {
  const asked = [...ids].filter((id) => !keyPrefix || id.startsWith(keyPrefix));
  const wanted = new Set(asked.map(idKey));
  const found: RecordKeys = { keys: new Map(), keyless: new Map() };
  const keep = (record: Record<string, unknown>): void => {
    const id = String(record.Id ?? '');
    if (!wanted.has(idKey(id))) return;
    const key = record[keyField] === null || record[keyField] === undefined ? '' : String(record[keyField]);
    found.keys.set(idKey(id), key);
    if (key === '') found.keyless.set(idKey(id), id);
  };
  if (asked.length === 0) return found;
  const chunks = chunkInList(asked, DEFAULT_IN_LIST_LIMITS);
  if (chunks.length > MAX_ID_QUERIES && org.bulkQuery) {
    for await (const page of org.bulkQuery(`SELECT Id, ${keyField} FROM ${object}`)) page.forEach(keep);
    return found;
  }
  for (const chunk of chunks) {
    (await org.query(`SELECT Id, ${keyField} FROM ${object} WHERE Id IN ${inList(chunk)}`)).forEach(keep);
  }
  return found;
}

export type KeyAdoptionOptions = {
  object: string;
  keyField: string;
  /** Send through one Bulk API 2.0 job instead of sObject Collections (for many records). */
  bulk: boolean;
  pollIntervalMs: number;
  waitMs: number;
  maxJobBytes?: number;
  policy?: RetryPolicy;
};

/** The Bulk job giving records their keys did not finish within the wait. */
export class KeyAdoptionPending extends Error {
  public constructor(public readonly jobId: string) {
    super(jobId);
    this.name = 'KeyAdoptionPending';
  }
}

/**
 * Gives each record (by its Id as the org returned it) the key the import derived for it: an
 * upsert on Id, which only ever updates. Setting the same key twice does no harm, so a request
 * whose outcome is unknown is simply sent again. Returns idKey → reason for the records the org
 * refused (a validation rule, or another record already holding that key).
 */
export async function adoptKeys(
  org: OrgClient,
  adoptions: Array<{ id: string; key: string }>,
  options: KeyAdoptionOptions
): Promise<Map<string, string>> {
  return options.bulk ? adoptInBulk(org, adoptions, options) : adoptInCollections(org, adoptions, options);
}

async function adoptInCollections(
  org: OrgClient,
  adoptions: Array<{ id: string; key: string }>,
  options: KeyAdoptionOptions
): Promise<Map<string, string>> {
  const policy = options.policy ?? defaultRetryPolicy();
  const failures = new Map<string, string>();
  for (let start = 0; start < adoptions.length; start += COLLECTION_SIZE) {
    const batch = adoptions.slice(start, start + COLLECTION_SIZE);
    const records = batch.map(({ id, key }) => ({ Id: id, [options.keyField]: key }));
    let results: SaveResult[] | undefined;
    try {
      results = await withRetry(policy, () => org.upsertCollection(options.object, 'Id', records));
    } catch (error) {
      const failure =
        error instanceof OrgRequestError ? error : new OrgRequestError(String(error), 'client', 'UNKNOWN');
      for (const { id } of batch) failures.set(idKey(id), `${failure.errorCode}: ${failure.message}`);
    }
    results?.forEach((result, index) => {
      if (!result?.success) {
        failures.set(
          idKey(batch[index].id),
          result ? formatSaveErrors(result.errors) : messages.getMessage('recordId.noResult')
        );
      }
    });
  }
  return failures;
}

async function adoptInBulk(
  org: OrgClient,
  adoptions: Array<{ id: string; key: string }>,
  options: KeyAdoptionOptions
): Promise<Map<string, string>> {
  const workDir = await mkdtemp(join(tmpdir(), 'glocal-keys-'));
  try {
    const loader = new BulkLoader(org, {
      object: options.object,
      keyField: 'Id',
      uploadFields: ['Id', options.keyField],
      workDir,
      maxJobBytes: options.maxJobBytes,
      policy: options.policy,
    });
    for (const [index, { id, key }] of adoptions.entries()) {
      const pending = loader.add({
        row: index + 1,
        cells: [],
        values: [id, key],
        referenceValues: [],
        key: id,
        problems: [],
      });
      if (pending) await pending;
    }
    const jobs = await loader.finish();
    const infos = await waitForJobs(
      org,
      jobs.map((job) => job.id),
      { pollIntervalMs: options.pollIntervalMs, waitMs: options.waitMs }
    );
    if (!infos) throw new KeyAdoptionPending(jobs.map((job) => job.id).join(', '));
    const { failures } = await collectJobFailures(org, infos, 'Id', workDir);
    // Results name the 18-character Id in lower case: map them back to the Ids that were sent.
    const byLowerId = new Map(adoptions.map(({ id }) => [id.toLowerCase(), idKey(id)]));
    const failed = new Map<string, string>();
    for (const [id, reason] of failures) failed.set(byLowerId.get(id) ?? idKey(id), reason);
    return failed;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
