/* Work in progress (engineer REPORTS): the InternalFeedbackReport computation and its queries. */
export type InternalFeedbackReport = { rows: unknown[] };
