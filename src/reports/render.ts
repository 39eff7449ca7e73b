/* Work in progress (engineer REPORTS): table, CSV and Markdown rendering shared by the reports. */
export type ReportFormat = 'table' | 'csv' | 'md';
