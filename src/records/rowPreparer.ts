/*
 * Validate stage for a whole row: every mapped cell converted, the upsert key found or derived,
 * reference values picked out for the resolve stage. Problems name the column as the file does.
 */
import { createHash } from 'node:crypto';
import { Messages } from '@salesforce/core';
import type { ColumnMap } from './columnMap.js';
import type { GlocalObjectSpec } from './objectSpecs.js';
import { referenceValueKey } from './references.js';
import { hasUndecodableText, type SourceRow } from './csvSource.js';
import { MAX_QUOTED_FIELD_LENGTH } from './csvSplitter.js';
import { isRequiredField, unneutralize } from './fieldConverters.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

export type PreparedRow = {
  row: number;
  cells: string[];
  /** Values in ColumnMap.uploadFields order; reference fields are filled by the load stage. */
  values: string[];
  /** Raw reference values in ColumnMap.references order ('' when empty). */
  referenceValues: string[];
  /** The upsert key as sent ('' when it could not be built). */
  key: string;
  problems: string[];
};

const KEY_LENGTH = 80;

/** Same as `cell.trim() === ''` without making a trimmed copy of every cell. */
function isBlank(cell: string): boolean {
  if (cell === '') return true;
  const first = cell.charCodeAt(0);
  // A cell starting with a visible ASCII character is not blank: the common case, decided at once.
  if (first > 32 && first < 127) return false;
  return cell.trim() === '';
}

const APOSTROPHE = 39;
const UNCLOSED_QUOTE_LENGTH = MAX_QUOTED_FIELD_LENGTH.toLocaleString('en-US');
/** Characters of an extra cell a too-many-cells problem quotes. */
const EXTRA_CELL_SHOWN = 40;

/**
 * A reference cell as the resolve stage compares it: trimmed, and without the apostrophe an export
 * puts before a value like "-X1" or "@Home" so that spreadsheets do not run it as a formula.
 */
function referenceValue(cell: string): string {
  const text = cell.trim();
  return text.charCodeAt(0) === APOSTROPHE ? unneutralize(text).trim() : text;
}

export class RowPreparer {
  private readonly width: number;
  private readonly keyUploadIndex: number;
  private readonly derivedParts: Array<{ kind: 'field' | 'reference'; index: number }> = [];
  private readonly required: boolean[];
  private readonly participantColumns: number[];

  public constructor(
    private readonly map: ColumnMap,
    private readonly spec: GlocalObjectSpec,
    private readonly encodingName: string
  ) {
    this.width = map.header.length;
    this.keyUploadIndex = map.uploadFields.indexOf(spec.keyField);
    this.required = map.fields.map((column) => isRequiredField(column.field));
    for (const name of spec.derivedKeyFrom ?? []) {
      const field = map.fields.findIndex((column) => column.field.name === name);
      if (field >= 0) this.derivedParts.push({ kind: 'field', index: field });
      const reference = map.references.findIndex((column) => column.reference.column === name);
      if (reference >= 0) this.derivedParts.push({ kind: 'reference', index: reference });
    }
    this.participantColumns = map.references
      .map((column, index) => (column.reference.column.startsWith('Participant') ? index : -1))
      .filter((index) => index >= 0);
  }

  public prepare(source: SourceRow): PreparedRow {
    const { cells, unclosedQuote } = source;
    const { fields, references, header } = this.map;
    const problems: string[] = [];
    const values: string[] = new Array<string>(this.map.uploadFields.length).fill('');
    const width = this.width;
    // Cells from an unclosed quote on are a guess at what was meant: only those before it are checked.
    let readable = cells.length;
    if (unclosedQuote) {
      readable = unclosedQuote.column;
      problems.push(this.unclosedQuoteProblem(unclosedQuote));
    } else if (cells.length > width) {
      const tooMany = this.tooManyCellsProblem(cells);
      if (tooMany) problems.push(tooMany);
    }
    const decoded = readable < width ? readable : width;
    for (let index = 0; index < decoded; index++) {
      if (hasUndecodableText(cells[index])) {
        problems.push(messages.getMessage('row.notDecodable', [header[index], this.encodingName]));
      }
    }
    for (let position = 0; position < fields.length; position++) {
      const column = fields[position];
      if (column.index >= readable) continue;
      const cell = cells[column.index] ?? '';
      if (isBlank(cell)) {
        if (this.required[position] && !(column.field.name === this.spec.keyField && this.spec.derivedKeyFrom)) {
          problems.push(messages.getMessage('row.valueRequired', [column.header]));
        }
        continue;
      }
      const converted = column.convert(cell);
      if (typeof converted === 'string') values[position] = converted;
      else problems.push(`${column.header}: ${converted.reason}`);
    }
    const referenceValues = new Array<string>(references.length);
    for (let position = 0; position < references.length; position++) {
      const column = references[position];
      const value = column.index < readable ? referenceValue(cells[column.index] ?? '') : '';
      referenceValues[position] = value;
      if (column.reference.required && value === '' && column.index < readable) {
        problems.push(messages.getMessage('row.valueRequired', [column.header]));
      }
    }
    if (this.participantColumns.length > 0 && !unclosedQuote) {
      const filled = this.participantColumns.filter((index) => referenceValues[index] !== '');
      if (filled.length === 0) problems.push(messages.getMessage('row.participantRequired'));
      else if (filled.length > 1) {
        const headers = filled.map((index) => references[index].header);
        const last = headers.pop()!;
        problems.push(
          messages.getMessage('row.oneParticipant', [messages.getMessage('row.columnsAnd', [headers.join(', '), last])])
        );
      }
    }
    let key = this.map.keyIndex === undefined ? '' : values[this.keyUploadIndex];
    if (this.map.keyIndex === undefined || key === '') {
      key = this.deriveKey(values, referenceValues);
      if (this.keyUploadIndex >= 0) values[this.keyUploadIndex] = key;
    }
    return { row: source.row, cells, values, referenceValues, key, problems };
  }

  private unclosedQuoteProblem({ column, reason }: NonNullable<SourceRow['unclosedQuote']>): string {
    const name = this.map.header[column] ?? messages.getMessage('row.unnamedColumn', [String(column + 1)]);
    return reason === 'end-of-file'
      ? messages.getMessage('row.unclosedQuote', [name])
      : messages.getMessage('row.unclosedQuoteTooLong', [name, UNCLOSED_QUOTE_LENGTH]);
  }

  /**
   * Cells past the last header column are a problem only when one holds something (Excel pads
   * rows with empty cells). The message names the last column and the first extra cell that is
   * not empty, which is usually just after the value that held an unquoted delimiter.
   */
  private tooManyCellsProblem(cells: string[]): string | undefined {
    const width = this.width;
    let extra = width;
    while (extra < cells.length && cells[extra].trim() === '') extra++;
    if (extra === cells.length) return undefined;
    const shown = cells[extra].length > EXTRA_CELL_SHOWN ? `${cells[extra].slice(0, EXTRA_CELL_SHOWN)}…` : cells[extra];
    return messages.getMessage('row.tooManyCells', [
      String(cells.length),
      String(width),
      this.map.header[width - 1] ?? '',
      String(width),
      String(extra + 1),
      shown,
    ]);
  }

  private deriveKey(values: string[], referenceValues: string[]): string {
    if (this.derivedParts.length === 0) return '';
    const parts = this.derivedParts.map((part) =>
      part.kind === 'field' ? values[part.index] : referenceValueKey(referenceValues[part.index])
    );
    const text = parts.filter((part) => part !== '').join('|');
    if (text.length <= KEY_LENGTH) return text;
    return `h:${createHash('sha1').update(text).digest('hex')}`;
  }
}

/** 53-bit FNV-1a style hash of a key, for finding duplicates without keeping every key. */
export function keyHash(key: string): number {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193) >>> 0;
    high = Math.imul(high ^ code ^ (low >>> 7), 0x01000193) >>> 0;
  }
  return (high & 0x1fffff) * 0x100000000 + low;
}
