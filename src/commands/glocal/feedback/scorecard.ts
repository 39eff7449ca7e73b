import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { ConnectionOrgClient } from '../../../org/connectionOrgClient.js';
import { runFeedbackScorecard, type FeedbackScorecard } from '../../../reports/feedbackScorecard.js';
import type { ReportSection } from '../../../reports/render.js';
import { bomFlag, dimensionLabel, formatFlag, printReport } from '../../../ux/reportPrinting.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.feedback.scorecard');

export type {
  DimensionScore,
  FeedbackScorecard,
  PartnerPeriodScore,
  PartnerScorecard,
  PeriodChange,
} from '../../../reports/feedbackScorecard.js';

/** `--json` result: per partner, its most recent periods with averages, gaps, NPS, change and open actions. */
export type FeedbackScorecardResult = FeedbackScorecard;

export default class FeedbackScorecardCommand extends SfCommand<FeedbackScorecardResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    partner: Flags.string({
      char: 'p',
      summary: messages.getMessage('flags.partner.summary'),
      // A name pasted from a spreadsheet often brings a trailing space; the query compares exactly.
      parse: async (input) => Promise.resolve(input.trim()),
    }),
    periods: Flags.integer({
      char: 'n',
      summary: messages.getMessage('flags.periods.summary'),
      default: 4,
      min: 1,
    }),
    format: formatFlag,
    bom: bomFlag,
  };

  public async run(): Promise<FeedbackScorecardResult> {
    const { flags } = await this.parse(FeedbackScorecardCommand);
    const org = new ConnectionOrgClient(flags['target-org'].getConnection(flags['api-version']));
    const scorecard = await runFeedbackScorecard(org, { partner: flags.partner, periods: flags.periods });
    if (flags.partner && scorecard.partners.length === 0) {
      throw new SfError(
        messages.getMessage('error.unknownPartner', [flags.partner]),
        'GlocalUnknownPartner',
        messages.getMessages('error.unknownPartner.actions')
      );
    }
    printReport(this, feedbackScorecardSections(scorecard), flags.format, { bom: flags.bom });
    return scorecard;
  }
}

export function feedbackScorecardSections(scorecard: FeedbackScorecard): ReportSection[] {
  const periods = scorecard.partners.flatMap((partner) => partner.periods.map((period) => ({ partner, period })));
  const score = { decimals: 2 };
  const gap = { decimals: 2, signed: true };
  return [
    {
      title: messages.getMessage('section.scorecard', [scorecard.periods]),
      headers: messages.getMessages('headers.scorecard'),
      rows: periods.map(({ partner, period }) => [
        partner.partner,
        period.period,
        period.given,
        period.received,
        period.gap,
        period.nps,
        period.respondents,
        period.openActionItems,
      ]),
      emptyText: messages.getMessage('empty.scorecard'),
      note: messages.getMessage('note.scorecard'),
      numberFormats: [undefined, undefined, score, score, gap],
      keyColumns: 2,
    },
    {
      title: messages.getMessage('section.trend'),
      headers: messages.getMessages('headers.trend'),
      rows: periods.flatMap(({ partner, period }) =>
        period.change
          ? [
              [
                partner.partner,
                period.period,
                period.change.since,
                period.change.given,
                period.change.received,
                period.change.gap,
                period.change.nps,
              ],
            ]
          : []
      ),
      emptyText: messages.getMessage('empty.trend'),
      numberFormats: [undefined, undefined, undefined, gap, gap, gap, { signed: true }],
      keyColumns: 2,
    },
    {
      title: messages.getMessage('section.dimensions'),
      headers: messages.getMessages('headers.dimensions'),
      rows: periods.flatMap(({ partner, period }) =>
        period.dimensions
          .filter((dimension) => dimension.given !== null || dimension.received !== null)
          .map((dimension) => [
            partner.partner,
            period.period,
            dimensionLabel(dimension.dimension),
            dimension.given,
            dimension.received,
            dimension.gap,
          ])
      ),
      emptyText: messages.getMessage('empty.scorecard'),
      numberFormats: [undefined, undefined, undefined, score, score, gap],
      keyColumns: 3,
    },
    {
      title: messages.getMessage('section.actions'),
      headers: messages.getMessages('headers.actions'),
      rows: scorecard.partners
        .filter((partner) => partner.openActionItems > 0)
        .map((partner) => [partner.partner, partner.openActionItems]),
      emptyText: messages.getMessage('empty.actions'),
    },
  ];
}
