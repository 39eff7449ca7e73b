/*
 * Partner scorecard: per partner (Account) and review period, the average of each dimension in
 * both directions, the perception gap (what the partner says of us − what we say of them), NPS,
 * the change since the partner's previous period, and action items still open.
 *
 * Draft feedback counts for nothing, as in the pack's roll-ups. Dimension averages come from a
 * GROUP BY query on Partner_Feedback__c (one per chunk of partners when there are so many that
 * their groups could pass what the org returns); overall scores and NPS from the review roll-ups
 * (Given_/Received_Overall_Sum__c and _Count__c, Respondents/Promoters/Detractors__c), summed
 * when a partner has several reviews in one period (one per market, say).
 */
import { inList, soqlLiteral } from '../org/soql.js';
import { chunkByGroups } from './aggregateChunks.js';
import { average, change, netPromoterScore, numberOf, round } from './metrics.js';
import {
  FEEDBACK_DIMENSIONS,
  dimensionAverages,
  readDimensionAverages,
  type FeedbackDimension,
} from './feedbackDimensions.js';
import type { ReportOrg } from './reportOrg.js';

export const COMPANY_TO_PARTNER = 'Company to Partner';
export const PARTNER_TO_COMPANY = 'Partner to Company';

export type FeedbackScorecardOptions = {
  /** Only this partner: an Account Id, or its exact name. */
  partner?: string;
  /** How many of each partner's most recent periods to show (default 4). */
  periods: number;
};

export type DimensionScore = {
  dimension: FeedbackDimension;
  /** Company → Partner average, two decimals. */
  given: number | null;
  /** Partner → Company average, two decimals. */
  received: number | null;
  /** received − given: positive when the partner rates us higher than we rate them. */
  gap: number | null;
};

export type PeriodChange = {
  /** The partner's period this one is compared with. */
  since: string;
  given: number | null;
  received: number | null;
  gap: number | null;
  nps: number | null;
};

export type PartnerPeriodScore = {
  period: string;
  /** Submitted (non-draft) feedback we gave and received. */
  givenResponses: number;
  receivedResponses: number;
  /** Average overall score (1–5) in each direction, and their gap. */
  given: number | null;
  received: number | null;
  gap: number | null;
  dimensions: DimensionScore[];
  respondents: number;
  promoters: number;
  detractors: number;
  /** % promoters (9–10) − % detractors (0–6), whole number. */
  nps: number | null;
  /** Feedback with action items whose status is not Actioned. */
  openActionItems: number;
  /** Against the partner's previous period (even one older than the window); null for its first. */
  change: PeriodChange | null;
};

export type PartnerScorecard = {
  partnerId: string;
  partner: string;
  /** The most recent periods, oldest first. */
  periods: PartnerPeriodScore[];
  /** Open action items over all the partner's periods, not only those shown. */
  openActionItems: number;
};

export type FeedbackScorecard = {
  periods: number;
  partner?: string;
  partners: PartnerScorecard[];
};

// ---- Query rows ----

export type ReviewRow = {
  Partner__c: string;
  Partner__r: { Name: string } | null;
  Period__c: string;
  Given_Count__c: number | null;
  Given_Overall_Sum__c: number | null;
  Received_Count__c: number | null;
  Received_Overall_Sum__c: number | null;
  Respondents__c: number | null;
  Promoters__c: number | null;
  Detractors__c: number | null;
};

export type DimensionRow = {
  partnerId: string;
  period: string;
  direction: string | null;
  responses: number;
  communication: number | null;
  trust: number | null;
  collaboration: number | null;
  culturalUnderstanding: number | null;
  continuousImprovement: number | null;
};

export type ActionItemRow = { partnerId: string; period: string; items: number };

export type FeedbackScorecardRows = { reviews: ReviewRow[]; dimensions: DimensionRow[]; actionItems: ActionItemRow[] };

const ACCOUNT_ID = /^001[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/;

/**
 * The three queries. A real org answers an aggregate query with at most 2,000 groups and no
 * further pages, so `shownPeriods` narrows the dimension averages to the periods the scorecard
 * shows, and `partnerIds` narrows both aggregates to one chunk of partners when all of them
 * together could pass that.
 */
export function feedbackScorecardQueries(
  options: FeedbackScorecardOptions,
  shownPeriods?: string[],
  partnerIds?: string[]
): Record<keyof FeedbackScorecardRows, string> {
  let onReview = '';
  let onFeedback = '';
  if (options.partner) {
    const literal = soqlLiteral(options.partner);
    const field = ACCOUNT_ID.test(options.partner) ? 'Partner__c' : 'Partner__r.Name';
    onReview = ` WHERE ${field} = ${literal}`;
    onFeedback = ` AND Partner_Review__r.${field} = ${literal}`;
  }
  const byPartnerPeriod = 'Partner_Review__r.Partner__c, Partner_Review__r.Period__c';
  const inPeriods = shownPeriods ? ` AND Partner_Review__r.Period__c IN ${inList(shownPeriods)}` : '';
  if (partnerIds) onFeedback += ` AND Partner_Review__r.Partner__c IN ${inList(partnerIds)}`;
  return {
    reviews:
      'SELECT Partner__c, Partner__r.Name, Period__c, Given_Count__c, Given_Overall_Sum__c, Received_Count__c, ' +
      `Received_Overall_Sum__c, Respondents__c, Promoters__c, Detractors__c FROM Partner_Review__c${onReview}`,
    dimensions:
      'SELECT Partner_Review__r.Partner__c partnerId, Partner_Review__r.Period__c period, Direction__c direction, ' +
      `COUNT(Id) responses, ${dimensionAverages()} FROM Partner_Feedback__c ` +
      `WHERE Status__c != 'Draft'${onFeedback}${inPeriods} GROUP BY ${byPartnerPeriod}, Direction__c`,
    actionItems:
      'SELECT Partner_Review__r.Partner__c partnerId, Partner_Review__r.Period__c period, COUNT(Id) items ' +
      `FROM Partner_Feedback__c WHERE Has_Action_Items__c = true AND Status__c != 'Actioned'${onFeedback} ` +
      `GROUP BY ${byPartnerPeriod}`,
  };
}

/** Directions a dimension average is grouped by: the two values, and blank. */
const DIRECTION_GROUPS = 3;

export async function runFeedbackScorecard(
  org: ReportOrg,
  options: FeedbackScorecardOptions
): Promise<FeedbackScorecard> {
  const reviews = await org.query<ReviewRow>(feedbackScorecardQueries(options).reviews);
  const periodsByPartner = periodsOfPartners(reviews);
  const partners = [...periodsByPartner.keys()];
  const shown = shownPeriodsOf(reviews, options.periods);
  const shownSet = new Set(shown);
  // The reviews bound each aggregate's groups: a partner's periods (open action items), and its
  // periods among those shown, times the directions (dimension averages).
  const actionChunks = chunkByGroups(partners, (partner) => periodsByPartner.get(partner)!.size);
  const dimensionChunks = chunkByGroups(
    partners,
    (partner) => [...periodsByPartner.get(partner)!].filter((period) => shownSet.has(period)).length * DIRECTION_GROUPS
  );
  // One chunk: no IN list, the query is as short as it can be.
  const asked = (chunks: string[][]): Array<string[] | undefined> => (chunks.length > 1 ? chunks : [undefined]);
  const [actionItems, dimensions] = await Promise.all([
    Promise.all(
      asked(actionChunks).map((chunk) =>
        org.query<ActionItemRow>(feedbackScorecardQueries(options, undefined, chunk).actionItems)
      )
    ),
    shown.length > 0
      ? Promise.all(
          asked(dimensionChunks).map((chunk) =>
            org.query<DimensionRow>(feedbackScorecardQueries(options, shown, chunk).dimensions)
          )
        )
      : Promise.resolve([]),
  ]);
  return computeFeedbackScorecard({ reviews, dimensions: dimensions.flat(), actionItems: actionItems.flat() }, options);
}

/** Each partner's review periods, partners in the order the reviews name them. */
function periodsOfPartners(reviews: ReviewRow[]): Map<string, Set<string>> {
  const byPartner = new Map<string, Set<string>>();
  for (const review of reviews) {
    let periods = byPartner.get(review.Partner__c);
    if (!periods) byPartner.set(review.Partner__c, (periods = new Set()));
    periods.add(review.Period__c);
  }
  return byPartner;
}

/** Every period that is among some partner's `periods` most recent ones, sorted. */
export function shownPeriodsOf(reviews: ReviewRow[], periods: number): string[] {
  const shown = new Set<string>();
  for (const partnerPeriods of periodsOfPartners(reviews).values()) {
    for (const period of [...partnerPeriods].sort().slice(-Math.max(1, periods))) shown.add(period);
  }
  return [...shown].sort();
}

type PeriodTotals = {
  givenCount: number;
  givenSum: number;
  receivedCount: number;
  receivedSum: number;
  respondents: number;
  promoters: number;
  detractors: number;
  given?: Record<FeedbackDimension, number | null>;
  received?: Record<FeedbackDimension, number | null>;
  openActionItems: number;
};

function emptyTotals(): PeriodTotals {
  return {
    givenCount: 0,
    givenSum: 0,
    receivedCount: 0,
    receivedSum: 0,
    respondents: 0,
    promoters: 0,
    detractors: 0,
    openActionItems: 0,
  };
}

function gapOf(received: number | null, given: number | null): number | null {
  return received === null || given === null ? null : round(received - given, 2);
}

function scoreOf(period: string, totals: PeriodTotals): Omit<PartnerPeriodScore, 'change'> {
  const rawGiven = totals.givenCount > 0 ? totals.givenSum / totals.givenCount : null;
  const rawReceived = totals.receivedCount > 0 ? totals.receivedSum / totals.receivedCount : null;
  const dimensions = FEEDBACK_DIMENSIONS.map((dimension): DimensionScore => {
    const given = totals.given?.[dimension] ?? null;
    const received = totals.received?.[dimension] ?? null;
    return {
      dimension,
      given: given === null ? null : round(given, 2),
      received: received === null ? null : round(received, 2),
      gap: gapOf(received, given),
    };
  });
  return {
    period,
    givenResponses: totals.givenCount,
    receivedResponses: totals.receivedCount,
    given: average(totals.givenSum, totals.givenCount),
    received: average(totals.receivedSum, totals.receivedCount),
    gap: gapOf(rawReceived, rawGiven),
    dimensions,
    respondents: totals.respondents,
    promoters: totals.promoters,
    detractors: totals.detractors,
    nps: netPromoterScore(totals.promoters, totals.detractors, totals.respondents),
    openActionItems: totals.openActionItems,
  };
}

/** Rows in, report out. Periods are `YYYY-Qn`, so their text order is their time order. */
export function computeFeedbackScorecard(
  rows: FeedbackScorecardRows,
  options: FeedbackScorecardOptions
): FeedbackScorecard {
  const partners = new Map<string, { name: string; periods: Map<string, PeriodTotals> }>();
  const totalsOf = (partnerId: string, period: string): PeriodTotals => {
    let partner = partners.get(partnerId);
    if (!partner) {
      partner = { name: partnerId, periods: new Map() };
      partners.set(partnerId, partner);
    }
    let totals = partner.periods.get(period);
    if (!totals) {
      totals = emptyTotals();
      partner.periods.set(period, totals);
    }
    return totals;
  };
  for (const review of rows.reviews) {
    const totals = totalsOf(review.Partner__c, review.Period__c);
    if (review.Partner__r?.Name) partners.get(review.Partner__c)!.name = review.Partner__r.Name;
    totals.givenCount += numberOf(review.Given_Count__c);
    totals.givenSum += numberOf(review.Given_Overall_Sum__c);
    totals.receivedCount += numberOf(review.Received_Count__c);
    totals.receivedSum += numberOf(review.Received_Overall_Sum__c);
    totals.respondents += numberOf(review.Respondents__c);
    totals.promoters += numberOf(review.Promoters__c);
    totals.detractors += numberOf(review.Detractors__c);
  }
  for (const row of rows.dimensions) {
    const totals = totalsOf(row.partnerId, row.period);
    if (row.direction === COMPANY_TO_PARTNER) totals.given = readDimensionAverages(row);
    if (row.direction === PARTNER_TO_COMPANY) totals.received = readDimensionAverages(row);
  }
  for (const row of rows.actionItems) totalsOf(row.partnerId, row.period).openActionItems += numberOf(row.items);

  const scorecards = [...partners.entries()].map(([partnerId, partner]): PartnerScorecard => {
    const history = [...partner.periods.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, totals]) => scoreOf(period, totals));
    const scored = history.map((score, index): PartnerPeriodScore => {
      const previous = index > 0 ? history[index - 1] : undefined;
      return {
        ...score,
        change: previous
          ? {
              since: previous.period,
              given: change(previous.given, score.given),
              received: change(previous.received, score.received),
              gap: change(previous.gap, score.gap),
              nps: change(previous.nps, score.nps, 0),
            }
          : null,
      };
    });
    return {
      partnerId,
      partner: partner.name,
      periods: scored.slice(-Math.max(1, options.periods)),
      openActionItems: history.reduce((sum, score) => sum + score.openActionItems, 0),
    };
  });
  scorecards.sort((a, b) => a.partner.localeCompare(b.partner) || a.partnerId.localeCompare(b.partnerId));
  return {
    periods: options.periods,
    ...(options.partner ? { partner: options.partner } : {}),
    partners: scorecards,
  };
}
