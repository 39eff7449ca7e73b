/*
 * Validate stage for a whole row: every mapped cell converted, the upsert key found or derived,
 * reference values picked out for the resolve stage. Problems name the column as the file does.
 */
import { createHash } from 'node:crypto';
import type { ColumnMap } from './columnMap.js';
import type { GlocalObjectSpec } from './objectSpecs.js';
import { referenceValueKey } from './references.js';
import { hasUndecodableText, type SourceRow } from './csvSource.js';
import { MAX_QUOTED_FIELD_LENGTH } from './csvSplitter.js';
import { isRequiredField, unneutralize } from './fieldConverters.js';

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
    } else if (cells.length > width && cells.slice(width).some((cell) => cell.trim() !== '')) {
      problems.push(`has ${cells.length} cells but the header has ${width} columns (a stray delimiter or quote?)`);
    }
    const decoded = readable < width ? readable : width;
    for (let index = 0; index < decoded; index++) {
      if (hasUndecodableText(cells[index])) {
        problems.push(
          `${header[index]}: the text is not valid ${this.encodingName} (save the file as UTF-8, or pass --encoding, for example windows-1252)`
        );
      }
    }
    for (let position = 0; position < fields.length; position++) {
      const column = fields[position];
      if (column.index >= readable) continue;
      const cell = cells[column.index] ?? '';
      if (isBlank(cell)) {
        if (this.required[position] && !(column.field.name === this.spec.keyField && this.spec.derivedKeyFrom)) {
          problems.push(`${column.header}: a value is required.`);
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
        problems.push(`${column.header}: a value is required.`);
      }
    }
    if (this.participantColumns.length > 0 && !unclosedQuote) {
      const filled = this.participantColumns.filter((index) => referenceValues[index] !== '');
      if (filled.length === 0) problems.push('Participant: a user or contact (e-mail or username) is required.');
      else if (filled.length > 1) {
        problems.push(
          `${filled.map((index) => references[index].header).join(' and ')}: give exactly one participant.`
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
    const name = this.map.header[column] ?? `Column ${column + 1}`;
    const where =
      reason === 'end-of-file' ? 'is never closed' : `is not closed within ${UNCLOSED_QUOTE_LENGTH} characters`;
    return `${name}: a quoted field opens here and ${where} (add the closing quote, or remove the stray one).`;
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
