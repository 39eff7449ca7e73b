import { describe, it, expect } from '@jest/globals';
import {
  CQ_FACTORS,
  TOPIC_FOR_FACTOR,
  computeCqReport,
  cqReportQuery,
  runCqReport,
  type CqSumRow,
} from '../../src/reports/cqReport.js';
import { fakeReportOrg, fixture } from './reportFixtures.js';

const rows = fixture<CqSumRow[]>('cq-rows.json');

describe('computeCqReport', () => {
  const report = computeCqReport(rows, {});

  it('averages every assessment of a market, whatever its phase, and names the weakest factor and its topic', () => {
    const japan = report.markets.find((market) => market.countryCode === 'JP')!;
    expect(japan).toMatchObject({
      market: '日本',
      assessments: 7,
      averages: { Metacognitive__c: 3.93, Cognitive__c: 4.57, Motivational__c: 4.07, Behavioral__c: 3.29 },
      weakestFactor: 'Behavioral__c',
      recommendedTopic: 'Cross-Cultural Communication',
    });
  });

  it('compares baseline with post-training where both exist, on the averages it shows', () => {
    const japan = report.markets.find((market) => market.countryCode === 'JP')!;
    expect(japan.baseline).toEqual({
      assessments: 4,
      averages: { Metacognitive__c: 3.5, Cognitive__c: 4.63, Motivational__c: 4, Behavioral__c: 2.75 },
    });
    expect(japan.postTraining).toEqual({
      assessments: 2,
      averages: { Metacognitive__c: 4.75, Cognitive__c: 4.75, Motivational__c: 4.25, Behavioral__c: 4 },
    });
    expect(japan.change).toEqual({
      Metacognitive__c: 1.25,
      Cognitive__c: 0.12,
      Motivational__c: 0.25,
      Behavioral__c: 1.25,
    });
  });

  it('leaves the change out when one phase is missing, and breaks a tie by factor order', () => {
    const [emirates, brazil] = report.markets;
    expect(emirates).toMatchObject({
      countryCode: 'AE',
      postTraining: null,
      change: null,
      weakestFactor: 'Metacognitive__c',
    });
    expect(brazil).toMatchObject({
      countryCode: 'BR',
      baseline: null,
      change: null,
      averages: { Metacognitive__c: 5, Cognitive__c: 5, Motivational__c: 6, Behavioral__c: 5.5 },
      weakestFactor: 'Metacognitive__c',
      recommendedTopic: 'Cultural Intelligence',
    });
  });

  it('sorts markets by code and averages all of them together', () => {
    expect(report.markets.map((market) => market.countryCode)).toEqual(['AE', 'BR', 'JP']);
    expect(report.overall).toEqual({
      assessments: 12,
      averages: { Metacognitive__c: 4.13, Cognitive__c: 4.67, Motivational__c: 4.88, Behavioral__c: 4.13 },
    });
  });

  it('recommends an existing training topic for every factor', () => {
    const topics = [
      'Cultural Intelligence',
      'Cross-Cultural Communication',
      'Diversity & Inclusion',
      'Market Orientation',
    ];
    for (const factor of CQ_FACTORS) expect(topics).toContain(TOPIC_FOR_FACTOR[factor]);
  });
});

describe('cqReportQuery', () => {
  it('sums and counts per market and phase in the org', () => {
    expect(cqReportQuery({ market: 'JP' })).toBe(
      'SELECT Market__r.Country_Code__c market, Market__r.Name marketName, Phase__c phase, COUNT(Id) assessments, ' +
        'SUM(Metacognitive__c) metacognitive, SUM(Cognitive__c) cognitive, SUM(Motivational__c) motivational, SUM(Behavioral__c) behavioral ' +
        "FROM CQ_Assessment__c WHERE Market__r.Country_Code__c = 'JP' GROUP BY Market__r.Country_Code__c, Market__r.Name, Phase__c"
    );
  });

  it('runs that one query', async () => {
    const { org, asked } = fakeReportOrg([[/FROM CQ_Assessment__c/, rows]]);
    const report = await runCqReport(org, { market: 'JP' });
    expect(asked).toHaveLength(1);
    expect(report.market).toBe('JP');
  });
});
