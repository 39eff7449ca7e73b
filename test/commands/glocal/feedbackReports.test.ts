// sf glocal feedback scorecard and internal-feedback report in process against a faked org: the
// flags reach the queries and the chosen format is what gets printed.
import { readFileSync } from 'node:fs';
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { Config } from '@oclif/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import type { AnyJson } from '@salesforce/ts-types';
import FeedbackScorecard from '../../../src/commands/glocal/feedback/scorecard.js';
import InternalFeedbackReport from '../../../src/commands/glocal/internal-feedback/report.js';
import { packageRoot } from '../../../src/pack/bundledPack.js';
import type { FeedbackScorecardRows } from '../../../src/reports/feedbackScorecard.js';
import type { InternalFeedbackReportRows } from '../../../src/reports/internalFeedbackReport.js';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/reports/${name}`, import.meta.url), 'utf8')) as T;
}

const scorecardRows = fixture<FeedbackScorecardRows>('scorecard-rows.json');
const unitRows = fixture<InternalFeedbackReportRows>('internal-feedback-rows.json');

function records(rows: unknown[]): AnyJson {
  return { totalSize: rows.length, done: true, records: rows } as AnyJson;
}

function answer(soql: string): AnyJson {
  if (soql.includes('FROM Organization')) return records([{ Name: 'Acme', IsSandbox: false }]);
  if (soql.includes('FROM Partner_Review__c')) return records(scorecardRows.reviews.slice(0, 4));
  if (soql.includes('Has_Action_Items__c')) return records(scorecardRows.actionItems.slice(0, 2));
  if (soql.includes('Direction__c direction')) return records(scorecardRows.dimensions);
  if (soql.includes('FROM Service_Unit__c'))
    return records(unitRows.units.filter((unit) => unit.Unit_Code__c === 'IT'));
  if (soql.includes('CSAT__c >= 4')) return records(unitRows.satisfied);
  if (soql.includes('AVG(CSAT__c)')) return records(unitRows.averages);
  throw new Error(`unexpected query ${soql}`);
}

describe('sf glocal feedback scorecard / internal-feedback report (in-process, faked org)', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let asked: string[];

  beforeEach(async () => {
    $$.stubAliases({});
    await $$.stubAuths(testOrg);
    ux = stubSfCommandUx($$.SANDBOX);
    asked = [];
    $$.fakeConnectionRequest = async (request: AnyJson): Promise<AnyJson> => {
      const url = decodeURIComponent((request as { url?: string }).url ?? '');
      const soql = /[?&]q=(.*)$/.exec(url)?.[1]?.replace(/\+/g, ' ');
      if (!soql) throw new Error(`unexpected request ${url}`);
      asked.push(soql);
      return Promise.resolve(answer(soql));
    };
  });

  afterEach(() => {
    process.exitCode = undefined;
  });

  const printed = (): string =>
    ux.log
      .getCalls()
      .flatMap((call) => call.args.map(String))
      .join('\n');

  it('scorecard: trims the partner name, narrows every query to it and prints Markdown', async () => {
    const config = await Config.load({ root: packageRoot() });
    const result = await FeedbackScorecard.run(
      ['--target-org', testOrg.username, '--partner', ' Acme BPO ', '--periods', '2', '--format', 'md'],
      config
    );
    const reportQueries = asked.filter((soql) => !soql.includes('FROM Organization'));
    expect(reportQueries).toHaveLength(3);
    for (const soql of reportQueries) expect(soql).toContain("Partner__r.Name = 'Acme BPO'");
    expect(result.partner).toBe('Acme BPO');
    expect(result.partners.map((partner) => partner.periods.map((period) => period.period))).toEqual([
      ['2026-Q1', '2026-Q2'],
    ]);
    const text = printed();
    expect(text.startsWith('## Partner scorecard (last 2 periods, averages 1–5)')).toBe(true);
    expect(text).toContain('| Partner | Period | Given | Received | Gap | NPS | NPS answers | Open actions |');
    expect(text).toContain('| Acme BPO | 2026-Q2 | 4.33 | 4.17 | -0.17 | 67 | 6 | 1 |');
    expect(text).toContain('| Acme BPO | 2026-Q2 | 2026-Q1 | +0.33 | – | – | -33 |');
  });

  it('internal feedback: trims the unit, keeps the period and prints CSV with a byte-order mark for Excel', async () => {
    const config = await Config.load({ root: packageRoot() });
    const result = await InternalFeedbackReport.run(
      ['--target-org', testOrg.username, '--unit', 'IT ', '--period', '2026-q3', '--format', 'csv', '--bom'],
      config
    );
    expect(asked.find((soql) => soql.includes('FROM Service_Unit__c'))).toContain(
      "WHERE Unit_Code__c = 'IT' OR Name = 'IT'"
    );
    expect(asked.find((soql) => soql.includes('AVG(CSAT__c)'))).toContain("Period__c = '2026-Q3'");
    expect(result.units.map((unit) => [unit.unitCode, unit.csat, unit.weakestDimension])).toEqual([
      ['IT', 58.3, 'Cultural_Understanding__c'],
    ]);
    expect(printed().split('\n')).toEqual([
      '\ufeffService unit,Code,Responses,Satisfied,CSAT %,Weakest dimension,Average CSAT',
      'IT Service Desk,IT,12,7,58.3,Cultural understanding,3.42',
      '',
      'Service unit,Communication,Trust,Collaboration,Cultural understanding,Continuous improvement',
      'IT Service Desk,3.25,3.9,3.5,2.88,',
    ]);
  });
});
