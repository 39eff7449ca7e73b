/* Work in progress (engineer REPORTS): the CqReport computation and its queries. */
export type CqReport = { rows: unknown[] };
