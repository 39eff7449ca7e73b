import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { ConnectionOrgClient } from '../../../org/connectionOrgClient.js';
import { CQ_FACTORS, runCqReport, type CqReport } from '../../../reports/cqReport.js';
import type { ReportSection } from '../../../reports/render.js';
import { bomFlag, factorLabel, formatFlag, printReport } from '../../../ux/reportPrinting.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.cq.report');

export type { CqFactor, CqFactorAverages, CqGroup, CqReport, MarketCq } from '../../../reports/cqReport.js';

/** `--json` result: per market factor averages, weakest factor, recommended topic and phase change. */
export type CqReportResult = CqReport;

export default class CqReportCommand extends SfCommand<CqReportResult> {
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
    format: formatFlag,
    bom: bomFlag,
  };

  public async run(): Promise<CqReportResult> {
    const { flags } = await this.parse(CqReportCommand);
    const org = new ConnectionOrgClient(flags['target-org'].getConnection(flags['api-version']));
    const report = await runCqReport(org, { market: flags.market });
    if (flags.market && report.markets.length === 0) {
      throw new SfError(
        messages.getMessage('error.noAssessments', [flags.market]),
        'GlocalNoAssessments',
        messages.getMessages('error.noAssessments.actions')
      );
    }
    printReport(this, cqReportSections(report), flags.format, { bom: flags.bom });
    return report;
  }
}

export function cqReportSections(report: CqReport): ReportSection[] {
  const average = { decimals: 2 };
  return [
    {
      title: messages.getMessage('section.markets'),
      headers: [...messages.getMessages('headers.markets'), ...CQ_FACTORS.map(factorLabel)],
      rows: report.markets.map((market) => [
        market.market,
        market.countryCode,
        market.assessments,
        market.weakestFactor ? factorLabel(market.weakestFactor) : null,
        market.recommendedTopic,
        ...CQ_FACTORS.map((factor) => market.averages[factor]),
      ]),
      emptyText: messages.getMessage('empty.markets'),
      numberFormats: [undefined, undefined, undefined, undefined, undefined, ...CQ_FACTORS.map(() => average)],
      keyColumns: 2,
    },
    {
      title: messages.getMessage('section.change'),
      headers: messages.getMessages('headers.change'),
      // One row per market and factor: baseline, post-training and the change side by side.
      rows: report.markets.flatMap((market) =>
        market.change
          ? CQ_FACTORS.map((factor) => [
              market.market,
              market.countryCode,
              factorLabel(factor),
              market.baseline?.averages[factor] ?? null,
              market.postTraining?.averages[factor] ?? null,
              market.change?.[factor] ?? null,
            ])
          : []
      ),
      emptyText: messages.getMessage('empty.change'),
      numberFormats: [undefined, undefined, undefined, average, average, { decimals: 2, signed: true }],
      keyColumns: 3,
    },
  ];
}
