// What the report commands print: the sections built from a computed report with the messages'
// headers (the numbers themselves are tested in test/reports/).
import { readFileSync } from 'node:fs';
import { describe, it, expect } from '@jest/globals';
import { cqReportSections } from '../../../src/commands/glocal/cq/report.js';
import { feedbackScorecardSections } from '../../../src/commands/glocal/feedback/scorecard.js';
import { internalFeedbackReportSections } from '../../../src/commands/glocal/internal-feedback/report.js';
import { trainingReportSections } from '../../../src/commands/glocal/training/report.js';
import { computeCqReport } from '../../../src/reports/cqReport.js';
import { computeFeedbackScorecard } from '../../../src/reports/feedbackScorecard.js';
import { computeInternalFeedbackReport } from '../../../src/reports/internalFeedbackReport.js';
import { renderReport } from '../../../src/reports/render.js';
import { computeTrainingReport } from '../../../src/reports/trainingReport.js';

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
    expect(sections[1].rows[0]).toEqual([
      'CN',
      'Li Wei',
      'li.wei@example.cn',
      '跨文化沟通',
      'COMM-201',
      '2026-09-30',
      'Assigned',
      'TR-000011',
    ]);
  });

  it('training: no total row for a single market, and a sentence instead of an empty table', () => {
    const report = computeTrainingReport(
      {
        markets: [{ Country_Code__c: 'DK', Name: 'Danmark' }],
        counts: [],
        expiring: [],
        overdueCounts: [],
        overdue: [],
      },
      { market: 'DK', withinDays: 60, overdueLimit: 100 }
    );
    expect(renderReport(trainingReportSections(report), 'csv')).toBe(
      'Market,Code,Assigned,Completed,Passed,Completion %,Pass %,Overdue,Expiring ≤ 60 d\nDanmark,DK,0,0,0,,,0,0\n\n' +
        'Market,Participant,E-mail,Course,Course code,Due on,Status,Record\n'
    );
    expect(renderReport(trainingReportSections(report), 'table')).toContain('Overdue training\nNobody is overdue.');
  });

  it('cq: factor labels, weakest factor and topic, and a change table only for markets with both phases', () => {
    const sections = cqReportSections(computeCqReport(fixture('cq-rows.json'), {}));
    expect(sections[0].headers).toEqual([
      'Market',
      'Code',
      'Assessments',
      'Metacognitive',
      'Cognitive',
      'Motivational',
      'Behavioral',
      'Weakest factor',
      'Recommended topic',
    ]);
    expect(sections[0].rows[2]).toEqual([
      '日本',
      'JP',
      7,
      3.93,
      4.57,
      4.07,
      3.29,
      'Behavioral',
      'Cross-Cultural Communication',
    ]);
    expect(sections[1].rows).toEqual([['日本', 'JP', 4, 2, 1.25, 0.12, 0.25, 1.25]]);
  });

  it('scorecard: a row per partner and period with change, dimensions that were scored, open actions per partner', () => {
    const sections = feedbackScorecardSections(
      computeFeedbackScorecard(fixture('scorecard-rows.json'), { periods: 2 })
    );
    expect(sections[0].title).toBe('Partner scorecard (last 2 periods)');
    expect(sections[0].rows[1]).toEqual(['Acme BPO', '2026-Q2', 4.33, 4.17, -0.17, 67, 6, null, null, -33, 1]);
    expect(sections[1].rows.map((row) => `${row[1]} ${row[2]}`)).toEqual([
      '2026-Q2 Communication',
      '2026-Q2 Trust',
      '2026-Q2 Collaboration',
      '2026-Q2 Cultural understanding',
      '2026-Q2 Continuous improvement',
    ]);
    expect(sections[2].rows).toEqual([
      ['Acme BPO', 3],
      ['Bangalore Support Pvt', 1],
    ]);
  });

  it('internal feedback: the period in the title, dimension labels and the weakest one', () => {
    const sections = internalFeedbackReportSections(
      computeInternalFeedbackReport(fixture('internal-feedback-rows.json'), { period: '2026-Q3' })
    );
    expect(sections[0].title).toBe('Internal customer satisfaction per service unit in 2026-Q3');
    expect(sections[0].rows[1]).toEqual([
      'IT Service Desk',
      'IT',
      12,
      7,
      58.3,
      3.42,
      3.25,
      3.9,
      3.5,
      2.88,
      null,
      'Cultural understanding',
    ]);
    expect(sections[0].rows.at(-1)?.slice(0, 5)).toEqual(['All units', '', 15, 10, 66.7]);
  });
});
