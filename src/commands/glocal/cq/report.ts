import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { ConnectionOrgClient } from '../../../org/connectionOrgClient.js';
import { CQ_FACTORS, runCqReport, type CqReport } from '../../../reports/cqReport.js';
import type { ReportSection } from '../../../reports/render.js';
import { factorLabel, formatFlag, printReport } from '../../../ux/reportPrinting.js';

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
    printReport(this, cqReportSections(report), flags.format);
    return report;
  }
}

export function cqReportSections(report: CqReport): ReportSection[] {
  const withChange = report.markets.filter((market) => market.change);
  return [
    {
      title: messages.getMessage('section.markets'),
      headers: [
        ...messages.getMessages('headers.markets'),
        ...CQ_FACTORS.map(factorLabel),
        ...messages.getMessages('headers.weakest'),
      ],
      rows: report.markets.map((market) => [
        market.market,
        market.countryCode,
        market.assessments,
        ...CQ_FACTORS.map((factor) => market.averages[factor]),
        market.weakestFactor ? factorLabel(market.weakestFactor) : null,
        market.recommendedTopic,
      ]),
      emptyText: messages.getMessage('empty.markets'),
    },
    {
      title: messages.getMessage('section.change'),
      headers: [
        ...messages.getMessages('headers.change'),
        ...CQ_FACTORS.map((factor) => messages.getMessage('header.factorChange', [factorLabel(factor)])),
      ],
      rows: withChange.map((market) => [
        market.market,
        market.countryCode,
        market.baseline?.assessments ?? 0,
        market.postTraining?.assessments ?? 0,
        ...CQ_FACTORS.map((factor) => market.change?.[factor] ?? null),
      ]),
      emptyText: messages.getMessage('empty.change'),
    },
  ];
}
