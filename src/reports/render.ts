/*
 * One renderer for every report: a report is a list of sections (a title, column headers, rows of
 * cells), shown as an aligned text table, CSV or Markdown. The commands build the sections from
 * their typed results and messages; this file knows nothing about training or feedback.
 */

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
};

/** Shown for a missing value in tables and Markdown (CSV leaves the cell empty). */
const MISSING = '–';

export function renderReport(sections: ReportSection[], format: ReportFormat): string {
  switch (format) {
    case 'csv':
      // Sections are separate CSV tables, one blank line apart, each with its own header row.
      return sections.map(renderCsv).join('\n');
    case 'md':
      return sections.map(renderMarkdown).join('\n');
    default:
      return sections.map(renderTextTable).join('\n');
  }
}

function cellText(cell: Cell): string {
  if (cell === null) return MISSING;
  return typeof cell === 'number' ? String(cell) : cell;
}

// East Asian wide characters (CJK, Hangul, full-width forms) take two terminal columns.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** Terminal columns a text takes: one per character, two for a wide one. */
function width(text: string): number {
  let columns = 0;
  for (const character of text) columns += WIDE.test(character) ? 2 : 1;
  return columns;
}

export function renderTextTable(section: ReportSection): string {
  const lines = [section.title];
  if (section.rows.length === 0) {
    lines.push(section.emptyText ?? '');
    return lines.join('\n') + '\n';
  }
  const texts = section.rows.map((row) => row.map(cellText));
  const numeric = section.headers.map((_, column) =>
    section.rows.every((row) => typeof row[column] === 'number' || row[column] === null)
  );
  const widths = section.headers.map((header, column) =>
    Math.max(width(header), ...texts.map((row) => width(row[column] ?? '')))
  );
  const pad = (text: string, column: number): string => {
    const fill = ' '.repeat(widths[column] - width(text));
    return numeric[column] ? fill + text : text + fill;
  };
  const line = (cells: string[]): string => cells.map(pad).join('  ').replace(/\s+$/, '');
  lines.push(line(section.headers), line(widths.map((w) => '─'.repeat(w))));
  for (const row of texts) lines.push(line(row));
  if (section.note) lines.push(section.note);
  return lines.join('\n') + '\n';
}

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe, as the export does. */
function csvCell(cell: Cell): string {
  if (cell === null) return '';
  let text = String(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(section: ReportSection): string {
  return [section.headers, ...section.rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

function markdownCell(cell: Cell): string {
  return cellText(cell).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderMarkdown(section: ReportSection): string {
  const lines = [`## ${section.title}`, ''];
  if (section.rows.length === 0) {
    lines.push(section.emptyText ?? '');
    return lines.join('\n') + '\n';
  }
  const numeric = section.headers.map((_, column) =>
    section.rows.every((row) => typeof row[column] === 'number' || row[column] === null)
  );
  lines.push(`| ${section.headers.map(markdownCell).join(' | ')} |`);
  lines.push(`| ${numeric.map((isNumber) => (isNumber ? '---:' : '---')).join(' | ')} |`);
  for (const row of section.rows) lines.push(`| ${row.map(markdownCell).join(' | ')} |`);
  if (section.note) lines.push('', section.note);
  return lines.join('\n') + '\n';
}
