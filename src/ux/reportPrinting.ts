/*
 * What the four report commands share: the --format flag, the labels of the rating dimensions and
 * CQ factors, and printing a report's sections. The numbers come from src/reports/; this file only
 * turns them into text.
 */
import { Messages } from '@salesforce/core';
import { Flags, type SfCommand } from '@salesforce/sf-plugins-core';
import type { CqFactor } from '../reports/cqReport.js';
import type { FeedbackDimension } from '../reports/feedbackDimensions.js';
import { REPORT_FORMATS, renderReport, type ReportFormat, type ReportSection } from '../reports/render.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.reports');

export const formatFlag = Flags.option({
  summary: messages.getMessage('flags.format.summary'),
  description: messages.getMessage('flags.format.description'),
  options: REPORT_FORMATS,
  default: 'table' as ReportFormat,
})();

export function dimensionLabel(dimension: FeedbackDimension): string {
  return messages.getMessage(`dimension.${dimension}`);
}

export function factorLabel(factor: CqFactor): string {
  return messages.getMessage(`factor.${factor}`);
}

/** Prints the sections in the chosen format (SfCommand.log stays silent under --json). */
export function printReport(command: SfCommand<unknown>, sections: ReportSection[], format: ReportFormat): void {
  command.log(renderReport(sections, format).replace(/\n$/, ''));
}
