/*
 * The import pipeline: read → map → validate → resolve → load → report, over one CSV file.
 * The file is streamed twice: a first pass checks every row and gathers reference values and key
 * hashes; after one round of reference queries, a second pass sends the good rows and writes the
 * rejected ones to `<input>.errors.csv`. Valid rows always land, whatever the others do.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Messages, SfError } from '@salesforce/core';
import type { FieldDescribe, IngestJobInfo, ObjectDescribe, OrgClient } from '../org/orgClient.js';
import { BulkLoader, collectJobFailures, waitForJobs, type BulkJob } from './bulkLoader.js';
import { CollectionLoader } from './collectionLoader.js';
import { checkCreateOnlyConflicts, createOnlyFields } from './createOnlyFields.js';
import { mapColumns, readMappingFile, type ColumnMap } from './columnMap.js';
import {
  CsvReadError,
  readCsvBatches,
  readCsvRows,
  sniffCsvLayout,
  type CsvLayout,
  type SourceRow,
} from './csvSource.js';
import { ErrorReport } from './errorReport.js';
import { CellProblem } from './fieldConverters.js';
import {
  readImportState,
  removeImportState,
  stateFileFor,
  writeImportState,
  type ImportCounts,
  type ImportState,
} from './importState.js';
import { KeyHashTable } from './keyHashTable.js';
import { collectGarbage, GarbageBudget } from '../org/memory.js';
import { objectSpec, type GlocalObjectSpec } from './objectSpecs.js';
import { bundledPackLabels, type PackLabels } from './packLabels.js';
import { adoptKeys, idKey, KeyAdoptionPending, lookUpRecordKeys, parseRecordId } from './recordIds.js';
import { ReferenceKeys, resolveReferences, type ReferenceResolver } from './references.js';
import { keyHash, RowPreparer, type PreparedRow } from './rowPreparer.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

export type ImportStage = 'check' | 'resolve' | 'load' | 'process' | 'report';

/** Stage times in ms; `transfer` is the part of `load` spent sending Bulk jobs to the org. */
export type ImportTimings = Partial<Record<ImportStage | 'transfer', number>>;

/** How the pipeline tells a UI what it is doing; every method is optional to implement. */
export type ImportProgress = {
  stage?(stage: ImportStage): void;
  update?(counts: Partial<ImportCounts> & { processed?: number }): void;
  finish?(ok: boolean): void;
};

export type ImportOptions = {
  /** API name of the Glocal object (Market__c, Training_Record__c …). */
  object: string;
  file: string;
  encoding?: string;
  delimiter?: string;
  /** Locale of numbers (da_DK → decimal comma). */
  locale?: string;
  dateFormat?: string;
  mappingFile?: string;
  /** true / false force Bulk API 2.0 / sObject Collections; undefined picks by row count. */
  bulk?: boolean;
  /** Above this many valid rows the load uses Bulk API 2.0 (default 2,000). */
  bulkThreshold?: number;
  /** Minutes to wait for Bulk jobs before handing back a resumable result (default 30). */
  waitMinutes?: number;
  /** Poll interval for Bulk jobs (default 5 s, or GLOCAL_POLL_INTERVAL_MS). */
  pollIntervalMs?: number;
  /** Finish the import recorded in the state file next to the input. */
  resume?: boolean;
  errorsFile?: string;
  maxJobBytes?: number;
  /** Pack labels to map columns and picklist labels with (default: the bundled pack). */
  labels?: PackLabels;
  progress?: ImportProgress;
};

export type RowError = { row: number; reason: string };

/**
 * What became of rows that had no key but named their record by Id (an export of records created
 * in the org's UI): `adopted` records took the row's key before the load, so the upsert updated
 * them; `kept` records already had a key, and the row was loaded under it; `notInOrg` Ids are not
 * in this org (a file from another org), so those rows were inserted under their derived key.
 */
export type RecordIdOutcome = { adopted: number; kept: number; notInOrg: number };

export type ImportResult = ImportCounts & {
  object: string;
  file: string;
  status: 'complete' | 'pending';
  mode: 'collections' | 'bulk';
  /** Written only when some row was rejected. */
  errorsFile?: string;
  /** The first rejected rows, for a summary on screen (all of them are in errorsFile). */
  errors: RowError[];
  jobIds: string[];
  /** Set while Bulk jobs are still running: run the import again with --resume. */
  stateFile?: string;
  /** A problem that stopped reading the file early (the rows before it were loaded). */
  readError?: RowError;
  /** Milliseconds per stage: check (pass 1), resolve, load (pass 2 and sending), process (waiting for Bulk jobs), report. */
  timings: ImportTimings;
  /** Set when some row without a key named its record by Id. */
  recordIds?: RecordIdOutcome;
};

const SHOWN_ERRORS = 20;
/** About 8 MB of CSV: see memory.ts for why the pipeline collects garbage itself. */
const ROWS_BETWEEN_COLLECTIONS = 64_000;
export const DEFAULT_BULK_THRESHOLD = 2000;

export function defaultPollInterval(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.GLOCAL_POLL_INTERVAL_MS);
  return env.GLOCAL_POLL_INTERVAL_MS && Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 5000;
}

type ImportContext = {
  org: OrgClient;
  options: ImportOptions;
  spec: GlocalObjectSpec;
  layout: CsvLayout;
  describe: ObjectDescribe;
  map: ColumnMap;
  preparer: RowPreparer;
  fieldTypes: Map<string, FieldDescribe>;
  errorsFile: string;
  /** Position of the key in PreparedRow.values. */
  keyUploadIndex: number;
  /** idKey → the key the record holds in the org ('' for none), for rows that name a record by Id. */
  recordKeys?: Map<string, string>;
  /** idKey → why the record could not take the row's key; those rows are rejected. */
  adoptionFailures?: Map<string, string>;
};

/** A prepared row and, when it has no key of its own, the Id of the record it names. */
type ImportRow = PreparedRow & { recordId?: string };

/**
 * Prepares a row and settles its key when the key cell is blank but the Id cell is not: a record
 * that has a key already keeps it; a technical key (keyFromId) is the Id itself.
 */
function prepareRow(context: ImportContext, source: SourceRow): ImportRow {
  const prepared: ImportRow = context.preparer.prepare(source);
  const { map, spec } = context;
  if (map.idIndex === undefined) return prepared;
  const idCell = source.cells[map.idIndex] ?? '';
  const keyCell = map.keyIndex === undefined ? '' : (source.cells[map.keyIndex] ?? '');
  if (idCell.trim() === '' || keyCell.trim() !== '') return prepared;
  const id = parseRecordId(idCell);
  if (!id) {
    prepared.problems.push(
      messages.getMessage('recordId.notAnId', [map.header[map.idIndex], idCell.trim(), spec.object])
    );
    return prepared;
  }
  const key = context.recordKeys?.get(idKey(id)) || (prepared.key === '' && spec.keyFromId ? id : prepared.key);
  // Without any key to give the record (a service unit needs its code), the row is refused as before.
  if (key === '') return prepared;
  prepared.recordId = id;
  if (key !== prepared.key) {
    prepared.key = key;
    if (context.keyUploadIndex >= 0) prepared.values[context.keyUploadIndex] = key;
  }
  return prepared;
}

async function readHeader(file: string, layout: CsvLayout): Promise<string[] | undefined> {
  const rows = readCsvRows(file, layout);
  try {
    const first = await rows.next();
    return first.done ? undefined : first.value.cells.map((cell) => cell.trim());
  } catch (error) {
    if (error instanceof CsvReadError) {
      throw new SfError(
        messages.getMessage('file.problem', [file, error.message]),
        'GlocalUnreadableFile',
        messages.getMessages('file.headerUnclosedQuote.actions')
      );
    }
    throw error;
  } finally {
    await rows.return(undefined);
  }
}

async function openImport(org: OrgClient, options: ImportOptions): Promise<ImportContext> {
  const spec = objectSpec(options.object);
  const layout = await sniffCsvLayout(options.file, { encoding: options.encoding, delimiter: options.delimiter }).catch(
    (error: unknown) => {
      if (error instanceof CsvReadError)
        throw new SfError(messages.getMessage('file.problem', [options.file, error.message]), 'GlocalUnknownEncoding');
      throw error;
    }
  );
  const header = await readHeader(options.file, layout);
  if (!header || header.every((cell) => cell === '')) {
    throw new SfError(
      messages.getMessage('file.empty', [options.file]),
      'GlocalEmptyFile',
      messages.getMessages('file.empty.actions', [spec.object])
    );
  }
  const [describe, labels, mapping] = await Promise.all([
    org.describe(spec.object),
    options.labels ?? bundledPackLabels(),
    options.mappingFile ? readMappingFile(options.mappingFile) : Promise.resolve(undefined),
  ]);
  const map = mapColumns(
    header,
    describe,
    spec,
    labels,
    { locale: options.locale, dateFormat: options.dateFormat },
    mapping
  );
  const encodingName = layout.encoding === 'utf8' ? 'UTF-8' : layout.encoding;
  return {
    org,
    options,
    spec,
    layout,
    describe,
    map,
    preparer: new RowPreparer(map, spec, encodingName),
    fieldTypes: new Map(describe.fields.map((field) => [field.name, field])),
    errorsFile: options.errorsFile ?? `${options.file}.errors.csv`,
    keyUploadIndex: map.uploadFields.indexOf(spec.keyField),
  };
}

/** Every data row (header skipped); a CsvReadError ends the walk and is returned, not thrown. */
async function forEachRow(
  context: ImportContext,
  visit: (source: SourceRow) => void | Promise<void>
): Promise<CsvReadError | undefined> {
  const budget = new GarbageBudget(ROWS_BETWEEN_COLLECTIONS);
  try {
    for await (const batch of readCsvBatches(context.options.file, context.layout)) {
      budget.add(batch.length);
      for (const source of batch) {
        if (source.row === 1) continue;
        const pending = visit(source);
        if (pending) await pending;
      }
    }
    return undefined;
  } catch (error) {
    if (error instanceof CsvReadError) return error;
    throw error;
  }
}

type Duplicates = {
  /** row → keys of later rows whose hash matched it (confirmed when the keys are equal) */
  firstRows: Map<number, Array<{ other: number; key: string }>>;
  /** row → the earlier row whose hash its key matched (a suspicion until the keys are compared) */
  secondRows: Map<number, number>;
};

type ScanResult = {
  read: number;
  valid: number;
  keys: ReferenceKeys;
  duplicates: Duplicates;
  /** Rows without a key that name a record by Id: idKey (15 and 18 characters alike) → the first row and its Id. */
  keyless: Map<string, { row: number; id: string }>;
  /** Rows naming the same record by Id as another row: row → the other row. */
  idDuplicates: Map<number, number>;
};

/** Pass 1: check every row, gather reference values and suspected duplicate keys. */
async function scan(context: ImportContext): Promise<ScanResult> {
  const keys = new ReferenceKeys();
  const table = new KeyHashTable();
  const duplicates: Duplicates = { firstRows: new Map(), secondRows: new Map() };
  const keyless = new Map<string, { row: number; id: string }>();
  const idDuplicates = new Map<number, number>();
  let read = 0;
  let valid = 0;
  let reported = 0;
  await forEachRow(context, (source) => {
    read++;
    const prepared = prepareRow(context, source);
    if (prepared.problems.length > 0) return;
    valid++;
    if (prepared.recordId !== undefined) {
      const first = keyless.get(idKey(prepared.recordId))?.row;
      if (first === undefined) keyless.set(idKey(prepared.recordId), { row: prepared.row, id: prepared.recordId });
      else {
        idDuplicates.set(prepared.row, first);
        if (!idDuplicates.has(first)) idDuplicates.set(first, prepared.row);
      }
    }
    prepared.referenceValues.forEach((value, index) => {
      if (value !== '') keys.add(context.map.references[index].reference, value);
    });
    if (prepared.key !== '') {
      const key = prepared.key.toLowerCase();
      const first = table.addOrGet(keyHash(key), prepared.row);
      if (first !== 0) {
        const list = duplicates.firstRows.get(first) ?? [];
        list.push({ other: prepared.row, key });
        duplicates.firstRows.set(first, list);
        duplicates.secondRows.set(prepared.row, first);
      }
    }
    if (read - reported >= 50_000) {
      reported = read;
      context.options.progress?.update?.({ read });
    }
  });
  context.options.progress?.update?.({ read });
  return { read, valid, keys, duplicates, keyless, idDuplicates };
}

/**
 * Is the row one of two with the same key (a local error that keeps it from loading)? Hash matches
 * are only suspicions: a million keys give about a hundred chance matches of the 32-bit hash, so
 * the keys themselves are compared. `firstKeys` holds the keys of rows seen so far that an earlier
 * hash match named as first rows.
 */
function hasDuplicateKey(scanned: ScanResult, row: PreparedRow, firstKeys: Map<number, string>): boolean {
  const key = row.key.toLowerCase();
  const first = scanned.duplicates.secondRows.get(row.row);
  if (first !== undefined && firstKeys.get(first) === key) return true;
  return (scanned.duplicates.firstRows.get(row.row) ?? []).some((candidate) => candidate.key === key);
}

/**
 * Before the load: rows without a key that name their record by Id. The org says which of those
 * records exist and what key they hold; each one without a key takes the key its row derives, so
 * the upsert by key that follows updates it instead of inserting a copy. Costs nothing (no request)
 * when no row is like that.
 */
async function settleRecordKeys(
  context: ImportContext,
  scanned: ScanResult,
  resolver: ReferenceResolver
): Promise<{ context: ImportContext; outcome?: RecordIdOutcome }> {
  if (scanned.keyless.size === 0) return { context: { ...context, recordKeys: new Map() } };
  const { org, spec, options, map } = context;
  const found = await lookUpRecordKeys(
    org,
    spec.object,
    spec.keyField,
    [...scanned.keyless.values()].map((entry) => entry.id),
    context.describe.keyPrefix
  );
  const recordKeys = found.keys;
  const waiting = found.keyless;
  const kept = recordKeys.size - waiting.size;
  const outcome: RecordIdOutcome = { adopted: 0, kept, notInOrg: scanned.keyless.size - recordKeys.size };
  const settled = { ...context, recordKeys };
  if (waiting.size === 0) return { context: settled, outcome };

  // Only rows that will load give their record a key: not rejected here, not duplicated, references found.
  const adoptions: Array<{ id: string; key: string }> = [];
  const firstKeys = new Map<number, string>();
  await forEachRow(settled, (source) => {
    const row = prepareRow(settled, source);
    if (scanned.duplicates.firstRows.has(row.row)) firstKeys.set(row.row, row.key.toLowerCase());
    if (row.recordId === undefined || row.problems.length > 0 || row.key === '') return;
    const id = idKey(row.recordId);
    if (!waiting.has(id) || scanned.idDuplicates.has(row.row) || hasDuplicateKey(scanned, row, firstKeys)) return;
    const unresolved = row.referenceValues.some(
      (value, index) => value !== '' && resolver.resolve(map.references[index].reference, value) instanceof CellProblem
    );
    if (unresolved) return;
    adoptions.push({ id: waiting.get(id)!, key: row.key });
    waiting.delete(id);
  });
  if (adoptions.length === 0) return { context: settled, outcome };
  const threshold = options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD;
  let adoptionFailures: Map<string, string>;
  try {
    adoptionFailures = await adoptKeys(org, adoptions, {
      object: spec.object,
      keyField: spec.keyField,
      bulk: options.bulk !== false && adoptions.length > threshold,
      pollIntervalMs: options.pollIntervalMs ?? defaultPollInterval(),
      waitMs: (options.waitMinutes ?? 30) * 60_000,
      maxJobBytes: options.maxJobBytes,
    });
  } catch (error) {
    if (!(error instanceof KeyAdoptionPending)) throw error;
    throw new SfError(
      messages.getMessage('recordId.pending', [options.file, adoptions.length, spec.object, error.message]),
      'GlocalKeysPending',
      messages.getMessages('recordId.pending.actions')
    );
  }
  outcome.adopted = adoptions.length - adoptionFailures.size;
  return { context: { ...settled, adoptionFailures }, outcome };
}

type LoadPassResult = {
  counts: ImportCounts;
  errors: RowError[];
  readError?: RowError;
  jobs: BulkJob[];
  transferMs: number;
};

/** Pass 2: finish checking (duplicates, references), send the good rows, report the others. */
async function loadPass(
  context: ImportContext,
  scanned: ScanResult,
  resolver: ReferenceResolver,
  bulk: boolean,
  report: ErrorReport,
  /** Where Bulk chunk files go; the caller removes it, whatever happens here. */
  workDir: string | undefined,
  resumeFrom?: ImportState
): Promise<LoadPassResult> {
  const { options, map, spec } = context;
  const counts: ImportCounts = { read: 0, invalid: 0, sent: 0, succeeded: 0, failed: 0 };
  const shown: RowError[] = [];
  const reject = async (row: number, cells: readonly string[], reason: string): Promise<void> => {
    if (shown.length < SHOWN_ERRORS) shown.push({ row, reason });
    await report.add(row, cells, reason);
  };
  const keyOf = (row: PreparedRow): string => row.key.toLowerCase();
  const confirmedDuplicates = new Map<number, number>();
  const uploadIndex = new Map(map.uploadFields.map((field, index) => [field, index]));
  const closedJobs = (resumeFrom?.jobs ?? []).filter((job) => job.closed);
  const alreadySentThrough = closedJobs.reduce((max, job) => Math.max(max, job.lastRow), 0);

  let bulkLoader: BulkLoader | undefined;
  let collectionLoader: CollectionLoader | undefined;
  if (bulk && workDir) {
    bulkLoader = new BulkLoader(context.org, {
      object: spec.object,
      keyField: spec.keyField,
      uploadFields: map.uploadFields,
      workDir,
      maxJobBytes: options.maxJobBytes,
      onJobsChanged: (jobs) =>
        writeImportState(options.file, {
          ...baseState(context),
          phase: 'uploading',
          jobs: [...closedJobs, ...jobs],
          counts,
        }),
      onProgress: (sent) =>
        options.progress?.update?.({ sent: sent + closedJobs.reduce((sum, job) => sum + job.rows, 0) }),
    });
  } else {
    collectionLoader = new CollectionLoader(
      context.org,
      spec.object,
      spec.keyField,
      map.uploadFields,
      context.fieldTypes,
      reject,
      (loaded) => options.progress?.update?.({ sent: loaded.sent, succeeded: loaded.succeeded, failed: loaded.failed })
    );
  }

  let reported = 0;
  const idHeader = map.idIndex === undefined ? '' : map.header[map.idIndex];
  const readError = await forEachRow(context, (source) => {
    counts.read++;
    const prepared = prepareRow(context, source);
    const problems = prepared.problems;
    if (problems.length === 0) {
      for (const candidate of scanned.duplicates.firstRows.get(prepared.row) ?? []) {
        if (candidate.key === keyOf(prepared)) {
          confirmedDuplicates.set(candidate.other, prepared.row);
          problems.push(messages.getMessage('key.duplicate', [spec.keyField, prepared.key, candidate.other]));
        }
      }
      const first = confirmedDuplicates.get(prepared.row);
      if (first !== undefined) {
        problems.push(messages.getMessage('key.duplicate', [spec.keyField, prepared.key, first]));
      }
      if (prepared.key === '') problems.push(messages.getMessage('key.required', [spec.keyField]));
      if (prepared.recordId !== undefined) {
        const other = scanned.idDuplicates.get(prepared.row);
        if (other !== undefined) {
          problems.push(messages.getMessage('recordId.twice', [idHeader, prepared.recordId, other]));
        }
        const refused = context.adoptionFailures?.get(idKey(prepared.recordId));
        if (refused !== undefined) {
          problems.push(
            messages.getMessage('recordId.refused', [idHeader, prepared.recordId, spec.keyField, prepared.key, refused])
          );
        }
      }
    }
    if (problems.length === 0) {
      prepared.referenceValues.forEach((value, index) => {
        if (value === '') return;
        const column = map.references[index];
        const resolved = resolver.resolve(column.reference, value);
        if (resolved instanceof CellProblem) problems.push(`${column.header}: ${resolved.reason}`);
        else prepared.values[uploadIndex.get(resolved.field)!] = resolved.id;
      });
    }
    // Only a row that is rejected, or fills a chunk or a buffer, waits; the others need no promise.
    let pending: Promise<void> | undefined;
    if (problems.length > 0) {
      counts.invalid++;
      pending = reject(prepared.row, prepared.cells, problems.join(' '));
    } else if (prepared.row > alreadySentThrough) {
      pending = bulkLoader ? bulkLoader.add(prepared) : collectionLoader!.add(prepared);
    }
    if (counts.read - reported >= 50_000) {
      reported = counts.read;
      options.progress?.update?.({ read: counts.read, invalid: counts.invalid });
    }
    return pending;
  });
  let readErrorRow: RowError | undefined;
  if (readError) {
    readErrorRow = { row: readError.row, reason: messages.getMessage('file.readStopped', [readError.message]) };
    await reject(readError.row, [], readErrorRow.reason);
  }
  let jobs: BulkJob[] = [];
  let transferMs = 0;
  if (collectionLoader) {
    const loaded = await collectionLoader.finish();
    Object.assign(counts, { sent: loaded.sent, succeeded: loaded.succeeded, failed: loaded.failed });
  } else if (bulkLoader) {
    jobs = [...closedJobs, ...(await bulkLoader.finish())];
    transferMs = bulkLoader.transferMs;
    counts.sent = jobs.reduce((sum, job) => sum + (job.closed ? job.rows : 0), 0);
  }
  options.progress?.update?.({ ...counts });
  return { counts, errors: shown, readError: readErrorRow, jobs, transferMs };
}

function baseState(context: ImportContext): Omit<ImportState, 'phase' | 'jobs' | 'counts' | 'updatedAt'> {
  const { options } = context;
  return {
    version: 1,
    object: context.spec.object,
    file: options.file,
    errorsFile: context.errorsFile,
    readOptions: {
      encoding: options.encoding,
      delimiter: options.delimiter,
      locale: options.locale,
      dateFormat: options.dateFormat,
      mappingFile: options.mappingFile,
    },
  };
}

/**
 * The context with the keys the records named by Id hold now. A resumed import has not looked
 * them up; after the load each such record holds the key its row was sent under, so pass 3 finds
 * the org's rejections of those rows too.
 */
async function withRecordKeys(context: ImportContext): Promise<ImportContext> {
  if (context.recordKeys || context.map.idIndex === undefined) return context;
  const ids = new Set<string>();
  await forEachRow(context, (source) => {
    const row = prepareRow(context, source);
    if (row.recordId !== undefined && row.problems.length === 0) ids.add(row.recordId);
  });
  if (ids.size === 0) return context;
  const { spec, describe } = context;
  const found = await lookUpRecordKeys(context.org, spec.object, spec.keyField, ids, describe.keyPrefix);
  return { ...context, recordKeys: found.keys };
}

/** Wait for the jobs, then put the org's rejections in the errors file. */
async function finishBulk(
  context: ImportContext,
  state: ImportState,
  report: ErrorReport,
  shown: RowError[]
): Promise<{ counts: ImportCounts; infos?: IngestJobInfo[] }> {
  const { options, org } = context;
  const counts = { ...state.counts };
  options.progress?.stage?.('process');
  const infos = await waitForJobs(
    org,
    state.jobs.map((job) => job.id),
    {
      pollIntervalMs: options.pollIntervalMs ?? defaultPollInterval(),
      waitMs: (options.waitMinutes ?? 30) * 60_000,
      onUpdate: (latest) =>
        options.progress?.update?.({
          processed: latest.reduce((sum, info) => sum + (info.numberRecordsProcessed ?? 0), 0),
          failed: latest.reduce((sum, info) => sum + (info.numberRecordsFailed ?? 0), 0),
        }),
    }
  );
  if (!infos) return { counts };
  options.progress?.stage?.('report');
  const workDir = await mkdtemp(join(tmpdir(), 'glocal-results-'));
  try {
    const { spec, map } = context;
    const createOnly = createOnlyFields(map.uploadFields, context.fieldTypes);
    const collected = await collectJobFailures(org, infos, spec.keyField, workDir, createOnly);
    const failures = collected.failures;
    if (collected.createOnlyConflicts.length > 0) {
      await resendCreateOnlyConflicts(context, collected.createOnlyConflicts, createOnly, failures, workDir);
    }
    counts.failed = failures.size;
    counts.succeeded = counts.sent - failures.size;
    if (failures.size > 0) {
      const keyed = await withRecordKeys(context);
      // Pass 3: find the rejected rows in the input to report them with their original cells.
      await forEachRow(keyed, async (source) => {
        const prepared = prepareRow(keyed, source);
        if (prepared.problems.length > 0 || prepared.key === '') return;
        const reason = failures.get(prepared.key.toLowerCase());
        if (reason === undefined) return;
        failures.delete(prepared.key.toLowerCase());
        if (shown.length < SHOWN_ERRORS) shown.push({ row: prepared.row, reason });
        await report.add(prepared.row, prepared.cells, reason);
      });
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return { counts, infos };
}

/**
 * Rows the org refused only because they set create-only fields (course, market) on records that
 * exist: when the record holds the same values they go again in one more job without those fields.
 * `failures` is updated in place with the outcome.
 */
async function resendCreateOnlyConflicts(
  context: ImportContext,
  conflicts: Array<{ key: string; values: Map<string, string>; reason: string }>,
  createOnly: string[],
  failures: Map<string, string>,
  workDir: string
): Promise<void> {
  const { org, spec, map, options } = context;
  const verdict = await checkCreateOnlyConflicts(
    org,
    spec.object,
    spec.keyField,
    createOnly.map((name) => ({ name, type: context.fieldTypes.get(name)?.type ?? 'string' })),
    conflicts
  );
  for (const [key, reason] of verdict.rejected) failures.set(key, reason);
  if (verdict.resend.size === 0) return;
  const loader = new BulkLoader(org, {
    object: spec.object,
    keyField: spec.keyField,
    uploadFields: map.uploadFields,
    workDir,
    maxJobBytes: options.maxJobBytes,
  });
  const skipped = new Set(createOnly);
  for (const conflict of conflicts) {
    if (!verdict.resend.has(conflict.key.toLowerCase())) continue;
    const values = map.uploadFields.map((field) => (skipped.has(field) ? '' : (conflict.values.get(field) ?? '')));
    await loader.add({ row: 0, cells: [], values, referenceValues: [], key: conflict.key, problems: [] });
    failures.delete(conflict.key.toLowerCase());
  }
  const jobs = await loader.finish();
  const infos = await waitForJobs(
    org,
    jobs.map((job) => job.id),
    { pollIntervalMs: options.pollIntervalMs ?? defaultPollInterval(), waitMs: (options.waitMinutes ?? 30) * 60_000 }
  );
  if (!infos) {
    for (const key of verdict.resend)
      failures.set(key, messages.getMessage('key.notConfirmed', [jobs.map((job) => job.id).join(', ')]));
    return;
  }
  const retried = await collectJobFailures(org, infos, spec.keyField, workDir);
  for (const [key, reason] of retried.failures) failures.set(key, reason);
}

function result(
  context: ImportContext,
  counts: ImportCounts,
  fields: Pick<ImportResult, 'status' | 'mode' | 'errors' | 'jobIds' | 'readError' | 'recordIds'> & {
    timings?: ImportTimings;
  },
  report: ErrorReport
): ImportResult {
  return {
    object: context.spec.object,
    file: context.options.file,
    ...counts,
    ...fields,
    timings: fields.timings ?? {},
    errorsFile: report.written ? context.errorsFile : undefined,
    stateFile: fields.status === 'pending' ? stateFileFor(context.options.file) : undefined,
  };
}

async function removeStaleErrorsFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Import one CSV file into a Glocal object. See ImportOptions for the knobs. */
export async function importRecords(org: OrgClient, options: ImportOptions): Promise<ImportResult> {
  if (options.resume) return resumeImport(org, options);
  const context = await openImport(org, options);
  return runImport(context);
}

/** Wraps the progress callbacks to time each stage. */
function timed(progress: ImportProgress | undefined, timings: ImportTimings): ImportProgress {
  let current: ImportStage | undefined;
  let started = performance.now();
  const close = (): void => {
    if (current) timings[current] = Math.round((timings[current] ?? 0) + performance.now() - started);
  };
  return {
    stage: (stage): void => {
      close();
      current = stage;
      started = performance.now();
      progress?.stage?.(stage);
    },
    update: (counts): void => progress?.update?.(counts),
    finish: (ok): void => {
      close();
      current = undefined;
      progress?.finish?.(ok);
    },
  };
}

async function runImport(context: ImportContext, resumeFrom?: ImportState): Promise<ImportResult> {
  const timings: ImportTimings = {};
  const progress = timed(context.options.progress, timings);
  context = { ...context, options: { ...context.options, progress } };
  const { options } = context;
  progress?.stage?.('check');
  const scanned = await scan(context);
  if (scanned.read === 0) {
    throw new SfError(
      messages.getMessage('file.noRows', [options.file]),
      'GlocalNoRows',
      messages.getMessages('file.noRows.actions')
    );
  }
  progress?.stage?.('resolve');
  collectGarbage();
  const resolver = await resolveReferences(context.org, scanned.keys);
  scanned.keys.clear();
  const settled = await settleRecordKeys(context, scanned, resolver);
  scanned.keyless.clear();
  context = settled.context;
  const recordIds = settled.outcome;
  collectGarbage();
  const bulk = options.bulk ?? scanned.valid > (options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD);
  progress?.stage?.('load');
  await removeStaleErrorsFile(context.errorsFile);
  const report = new ErrorReport(context.errorsFile, context.map.header, context.layout.delimiter);
  let workDir: string | undefined;
  const removeWorkDir = async (): Promise<void> => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
    workDir = undefined;
  };
  try {
    // Chunk files of up to 112 MB: removed even when an upload fails for good.
    if (bulk) workDir = await mkdtemp(join(tmpdir(), 'glocal-import-'));
    const loaded = await loadPass(context, scanned, resolver, bulk, report, workDir, resumeFrom);
    await removeWorkDir();
    if (bulk) timings.transfer = loaded.transferMs;
    if (!bulk) {
      progress?.finish?.(loaded.counts.invalid + loaded.counts.failed === 0 && !loaded.readError);
      return result(
        context,
        loaded.counts,
        {
          status: 'complete',
          mode: 'collections',
          errors: loaded.errors,
          jobIds: [],
          readError: loaded.readError,
          timings,
          recordIds,
        },
        report
      );
    }
    const state: ImportState = {
      ...baseState(context),
      phase: 'processing',
      jobs: loaded.jobs,
      counts: loaded.counts,
      updatedAt: '',
    };
    await writeImportState(options.file, state);
    const finished = await finishBulk(context, state, report, loaded.errors);
    const jobIds = loaded.jobs.map((job) => job.id);
    if (!finished.infos) {
      progress?.finish?.(true);
      return result(
        context,
        finished.counts,
        {
          status: 'pending',
          mode: 'bulk',
          errors: loaded.errors,
          jobIds,
          readError: loaded.readError,
          timings,
          recordIds,
        },
        report
      );
    }
    await removeImportState(options.file);
    progress?.finish?.(finished.counts.invalid + finished.counts.failed === 0 && !loaded.readError);
    return result(
      context,
      finished.counts,
      {
        status: 'complete',
        mode: 'bulk',
        errors: loaded.errors,
        jobIds,
        readError: loaded.readError,
        timings,
        recordIds,
      },
      report
    );
  } finally {
    await removeWorkDir();
    await report.close();
  }
}

async function resumeImport(org: OrgClient, options: ImportOptions): Promise<ImportResult> {
  const state = await readImportState(options.file);
  if (!state) {
    throw new SfError(
      messages.getMessage('resume.nothing', [options.file, stateFileFor(options.file)]),
      'GlocalNothingToResume',
      messages.getMessages('resume.nothing.actions')
    );
  }
  const context = await openImport(org, {
    ...options,
    ...state.readOptions,
    object: state.object,
    errorsFile: options.errorsFile ?? state.errorsFile,
  });
  if (state.phase === 'uploading') {
    // Killed while uploading. A job the state file calls unclosed may still have been closed at the
    // org (the kill came between the close and the file saying so): the org has its rows, so it
    // counts as closed. Only jobs the org still holds open are dropped, and their rows sent again.
    for (const job of state.jobs.filter((candidate) => !candidate.closed)) {
      // getIngestJob retries transient failures itself; if the org still cannot say, the resume
      // stops (and can be run again) rather than guess and send rows the org may hold already.
      const info = await org.getIngestJob(job.id);
      if (info.state !== 'Open' && info.state !== 'Aborted') job.closed = true;
      else await org.abortIngestJob(job.id).catch(() => undefined);
    }
    return runImport({ ...context, options: { ...context.options, bulk: true } }, state);
  }
  // Rows rejected before the interruption are in the errors file already: add to it, or start it (with its header).
  const started = await stat(context.errorsFile).then(
    (info) => info.size > 0,
    () => false
  );
  const report = new ErrorReport(context.errorsFile, context.map.header, context.layout.delimiter, started);
  const shown: RowError[] = [];
  try {
    const finished = await finishBulk(context, state, report, shown);
    const jobIds = state.jobs.map((job) => job.id);
    if (!finished.infos) {
      return result(context, finished.counts, { status: 'pending', mode: 'bulk', errors: shown, jobIds }, report);
    }
    await removeImportState(options.file);
    const rejected = finished.counts.invalid + finished.counts.failed > 0;
    options.progress?.finish?.(!rejected);
    const outcome = result(
      context,
      finished.counts,
      { status: 'complete', mode: 'bulk', errors: shown, jobIds },
      report
    );
    // Rows rejected locally before the interruption are already in the errors file.
    if (rejected && !outcome.errorsFile) outcome.errorsFile = context.errorsFile;
    return outcome;
  } finally {
    await report.close();
  }
}
