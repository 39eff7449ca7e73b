import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { ConnectionOrgClient } from '../../../org/connectionOrgClient.js';
import { FEEDBACK_DIMENSIONS } from '../../../reports/feedbackDimensions.js';
import { runInternalFeedbackReport, type InternalFeedbackReport } from '../../../reports/internalFeedbackReport.js';
import type { ReportSection } from '../../../reports/render.js';
import { bomFlag, dimensionLabel, formatFlag, printReport } from '../../../ux/reportPrinting.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.internal-feedback.report');

export type { FeedbackDimension } from '../../../reports/feedbackDimensions.js';
export type { InternalFeedbackReport, ServiceUnitSatisfaction } from '../../../reports/internalFeedbackReport.js';

/** `--json` result: CSAT % per service unit, its dimension averages and weakest dimension. */
export type InternalFeedbackReportResult = InternalFeedbackReport;

const PERIOD = /^\d{4}-Q[1-4]$/;

export default class InternalFeedbackReportCommand extends SfCommand<InternalFeedbackReportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    period: Flags.string({
      summary: messages.getMessage('flags.period.summary'),
      parse: async (input) => {
        const period = input.trim().toUpperCase();
        if (!PERIOD.test(period)) throw messages.createError('error.badPeriod', [input]);
        return Promise.resolve(period);
      },
    }),
    unit: Flags.string({
      char: 'u',
      summary: messages.getMessage('flags.unit.summary'),
      // A name pasted from a spreadsheet often brings a trailing space; the query compares exactly.
      parse: async (input) => Promise.resolve(input.trim()),
    }),
    format: formatFlag,
    bom: bomFlag,
  };

  public async run(): Promise<InternalFeedbackReportResult> {
    const { flags } = await this.parse(InternalFeedbackReportCommand);
    const org = new ConnectionOrgClient(flags['target-org'].getConnection(flags['api-version']));
    const report = await runInternalFeedbackReport(org, { period: flags.period, unit: flags.unit });
    if (flags.unit && report.units.length === 0) {
      throw new SfError(
        messages.getMessage('error.unknownUnit', [flags.unit]),
        'GlocalUnknownServiceUnit',
        messages.getMessages('error.unknownUnit.actions')
      );
    }
    printReport(this, internalFeedbackReportSections(report), flags.format, { bom: flags.bom });
    return report;
  }
}

export function internalFeedbackReportSections(report: InternalFeedbackReport): ReportSection[] {
  const rows = report.units.map((unit) => [
    unit.unit,
    unit.unitCode,
    unit.responses,
    unit.satisfied,
    unit.csat,
    unit.weakestDimension ? dimensionLabel(unit.weakestDimension) : null,
    unit.averageCsat,
  ]);
  if (report.units.length > 1) {
    rows.push([
      messages.getMessage('row.total'),
      '',
      report.total.responses,
      report.total.satisfied,
      report.total.csat,
      null,
      null,
    ]);
  }
  const average = { decimals: 2 };
  return [
    {
      title: report.period
        ? messages.getMessage('section.unitsInPeriod', [report.period])
        : messages.getMessage('section.units'),
      headers: messages.getMessages('headers.units'),
      rows,
      emptyText: messages.getMessage('empty.units'),
      numberFormats: [undefined, undefined, undefined, undefined, { decimals: 1 }, undefined, average],
      keyColumns: 2,
    },
    {
      title: report.period
        ? messages.getMessage('section.dimensionsInPeriod', [report.period])
        : messages.getMessage('section.dimensions'),
      headers: [messages.getMessage('header.unit'), ...FEEDBACK_DIMENSIONS.map(dimensionLabel)],
      rows: report.units
        .filter((unit) => unit.responses > 0)
        .map((unit) => [unit.unit, ...FEEDBACK_DIMENSIONS.map((dimension) => unit.dimensions[dimension])]),
      emptyText: messages.getMessage('empty.dimensions'),
      numberFormats: [undefined, ...FEEDBACK_DIMENSIONS.map(() => average)],
    },
  ];
}
