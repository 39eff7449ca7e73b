/*
 * Internal customer satisfaction: per service unit, CSAT % (answers 4 or 5 of all answers on the
 * 1–5 scale) and the dimension other units rate it lowest on.
 *
 * Every response counts, whatever its status, as in the pack's Service_Unit__c roll-ups
 * (Responses__c, Satisfied_Responses__c), so the report matches CSAT_Percent__c on the unit's page
 * when no period is chosen.
 */
import { soqlLiteral } from '../org/soql.js';
import { lowest, numberOf, percent, round } from './metrics.js';
import {
  FEEDBACK_DIMENSIONS,
  dimensionAverages,
  readDimensionAverages,
  type FeedbackDimension,
} from './feedbackDimensions.js';
import type { ReportOrg } from './reportOrg.js';

export type InternalFeedbackReportOptions = {
  /** Only feedback of this period (YYYY-Qn). */
  period?: string;
  /** Only this unit: its Unit_Code__c or exact name. */
  unit?: string;
};

export type ServiceUnitSatisfaction = {
  unitId: string;
  unit: string;
  unitCode: string | null;
  responses: number;
  /** Answers of 4 or 5. */
  satisfied: number;
  /** satisfied / responses in %, one decimal; null without responses. */
  csat: number | null;
  /** Average CSAT answer (1–5), two decimals. */
  averageCsat: number | null;
  /** Average per dimension, two decimals (null when nobody scored it). */
  dimensions: Record<FeedbackDimension, number | null>;
  /** The dimension with the lowest average (first in dimension order on a tie). */
  weakestDimension: FeedbackDimension | null;
};

export type InternalFeedbackReport = {
  period?: string;
  units: ServiceUnitSatisfaction[];
  /** Every response of the units shown together. */
  total: { responses: number; satisfied: number; csat: number | null };
};

// ---- Query rows ----

export type ServiceUnitRow = { Id: string; Name: string; Unit_Code__c: string | null };
export type UnitAverageRow = {
  unit: string;
  responses: number;
  csatScore: number | null;
  communication: number | null;
  trust: number | null;
  collaboration: number | null;
  culturalUnderstanding: number | null;
  continuousImprovement: number | null;
};
export type SatisfiedRow = { unit: string; satisfied: number };

export type InternalFeedbackReportRows = {
  units: ServiceUnitRow[];
  averages: UnitAverageRow[];
  satisfied: SatisfiedRow[];
};

export function internalFeedbackReportQueries(
  options: InternalFeedbackReportOptions
): Record<keyof InternalFeedbackReportRows, string> {
  const conditions: string[] = [];
  let onUnit = '';
  if (options.period) conditions.push(`Period__c = ${soqlLiteral(options.period)}`);
  if (options.unit) {
    const literal = soqlLiteral(options.unit);
    onUnit = ` WHERE Unit_Code__c = ${literal} OR Name = ${literal}`;
    conditions.push(`(Rated_Unit__r.Unit_Code__c = ${literal} OR Rated_Unit__r.Name = ${literal})`);
  }
  const where = (extra?: string): string => {
    const all = extra ? [extra, ...conditions] : conditions;
    return all.length > 0 ? ` WHERE ${all.join(' AND ')}` : '';
  };
  return {
    units: `SELECT Id, Name, Unit_Code__c FROM Service_Unit__c${onUnit} ORDER BY Name`,
    averages:
      `SELECT Rated_Unit__c unit, COUNT(Id) responses, AVG(CSAT__c) csatScore, ${dimensionAverages()} ` +
      `FROM Internal_Feedback__c${where()} GROUP BY Rated_Unit__c`,
    satisfied: `SELECT Rated_Unit__c unit, COUNT(Id) satisfied FROM Internal_Feedback__c${where(
      'CSAT__c >= 4'
    )} GROUP BY Rated_Unit__c`,
  };
}

export async function runInternalFeedbackReport(
  org: ReportOrg,
  options: InternalFeedbackReportOptions
): Promise<InternalFeedbackReport> {
  const queries = internalFeedbackReportQueries(options);
  const [units, averages, satisfied] = await Promise.all([
    org.query<ServiceUnitRow>(queries.units),
    org.query<UnitAverageRow>(queries.averages),
    org.query<SatisfiedRow>(queries.satisfied),
  ]);
  return computeInternalFeedbackReport({ units, averages, satisfied }, options);
}

/** Rows in, report out. Units without responses are listed with a blank CSAT. */
export function computeInternalFeedbackReport(
  rows: InternalFeedbackReportRows,
  options: InternalFeedbackReportOptions
): InternalFeedbackReport {
  const averagesByUnit = new Map(rows.averages.map((row) => [row.unit, row]));
  const satisfiedByUnit = new Map(rows.satisfied.map((row) => [row.unit, numberOf(row.satisfied)]));
  const total = { responses: 0, satisfied: 0 };
  const units = rows.units.map((unit): ServiceUnitSatisfaction => {
    const row = averagesByUnit.get(unit.Id);
    const responses = row ? numberOf(row.responses) : 0;
    const satisfied = satisfiedByUnit.get(unit.Id) ?? 0;
    total.responses += responses;
    total.satisfied += satisfied;
    const raw = row ? readDimensionAverages(row) : undefined;
    const dimensions = {} as Record<FeedbackDimension, number | null>;
    for (const dimension of FEEDBACK_DIMENSIONS) {
      const value = raw?.[dimension] ?? null;
      dimensions[dimension] = value === null ? null : round(value, 2);
    }
    const weakestDimension =
      lowest(FEEDBACK_DIMENSIONS.map((dimension) => [dimension, raw?.[dimension] ?? null] as const)) ?? null;
    return {
      unitId: unit.Id,
      unit: unit.Name,
      unitCode: unit.Unit_Code__c ?? null,
      responses,
      satisfied,
      csat: percent(satisfied, responses),
      averageCsat: typeof row?.csatScore === 'number' ? round(row.csatScore, 2) : null,
      dimensions,
      weakestDimension,
    };
  });
  return {
    ...(options.period ? { period: options.period } : {}),
    units,
    total: { ...total, csat: percent(total.satisfied, total.responses) },
  };
}
