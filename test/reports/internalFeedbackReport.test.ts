import { describe, it, expect } from '@jest/globals';
import {
  computeInternalFeedbackReport,
  internalFeedbackReportQueries,
  type InternalFeedbackReportRows,
} from '../../src/reports/internalFeedbackReport.js';
import { fixture } from './reportFixtures.js';

const rows = fixture<InternalFeedbackReportRows>('internal-feedback-rows.json');

describe('computeInternalFeedbackReport', () => {
  const report = computeInternalFeedbackReport(rows, { period: '2026-Q3' });

  it('gives CSAT % (answers 4–5 of all) and the weakest dimension per unit', () => {
    expect(report.units[1]).toEqual({
      unitId: 'a07000000000002AAA',
      unit: 'IT Service Desk',
      unitCode: 'IT',
      responses: 12,
      satisfied: 7,
      csat: 58.3,
      averageCsat: 3.42,
      dimensions: {
        Communication__c: 3.25,
        Trust__c: 3.9,
        Collaboration__c: 3.5,
        Cultural_Understanding__c: 2.88,
        Continuous_Improvement__c: null,
      },
      weakestDimension: 'Cultural_Understanding__c',
    });
  });

  it('breaks a tie for the weakest dimension by dimension order, ignoring unscored ones', () => {
    expect(report.units[2]).toMatchObject({
      unit: 'People & Culture',
      unitCode: null,
      csat: 100,
      weakestDimension: 'Communication__c',
    });
  });

  it('lists a unit nobody rated with blank CSAT, and totals all responses', () => {
    expect(report.units[0]).toMatchObject({
      unit: 'Finance',
      responses: 0,
      csat: null,
      averageCsat: null,
      weakestDimension: null,
    });
    expect(report.total).toEqual({ responses: 15, satisfied: 10, csat: 66.7 });
    expect(report.period).toBe('2026-Q3');
  });
});

describe('internalFeedbackReportQueries', () => {
  it('counts satisfied answers with a filtered aggregate, narrowed by period and unit', () => {
    const queries = internalFeedbackReportQueries({ period: '2026-Q3', unit: 'IT' });
    expect(queries.satisfied).toBe(
      "SELECT Rated_Unit__c unit, COUNT(Id) satisfied FROM Internal_Feedback__c WHERE CSAT__c >= 4 AND Period__c = '2026-Q3' AND (Rated_Unit__r.Unit_Code__c = 'IT' OR Rated_Unit__r.Name = 'IT') GROUP BY Rated_Unit__c"
    );
    expect(queries.units).toBe(
      "SELECT Id, Name, Unit_Code__c FROM Service_Unit__c WHERE Unit_Code__c = 'IT' OR Name = 'IT' ORDER BY Name"
    );
    expect(internalFeedbackReportQueries({}).averages).toMatch(/FROM Internal_Feedback__c GROUP BY Rated_Unit__c$/);
  });
});
