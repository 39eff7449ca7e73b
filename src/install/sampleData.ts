/*
 * `--with-sample-data`: six markets with their real locale, currency and time zone, a course
 * catalog, a few people, training records, CQ results, partner reviews and internal feedback.
 * The files under sample-data/ are in the Glocal import format (reference columns carry course
 * codes, country codes and emails) and are loaded by the records engine's importFile, so they
 * double as examples for the import commands. People (Contact) and partners (Account) are
 * standard objects the import commands do not load; they are matched by email and name and
 * inserted when missing. Loading twice changes nothing: Glocal records upsert on external IDs.
 */
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Messages, SfError, type Connection } from '@salesforce/core';
import { packageRoot } from '../pack/bundledPack.js';
import { importFile, LOAD_ORDER } from '../records/api.js';
import { soqlString } from './installOrg.js';
import type { SampleDataSummary } from './install.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.install');

const sampleDataRejected = (object: string, reasons: string[]): SfError =>
  new SfError(
    messages.getMessage('error.sampleDataRejected', [object, reasons.join('\n')]),
    'GlocalSampleData',
    messages.getMessages('error.sampleDataRejected.actions')
  );

type CsvRow = Record<string, string>;

export function sampleDataDir(): string {
  return join(packageRoot(), 'sample-data');
}

export async function readSampleFile(object: string, dir = sampleDataDir()): Promise<CsvRow[]> {
  const text = await readFile(join(dir, `${object}.csv`), 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as CsvRow[];
}

/** Inserts the rows whose `matchField` value is not in the org yet (standard objects without an external ID). */
async function insertMissing(
  connection: Connection,
  object: string,
  matchField: string,
  rows: CsvRow[]
): Promise<number> {
  const values = rows.map((row) => row[matchField]);
  const existing = await connection.query<Record<string, unknown>>(
    `SELECT Id, ${matchField} FROM ${object} WHERE ${matchField} IN (${values.map(soqlString).join(', ')})`
  );
  const known = new Set(existing.records.map((record) => String(record[matchField]).toLowerCase()));
  const missing = rows.filter((row) => !known.has(row[matchField].toLowerCase()));
  if (missing.length === 0) return rows.length;
  const records = missing.map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== '')));
  const results = await connection.sobject(object).create(records, { allOrNone: true });
  const problems = results.flatMap((result, index) =>
    result.success
      ? []
      : [
          `${object} ${missing[index][matchField]}: ${result.errors
            .map((error) => (typeof error === 'string' ? error : `${error.errorCode}: ${error.message}`))
            .join('; ')}`,
        ]
  );
  if (problems.length > 0) throw sampleDataRejected(object, problems);
  return rows.length;
}

export async function loadSampleData(
  connection: Connection,
  log: (message: string) => void = () => {},
  dir = sampleDataDir()
): Promise<SampleDataSummary> {
  const objects: SampleDataSummary['objects'] = [];
  objects.push({
    object: 'Account',
    records: await insertMissing(connection, 'Account', 'Name', await readSampleFile('Account', dir)),
  });
  objects.push({
    object: 'Contact',
    records: await insertMissing(connection, 'Contact', 'Email', await readSampleFile('Contact', dir)),
  });
  // The import writes <file>.errors.csv next to its input: work on copies, never in the package.
  const work = await mkdtemp(join(tmpdir(), 'glocal-sample-'));
  try {
    for (const object of LOAD_ORDER) {
      const file = join(work, `${object}.csv`);
      await copyFile(join(dir, `${object}.csv`), file);
      const result = await importFile(connection, object, file, { bulk: false });
      if (result.invalid > 0 || result.failed > 0 || result.status !== 'complete') {
        throw sampleDataRejected(
          object,
          result.errors.map((error) => messages.getMessage('rowProblem', [error.row, error.reason]))
        );
      }
      log(messages.getMessage('objectLoaded', [object, result.succeeded]));
      objects.push({ object, records: result.succeeded });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { objects, records: objects.reduce((sum, entry) => sum + entry.records, 0) };
}
