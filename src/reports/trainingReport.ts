/* Work in progress (engineer REPORTS): the TrainingReport computation and its queries. */
export type TrainingReport = { rows: unknown[] };
