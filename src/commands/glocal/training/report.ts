import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { ConnectionOrgClient } from '../../../org/connectionOrgClient.js';
import { DEFAULT_EXPIRY_WINDOW, parseExpiryWindow, type ExpiryWindow } from '../../../reports/expiryWindow.js';
import type { ReportSection } from '../../../reports/render.js';
import { runTrainingReport, type TrainingReport } from '../../../reports/trainingReport.js';
import { bomFlag, formatFlag, printReport } from '../../../ux/reportPrinting.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.training.report');

export type {
  MarketTraining,
  OverdueTraining,
  TrainingFigures,
  TrainingReport,
} from '../../../reports/trainingReport.js';

/** `--json` result: per market counts and rates, the totals, and who is overdue. */
export type TrainingReportResult = TrainingReport;

export default class TrainingReportCommand extends SfCommand<TrainingReportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    market: Flags.string({
      char: 'm',
      summary: messages.getMessage('flags.market.summary'),
      parse: async (input) => Promise.resolve(input.trim().toUpperCase()),
    }),
    within: Flags.custom<ExpiryWindow>({
      summary: messages.getMessage('flags.within.summary'),
      description: messages.getMessage('flags.within.description'),
      helpValue: '60d|8w|3mo|1y',
      parse: async (input) => {
        const window = parseExpiryWindow(input);
        if (!window) throw messages.createError('error.badWithin', [input]);
        return Promise.resolve(window);
      },
      default: { ...DEFAULT_EXPIRY_WINDOW },
      defaultHelp: async () => Promise.resolve(`${DEFAULT_EXPIRY_WINDOW.days}d`),
    })(),
    'overdue-limit': Flags.integer({
      summary: messages.getMessage('flags.overdue-limit.summary'),
      default: 100,
      min: 0,
    }),
    format: formatFlag,
    bom: bomFlag,
  };

  public async run(): Promise<TrainingReportResult> {
    const { flags } = await this.parse(TrainingReportCommand);
    const org = new ConnectionOrgClient(flags['target-org'].getConnection(flags['api-version']));
    const report = await runTrainingReport(org, {
      market: flags.market,
      withinDays: flags.within.days,
      overdueLimit: flags['overdue-limit'],
    });
    if (flags.market && report.markets.length === 0) {
      throw new SfError(
        messages.getMessage('error.unknownMarket', [flags.market]),
        'GlocalUnknownMarket',
        messages.getMessages('error.unknownMarket.actions')
      );
    }
    printReport(this, trainingReportSections(report), flags.format, { bom: flags.bom });
    return report;
  }
}

export function trainingReportSections(report: TrainingReport): ReportSection[] {
  const figures = (f: TrainingReport['total']): Array<number | null> => [
    f.assigned,
    f.completed,
    f.passed,
    f.completionRate,
    f.passRate,
    f.overdue,
    f.expiring,
  ];
  const rows = report.markets.map((market) => [market.market, market.countryCode, ...figures(market)]);
  if (report.markets.length > 1) rows.push([messages.getMessage('row.total'), '', ...figures(report.total)]);
  const rate = { decimals: 1 };
  return [
    {
      title: messages.getMessage('section.markets'),
      headers: messages.getMessages('headers.markets', [report.withinDays]),
      rows,
      emptyText: messages.getMessage('empty.markets'),
      numberFormats: [undefined, undefined, undefined, undefined, undefined, rate, rate],
      keyColumns: 2,
    },
    {
      title: messages.getMessage('section.overdue'),
      headers: messages.getMessages('headers.overdue'),
      rows: report.overdue.map((row) => [
        row.countryCode,
        row.participant,
        row.dueOn,
        row.status,
        row.courseCode,
        row.course,
        row.email,
        row.record,
      ]),
      emptyText: messages.getMessage('empty.overdue'),
      keyColumns: 2,
      ...(report.overdue.length < report.total.overdue
        ? { note: messages.getMessage('note.overdueLimited', [report.overdue.length, report.total.overdue]) }
        : {}),
    },
  ];
}
