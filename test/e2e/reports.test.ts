/*
 * The four manager reports through the real sf CLI against the local org: the pack is deployed, a
 * small data set with hand-computed answers is inserted through the REST API, and each report's
 * --json result must carry exactly those numbers. Dates are relative to today, so "overdue" and
 * "expiring" hold whenever the test runs.
 */
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { runDeploy } from '../../emulator/metadata/deploy.js';
import { zipOfSource } from '../emulator/localOrgContext.js';
import { ConnectionOrgClient, type RestConnection } from '../../src/org/connectionOrgClient.js';
import { runFeedbackScorecard } from '../../src/reports/feedbackScorecard.js';
import { runInternalFeedbackReport } from '../../src/reports/internalFeedbackReport.js';
import { runTrainingReport } from '../../src/reports/trainingReport.js';
import { textWidth } from '../../src/reports/textTable.js';
import { startE2e, type E2eEnv, type SfResult } from './harness.js';
import type { TrainingReportResult } from '../../src/commands/glocal/training/report.js';
import type { CqReportResult } from '../../src/commands/glocal/cq/report.js';
import type { FeedbackScorecardResult } from '../../src/commands/glocal/feedback/scorecard.js';
import type { InternalFeedbackReportResult } from '../../src/commands/glocal/internal-feedback/report.js';

// Generous, for a loaded machine: on an idle one the whole file takes well under a minute.
jest.setTimeout(180_000);

let env: E2eEnv;
let adminUserId: string;

/** An ISO date `days` days and `months` months from today (UTC, as the local org's TODAY). */
function day(days: number, months = 0): string {
  const date = new Date();
  date.setUTCHours(12, 0, 0, 0);
  date.setUTCMonth(date.getUTCMonth() + months);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Inserts records through sObject Collections (all or none) and returns their IDs. */
async function create(type: string, records: Array<Record<string, unknown>>): Promise<string[]> {
  const response = await fetch(`${env.org.instanceUrl}/services/data/v62.0/composite/sobjects`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.org.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ allOrNone: true, records: records.map((record) => ({ attributes: { type }, ...record })) }),
  });
  const results = (await response.json()) as Array<{ id?: string; success: boolean; errors: unknown[] }>;
  if (!response.ok || !results.every((result) => result.success)) {
    throw new Error(`inserting ${type} failed: ${JSON.stringify(results)}`);
  }
  return results.map((result) => result.id!);
}

async function report<T>(args: string[]): Promise<T> {
  const result = await sf(args);
  if (result.exitCode !== 0 || result.json?.status !== 0) {
    throw new Error(`sf ${args.join(' ')} failed (${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.json.result as T;
}

const runs = new Map<string, Promise<SfResult>>();
let running = 0;
const waiting: Array<() => void> = [];

/** At most two CLI processes at a time: the CLI's start-up is CPU-bound and CI has two cores. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Runs `sf glocal …` once per distinct command line: beforeAll queues every run the tests need,
 * two at a time, and each test awaits its own.
 */
function sf(args: string[], json = true): Promise<SfResult> {
  const argv = ['glocal', ...args, '-o', 'local', ...(json ? ['--json'] : [])];
  let run = runs.get(argv.join(' '));
  if (!run) {
    run = inTurn(() => env.runSf(argv, { timeoutMs: 120_000 }));
    runs.set(argv.join(' '), run);
  }
  return run;
}

/** The command lines the tests below run through the CLI (queued in beforeAll). */
const COMMAND_LINES: Array<[string[], boolean]> = [
  [['training', 'report'], true],
  [['cq', 'report'], true],
  [['feedback', 'scorecard'], true],
  [['internal-feedback', 'report'], true],
  [['training', 'report', '--market', 'XX'], true],
  [['training', 'report', '--market', 'JP', '--within', '3w', '--format', 'csv'], false],
  [['training', 'report'], false],
  [['feedback', 'scorecard'], false],
];

/**
 * The same local org through the plugin's own OrgClient in this process, for the options that
 * only change the queries (--market, --within, --partner, --periods, --period): the CLI runs above
 * already prove the flags reach the module, and each extra CLI start costs seconds.
 */
function inProcessOrg(): ConnectionOrgClient {
  const connection = {
    getApiVersion: () => '62.0',
    request: async (request: { url: string }) => {
      const response = await fetch(`${env.org.instanceUrl}${request.url}`, {
        headers: { authorization: `Bearer ${env.org.accessToken}` },
      });
      const body = (await response.json()) as unknown;
      if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body)}`);
      return body;
    },
  } as unknown as RestConnection;
  return new ConnectionOrgClient(connection);
}

async function seedTraining(): Promise<void> {
  const [dk, jp] = await create('Market__c', [
    { Name: 'Denmark', Country_Code__c: 'DK' },
    { Name: 'Japan', Country_Code__c: 'JP' },
    { Name: 'Germany', Country_Code__c: 'DE' },
  ]);
  const [cq101, comm201] = await create('Training_Course__c', [
    { Name: 'Cultural Intelligence Basics', Course_Code__c: 'CQ-101', Passing_Score__c: 70, Recertify_Months__c: 12 },
    { Name: 'Talking Across Cultures', Course_Code__c: 'COMM-201', Passing_Score__c: 60, Recertify_Months__c: 24 },
  ]);
  const people = ['Anna', 'Bo', 'Carl', 'Dora', 'Eiko', 'Fumi', 'Goro'];
  const contacts = await create(
    'Contact',
    people.map((name) => ({ LastName: name, Email: `${name.toLowerCase()}@example.com` }))
  );
  const [anna, bo, carl, dora, eiko, fumi, goro] = contacts;
  await create('Training_Record__c', [
    // Denmark: 5 assigned, 3 completed, 2 passed, 1 overdue, 1 certificate expiring in ~30 days.
    {
      Market__c: dk,
      Course__c: cq101,
      Participant_Contact__c: anna,
      Status__c: 'Completed',
      Result__c: 'Pass',
      Score__c: 85,
      Completed_On__c: day(30, -12),
    },
    {
      Market__c: dk,
      Course__c: cq101,
      Participant_Contact__c: bo,
      Status__c: 'Completed',
      Result__c: 'Pass',
      Score__c: 90,
      Completed_On__c: day(-30),
    },
    {
      Market__c: dk,
      Course__c: comm201,
      Participant_Contact__c: carl,
      Status__c: 'Completed',
      Result__c: 'Fail',
      Score__c: 40,
      Completed_On__c: day(-10),
    },
    {
      Market__c: dk,
      Course__c: comm201,
      Participant_Contact__c: dora,
      Status__c: 'Assigned',
      Assigned_On__c: day(-40),
      Due_On__c: day(-5),
    },
    { Market__c: dk, Course__c: cq101, Participant_User__c: adminUserId, Status__c: 'In Progress', Due_On__c: day(10) },
    // Japan: 3 assigned, 1 completed and passed, 1 overdue, 1 certificate expiring in ~10 days.
    { Market__c: jp, Course__c: cq101, Participant_Contact__c: eiko, Status__c: 'Assigned', Due_On__c: day(-20) },
    {
      Market__c: jp,
      Course__c: comm201,
      Participant_Contact__c: fumi,
      Status__c: 'Completed',
      Result__c: 'Pass',
      Score__c: 75,
      Completed_On__c: day(10, -24),
    },
    { Market__c: jp, Course__c: cq101, Participant_Contact__c: goro, Status__c: 'Withdrawn' },
  ]);
  const assessment = (market: string, contact: string, phase: string, scores: number[]): Record<string, unknown> => ({
    Market__c: market,
    Participant_Contact__c: contact,
    Assessed_On__c: day(-7),
    Instrument__c: 'Internal',
    Rater_Type__c: 'Self',
    Phase__c: phase,
    Metacognitive__c: scores[0],
    Cognitive__c: scores[1],
    Motivational__c: scores[2],
    Behavioral__c: scores[3],
  });
  await create('CQ_Assessment__c', [
    assessment(dk, anna, 'Baseline', [4, 3, 5, 4.5]),
    assessment(dk, bo, 'Baseline', [5, 3.5, 6, 5]),
    assessment(dk, anna, 'Post-training', [5.5, 4, 6, 5]),
    assessment(jp, eiko, 'Baseline', [3, 5, 4, 2.5]),
    assessment(jp, fumi, 'Baseline', [3.5, 5, 4.5, 3]),
  ]);
}

async function seedPartnerFeedback(): Promise<void> {
  const [acme, nordic] = await create('Account', [{ Name: 'Acme BPO' }, { Name: 'Nordic Care' }]);
  const [acmeQ2, acmeQ3dk, acmeQ3jp, nordicQ3] = await create('Partner_Review__c', [
    { Name: 'Acme BPO 2026-Q2', Partner__c: acme, Period__c: '2026-Q2' },
    { Name: 'Acme BPO 2026-Q3 DK', Partner__c: acme, Period__c: '2026-Q3' },
    { Name: 'Acme BPO 2026-Q3 JP', Partner__c: acme, Period__c: '2026-Q3' },
    { Name: 'Nordic Care 2026-Q3', Partner__c: nordic, Period__c: '2026-Q3' },
  ]);
  const feedback = (
    review: string,
    direction: 'Company to Partner' | 'Partner to Company',
    status: string,
    scores: Array<number | null>,
    recommend: number | null,
    actionItems?: string
  ): Record<string, unknown> => ({
    Partner_Review__c: review,
    Direction__c: direction,
    Status__c: status,
    Communication__c: scores[0] ?? null,
    Trust__c: scores[1] ?? null,
    Collaboration__c: scores[2] ?? null,
    Cultural_Understanding__c: scores[3] ?? null,
    Continuous_Improvement__c: scores[4] ?? null,
    Recommend__c: recommend,
    Action_Items__c: actionItems ?? null,
  });
  await create('Partner_Feedback__c', [
    feedback(acmeQ2, 'Company to Partner', 'Reviewed', [4, 4, 4, 4, 4], 8, 'Send the volume forecast monthly'),
    feedback(acmeQ2, 'Partner to Company', 'Submitted', [3, 3, 3, 3, 3], 6),
    feedback(acmeQ3dk, 'Company to Partner', 'Submitted', [5, 4, 4], 9),
    feedback(acmeQ3dk, 'Partner to Company', 'Submitted', [4, 5, 4, 4], 10, 'Weekly sync on escalations'),
    feedback(acmeQ3dk, 'Partner to Company', 'Draft', [1, 1, 1], 0),
    feedback(acmeQ3jp, 'Partner to Company', 'Actioned', [3, 4, 5], 7, 'Shared glossary'),
    feedback(nordicQ3, 'Company to Partner', 'Submitted', [3, 3, 3], null),
    feedback(nordicQ3, 'Partner to Company', 'Submitted', [5, 5, 5], 9),
  ]);
}

async function seedInternalFeedback(): Promise<void> {
  const [hr, it] = await create('Service_Unit__c', [
    { Name: 'People & Culture', Unit_Code__c: 'HR' },
    { Name: 'IT Service Desk', Unit_Code__c: 'IT' },
    { Name: 'Finance', Unit_Code__c: 'FIN' },
  ]);
  const rating = (
    rated: string,
    by: string,
    period: string,
    csat: number,
    scores: number[]
  ): Record<string, unknown> => ({
    Rated_Unit__c: rated,
    Rating_Unit__c: by,
    Period__c: period,
    Status__c: 'Submitted',
    CSAT__c: csat,
    Communication__c: scores[0],
    Trust__c: scores[1],
    Collaboration__c: scores[2],
    Cultural_Understanding__c: scores[3],
    Continuous_Improvement__c: scores[4],
  });
  await create('Internal_Feedback__c', [
    rating(it, hr, '2026-Q3', 5, [4, 5, 4, 3, 4]),
    rating(it, hr, '2026-Q3', 4, [4, 4, 5, 3, 4]),
    rating(it, hr, '2026-Q3', 2, [2, 3, 2, 2, 3]),
    rating(it, hr, '2026-Q3', 3, [3, 3, 4, 2, 3]),
    rating(it, hr, '2026-Q2', 5, [5, 5, 5, 5, 5]),
    rating(hr, it, '2026-Q3', 4, [3, 5, 4, 4, 3]),
    rating(hr, it, '2026-Q3', 5, [4, 5, 4, 5, 4]),
  ]);
}

beforeAll(async () => {
  env = await startE2e();
  adminUserId = env.org.userId;
  const deployed = runDeploy(env.org, await zipOfSource('force-app'), {
    checkOnly: false,
    rollbackOnError: true,
    singlePackage: true,
    purgeOnDelete: false,
    ignoreWarnings: false,
  });
  if (deployed.failures.length > 0) throw new Error(`deploy failed: ${JSON.stringify(deployed.failures)}`);
  await Promise.all([env.loginSf('local'), env.linkPlugin()]);
  await seedTraining();
  await seedPartnerFeedback();
  await seedInternalFeedback();
  for (const [args, json] of COMMAND_LINES) void sf(args, json);
}, 90_000);

afterAll(async () => {
  await env?.stop();
});

describe('sf glocal training report', () => {
  it('counts per market, with rates, overdue, expiring certificates and who is overdue', async () => {
    const result = await report<TrainingReportResult>(['training', 'report']);
    expect(result.withinDays).toBe(60);
    expect(result.overdueLimit).toBe(100);
    expect(result.markets).toEqual([
      {
        countryCode: 'DE',
        market: 'Germany',
        assigned: 0,
        completed: 0,
        passed: 0,
        completionRate: null,
        passRate: null,
        overdue: 0,
        expiring: 0,
      },
      {
        countryCode: 'DK',
        market: 'Denmark',
        assigned: 5,
        completed: 3,
        passed: 2,
        completionRate: 60,
        passRate: 66.7,
        overdue: 1,
        expiring: 1,
      },
      {
        countryCode: 'JP',
        market: 'Japan',
        assigned: 3,
        completed: 1,
        passed: 1,
        completionRate: 33.3,
        passRate: 100,
        overdue: 1,
        expiring: 1,
      },
    ]);
    expect(result.total).toEqual({
      assigned: 8,
      completed: 4,
      passed: 3,
      completionRate: 50,
      passRate: 75,
      overdue: 2,
      expiring: 2,
    });
    expect(result.overdue.map(({ record: _record, ...row }) => row)).toEqual([
      {
        countryCode: 'JP',
        participant: 'Eiko',
        email: 'eiko@example.com',
        course: 'Cultural Intelligence Basics',
        courseCode: 'CQ-101',
        dueOn: day(-20),
        status: 'Assigned',
      },
      {
        countryCode: 'DK',
        participant: 'Dora',
        email: 'dora@example.com',
        course: 'Talking Across Cultures',
        courseCode: 'COMM-201',
        dueOn: day(-5),
        status: 'Assigned',
      },
    ]);
    expect(result.overdue[0].record).toMatch(/^TR-\d{6}$/);
  });

  it('narrows to one market and a shorter expiry window (in process)', async () => {
    const result = await runTrainingReport(inProcessOrg(), { market: 'DK', withinDays: 20, overdueLimit: 100 });
    expect(result.markets.map((market) => [market.countryCode, market.assigned, market.expiring])).toEqual([
      ['DK', 5, 0],
    ]);
    expect(result.overdue.map((row) => row.participant)).toEqual(['Dora']);
  });

  it('refuses a market that does not exist, naming it', async () => {
    const result = await sf(['training', 'report', '--market', 'XX']);
    expect(result.exitCode).toBe(1);
    expect(result.json).toMatchObject({ name: 'GlocalUnknownMarket', message: 'No market has the country code XX.' });
  });

  it('prints CSV sections without --json, with a window of 3 weeks (21 days)', async () => {
    const result = await sf(['training', 'report', '--market', 'JP', '--within', '3w', '--format', 'csv'], false);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      'Market,Code,Assigned,Completed,Passed,Completion %,Pass %,Overdue,Expiring ≤ 21 d',
      'Japan,JP,3,1,1,33.3,100,1,1',
      '',
    ]);
    expect(result.stdout).toContain(
      `JP,Eiko,${day(-20)},Assigned,CQ-101,Cultural Intelligence Basics,eiko@example.com,TR-`
    );
  });
});

describe('the reports as a manager reads them', () => {
  // Not a terminal (the output is piped), so the tables are laid out for 80 columns.
  it('prints the training report as tables that fit 80 columns', async () => {
    const result = await sf(['training', 'report'], false);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.filter((line) => textWidth(line) > 80)).toEqual([]);
    expect(lines).toContain('Denmark     DK          5         3      2       60.0  66.7       1        1');
    expect(lines).toContain(`JP      Eiko         ${day(-20)}  Assigned  CQ-101`);
    // The overdue list is too wide for one table: the rest follows, keyed by market and participant.
    expect(lines).toContain('JP      Eiko         Cultural Intelligence Basics  eiko@example.com  TR-000006');
  });

  it('prints the partner scorecard as tables that fit 80 columns, with its explanation', async () => {
    const result = await sf(['feedback', 'scorecard'], false);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.filter((line) => textWidth(line) > 80)).toEqual([]);
    expect(lines).toContain('Acme BPO     2026-Q3   4.33      4.13  -0.21   67            3             1');
    expect(result.stdout).toContain('Gap = received − given');
  });
});

describe('sf glocal cq report', () => {
  it('averages each factor per market, finds the weakest and the change after training', async () => {
    const result = await report<CqReportResult>(['cq', 'report']);
    expect(result.markets).toEqual([
      {
        countryCode: 'DK',
        market: 'Denmark',
        assessments: 3,
        averages: { Metacognitive__c: 4.83, Cognitive__c: 3.5, Motivational__c: 5.67, Behavioral__c: 4.83 },
        weakestFactor: 'Cognitive__c',
        recommendedTopic: 'Market Orientation',
        baseline: {
          assessments: 2,
          averages: { Metacognitive__c: 4.5, Cognitive__c: 3.25, Motivational__c: 5.5, Behavioral__c: 4.75 },
        },
        postTraining: {
          assessments: 1,
          averages: { Metacognitive__c: 5.5, Cognitive__c: 4, Motivational__c: 6, Behavioral__c: 5 },
        },
        change: { Metacognitive__c: 1, Cognitive__c: 0.75, Motivational__c: 0.5, Behavioral__c: 0.25 },
      },
      {
        countryCode: 'JP',
        market: 'Japan',
        assessments: 2,
        averages: { Metacognitive__c: 3.25, Cognitive__c: 5, Motivational__c: 4.25, Behavioral__c: 2.75 },
        weakestFactor: 'Behavioral__c',
        recommendedTopic: 'Cross-Cultural Communication',
        baseline: {
          assessments: 2,
          averages: { Metacognitive__c: 3.25, Cognitive__c: 5, Motivational__c: 4.25, Behavioral__c: 2.75 },
        },
        postTraining: null,
        change: null,
      },
    ]);
    expect(result.overall).toEqual({
      assessments: 5,
      averages: { Metacognitive__c: 4.2, Cognitive__c: 4.1, Motivational__c: 5.1, Behavioral__c: 4 },
    });
  });
});

describe('sf glocal feedback scorecard', () => {
  it('scores each partner per period: directions, gaps, NPS, change and open action items', async () => {
    const result = await report<FeedbackScorecardResult>(['feedback', 'scorecard']);
    expect(result.partners.map((partner) => partner.partner)).toEqual(['Acme BPO', 'Nordic Care']);
    const [acme, nordic] = result.partners;
    expect(acme.openActionItems).toBe(2);
    expect(acme.periods.map(({ dimensions: _dimensions, ...period }) => period)).toEqual([
      {
        period: '2026-Q2',
        givenResponses: 1,
        receivedResponses: 1,
        given: 4,
        received: 3,
        gap: -1,
        respondents: 2,
        promoters: 0,
        detractors: 1,
        nps: -50,
        openActionItems: 1,
        change: null,
      },
      {
        period: '2026-Q3',
        givenResponses: 1,
        receivedResponses: 2,
        given: 4.33,
        received: 4.13,
        gap: -0.21,
        respondents: 3,
        promoters: 2,
        detractors: 0,
        nps: 67,
        openActionItems: 1,
        change: { since: '2026-Q2', given: 0.33, received: 1.13, gap: 0.79, nps: 117 },
      },
    ]);
    expect(acme.periods[1].dimensions).toEqual([
      { dimension: 'Communication__c', given: 5, received: 3.5, gap: -1.5 },
      { dimension: 'Trust__c', given: 4, received: 4.5, gap: 0.5 },
      { dimension: 'Collaboration__c', given: 4, received: 4.5, gap: 0.5 },
      { dimension: 'Cultural_Understanding__c', given: null, received: 4, gap: null },
      { dimension: 'Continuous_Improvement__c', given: null, received: null, gap: null },
    ]);
    expect(nordic.periods).toEqual([
      expect.objectContaining({
        period: '2026-Q3',
        given: 3,
        received: 5,
        gap: 2,
        respondents: 1,
        nps: 100,
        change: null,
      }),
    ]);
  });

  it('narrows to one partner and its last period, still counting older open action items (in process)', async () => {
    const result = await runFeedbackScorecard(inProcessOrg(), { partner: 'Acme BPO', periods: 1 });
    expect(result.partners).toHaveLength(1);
    expect(result.partners[0].periods.map((period) => [period.period, period.nps, period.change?.since])).toEqual([
      ['2026-Q3', 67, '2026-Q2'],
    ]);
    expect(result.partners[0].openActionItems).toBe(2);
  });
});

describe('sf glocal internal-feedback report', () => {
  it('gives CSAT % and the weakest dimension per service unit', async () => {
    const result = await report<InternalFeedbackReportResult>(['internal-feedback', 'report']);
    expect(result.units.map(({ unitId: _unitId, ...unit }) => unit)).toEqual([
      {
        unit: 'Finance',
        unitCode: 'FIN',
        responses: 0,
        satisfied: 0,
        csat: null,
        averageCsat: null,
        dimensions: {
          Communication__c: null,
          Trust__c: null,
          Collaboration__c: null,
          Cultural_Understanding__c: null,
          Continuous_Improvement__c: null,
        },
        weakestDimension: null,
      },
      {
        unit: 'IT Service Desk',
        unitCode: 'IT',
        responses: 5,
        satisfied: 3,
        csat: 60,
        averageCsat: 3.8,
        dimensions: {
          Communication__c: 3.6,
          Trust__c: 4,
          Collaboration__c: 4,
          Cultural_Understanding__c: 3,
          Continuous_Improvement__c: 3.8,
        },
        weakestDimension: 'Cultural_Understanding__c',
      },
      {
        unit: 'People & Culture',
        unitCode: 'HR',
        responses: 2,
        satisfied: 2,
        csat: 100,
        averageCsat: 4.5,
        dimensions: {
          Communication__c: 3.5,
          Trust__c: 5,
          Collaboration__c: 4,
          Cultural_Understanding__c: 4.5,
          Continuous_Improvement__c: 3.5,
        },
        weakestDimension: 'Communication__c',
      },
    ]);
    expect(result.total).toEqual({ responses: 7, satisfied: 5, csat: 71.4 });
  });

  it('looks at one period (in process)', async () => {
    const result = await runInternalFeedbackReport(inProcessOrg(), { period: '2026-Q3' });
    expect(result.period).toBe('2026-Q3');
    expect(result.units.map((unit) => [unit.unitCode, unit.responses, unit.csat])).toEqual([
      ['FIN', 0, null],
      ['IT', 4, 50],
      ['HR', 2, 100],
    ]);
    expect(result.total).toEqual({ responses: 6, satisfied: 4, csat: 66.7 });
  });
});
