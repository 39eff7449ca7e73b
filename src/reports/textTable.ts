/*
 * A report section as an aligned text table that fits the terminal (80 columns unless told).
 *
 * A table that is too wide is fitted in steps, each kept only when the one before does not fit:
 *   1. every header on one line, two spaces between columns;
 *   2. headers wrapped onto two (or more) lines at spaces, so a long header over short numbers
 *      ("Completion %" over "68.1") takes the numbers' width;
 *   3. one space between columns;
 *   4. the columns split into blocks printed one under the other, each repeating the section's
 *      key columns (the market, the partner…) so every row can still be read across — as R and
 *      pandas print a wide data frame. Nothing is left out. A block's headers stay on one line
 *      when the block fits that way.
 * Only a text cell too wide for the terminal even in a block of its own is cut, with "…". Titles
 * and notes are wrapped at spaces.
 * Widths count terminal columns: two for an East Asian wide character, none for a combining mark.
 */
import type { Cell, NumberFormat, ReportSection } from './render.js';

export const DEFAULT_TABLE_WIDTH = 80;

/** Shown for a missing value (CSV leaves the cell empty instead). */
export const MISSING = '–';

/** A text column is never cut narrower than this, however narrow the terminal. */
const MIN_CUT_WIDTH = 8;

// East Asian wide characters (CJK, Hangul, full-width forms) take two terminal columns.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
// Combining marks (a decomposed "é", Arabic vowel signs) and zero-width joiners take none.
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufeff]/u;

function characterWidth(character: string): number {
  if (ZERO_WIDTH.test(character)) return 0;
  return WIDE.test(character) ? 2 : 1;
}

/** Terminal columns a text takes. */
export function textWidth(text: string): number {
  let columns = 0;
  for (const character of text) columns += characterWidth(character);
  return columns;
}

/** The text cut to at most `columns` terminal columns, ending in "…" when cut. */
export function cutText(text: string, columns: number): string {
  if (textWidth(text) <= columns) return text;
  let kept = '';
  let used = 0;
  for (const character of text) {
    const next = characterWidth(character);
    if (used + next > columns - 1) break;
    kept += character;
    used += next;
  }
  return kept + '…';
}

/** Header words wrapped greedily into lines of at most `columns` (a longer word is cut). */
export function wrapHeader(header: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of header.split(/\s+/).filter((part) => part !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (textWidth(candidate) <= columns) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = cutText(word, columns);
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

export function formatNumber(value: number, format: NumberFormat | undefined): string {
  const text = format?.decimals === undefined ? String(value) : value.toFixed(format.decimals);
  return format?.signed && value > 0 ? `+${text}` : text;
}

/** Prose (a title, a note) wrapped at spaces into lines of at most `columns`; a longer word stays whole. */
export function wrapText(text: string, columns: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ').filter((part) => part !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (line !== '' && textWidth(candidate) > columns) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}

type Column = {
  header: string;
  cells: string[];
  numeric: boolean;
  /** The widest cell. */
  dataWidth: number;
  /** Width with the header on one line. */
  lineWidth: number;
  /** Narrowest width that wraps the header onto two lines (or its longest word, when that is wider). */
  wrappedWidth: number;
};

function wrappedWidthOf(header: string, dataWidth: number): number {
  const longestWord = Math.max(0, ...header.split(/\s+/).map(textWidth));
  const full = textWidth(header);
  let columns = Math.max(dataWidth, longestWord);
  while (columns < full && wrapHeader(header, columns).length > 2) columns++;
  return columns;
}

function columnsOf(section: ReportSection): Column[] {
  return section.headers.map((header, index): Column => {
    const values = section.rows.map((row) => row[index] ?? null);
    const cells = values.map((value) => cellText(value, section.numberFormats?.[index]));
    const dataWidth = Math.max(0, ...cells.map(textWidth));
    return {
      header,
      cells,
      numeric: values.every((value) => typeof value === 'number' || value === null),
      dataWidth,
      lineWidth: Math.max(dataWidth, textWidth(header)),
      wrappedWidth: wrappedWidthOf(header, dataWidth),
    };
  });
}

function cellText(cell: Cell, format: NumberFormat | undefined): string {
  if (cell === null) return MISSING;
  // A line break or tab inside a name would break the row apart: a table cell is one line.
  // eslint-disable-next-line no-control-regex
  return typeof cell === 'number' ? formatNumber(cell, format) : cell.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

type Block = { columns: number[]; widths: number[]; gap: number };

function totalWidth(widths: number[], gap: number): number {
  return widths.reduce((sum, columns) => sum + columns, 0) + gap * Math.max(0, widths.length - 1);
}

/** Narrows the widest text columns, one terminal column at a time, until the block fits (or cannot shrink). */
function cutToFit(block: Block, columns: Column[], maxWidth: number): Block {
  const widths = [...block.widths];
  while (totalWidth(widths, block.gap) > maxWidth) {
    let widest = -1;
    for (let position = 0; position < widths.length; position++) {
      const column = columns[block.columns[position]];
      if (column.numeric || widths[position] <= MIN_CUT_WIDTH) continue;
      if (widest < 0 || widths[position] > widths[widest]) widest = position;
    }
    if (widest < 0) break;
    widths[widest]--;
  }
  return { ...block, widths };
}

/** Which columns go into which block, at what widths. */
function planBlocks(columns: Column[], keyColumns: number, maxWidth: number): Block[] {
  const all = columns.map((_, index) => index);
  const line = columns.map((column) => column.lineWidth);
  if (totalWidth(line, 2) <= maxWidth) return [{ columns: all, widths: line, gap: 2 }];
  const wrapped = columns.map((column) => column.wrappedWidth);
  if (totalWidth(wrapped, 2) <= maxWidth) return [{ columns: all, widths: wrapped, gap: 2 }];
  if (totalWidth(wrapped, 1) <= maxWidth) return [{ columns: all, widths: wrapped, gap: 1 }];

  const keys = all.slice(0, Math.min(Math.max(keyColumns, 1), all.length));
  const rest = all.slice(keys.length);
  const groups: number[][] = [];
  let current: number[] = [];
  for (const index of rest) {
    const candidate = [...keys, ...current, index];
    if (
      current.length > 0 &&
      totalWidth(
        candidate.map((i) => wrapped[i]),
        2
      ) > maxWidth
    ) {
      groups.push(current);
      current = [];
    }
    current.push(index);
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  return groups.map((group) => {
    const blockColumns = [...keys, ...group];
    const lineWidths = blockColumns.map((i) => line[i]);
    if (totalWidth(lineWidths, 2) <= maxWidth) return { columns: blockColumns, widths: lineWidths, gap: 2 };
    return cutToFit({ columns: blockColumns, widths: blockColumns.map((i) => wrapped[i]), gap: 2 }, columns, maxWidth);
  });
}

function pad(text: string, columns: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, columns - textWidth(text)));
  return right ? fill + text : text + fill;
}

function renderBlock(block: Block, columns: Column[], rowCount: number): string[] {
  const separator = ' '.repeat(block.gap);
  const joined = (cells: string[]): string => cells.join(separator).replace(/\s+$/, '');
  const headerLines = block.columns.map((index, position) => wrapHeader(columns[index].header, block.widths[position]));
  const height = Math.max(...headerLines.map((lines) => lines.length));
  const lines: string[] = [];
  // Headers sit on the rule: a one-line header beside a two-line one goes on the lower line.
  for (let line = 0; line < height; line++) {
    lines.push(
      joined(
        block.columns.map((index, position) => {
          const headerLine = headerLines[position][line - (height - headerLines[position].length)] ?? '';
          return pad(headerLine, block.widths[position], columns[index].numeric);
        })
      )
    );
  }
  lines.push(joined(block.widths.map((columnsWide) => '─'.repeat(columnsWide))));
  for (let row = 0; row < rowCount; row++) {
    lines.push(
      joined(
        block.columns.map((index, position) => {
          const column = columns[index];
          return pad(cutText(column.cells[row], block.widths[position]), block.widths[position], column.numeric);
        })
      )
    );
  }
  return lines;
}

export function renderTextTable(section: ReportSection, maxWidth: number = DEFAULT_TABLE_WIDTH): string {
  const lines = wrapText(section.title, maxWidth);
  if (section.rows.length === 0) {
    lines.push(...wrapText(section.emptyText ?? '', maxWidth));
    return lines.join('\n') + '\n';
  }
  const columns = columnsOf(section);
  const blocks = planBlocks(columns, section.keyColumns ?? 1, maxWidth);
  blocks.forEach((block, position) => {
    if (position > 0) lines.push('');
    lines.push(...renderBlock(block, columns, section.rows.length));
  });
  if (section.note) lines.push(...wrapText(section.note, maxWidth));
  return lines.join('\n') + '\n';
}
