/*
 * The records engine for other modules (install's uninstall backup and restore, sample data).
 * These two signatures are kept stable; everything else in src/records may change.
 *
 *   const backup = await exportAll(connection, dir);           // one CSV per object, in load order
 *   for (const file of backup) await importFile(connection, file.object, file.file);
 */
import type { Connection } from '@salesforce/core';
import { ConnectionOrgClient } from '../org/connectionOrgClient.js';
import { exportAllRecords, type ExportResult } from './exportRecords.js';
import { importRecords, type ImportOptions, type ImportResult } from './importRecords.js';

export type { ExportResult } from './exportRecords.js';
export type { ImportOptions, ImportResult } from './importRecords.js';
export { LOAD_ORDER } from './objectSpecs.js';

/** Options of importFile: everything ImportOptions has except the object and the file. */
export type ImportFileOptions = Omit<ImportOptions, 'object' | 'file'>;

/**
 * Import one CSV file (as written by exportAll or by a user) into a Glocal object by upsert on
 * its external ID. Resolves when the load is complete; rejected rows are in `result.errorsFile`
 * and counted in `result.invalid` / `result.failed` (the promise does not reject for them).
 * Throws SfError for files that cannot be imported at all (unknown columns, empty file).
 */
export async function importFile(
  connection: Connection,
  object: string,
  file: string,
  options: ImportFileOptions = {}
): Promise<ImportResult> {
  return importRecords(new ConnectionOrgClient(connection), { ...options, object, file });
}

/**
 * Write one import-ready CSV per Glocal object into `dir` (`<Object>.csv`), returned in the
 * order a restore must import them (markets and courses before training records, etc.).
 */
export async function exportAll(connection: Connection, dir: string): Promise<ExportResult[]> {
  return exportAllRecords(new ConnectionOrgClient(connection), dir);
}
