// What the report commands print: the sections built from a computed report with the messages'
// headers (the numbers themselves are tested in test/reports/).
import { readFileSync } from 'node:fs';
import { describe, it, expect } from '@jest/globals';
import { cqReportSections } from '../../../src/commands/glocal/cq/report.js';
import { feedbackScorecardSections } from '../../../src/commands/glocal/feedback/scorecard.js';
import { internalFeedbackReportSections } from '../../../src/commands/glocal/internal-feedback/report.js';
import { trainingReportSections } from '../../../src/commands/glocal/training/report.js';
import { computeCqReport, type CqSumRow } from '../../../src/reports/cqReport.js';
import { computeFeedbackScorecard, type FeedbackScorecardRows } from '../../../src/reports/feedbackScorecard.js';
import {
  computeInternalFeedbackReport,
  type InternalFeedbackReportRows,
} from '../../../src/reports/internalFeedbackReport.js';
import { renderReport } from '../../../src/reports/render.js';
import { textWidth } from '../../../src/reports/textTable.js';
import { computeTrainingReport, type TrainingReportRows } from '../../../src/reports/trainingReport.js';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/reports/${name}`, import.meta.url), 'utf8')) as T;
}

describe('report sections', () => {
  it('training: a row per market plus a total, the window in the header, and who is overdue', () => {
    const sections = trainingReportSections(
      computeTrainingReport(fixture('training-rows.json'), { withinDays: 90, overdueLimit: 2 })
    );
    expect(sections.map((section) => section.title)).toEqual(['Training per market', 'Overdue training']);
    expect(sections[0].headers.at(-1)).toBe('Expiring ≤ 90 d');
    expect(sections[0].rows.at(-1)).toEqual(['All markets', '', 84, 51, 43, 60.7, 84.3, 5, 6]);
    expect(sections[1].note).toBe(
      'Showing the 2 oldest of 5 overdue trainings. Use --overdue-limit to list more, or --market to narrow.'
    );
    expect(sections[1].headers).toEqual([
      'Market',
      'Participant',
      'Due on',
      'Status',
      'Course code',
      'Course',
      'E-mail',
      'Record',
    ]);
    expect(sections[1].rows[0]).toEqual([
      'CN',
      'Li Wei',
      '2026-09-30',
      'Assigned',
      'COMM-201',
      '跨文化沟通',
      'li.wei@example.cn',
      'TR-000011',
    ]);
  });

  it('training: the 80-column table wraps long headers and shows rates with one decimal', () => {
    const report = computeTrainingReport(fixture('training-rows.json'), { withinDays: 60, overdueLimit: 2 });
    expect(renderReport(trainingReportSections(report).slice(0, 1), 'table')).toBe(
      [
        'Training per market',
        '                                           Completion  Pass         Expiring',
        'Market      Code Assigned Completed Passed          %     % Overdue   ≤ 60 d',
        '─────────── ──── ──────── ───────── ────── ────────── ───── ─────── ────────',
        '中国        CN         10         0      0        0.0     –       1        0',
        'Deutschland DE          0         0      0          –     –       0        0',
        'Danmark     DK         72        49     41       68.1  83.7       4        5',
        'SE          SE          2         2      2      100.0 100.0       0        1',
        'All markets            84        51     43       60.7  84.3       5        6',
        '',
      ].join('\n')
    );
  });

  it('training: no total row for a single market, and a sentence instead of an empty table', () => {
    const report = computeTrainingReport(
      {
        markets: [{ Country_Code__c: 'DK', Name: 'Danmark' }],
        counts: [],
        passed: [],
        expiring: [],
        overdueCounts: [],
        overdue: [],
      },
      { market: 'DK', withinDays: 60, overdueLimit: 100 }
    );
    expect(renderReport(trainingReportSections(report), 'csv')).toBe(
      'Market,Code,Assigned,Completed,Passed,Completion %,Pass %,Overdue,Expiring ≤ 60 d\nDanmark,DK,0,0,0,,,0,0\n\n' +
        'Market,Participant,Due on,Status,Course code,Course,E-mail,Record\n'
    );
    expect(renderReport(trainingReportSections(report), 'table')).toContain('Overdue training\nNobody is overdue.');
  });

  it('cq: weakest factor and topic first, factor averages with two decimals, and the change factor by factor', () => {
    const sections = cqReportSections(computeCqReport(fixture('cq-rows.json'), {}));
    expect(sections[0].headers).toEqual([
      'Market',
      'Code',
      'Assessments',
      'Weakest factor',
      'Recommended topic',
      'Metacognitive',
      'Cognitive',
      'Motivational',
      'Behavioral',
    ]);
    expect(sections[0].rows[2]).toEqual([
      '日本',
      'JP',
      7,
      'Behavioral',
      'Cross-Cultural Communication',
      3.93,
      4.57,
      4.07,
      3.29,
    ]);
    expect(sections[1].title).toBe('Change from baseline to post-training (average, 1–7)');
    expect(renderReport(sections.slice(1), 'table')).toBe(
      [
        'Change from baseline to post-training (average, 1–7)',
        'Market  Code  Factor         Baseline  Post-training  Change',
        '──────  ────  ─────────────  ────────  ─────────────  ──────',
        '日本    JP    Metacognitive      3.50           4.75   +1.25',
        '日本    JP    Cognitive          4.63           4.75   +0.12',
        '日本    JP    Motivational       4.00           4.25   +0.25',
        '日本    JP    Behavioral         2.75           4.00   +1.25',
        '',
      ].join('\n')
    );
    expect(renderReport(sections.slice(1), 'csv').split('\n')[1]).toBe('日本,JP,Metacognitive,3.5,4.75,1.25');
  });

  it('scorecard: a row per partner and period, the change in its own table, dimensions that were scored, open actions', () => {
    const sections = feedbackScorecardSections(
      computeFeedbackScorecard(fixture('scorecard-rows.json'), { periods: 2 })
    );
    expect(sections.map((section) => section.title)).toEqual([
      'Partner scorecard (last 2 periods, averages 1–5)',
      "Change since the partner's previous period",
      'Per dimension',
      'Open action items (all periods)',
    ]);
    expect(sections[0].rows[1]).toEqual(['Acme BPO', '2026-Q2', 4.33, 4.17, -0.17, 67, 6, 1]);
    expect(sections[1].rows).toEqual([
      ['Acme BPO', '2026-Q1', '2025-Q4', 0.5, null, null, 125],
      ['Acme BPO', '2026-Q2', '2026-Q1', 0.33, null, null, -33],
    ]);
    expect(sections[2].rows.map((row) => `${row[1]} ${row[2]}`)).toEqual([
      '2026-Q2 Communication',
      '2026-Q2 Trust',
      '2026-Q2 Collaboration',
      '2026-Q2 Cultural understanding',
      '2026-Q2 Continuous improvement',
    ]);
    expect(sections[3].rows).toEqual([
      ['Acme BPO', 3],
      ['Bangalore Support Pvt', 1],
    ]);
    expect(renderReport(sections.slice(0, 2), 'table')).toBe(
      [
        'Partner scorecard (last 2 periods, averages 1–5)',
        '                                                                 NPS     Open',
        'Partner                Period   Given  Received    Gap  NPS  answers  actions',
        '─────────────────────  ───────  ─────  ────────  ─────  ───  ───────  ───────',
        'Acme BPO               2026-Q1   4.00         –      –  100        1        0',
        'Acme BPO               2026-Q2   4.33      4.17  -0.17   67        6        1',
        'Bangalore Support Pvt  2026-Q2      –         –      –    –        0        1',
        'Given: what we say of the partner (Company → Partner). Received: what the',
        'partner says of us (Partner → Company). Gap = received − given: below zero, the',
        'partner rates us lower than we rate them.',
        '',
        "Change since the partner's previous period",
        'Partner   Period   Since    Given  Received  Gap   NPS',
        '────────  ───────  ───────  ─────  ────────  ───  ────',
        'Acme BPO  2026-Q1  2025-Q4  +0.50         –    –  +125',
        'Acme BPO  2026-Q2  2026-Q1  +0.33         –    –   -33',
        '',
      ].join('\n')
    );
  });

  it('internal feedback: CSAT and the weakest dimension per unit, then the averages of the units that were rated', () => {
    const sections = internalFeedbackReportSections(
      computeInternalFeedbackReport(fixture('internal-feedback-rows.json'), { period: '2026-Q3' })
    );
    expect(sections.map((section) => section.title)).toEqual([
      'Internal customer satisfaction per service unit in 2026-Q3',
      'Average per dimension (1–5) in 2026-Q3',
    ]);
    expect(sections[0].rows[1]).toEqual(['IT Service Desk', 'IT', 12, 7, 58.3, 'Cultural understanding', 3.42]);
    expect(sections[0].rows.at(-1)).toEqual(['All units', '', 15, 10, 66.7, null, null]);
    expect(sections[1].headers).toEqual([
      'Service unit',
      'Communication',
      'Trust',
      'Collaboration',
      'Cultural understanding',
      'Continuous improvement',
    ]);
    // Finance has no responses: no row of blanks in the averages.
    expect(sections[1].rows).toEqual([
      ['IT Service Desk', 3.25, 3.9, 3.5, 2.88, null],
      ['People & Culture', 4, 4, null, 4.5, 4],
    ]);
  });

  it('every report fits an 80-column terminal', () => {
    const reports = [
      trainingReportSections(computeTrainingReport(fixture('training-rows.json'), { withinDays: 60, overdueLimit: 5 })),
      cqReportSections(computeCqReport(fixture('cq-rows.json'), {})),
      feedbackScorecardSections(computeFeedbackScorecard(fixture('scorecard-rows.json'), { periods: 4 })),
      internalFeedbackReportSections(computeInternalFeedbackReport(fixture('internal-feedback-rows.json'), {})),
    ];
    for (const sections of reports) {
      const lines = renderReport(sections, 'table').split('\n');
      expect(lines.filter((line) => textWidth(line) > 80)).toEqual([]);
    }
  });

  it('every report still fits 80 columns with 60-character names, cutting only those names', () => {
    const long = (name: string): string => `${name} ${'x'.repeat(60 - name.length - 1)}`;
    const training = fixture<TrainingReportRows>('training-rows.json');
    training.markets = training.markets.map((market) => ({ ...market, Name: long(market.Name) }));
    training.overdue = training.overdue.map((row) => ({
      ...row,
      Course__r: row.Course__r ? { ...row.Course__r, Name: long('Course') } : null,
    }));
    const cq = fixture<CqSumRow[]>('cq-rows.json').map((row) => ({ ...row, marketName: long(row.marketName) }));
    const scorecard = fixture<FeedbackScorecardRows>('scorecard-rows.json');
    scorecard.reviews = scorecard.reviews.map((review) => ({ ...review, Partner__r: { Name: long('Partner') } }));
    const units = fixture<InternalFeedbackReportRows>('internal-feedback-rows.json');
    units.units = units.units.map((unit) => ({ ...unit, Name: long(unit.Name) }));
    const reports = [
      trainingReportSections(computeTrainingReport(training, { withinDays: 60, overdueLimit: 5 })),
      cqReportSections(computeCqReport(cq, {})),
      feedbackScorecardSections(computeFeedbackScorecard(scorecard, { periods: 4 })),
      internalFeedbackReportSections(computeInternalFeedbackReport(units, {})),
    ];
    for (const sections of reports) {
      const text = renderReport(sections, 'table');
      expect(text.split('\n').filter((line) => textWidth(line) > 80)).toEqual([]);
      expect(text).toContain('…');
      // Numbers are never cut.
      expect(text).not.toMatch(/\d…/);
    }
  });
});
