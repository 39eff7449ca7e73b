/*
 * `--with-sample-data`: six markets with their real locale, currency and time zone, a course
 * catalog, a few people, training records, CQ results, partner reviews and internal feedback.
 * The files under sample-data/ are in the Glocal import format (reference columns carry course
 * codes, country codes and emails), so they double as examples for the import commands.
 * Loading is idempotent: people and partners are matched by email and name, Glocal records are
 * upserted on their external IDs.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { SfError, type Connection } from '@salesforce/core';
import { packageRoot } from '../pack/bundledPack.js';
import { LOAD_ORDER, objectSpec, type ReferenceColumn } from '../records/objectSpecs.js';
import { soqlString } from './installOrg.js';
import type { SampleDataSummary } from './install.js';

type CsvRow = Record<string, string>;
type SObject = Record<string, unknown>;

export function sampleDataDir(): string {
  return join(packageRoot(), 'sample-data');
}

export async function readSampleFile(object: string, dir = sampleDataDir()): Promise<CsvRow[]> {
  const text = await readFile(join(dir, `${object}.csv`), 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as CsvRow[];
}

/** Cells as JSON values: empty cells are left out, numbers and booleans typed. */
export function typedValue(value: string): string | number | boolean | undefined {
  if (value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function saveErrors(object: string, results: Array<{ success: boolean; errors: unknown[] }>, keys: string[]): string[] {
  const problems: string[] = [];
  results.forEach((result, index) => {
    if (!result.success) {
      const detail = result.errors
        .map((error) =>
          typeof error === 'string'
            ? error
            : `${(error as { errorCode?: string; statusCode?: string }).errorCode ?? (error as { statusCode?: string }).statusCode}: ${(error as { message: string }).message}`
        )
        .join('; ');
      problems.push(`${object} ${keys[index]}: ${detail}`);
    }
  });
  return problems;
}

/** Inserts the rows whose `matchField` value is not in the org yet (standard objects without an external ID). */
async function insertMissing(
  connection: Connection,
  object: string,
  matchField: string,
  rows: CsvRow[]
): Promise<number> {
  const values = rows.map((row) => row[matchField]);
  const existing = await connection.query<SObject>(
    `SELECT Id, ${matchField} FROM ${object} WHERE ${matchField} IN (${values.map(soqlString).join(', ')})`
  );
  const known = new Set(existing.records.map((record) => String(record[matchField]).toLowerCase()));
  const missing = rows.filter((row) => !known.has(row[matchField].toLowerCase()));
  if (missing.length > 0) {
    const records = missing.map((row) =>
      Object.fromEntries(Object.entries(row).flatMap(([field, value]) => (value === '' ? [] : [[field, value]])))
    );
    const results = await connection.sobject(object).create(records, { allOrNone: true });
    const problems = saveErrors(
      object,
      results,
      missing.map((row) => row[matchField])
    );
    if (problems.length > 0) throw new SfError(`Sample data was rejected:\n${problems.join('\n')}`, 'GlocalSampleData');
  }
  return rows.length;
}

/** value (lower case) → Id for one reference column, looking in each target in turn. */
async function resolveReference(
  connection: Connection,
  reference: ReferenceColumn,
  values: string[]
): Promise<Map<string, { id: string; field: string }>> {
  const resolved = new Map<string, { id: string; field: string }>();
  for (const target of reference.targets) {
    const pending = values.filter((value) => !resolved.has(value.toLowerCase()));
    if (pending.length === 0) break;
    const matchFields = target.matchFields.filter((field) => field !== '$externalIds');
    const where = matchFields.map((field) => `${field} IN (${pending.map(soqlString).join(', ')})`).join(' OR ');

    const found = await connection.query<SObject>(
      `SELECT Id, ${matchFields.join(', ')} FROM ${target.object} WHERE ${where}`
    );
    for (const record of found.records) {
      for (const field of matchFields) {
        const key = String(record[field] ?? '').toLowerCase();
        if (key && !resolved.has(key)) resolved.set(key, { id: String(record.Id), field: target.field });
      }
    }
  }
  return resolved;
}

/** Turns import-format rows into sObjects: reference columns become the Ids they name. */
async function toRecords(connection: Connection, object: string, rows: CsvRow[]): Promise<SObject[]> {
  const spec = objectSpec(object);
  const columns = Object.keys(rows[0] ?? {});
  const references = spec.references.filter((reference) => columns.includes(reference.column));
  const lookups = new Map<string, Map<string, { id: string; field: string }>>();
  for (const reference of references) {
    const values = [...new Set(rows.map((row) => row[reference.column]).filter(Boolean))];

    lookups.set(reference.column, await resolveReference(connection, reference, values));
  }
  return rows.map((row, index) => {
    const record: SObject = {};
    for (const [column, value] of Object.entries(row)) {
      const reference = references.find((candidate) => candidate.column === column);
      if (!reference) {
        const typed = typedValue(value);
        if (typed !== undefined) record[column] = typed;
        continue;
      }
      if (value === '') continue;
      const hit = lookups.get(column)?.get(value.toLowerCase());
      if (!hit) {
        throw new SfError(
          `sample-data/${object}.csv row ${index + 2}: ${column} "${value}" matches no record.`,
          'GlocalSampleData'
        );
      }
      record[hit.field] = hit.id;
    }
    return record;
  });
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
  for (const object of LOAD_ORDER) {
    const rows = await readSampleFile(object, dir);

    const records = await toRecords(connection, object, rows);
    const keyField = objectSpec(object).keyField;
    for (const batch of chunks(records, 200)) {
      const results = await connection.sobject(object).upsert(batch, keyField, { allOrNone: true });
      const problems = saveErrors(
        object,
        results,
        batch.map((record) => String(record[keyField]))
      );
      if (problems.length > 0)
        throw new SfError(`Sample data was rejected:\n${problems.join('\n')}`, 'GlocalSampleData');
    }
    log(`${object}: ${records.length}`);
    objects.push({ object, records: records.length });
  }
  return { objects, records: objects.reduce((sum, entry) => sum + entry.records, 0) };
}
