/*
 * One renderer for every report: a report is a list of sections (a title, column headers, rows of
 * cells), shown as an aligned text table (textTable.ts), CSV or Markdown. The commands build the
 * sections from their typed results and messages; this file knows nothing about training or feedback.
 */
import { DEFAULT_TABLE_WIDTH, MISSING, formatNumber, renderTextTable } from './textTable.js';

export type ReportFormat = 'table' | 'csv' | 'md';

export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'csv', 'md'];

/** A cell: text, a number (right-aligned in tables, never neutralised in CSV) or nothing. */
export type Cell = string | number | null;

export type ReportSection = {
  title: string;
  headers: string[];
  rows: Cell[][];
  /** What to print instead of an empty table, e.g. "Nobody is overdue." */
  emptyText?: string;
  /** A line under the table and Markdown (not in CSV), e.g. that a list was cut short. */
  note?: string;
  /**
   * How to show the numbers of each column in the table and Markdown (4.5 as "4.50", a change as
   * "+0.25"), so the points line up; CSV keeps the number as it is. Undefined: as it is.
   */
  numberFormats?: Array<NumberFormat | undefined>;
  /**
   * How many leading columns name a row (default 1): a table too wide for the terminal is split
   * into blocks that each repeat them.
   */
  keyColumns?: number;
};

export type NumberFormat = {
  /** Digits after the point. */
  decimals?: number;
  /** A plus sign before a positive number (for changes and gaps). */
  signed?: boolean;
};

type RenderOptions = {
  /** Terminal columns a text table may take (default 80). */
  width?: number;
};

export function renderReport(sections: ReportSection[], format: ReportFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'csv':
      // Sections are separate CSV tables, one blank line apart, each with its own header row.
      return sections.map(renderCsv).join('\n');
    case 'md':
      return sections.map(renderMarkdown).join('\n');
    default:
      return sections.map((section) => renderTextTable(section, options.width ?? DEFAULT_TABLE_WIDTH)).join('\n');
  }
}

/**
 * A text cell a spreadsheet would run as a formula gets a leading apostrophe, as the export does.
 * Quoted when it holds a quote, a line break, surrounding spaces or any delimiter the importer
 * detects (`,` `;` tab), so the file reads back the same whichever one a spreadsheet assumes.
 */
function csvCell(cell: Cell): string {
  if (cell === null) return '';
  let text = String(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\t\n\r]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(row: Cell[]): string {
  const line = row.map(csvCell).join(',');
  // A row of one empty cell would be a blank line, which separates sections: write it as "".
  return line === '' && row.length > 0 ? '""' : line;
}

export function renderCsv(section: ReportSection): string {
  return [section.headers, ...section.rows].map(csvLine).join('\n') + '\n';
}

/**
 * A cell that cannot break the table or turn into markup: pipes and every character Markdown
 * would read as formatting or HTML are backslash-escaped (CommonMark shows an escaped ASCII
 * punctuation character as itself), an entity-like "&amp;" keeps its ampersand, and line breaks
 * become spaces (a table row is one line).
 */
function markdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~#]/g, (character) => `\\${character}`)
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&')
    .replace(/\r\n|[\r\n]/g, ' ');
}

function markdownCell(cell: Cell, format: NumberFormat | undefined): string {
  if (cell === null) return MISSING;
  return typeof cell === 'number' ? formatNumber(cell, format) : markdownText(cell);
}

export function renderMarkdown(section: ReportSection): string {
  const lines = [`## ${markdownText(section.title)}`, ''];
  if (section.rows.length === 0) {
    lines.push(section.emptyText ?? '');
    return lines.join('\n') + '\n';
  }
  const numeric = section.headers.map((_, column) =>
    section.rows.every((row) => typeof row[column] === 'number' || row[column] === null)
  );
  lines.push(`| ${section.headers.map(markdownText).join(' | ')} |`);
  lines.push(`| ${numeric.map((isNumber) => (isNumber ? '---:' : '---')).join(' | ')} |`);
  for (const row of section.rows) {
    lines.push(`| ${row.map((cell, column) => markdownCell(cell, section.numberFormats?.[column])).join(' | ')} |`);
  }
  if (section.note) lines.push('', section.note);
  return lines.join('\n') + '\n';
}
