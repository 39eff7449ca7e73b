/*
 * The numbers every report shares, computed the way the pack's formulas compute them, so a report
 * and the record page it summarises never disagree (ROUND in a formula rounds half away from zero).
 */

/** Rounds half away from zero to `digits` decimals, as Salesforce's ROUND() does. */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  // toPrecision first: 2.675 * 100 is 267.49999…, which a plain Math.round would take down.
  const scaled = Number((Math.abs(value) * factor).toPrecision(12));
  const rounded = (Math.sign(value) * Math.round(scaled)) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** Average of a sum over a count, to two decimals (the pack's averages are Number(3,2)); null when nothing was counted. */
export function average(sum: number, count: number): number | null {
  return count > 0 ? round(sum / count, 2) : null;
}

/** `part` as a percentage of `whole`, to one decimal (the pack's Percent(5,1)); null when the whole is zero. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? round((part * 100) / whole, 1) : null;
}

/**
 * Net Promoter Score: % promoters (9–10) − % detractors (0–6), a whole number from −100 to 100,
 * as the pack's NPS__c formula computes it; null without respondents.
 */
export function netPromoterScore(promoters: number, detractors: number, respondents: number): number | null {
  return respondents > 0 ? round(((promoters - detractors) * 100) / respondents, 0) : null;
}

/** `later − earlier` to two decimals, or null when either is missing. */
export function change(earlier: number | null, later: number | null, digits = 2): number | null {
  return earlier === null || later === null ? null : round(later - earlier, digits);
}

/** The key whose value is lowest (first one wins a tie); undefined when every value is missing. */
export function lowest<K extends string>(values: ReadonlyArray<readonly [K, number | null]>): K | undefined {
  let best: K | undefined;
  let bestValue = Infinity;
  for (const [key, value] of values) {
    if (value !== null && value < bestValue) {
      best = key;
      bestValue = value;
    }
  }
  return best;
}

/** A number from a query row: aggregates come back as numbers, null for an empty group. */
export function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : 0;
}
