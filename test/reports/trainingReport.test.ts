import { describe, it, expect } from '@jest/globals';
import {
  computeTrainingReport,
  runTrainingReport,
  trainingReportQueries,
  type TrainingReportRows,
} from '../../src/reports/trainingReport.js';
import { fakeReportOrg, fixture } from './reportFixtures.js';

const rows = fixture<TrainingReportRows>('training-rows.json');

describe('computeTrainingReport', () => {
  const report = computeTrainingReport(rows, { withinDays: 60, overdueLimit: 3 });

  it('adds up the status groups and the passes per market, with rates as the pack computes them', () => {
    expect(report.markets.find((market) => market.countryCode === 'DK')).toEqual({
      countryCode: 'DK',
      market: 'Danmark',
      assigned: 72,
      completed: 49,
      passed: 41,
      completionRate: 68.1,
      passRate: 83.7,
      overdue: 4,
      expiring: 5,
    });
  });

  it('lists markets without records with zeros and blank rates, and keeps records of an unlisted market', () => {
    expect(report.markets.map((market) => [market.countryCode, market.market, market.assigned])).toEqual([
      ['CN', '中国', 10],
      ['DE', 'Deutschland', 0],
      ['DK', 'Danmark', 72],
      ['SE', 'SE', 2],
    ]);
    expect(report.markets[1]).toMatchObject({ completionRate: null, passRate: null });
    // Ten assigned, none completed: 0 % completion, and no pass rate at all (not 0 %).
    expect(report.markets[0]).toMatchObject({ completionRate: 0, passRate: null, overdue: 1 });
  });

  it('totals every market', () => {
    expect(report.total).toEqual({
      assigned: 84,
      completed: 51,
      passed: 43,
      completionRate: 60.7,
      passRate: 84.3,
      overdue: 5,
      expiring: 6,
    });
  });

  it('counts overdue trainings from the aggregate, not from the list, which stops at the limit', () => {
    const limited = computeTrainingReport(rows, { withinDays: 60, overdueLimit: 2 });
    expect(limited.overdue.map((row) => row.record)).toEqual(['TR-000011', 'TR-000007']);
    expect(limited.total.overdue).toBe(5);
    expect(limited.overdueLimit).toBe(2);
  });

  it('names who is overdue, from a user or a contact, in the order the org sorted them', () => {
    expect(report.overdue).toEqual([
      {
        countryCode: 'CN',
        record: 'TR-000011',
        participant: 'Li Wei',
        email: 'li.wei@example.cn',
        course: '跨文化沟通',
        courseCode: 'COMM-201',
        dueOn: '2026-09-30',
        status: 'Assigned',
      },
      {
        countryCode: 'DK',
        record: 'TR-000007',
        participant: 'Mette Jensen',
        email: null,
        course: 'Kulturel intelligens',
        courseCode: 'CQ-101',
        dueOn: '2026-10-15',
        status: 'In Progress',
      },
      {
        countryCode: 'DK',
        record: 'TR-000009',
        participant: 'Søren Kierkegaard',
        email: 'soren@example.dk',
        course: null,
        courseCode: null,
        dueOn: '2026-11-01',
        status: 'Assigned',
      },
    ]);
  });

  it('gives an empty report for an org without markets', () => {
    expect(
      computeTrainingReport(
        { markets: [], counts: [], passed: [], expiring: [], overdueCounts: [], overdue: [] },
        { withinDays: 30, overdueLimit: 100 }
      )
    ).toEqual({
      withinDays: 30,
      overdueLimit: 100,
      markets: [],
      total: { assigned: 0, completed: 0, passed: 0, completionRate: null, passRate: null, overdue: 0, expiring: 0 },
      overdue: [],
    });
  });
});

describe('trainingReportQueries', () => {
  it('groups in the org and narrows every query to the market, quoting the code safely', () => {
    const queries = trainingReportQueries({ market: "D'K", withinDays: 45, overdueLimit: 50 });
    // Market × status only (at most 249 × 6 groups): with the result as well it could pass the
    // 2,000 groups a real org returns for an aggregate query.
    expect(queries.counts).toBe(
      "SELECT Market__r.Country_Code__c market, Status__c status, COUNT(Id) records FROM Training_Record__c WHERE Market__r.Country_Code__c = 'D\\'K' GROUP BY Market__r.Country_Code__c, Status__c"
    );
    expect(queries.passed).toBe(
      "SELECT Market__r.Country_Code__c market, COUNT(Id) records FROM Training_Record__c WHERE Result__c = 'Pass' AND Market__r.Country_Code__c = 'D\\'K' GROUP BY Market__r.Country_Code__c"
    );
    expect(queries.expiring).toContain('Cert_Expires_On__c >= TODAY AND Cert_Expires_On__c <= NEXT_N_DAYS:45');
    expect(queries.expiring).toContain("AND Market__r.Country_Code__c = 'D\\'K'");
    expect(queries.overdue).toContain(
      "WHERE Overdue__c = true AND Market__r.Country_Code__c = 'D\\'K' ORDER BY Due_On__c, Name LIMIT 50"
    );
    expect(queries.overdueCounts).toBe(
      "SELECT Market__r.Country_Code__c market, COUNT(Id) records FROM Training_Record__c WHERE Overdue__c = true AND Market__r.Country_Code__c = 'D\\'K' GROUP BY Market__r.Country_Code__c"
    );
    expect(queries.markets).toBe(
      "SELECT Country_Code__c, Name FROM Market__c WHERE Country_Code__c = 'D\\'K' ORDER BY Country_Code__c"
    );
  });

  it('has no market filter without --market', () => {
    const queries = trainingReportQueries({ withinDays: 60, overdueLimit: 100 });
    for (const soql of Object.values(queries)) expect(soql).not.toContain('Country_Code__c =');
  });
});

describe('runTrainingReport', () => {
  it('asks the org six queries and computes from their answers', async () => {
    const { org, asked } = fakeReportOrg([
      [/FROM Market__c/, rows.markets],
      [/GROUP BY Market__r.Country_Code__c, Status__c/, rows.counts],
      [/Result__c = 'Pass'/, rows.passed],
      [/Cert_Expires_On__c/, rows.expiring],
      [/Overdue__c = true GROUP BY/, rows.overdueCounts],
      [/Overdue__c = true ORDER BY/, rows.overdue],
    ]);
    const report = await runTrainingReport(org, { withinDays: 60, overdueLimit: 3 });
    expect(asked).toHaveLength(6);
    expect(report).toEqual(computeTrainingReport(rows, { withinDays: 60, overdueLimit: 3 }));
  });

  it('does not list anyone with --overdue-limit 0, but still counts', async () => {
    const { org, asked } = fakeReportOrg([
      [/FROM Market__c/, rows.markets],
      [/GROUP BY Market__r.Country_Code__c, Status__c/, rows.counts],
      [/Result__c = 'Pass'/, rows.passed],
      [/Cert_Expires_On__c/, rows.expiring],
      [/Overdue__c = true GROUP BY/, rows.overdueCounts],
    ]);
    const report = await runTrainingReport(org, { withinDays: 60, overdueLimit: 0 });
    expect(asked).toHaveLength(5);
    expect(report.overdue).toEqual([]);
    expect(report.total.overdue).toBe(5);
  });
});
