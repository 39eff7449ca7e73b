/*
 * Export: the records of a Glocal object as a CSV file in exactly the format the import reads
 * (API-name header, reference columns as codes and e-mails, ISO dates, `.` decimals), so an
 * export can be edited and imported again. Text cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) get a leading apostrophe unless `raw` is set;
 * the import removes that apostrophe again. Objects whose key may be blank end with a record Id
 * column: a record without a key (created in the org's UI) is found by it when the file is
 * imported again, never duplicated.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FieldDescribe, ObjectDescribe, OrgClient } from '../org/orgClient.js';
import { ID_COLUMN, importableFields } from './columnMap.js';
import { csvLine } from './csvText.js';
import { LOAD_ORDER, objectSpec, type GlocalObjectSpec } from './objectSpecs.js';

export type ExportOptions = {
  object: string;
  file: string;
  /** SOQL condition without the WHERE keyword. */
  where?: string;
  /** Start the file with a UTF-8 byte-order mark so Excel reads it as UTF-8. */
  bom?: boolean;
  /** Keep cells that start like a formula as they are. */
  raw?: boolean;
};

export type ExportResult = { object: string; file: string; records: number; columns: string[] };

type ExportColumn = {
  header: string;
  path: string[];
  type: string;
  /** Written when `path` gives nothing: a parent without a key (made in the UI) is named by its Name. */
  fallbackPath?: string[];
};

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'url', 'phone', 'picklist', 'multipicklist', 'combobox']);
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet would evaluate gets a leading apostrophe. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function relationshipOf(field: FieldDescribe | undefined, name: string): string {
  return field?.relationshipName ?? name.replace(/__c$/, '__r');
}

export function exportColumns(describe: ObjectDescribe, spec: GlocalObjectSpec): ExportColumn[] {
  const byName = new Map(describe.fields.map((field) => [field.name, field]));
  const columns: ExportColumn[] = [];
  const key = spec.keyField;
  const fields = importableFields(describe, spec);
  fields.sort((a, b) => (a.name === key ? -1 : b.name === key ? 1 : 0));
  for (const field of fields) columns.push({ header: field.name, path: [field.name], type: field.type });
  for (const reference of spec.references) {
    // The combined Participant column is for input; exports name the user or contact explicitly.
    if (reference.targets.length !== 1) continue;
    const target = reference.targets[0];
    const matchField = target.matchFields.find((name) => name !== '$externalIds') ?? 'Name';
    const relationship = relationshipOf(byName.get(target.field), target.field);
    columns.push({
      header: reference.column,
      path: [relationship, matchField],
      type: 'string',
      fallbackPath: matchField !== 'Name' && target.matchFields.includes('Name') ? [relationship, 'Name'] : undefined,
    });
  }
  // Where the key may be blank (records created in the org's UI have none), the Id lets an import
  // of this file find those records again instead of inserting copies.
  if (byName.get(key)?.nillable !== false) columns.push({ header: ID_COLUMN, path: [ID_COLUMN], type: 'id' });
  return columns;
}

function valueAt(record: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = record;
  for (const step of path) value = (value as Record<string, unknown> | null | undefined)?.[step];
  return value;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

export async function exportRecords(org: OrgClient, options: ExportOptions): Promise<ExportResult> {
  const spec = objectSpec(options.object);
  const describe = await org.describe(spec.object);
  const columns = exportColumns(describe, spec);
  const selected = columns.flatMap((column) => [column.path, ...(column.fallbackPath ? [column.fallbackPath] : [])]);
  const soql = `SELECT ${selected.map((path) => path.join('.')).join(', ')} FROM ${spec.object}${
    options.where ? ` WHERE ${options.where}` : ''
  } ORDER BY ${spec.keyField}`;
  const out = createWriteStream(options.file);
  if (options.bom) out.write('\uFEFF');
  out.write(csvLine(columns.map((column) => column.header)));
  let records = 0;
  try {
    for await (const page of org.queryPages(soql)) {
      let chunk = '';
      for (const record of page) {
        const cells = columns.map((column) => {
          let text = cellText(valueAt(record, column.path));
          if (text === '' && column.fallbackPath) text = cellText(valueAt(record, column.fallbackPath));
          return !options.raw && TEXT_TYPES.has(column.type) ? neutralizeFormula(text) : text;
        });
        chunk += csvLine(cells);
        records++;
      }
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return { object: spec.object, file: options.file, records, columns: columns.map((column) => column.header) };
}

/**
 * One import-ready CSV per Glocal object in `dir` (`<Object>.csv`, UTF-8 without BOM, formulas
 * kept raw so a restore gets back exactly what was there), in load order: importing the files in
 * the returned order restores the data.
 */
export async function exportAllRecords(org: OrgClient, dir: string): Promise<ExportResult[]> {
  await mkdir(dir, { recursive: true });
  const results: ExportResult[] = [];
  for (const object of LOAD_ORDER) {
    results.push(await exportRecords(org, { object, file: join(dir, `${object}.csv`), raw: true }));
  }
  return results;
}
