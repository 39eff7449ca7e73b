/*
 * What the four report commands share: the --format and --bom flags, the labels of the rating dimensions and
 * CQ factors, and printing a report's sections. The numbers come from src/reports/; this file only
 * turns them into text.
 */
import { Messages } from '@salesforce/core';
import { Flags, type SfCommand } from '@salesforce/sf-plugins-core';
import type { CqFactor } from '../reports/cqReport.js';
import type { FeedbackDimension } from '../reports/feedbackDimensions.js';
import { REPORT_FORMATS, renderReport, type ReportFormat, type ReportSection } from '../reports/render.js';
import { DEFAULT_TABLE_WIDTH } from '../reports/textTable.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.reports');

export const formatFlag = Flags.option({
  summary: messages.getMessage('flags.format.summary'),
  description: messages.getMessage('flags.format.description'),
  options: REPORT_FORMATS,
  default: 'table' as ReportFormat,
})();

export const bomFlag = Flags.boolean({ summary: messages.getMessage('flags.bom.summary') });

export function dimensionLabel(dimension: FeedbackDimension): string {
  return messages.getMessage(`dimension.${dimension}`);
}

export function factorLabel(factor: CqFactor): string {
  return messages.getMessage(`factor.${factor}`);
}

/**
 * Columns a table may take: the terminal's width when printing to one, else 80 (output piped to
 * a file or a pager is read in a window of unknown width; 80 is the width everyone has).
 */
export function tableWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
  return stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : DEFAULT_TABLE_WIDTH;
}

/**
 * Prints the sections in the chosen format (SfCommand.log stays silent under --json); CSV starts
 * with a byte-order mark when asked, so Excel reads it as UTF-8 rather than the system code page.
 */
export function printReport(
  command: SfCommand<unknown>,
  sections: ReportSection[],
  format: ReportFormat,
  options: { bom?: boolean } = {}
): void {
  const text = renderReport(sections, format, { width: tableWidth() }).replace(/\n$/, '');
  command.log(format === 'csv' && options.bom ? `\ufeff${text}` : text);
}
