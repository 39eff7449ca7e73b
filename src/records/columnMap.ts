/*
 * Map stage: which field each column of the file fills. A header matches a field by API name, by
 * its label in any of the pack's languages, or through a --mapping file; reference columns
 * (Course__c as a course code, Participant as an e-mail) come from the object's spec.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { Messages, SfError } from '@salesforce/core';
import type { FieldDescribe, ObjectDescribe } from '../org/orgClient.js';
import { converterFor, isRequiredField, type CellConverter, type ConvertOptions } from './fieldConverters.js';
import { referenceFields, type GlocalObjectSpec, type ReferenceColumn } from './objectSpecs.js';
import { normalizeLabel, type PackLabels } from './packLabels.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

/** Columns an errors file adds; importing that file again skips them. */
export const ERROR_ROW_COLUMN = 'Source Row';
export const ERROR_REASON_COLUMN = 'Import Error';

export type FieldColumn = {
  kind: 'field';
  index: number;
  header: string;
  field: FieldDescribe;
  convert: CellConverter;
};
export type ReferenceColumnMapping = { kind: 'reference'; index: number; header: string; reference: ReferenceColumn };
export type MappedColumn = FieldColumn | ReferenceColumnMapping;

export type ColumnMap = {
  header: string[];
  fields: FieldColumn[];
  references: ReferenceColumnMapping[];
  /** Index of the key column, or undefined when the key is derived. */
  keyIndex?: number;
  /**
   * Index of the record Id column (an export writes one). Only rows without a key use it, to find
   * the record they came from; it is never uploaded.
   */
  idIndex?: number;
  /** Fields of the upload, in order: mapped fields, reference fields, then the key when derived. */
  uploadFields: string[];
};

/** Fields a file may set: writable, not computed, not system-owned. */
export function importableFields(describe: ObjectDescribe, spec: GlocalObjectSpec): FieldDescribe[] {
  const handledByReferences = referenceFields(spec);
  const ignored = new Set(spec.ignoredFields ?? []);
  return describe.fields.filter(
    (field) =>
      (field.createable || field.updateable) &&
      !field.calculated &&
      !field.autoNumber &&
      !handledByReferences.has(field.name) &&
      !ignored.has(field.name) &&
      (field.name.endsWith('__c') || field.name === 'Name') &&
      field.type !== 'reference'
  );
}

/** The line (1-based) of a character offset in a text. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) if (text.charCodeAt(index) === 10) line++;
  return line;
}

function badMapping(file: string, line: number | undefined, problem: string): SfError {
  return new SfError(
    line
      ? messages.getMessage('mapping.problemAt', [file, line, problem])
      : messages.getMessage('mapping.problem', [file, problem]),
    'GlocalBadMapping',
    messages.getMessages('mapping.actions')
  );
}

function readJsonMapping(file: string, text: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // V8 names the position ("... at position 22"); an early end has none: the last line is meant.
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1])) : lineAt(text, text.trimEnd().length);
    throw badMapping(file, line, messages.getMessage('mapping.notJson', [message]));
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badMapping(file, undefined, messages.getMessage('mapping.notObject'));
  }
  const mapping = new Map<string, string>();
  for (const [column, field] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof field !== 'string' || field.trim() === '') {
      const line = lineAt(text, text.indexOf(JSON.stringify(column)));
      throw badMapping(file, line, messages.getMessage('mapping.notFieldName', [column]));
    }
    mapping.set(normalizeLabel(column), field.trim());
  }
  return mapping;
}

/** The delimiter of a mapping CSV: the one of , ; or tab found most often outside quotes on its first line. */
function mappingDelimiter(text: string): string {
  const firstLine =
    text
      .replace(/"(?:[^"]|"")*"/g, '')
      .split(/\r?\n/)
      .find((line) => line.trim() !== '') ?? '';
  let best = ',';
  let bestCount = 0;
  for (const delimiter of [',', ';', '\t']) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

function readCsvMapping(file: string, text: string): Map<string, string> {
  const delimiter = mappingDelimiter(text);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    throw badMapping(
      file,
      lines,
      code === 'CSV_QUOTE_NOT_CLOSED' ? messages.getMessage('mapping.unclosedQuote') : (error as Error).message
    );
  }
  const shown = delimiter === '\t' ? messages.getMessage('mapping.tab') : `"${delimiter}"`;
  const mapping = new Map<string, string>();
  for (const { record, info } of records) {
    const [column = '', field = '', ...rest] = record.map((cell) => cell.trim());
    if (column === '' && field === '' && rest.every((cell) => cell === '')) continue;
    if (column === '' || field === '' || rest.some((cell) => cell !== '')) {
      throw badMapping(
        file,
        info.lines,
        messages.getMessage('mapping.notTwoCells', [
          shown,
          record
            .map((cell) => `"${cell}"`)
            .reduce((text, cell) => messages.getMessage('mapping.cellsAnd', [text, cell])),
        ])
      );
    }
    mapping.set(normalizeLabel(column), field);
  }
  return mapping;
}

/**
 * A --mapping file: JSON {"Column header": "Field__c"} or a two-column CSV (column, field) in
 * comma, semicolon (Danish and German Excel) or tab layout. Problems name the file and the line.
 */
export async function readMappingFile(file: string): Promise<Map<string, string>> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  return text.trimStart().startsWith('{') ? readJsonMapping(file, text) : readCsvMapping(file, text);
}

/** The record Id column of an export. */
export const ID_COLUMN = 'Id';

function knownColumnsList(fields: FieldDescribe[], spec: GlocalObjectSpec): string[] {
  return [...spec.references.map((reference) => reference.column), ...fields.map((field) => field.name), ID_COLUMN];
}

/** Mapping entries whose target is neither a field the import can set nor a reference column. */
function badMappingTargets(
  header: string[],
  mapping: Map<string, string>,
  describe: ObjectDescribe,
  spec: GlocalObjectSpec,
  settable: (target: string) => boolean
): string[] {
  const problems: string[] = [];
  const existing = new Set(describe.fields.map((field) => normalizeLabel(field.name)));
  for (const column of header) {
    const target = mapping.get(normalizeLabel(column));
    if (target === undefined || settable(target)) continue;
    problems.push(
      existing.has(normalizeLabel(target))
        ? messages.getMessage('mapping.readOnlyTarget', [column, target, spec.object, target])
        : messages.getMessage('mapping.noSuchField', [column, target, spec.object])
    );
  }
  return problems;
}

export function mapColumns(
  header: string[],
  describe: ObjectDescribe,
  spec: GlocalObjectSpec,
  labels: PackLabels,
  convertOptions: ConvertOptions,
  mapping?: Map<string, string>
): ColumnMap {
  const fields = importableFields(describe, spec);
  const byName = new Map<string, FieldDescribe>();
  for (const field of fields) byName.set(normalizeLabel(field.name), field);
  const byLabel = new Map<string, FieldDescribe>();
  for (const field of fields) byLabel.set(normalizeLabel(field.label), field);
  for (const [label, name] of labels.fieldLabels.get(spec.object) ?? []) {
    const field = byName.get(normalizeLabel(name));
    if (field && !byLabel.has(label)) byLabel.set(label, field);
  }
  const referenceByName = new Map<string, ReferenceColumn>();
  for (const reference of spec.references) {
    referenceByName.set(normalizeLabel(reference.column), reference);
    for (const alias of reference.aliases ?? []) referenceByName.set(normalizeLabel(alias), reference);
  }
  // Labels of a reference's single target field also name it (Danish "Kursus" → Course__c).
  for (const reference of spec.references.filter((candidate) => candidate.targets.length === 1)) {
    for (const [label, name] of labels.fieldLabels.get(spec.object) ?? []) {
      if (name === reference.targets[0].field && !referenceByName.has(label)) referenceByName.set(label, reference);
    }
  }

  const idLabel = describe.fields.find((field) => field.name === ID_COLUMN)?.label;
  const isIdColumn = (name: string): boolean =>
    name === normalizeLabel(ID_COLUMN) || (idLabel !== undefined && name === normalizeLabel(idLabel));
  if (mapping) {
    const problems = badMappingTargets(header, mapping, describe, spec, (target) => {
      const name = normalizeLabel(target);
      return referenceByName.has(name) || byName.has(name) || name === normalizeLabel(ID_COLUMN);
    });
    if (problems.length > 0) {
      throw new SfError(problems.join(' '), 'GlocalBadMapping', [
        messages.getMessage('mapping.targetActions', [knownColumnsList(fields, spec).join(', ')]),
      ]).setData({ problems });
    }
  }

  const map: ColumnMap = { header, fields: [], references: [], uploadFields: [] };
  const unknown: string[] = [];
  const seen = new Map<string, string>();
  header.forEach((rawHeader, index) => {
    const name = normalizeLabel(rawHeader);
    if (name === normalizeLabel(ERROR_ROW_COLUMN) || name === normalizeLabel(ERROR_REASON_COLUMN)) return;
    if (name === '') {
      unknown.push(messages.getMessage('columns.emptyHeader', [index + 1]));
      return;
    }
    const target = mapping?.get(name);
    if (target ? normalizeLabel(target) === normalizeLabel(ID_COLUMN) : isIdColumn(name)) {
      if (map.idIndex !== undefined) {
        throw new SfError(
          messages.getMessage('columns.duplicate', [header[map.idIndex], rawHeader, ID_COLUMN]),
          'GlocalDuplicateColumn',
          messages.getMessages('columns.duplicate.actions')
        );
      }
      map.idIndex = index;
      return;
    }
    const reference = target ? referenceByName.get(normalizeLabel(target)) : (referenceByName.get(name) ?? undefined);
    const field = reference
      ? undefined
      : target
        ? byName.get(normalizeLabel(target))
        : (byName.get(name) ?? byLabel.get(name));
    const destination = reference?.column ?? field?.name;
    if (!destination) {
      unknown.push(rawHeader);
      return;
    }
    const earlier = seen.get(destination);
    if (earlier !== undefined) {
      throw new SfError(
        messages.getMessage('columns.duplicate', [earlier, rawHeader, destination]),
        'GlocalDuplicateColumn',
        messages.getMessages('columns.duplicate.actions')
      );
    }
    seen.set(destination, rawHeader);
    if (reference) {
      map.references.push({ kind: 'reference', index, header: rawHeader, reference });
    } else if (field) {
      const range = spec.ranges[field.name];
      const picklist = labels.picklistLabels.get(`${spec.object}.${field.name}`);
      map.fields.push({
        kind: 'field',
        index,
        header: rawHeader,
        field,
        convert: converterFor(field, convertOptions, picklist, range),
      });
      if (field.name === spec.keyField) map.keyIndex = index;
    }
  });
  if (unknown.length > 0) {
    throw new SfError(
      messages.getMessage(unknown.length > 1 ? 'columns.unknownMany' : 'columns.unknown', [
        unknown.map((column) => `"${column}"`).join(', '),
        spec.object,
        knownColumnsList(fields, spec).join(', '),
      ]),
      'GlocalUnknownColumn',
      messages.getMessages('columns.unknown.actions')
    ).setData({ unknown, known: knownColumnsList(fields, spec) });
  }

  const mappedFields = new Set(map.fields.map((column) => column.field.name));
  const missing = fields
    .filter((field) => isRequiredField(field) && !mappedFields.has(field.name))
    .filter((field) => !(field.name === spec.keyField && spec.derivedKeyFrom))
    .map((field) => field.name);
  for (const reference of spec.references) {
    if (reference.required && !map.references.some((column) => column.reference === reference))
      missing.push(reference.column);
  }
  if (map.keyIndex === undefined && !spec.derivedKeyFrom) missing.push(spec.keyField);
  if (missing.length > 0) {
    const names = [...new Set(missing)];
    throw new SfError(
      messages.getMessage(names.length > 1 ? 'columns.missingMany' : 'columns.missing', [
        names.join(', '),
        spec.object,
      ]),
      'GlocalMissingColumn',
      messages.getMessages('columns.missing.actions')
    ).setData({ missing });
  }

  const uploadFields = map.fields.map((column) => column.field.name);
  for (const column of map.references) {
    for (const target of column.reference.targets) {
      if (!uploadFields.includes(target.field)) uploadFields.push(target.field);
    }
  }
  if (map.keyIndex === undefined) uploadFields.push(spec.keyField);
  map.uploadFields = uploadFields;
  return map;
}
