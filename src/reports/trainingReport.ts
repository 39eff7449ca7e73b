/*
 * Training per market: how many trainings were assigned, completed and passed, the completion and
 * pass rates, how many are overdue and how many certificates expire soon, and who is overdue.
 *
 * The counts come from GROUP BY queries (market × status, and per market for passed, overdue and
 * expiring), so the number of requests does not grow with the records; only the list of who is
 * overdue is fetched row by row, up to a limit. Each query stays far below the 2,000 groups a real
 * org returns for an aggregate query (with no further pages): markets are ISO countries (at most
 * 249), times at most six statuses (blank included). Grouping by result as well could pass it. "Overdue" and "expiring" read the pack's own
 * formulas (Overdue__c, Cert_Expires_On__c), so the report agrees with the market page, the home
 * page and the "overdue training" list view.
 */
import { soqlLiteral } from '../org/soql.js';
import { numberOf, percent } from './metrics.js';
import type { ReportOrg } from './reportOrg.js';

export type TrainingReportOptions = {
  /** Only this market (Market__c.Country_Code__c, e.g. DK). */
  market?: string;
  /** Certificates that expire from today up to this many days ahead count as expiring. */
  withinDays: number;
  /** List at most this many overdue trainings (the oldest); the counts always cover all of them. */
  overdueLimit: number;
};

/** The numbers of one market, or of all markets together. */
export type TrainingFigures = {
  /** Every training record (whatever its status): the denominator of the completion rate, as in Market__c.Training_Records__c. */
  assigned: number;
  /** Status Completed. */
  completed: number;
  /** Result Pass. */
  passed: number;
  /** completed / assigned in %, one decimal; null without records. */
  completionRate: number | null;
  /** passed / completed in %, one decimal; null without completions. */
  passRate: number | null;
  /** Due date past and still Assigned or In Progress (Training_Record__c.Overdue__c). */
  overdue: number;
  /** Certificates (passed trainings) whose Cert_Expires_On__c is between today and today + withinDays. */
  expiring: number;
};

export type MarketTraining = TrainingFigures & { countryCode: string; market: string };

export type OverdueTraining = {
  countryCode: string;
  /** The training record's name (TR-000123). */
  record: string;
  participant: string | null;
  email: string | null;
  course: string | null;
  courseCode: string | null;
  dueOn: string;
  status: string;
};

export type TrainingReport = {
  withinDays: number;
  overdueLimit: number;
  market?: string;
  markets: MarketTraining[];
  total: TrainingFigures;
  /** Who is overdue, oldest due date first: at most `overdueLimit`; `total.overdue` counts them all. */
  overdue: OverdueTraining[];
};

// ---- What the queries return (aliases are part of the contract with computeTrainingReport) ----

export type MarketRow = { Country_Code__c: string; Name: string };
export type TrainingCountRow = { market: string; status: string | null; records: number };
/** COUNT(Id) per market, for the passed, expiring and overdue counts. */
export type MarketCountRow = { market: string; records: number };
type Named = { Name?: string | null; Email?: string | null } | null;
export type OverdueRow = {
  Name: string;
  Due_On__c: string;
  Status__c: string;
  Market__r: { Country_Code__c: string } | null;
  Course__r: { Name?: string | null; Course_Code__c?: string | null } | null;
  Participant_User__r?: Named;
  Participant_Contact__r?: Named;
};

export type TrainingReportRows = {
  markets: MarketRow[];
  counts: TrainingCountRow[];
  passed: MarketCountRow[];
  expiring: MarketCountRow[];
  overdueCounts: MarketCountRow[];
  overdue: OverdueRow[];
};

export function trainingReportQueries(options: TrainingReportOptions): Record<keyof TrainingReportRows, string> {
  const market = options.market ? soqlLiteral(options.market) : undefined;
  const onMarket = market ? ` AND Market__r.Country_Code__c = ${market}` : '';
  return {
    markets: `SELECT Country_Code__c, Name FROM Market__c${
      market ? ` WHERE Country_Code__c = ${market}` : ''
    } ORDER BY Country_Code__c`,
    counts:
      'SELECT Market__r.Country_Code__c market, Status__c status, COUNT(Id) records ' +
      `FROM Training_Record__c${market ? ` WHERE Market__r.Country_Code__c = ${market}` : ''} ` +
      'GROUP BY Market__r.Country_Code__c, Status__c',
    passed:
      'SELECT Market__r.Country_Code__c market, COUNT(Id) records FROM Training_Record__c ' +
      `WHERE Result__c = 'Pass'${onMarket} GROUP BY Market__r.Country_Code__c`,
    expiring:
      'SELECT Market__r.Country_Code__c market, COUNT(Id) records FROM Training_Record__c ' +
      `WHERE Cert_Expires_On__c >= TODAY AND Cert_Expires_On__c <= NEXT_N_DAYS:${options.withinDays}${onMarket} ` +
      'GROUP BY Market__r.Country_Code__c',
    overdueCounts:
      'SELECT Market__r.Country_Code__c market, COUNT(Id) records FROM Training_Record__c ' +
      `WHERE Overdue__c = true${onMarket} GROUP BY Market__r.Country_Code__c`,
    overdue:
      'SELECT Name, Due_On__c, Status__c, Market__r.Country_Code__c, Course__r.Name, Course__r.Course_Code__c, ' +
      'Participant_User__r.Name, Participant_User__r.Email, Participant_Contact__r.Name, Participant_Contact__r.Email ' +
      `FROM Training_Record__c WHERE Overdue__c = true${onMarket} ORDER BY Due_On__c, Name LIMIT ${options.overdueLimit}`,
  };
}

export async function runTrainingReport(org: ReportOrg, options: TrainingReportOptions): Promise<TrainingReport> {
  const queries = trainingReportQueries(options);
  const [markets, counts, passed, expiring, overdueCounts, overdue] = await Promise.all([
    org.query<MarketRow>(queries.markets),
    org.query<TrainingCountRow>(queries.counts),
    org.query<MarketCountRow>(queries.passed),
    org.query<MarketCountRow>(queries.expiring),
    org.query<MarketCountRow>(queries.overdueCounts),
    options.overdueLimit > 0 ? org.query<OverdueRow>(queries.overdue) : Promise.resolve([]),
  ]);
  return computeTrainingReport({ markets, counts, passed, expiring, overdueCounts, overdue }, options);
}

function emptyCounts(): Omit<TrainingFigures, 'completionRate' | 'passRate'> {
  return { assigned: 0, completed: 0, passed: 0, overdue: 0, expiring: 0 };
}

function withRates(counts: Omit<TrainingFigures, 'completionRate' | 'passRate'>): TrainingFigures {
  return {
    assigned: counts.assigned,
    completed: counts.completed,
    passed: counts.passed,
    completionRate: percent(counts.completed, counts.assigned),
    passRate: percent(counts.passed, counts.completed),
    overdue: counts.overdue,
    expiring: counts.expiring,
  };
}

/** Rows in, report out: no org, no clock. */
export function computeTrainingReport(rows: TrainingReportRows, options: TrainingReportOptions): TrainingReport {
  const byMarket = new Map<string, { market: string; counts: ReturnType<typeof emptyCounts> }>();
  for (const market of rows.markets) {
    byMarket.set(market.Country_Code__c, { market: market.Name, counts: emptyCounts() });
  }
  const countsOf = (code: string): ReturnType<typeof emptyCounts> => {
    let entry = byMarket.get(code);
    if (!entry) {
      // A record whose market was not listed (deleted between the queries): still count it.
      entry = { market: code, counts: emptyCounts() };
      byMarket.set(code, entry);
    }
    return entry.counts;
  };
  for (const row of rows.counts) {
    const counts = countsOf(row.market);
    const records = numberOf(row.records);
    counts.assigned += records;
    if (row.status === 'Completed') counts.completed += records;
  }
  for (const row of rows.passed) countsOf(row.market).passed += numberOf(row.records);
  for (const row of rows.expiring) countsOf(row.market).expiring += numberOf(row.records);
  const overdue = rows.overdue.map((row): OverdueTraining => {
    const participant = row.Participant_User__r ?? row.Participant_Contact__r ?? null;
    return {
      countryCode: row.Market__r?.Country_Code__c ?? '',
      record: row.Name,
      participant: participant?.Name ?? null,
      email: participant?.Email ?? null,
      course: row.Course__r?.Name ?? null,
      courseCode: row.Course__r?.Course_Code__c ?? null,
      dueOn: row.Due_On__c,
      status: row.Status__c,
    };
  });
  for (const row of rows.overdueCounts) countsOf(row.market).overdue += numberOf(row.records);

  const total = emptyCounts();
  const markets = [...byMarket.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([countryCode, entry]): MarketTraining => {
      for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += entry.counts[key];
      return { countryCode, market: entry.market, ...withRates(entry.counts) };
    });
  return {
    withinDays: options.withinDays,
    overdueLimit: options.overdueLimit,
    ...(options.market ? { market: options.market } : {}),
    markets,
    total: withRates(total),
    overdue: overdue.slice(0, options.overdueLimit),
  };
}
