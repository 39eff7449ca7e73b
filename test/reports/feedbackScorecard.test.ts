import { describe, it, expect } from '@jest/globals';
import {
  computeFeedbackScorecard,
  feedbackScorecardQueries,
  runFeedbackScorecard,
  shownPeriodsOf,
  type DimensionRow,
  type FeedbackScorecardRows,
} from '../../src/reports/feedbackScorecard.js';
import { fakeReportOrg, fixture } from './reportFixtures.js';

const rows = fixture<FeedbackScorecardRows>('scorecard-rows.json');

describe('computeFeedbackScorecard', () => {
  const scorecard = computeFeedbackScorecard(rows, { periods: 2 });
  const [acme, bangalore] = scorecard.partners;

  it('shows each partner’s most recent periods, oldest first, sorted by partner name', () => {
    expect(scorecard.partners.map((partner) => partner.partner)).toEqual(['Acme BPO', 'Bangalore Support Pvt']);
    expect(acme.periods.map((period) => period.period)).toEqual(['2026-Q1', '2026-Q2']);
  });

  it('adds up the roll-ups of several reviews in one period before averaging, and computes gap and NPS', () => {
    const q2 = acme.periods[1];
    expect(q2).toMatchObject({
      givenResponses: 3,
      receivedResponses: 3,
      given: 4.33,
      received: 4.17,
      // From the unrounded averages: 4.1667 − 4.3333.
      gap: -0.17,
      respondents: 6,
      promoters: 5,
      detractors: 1,
      nps: 67,
      openActionItems: 1,
    });
  });

  it('gives the perception gap per dimension as received − given', () => {
    expect(acme.periods[1].dimensions).toEqual([
      { dimension: 'Communication__c', given: 4.33, received: 3.67, gap: -0.67 },
      { dimension: 'Trust__c', given: 4, received: 4.5, gap: 0.5 },
      { dimension: 'Collaboration__c', given: 4.5, received: 4.5, gap: 0 },
      { dimension: 'Cultural_Understanding__c', given: null, received: 5, gap: null },
      { dimension: 'Continuous_Improvement__c', given: 3, received: null, gap: null },
    ]);
  });

  it('compares each period with the partner’s previous one, even one older than the window', () => {
    expect(acme.periods[0]).toMatchObject({
      period: '2026-Q1',
      given: 4,
      received: null,
      gap: null,
      nps: 100,
      change: { since: '2025-Q4', given: 0.5, received: null, gap: null, nps: 125 },
    });
    expect(acme.periods[1].change).toEqual({ since: '2026-Q1', given: 0.33, received: null, gap: null, nps: -33 });
  });

  it('counts open action items of every period, also those outside the window', () => {
    expect(acme.openActionItems).toBe(3);
    expect(bangalore.openActionItems).toBe(1);
  });

  it('leaves averages, gap and NPS blank for a review without submitted feedback', () => {
    expect(bangalore.periods).toEqual([
      {
        period: '2026-Q2',
        givenResponses: 0,
        receivedResponses: 0,
        given: null,
        received: null,
        gap: null,
        dimensions: [
          { dimension: 'Communication__c', given: null, received: null, gap: null },
          { dimension: 'Trust__c', given: null, received: null, gap: null },
          { dimension: 'Collaboration__c', given: null, received: null, gap: null },
          { dimension: 'Cultural_Understanding__c', given: null, received: null, gap: null },
          { dimension: 'Continuous_Improvement__c', given: null, received: null, gap: null },
        ],
        respondents: 0,
        promoters: 0,
        detractors: 0,
        nps: null,
        openActionItems: 1,
        change: null,
      },
    ]);
  });

  it('shows the whole history when the window is wider than it', () => {
    const wide = computeFeedbackScorecard(rows, { periods: 8 });
    expect(
      wide.partners[0].periods.map((period) => [period.period, period.given, period.received, period.gap, period.nps])
    ).toEqual([
      ['2025-Q4', 3.5, 3, -0.5, -25],
      ['2026-Q1', 4, null, null, 100],
      ['2026-Q2', 4.33, 4.17, -0.17, 67],
    ]);
  });
});

describe('feedbackScorecardQueries', () => {
  it('skips drafts, groups by partner, period and direction, and counts open action items', () => {
    const queries = feedbackScorecardQueries({ periods: 4 });
    expect(queries.dimensions).toBe(
      'SELECT Partner_Review__r.Partner__c partnerId, Partner_Review__r.Period__c period, Direction__c direction, COUNT(Id) responses, ' +
        'AVG(Communication__c) communication, AVG(Trust__c) trust, AVG(Collaboration__c) collaboration, ' +
        'AVG(Cultural_Understanding__c) culturalUnderstanding, AVG(Continuous_Improvement__c) continuousImprovement ' +
        "FROM Partner_Feedback__c WHERE Status__c != 'Draft' GROUP BY Partner_Review__r.Partner__c, Partner_Review__r.Period__c, Direction__c"
    );
    expect(queries.actionItems).toContain("WHERE Has_Action_Items__c = true AND Status__c != 'Actioned'");
    expect(queries.reviews).not.toContain('WHERE');
  });

  it('narrows by partner name, or by Account ID when it looks like one', () => {
    const byName = feedbackScorecardQueries({ periods: 4, partner: "O'Brien Services" });
    expect(byName.reviews).toContain("WHERE Partner__r.Name = 'O\\'Brien Services'");
    expect(byName.dimensions).toContain("AND Partner_Review__r.Partner__r.Name = 'O\\'Brien Services'");
    const byId = feedbackScorecardQueries({ periods: 4, partner: '001000000000001AAA' });
    expect(byId.reviews).toContain("WHERE Partner__c = '001000000000001AAA'");
    expect(byId.actionItems).toContain("AND Partner_Review__r.Partner__c = '001000000000001AAA'");
  });

  it('asks for dimension averages of the shown periods only, then computes from the answers', async () => {
    const { org, asked } = fakeReportOrg([
      [/FROM Partner_Review__c/, rows.reviews],
      [/Has_Action_Items__c/, rows.actionItems],
      [/Direction__c direction/, rows.dimensions],
    ]);
    expect(await runFeedbackScorecard(org, { periods: 2 })).toEqual(computeFeedbackScorecard(rows, { periods: 2 }));
    expect(asked).toHaveLength(3);
    expect(asked[2]).toContain("AND Partner_Review__r.Period__c IN ('2026-Q1','2026-Q2') GROUP BY");
  });

  it('asks for partners in chunks when their groups together could pass the 2,000 a real org returns', async () => {
    // 300 partners × 4 periods: 1,200 action-item groups and 3,600 dimension groups at most.
    const periods = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
    const partnerIds = Array.from({ length: 300 }, (_, index) => `001${String(index).padStart(12, '0')}`);
    const reviews = partnerIds.flatMap((partnerId, index) =>
      periods.map((period) => ({
        Partner__c: partnerId,
        Partner__r: { Name: `Partner ${String(index).padStart(3, '0')}` },
        Period__c: period,
        Given_Count__c: 1,
        Given_Overall_Sum__c: 4,
        Received_Count__c: 1,
        Received_Overall_Sum__c: 3,
        Respondents__c: 1,
        Promoters__c: 1,
        Detractors__c: 0,
      }))
    );
    const dimensionRows = (soql: string): DimensionRow[] =>
      partnerIds
        .filter((partnerId) => soql.includes(`'${partnerId}'`))
        .flatMap((partnerId) =>
          periods.map((period) => ({
            partnerId,
            period,
            direction: 'Partner to Company',
            responses: 1,
            communication: 3,
            trust: 3,
            collaboration: 3,
            culturalUnderstanding: null,
            continuousImprovement: null,
          }))
        );
    const asked: string[] = [];
    const org = {
      query<T>(soql: string): Promise<T[]> {
        asked.push(soql);
        if (soql.includes('FROM Partner_Review__c')) return Promise.resolve(reviews as T[]);
        if (soql.includes('Has_Action_Items__c')) {
          return Promise.resolve([{ partnerId: partnerIds[299], period: '2026-Q4', items: 2 }] as T[]);
        }
        return Promise.resolve(dimensionRows(soql) as T[]);
      },
    };
    const scorecard = await runFeedbackScorecard(org, { periods: 4 });
    const dimensionQueries = asked.filter((soql) => soql.includes('Direction__c direction'));
    // 166 partners' worth of groups fit one query (1,992 groups): 300 partners need two.
    expect(dimensionQueries).toHaveLength(2);
    const partnersAsked = dimensionQueries.map((soql) => (soql.match(/'001\d{12}'/g) ?? []).length);
    expect(partnersAsked).toEqual([166, 134]);
    for (const count of partnersAsked) expect(count * periods.length * 3).toBeLessThanOrEqual(2000);
    // 1,200 action-item groups fit one query, asked without an IN list.
    expect(asked.filter((soql) => soql.includes('Has_Action_Items__c'))).toEqual([
      expect.not.stringContaining('Partner_Review__r.Partner__c IN'),
    ]);
    expect(scorecard.partners).toHaveLength(300);
    expect(scorecard.partners.every((partner) => partner.periods[3].dimensions[0].received === 3)).toBe(true);
    expect(scorecard.partners[299].openActionItems).toBe(2);
  });

  it('takes each partner’s own most recent periods into the shown set', () => {
    expect(shownPeriodsOf(rows.reviews, 1)).toEqual(['2026-Q2']);
    expect(shownPeriodsOf(rows.reviews, 2)).toEqual(['2026-Q1', '2026-Q2']);
    expect(shownPeriodsOf([], 4)).toEqual([]);
  });
});
