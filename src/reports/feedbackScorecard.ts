/* Work in progress (engineer REPORTS): the FeedbackScorecard computation and its queries. */
export type FeedbackScorecard = { rows: unknown[] };
