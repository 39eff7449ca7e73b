/* The five dimensions partners and service units are rated on (Number(1,0) fields, 1–5, optional). */

export const FEEDBACK_DIMENSIONS = [
  'Communication__c',
  'Trust__c',
  'Collaboration__c',
  'Cultural_Understanding__c',
  'Continuous_Improvement__c',
] as const;

export type FeedbackDimension = (typeof FEEDBACK_DIMENSIONS)[number];

/** SOQL aliases of AVG(dimension) in the reports' aggregate queries. */
export const DIMENSION_ALIAS: Readonly<Record<FeedbackDimension, string>> = {
  Communication__c: 'communication',
  Trust__c: 'trust',
  Collaboration__c: 'collaboration',
  Cultural_Understanding__c: 'culturalUnderstanding',
  Continuous_Improvement__c: 'continuousImprovement',
};

/** `AVG(Communication__c) communication, AVG(Trust__c) trust, …` */
export function dimensionAverages(): string {
  return FEEDBACK_DIMENSIONS.map((dimension) => `AVG(${dimension}) ${DIMENSION_ALIAS[dimension]}`).join(', ');
}

/** The raw averages of an aggregate row, by dimension (null when nobody scored it). */
export function readDimensionAverages(row: Record<string, unknown>): Record<FeedbackDimension, number | null> {
  const averages = {} as Record<FeedbackDimension, number | null>;
  for (const dimension of FEEDBACK_DIMENSIONS) {
    const value = row[DIMENSION_ALIAS[dimension]];
    averages[dimension] = typeof value === 'number' ? value : null;
  }
  return averages;
}
