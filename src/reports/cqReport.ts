/*
 * Cultural intelligence per market, to plan training: the average of each of the four CQ factors,
 * the weakest factor and the course topic that trains it, and — where a market has both baseline
 * and post-training assessments — how much each factor moved.
 *
 * One GROUP BY query (market × phase) returns counts and sums; averages are sums over counts, so
 * a market's overall average weighs every assessment equally whatever its phase (the same as the
 * pack's Market__c.Avg_CQ_* formulas, which divide the CQ_*_Sum__c roll-ups by the count).
 */
import { soqlLiteral } from '../org/soql.js';
import { average, change, lowest, numberOf } from './metrics.js';
import type { ReportOrg } from './reportOrg.js';

export const CQ_FACTORS = ['Metacognitive__c', 'Cognitive__c', 'Motivational__c', 'Behavioral__c'] as const;
export type CqFactor = (typeof CQ_FACTORS)[number];

/**
 * The course topic (Glocal_Training_Topic API value) that trains each factor. Why these:
 * - metacognitive CQ is planning, checking one's assumptions and adjusting them — exactly what a
 *   Cultural Intelligence course practises;
 * - cognitive CQ is knowledge of how another culture's economy, norms and customers work, which a
 *   Market Orientation course teaches for the market at hand (Cross-Cultural Communication teaches
 *   general norms, but managers lack market knowledge more often than general theory);
 * - motivational CQ is the drive and confidence to engage with difference, which Diversity &
 *   Inclusion work builds;
 * - behavioral CQ is adapting speech, tone and gestures, practised in Cross-Cultural Communication.
 * The cqProfile component recommends from the same table: change both together.
 */
export const TOPIC_FOR_FACTOR: Readonly<Record<CqFactor, string>> = {
  Metacognitive__c: 'Cultural Intelligence',
  Cognitive__c: 'Market Orientation',
  Motivational__c: 'Diversity & Inclusion',
  Behavioral__c: 'Cross-Cultural Communication',
};

export const BASELINE = 'Baseline';
export const POST_TRAINING = 'Post-training';

export type CqFactorAverages = Record<CqFactor, number | null>;

export type CqGroup = {
  assessments: number;
  /** Average per factor on the 1–7 scale, two decimals. */
  averages: CqFactorAverages;
};

export type MarketCq = CqGroup & {
  countryCode: string;
  market: string;
  /** The factor with the lowest average (the first in factor order on a tie). */
  weakestFactor: CqFactor | null;
  /** The Glocal_Training_Topic value that trains the weakest factor. */
  recommendedTopic: string | null;
  baseline: CqGroup | null;
  postTraining: CqGroup | null;
  /** Post-training − baseline per factor, two decimals; null unless both phases exist. */
  change: CqFactorAverages | null;
};

export type CqReport = {
  market?: string;
  markets: MarketCq[];
  /** Every assessment of the markets shown, together. */
  overall: CqGroup;
};

export type CqReportOptions = { market?: string };

/** One market × phase group as the query returns it. */
export type CqSumRow = {
  market: string;
  marketName: string;
  phase: string | null;
  assessments: number;
  metacognitive: number | null;
  cognitive: number | null;
  motivational: number | null;
  behavioral: number | null;
};

const SUM_ALIAS: Record<CqFactor, keyof CqSumRow> = {
  Metacognitive__c: 'metacognitive',
  Cognitive__c: 'cognitive',
  Motivational__c: 'motivational',
  Behavioral__c: 'behavioral',
};

export function cqReportQuery(options: CqReportOptions): string {
  const sums = CQ_FACTORS.map((factor) => `SUM(${factor}) ${SUM_ALIAS[factor]}`).join(', ');
  const where = options.market ? ` WHERE Market__r.Country_Code__c = ${soqlLiteral(options.market)}` : '';
  return (
    `SELECT Market__r.Country_Code__c market, Market__r.Name marketName, Phase__c phase, COUNT(Id) assessments, ${sums} ` +
    `FROM CQ_Assessment__c${where} GROUP BY Market__r.Country_Code__c, Market__r.Name, Phase__c`
  );
}

export async function runCqReport(org: ReportOrg, options: CqReportOptions): Promise<CqReport> {
  return computeCqReport(await org.query<CqSumRow>(cqReportQuery(options)), options);
}

type Sums = { assessments: number; sums: Record<CqFactor, number> };

function emptySums(): Sums {
  return { assessments: 0, sums: { Metacognitive__c: 0, Cognitive__c: 0, Motivational__c: 0, Behavioral__c: 0 } };
}

function add(into: Sums, from: Sums): void {
  into.assessments += from.assessments;
  for (const factor of CQ_FACTORS) into.sums[factor] += from.sums[factor];
}

function toGroup(sums: Sums): CqGroup {
  const averages = {} as CqFactorAverages;
  for (const factor of CQ_FACTORS) averages[factor] = average(sums.sums[factor], sums.assessments);
  return { assessments: sums.assessments, averages };
}

/** Rows in, report out. */
export function computeCqReport(rows: CqSumRow[], options: CqReportOptions): CqReport {
  type MarketSums = { market: string; all: Sums; baseline?: Sums; postTraining?: Sums };
  const byMarket = new Map<string, MarketSums>();
  const overall = emptySums();
  for (const row of rows) {
    const sums = emptySums();
    sums.assessments = numberOf(row.assessments);
    for (const factor of CQ_FACTORS) sums.sums[factor] = numberOf(row[SUM_ALIAS[factor]]);
    let entry = byMarket.get(row.market);
    if (!entry) {
      entry = { market: row.marketName, all: emptySums() };
      byMarket.set(row.market, entry);
    }
    add(entry.all, sums);
    add(overall, sums);
    if (row.phase === BASELINE) add((entry.baseline ??= emptySums()), sums);
    if (row.phase === POST_TRAINING) add((entry.postTraining ??= emptySums()), sums);
  }
  const markets = [...byMarket.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([countryCode, entry]): MarketCq => {
      const all = toGroup(entry.all);
      const baseline = entry.baseline ? toGroup(entry.baseline) : null;
      const postTraining = entry.postTraining ? toGroup(entry.postTraining) : null;
      const weakestFactor = lowest(CQ_FACTORS.map((factor) => [factor, all.averages[factor]] as const)) ?? null;
      let factorChange: CqFactorAverages | null = null;
      if (baseline && postTraining) {
        factorChange = {} as CqFactorAverages;
        for (const factor of CQ_FACTORS) {
          factorChange[factor] = change(baseline.averages[factor], postTraining.averages[factor]);
        }
      }
      return {
        countryCode,
        market: entry.market,
        ...all,
        weakestFactor,
        recommendedTopic: weakestFactor ? TOPIC_FOR_FACTOR[weakestFactor] : null,
        baseline,
        postTraining,
        change: factorChange,
      };
    });
  return { ...(options.market ? { market: options.market } : {}), markets, overall: toGroup(overall) };
}
