// sf glocal training report in process against a faked org: the flags reach the queries, and the
// printed table comes from the org's answers.
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { Config } from '@oclif/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import type { AnyJson } from '@salesforce/ts-types';
import TrainingReport from '../../../src/commands/glocal/training/report.js';
import { packageRoot } from '../../../src/pack/bundledPack.js';

type FakeRequest = { url?: string; method?: string };

function records(rows: unknown[]): AnyJson {
  return { totalSize: rows.length, done: true, records: rows } as AnyJson;
}

/** Answers each report query; records the SOQL it was asked. */
function answer(soql: string): AnyJson {
  if (soql.includes('FROM Organization')) return records([{ Name: 'Acme', IsSandbox: false }]);
  if (soql.includes('FROM Market__c')) return records([{ Country_Code__c: 'DK', Name: 'Danmark' }]);
  if (soql.includes('GROUP BY Market__r.Country_Code__c, Status__c')) {
    return records([
      { market: 'DK', status: 'Completed', records: 3 },
      { market: 'DK', status: 'Assigned', records: 1 },
    ]);
  }
  if (soql.includes("Result__c = 'Pass'")) return records([{ market: 'DK', records: 3 }]);
  if (soql.includes('Cert_Expires_On__c')) return records([{ market: 'DK', records: 2 }]);
  if (soql.includes('COUNT(Id) records') && soql.includes('Overdue__c = true')) {
    return records([{ market: 'DK', records: 1 }]);
  }
  if (soql.includes('Overdue__c = true')) {
    return records([
      {
        Name: 'TR-000004',
        Due_On__c: '2026-10-01',
        Status__c: 'Assigned',
        Market__r: { Country_Code__c: 'DK' },
        Course__r: { Name: 'Kulturel intelligens', Course_Code__c: 'CQ-101' },
        Participant_User__r: null,
        Participant_Contact__r: { Name: 'Mette Jensen', Email: 'mette@example.dk' },
      },
    ]);
  }
  throw new Error(`unexpected query ${soql}`);
}

describe('sf glocal training report (in-process, faked org)', () => {
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
      const url = decodeURIComponent((request as FakeRequest).url ?? '');
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
  const run = async (args: string[]): Promise<Awaited<ReturnType<typeof TrainingReport.run>>> =>
    TrainingReport.run(['--target-org', testOrg.username, ...args], await Config.load({ root: packageRoot() }));

  it('reads --within 8w as 56 days, asks the org for that window and reports it', async () => {
    const result = await run(['--within', '8w', '--market', 'dk']);
    expect(asked.find((soql) => soql.includes('Cert_Expires_On__c'))).toContain(
      "Cert_Expires_On__c <= NEXT_N_DAYS:56 AND Market__r.Country_Code__c = 'DK'"
    );
    expect(result.withinDays).toBe(56);
    expect(result.markets).toEqual([
      {
        countryCode: 'DK',
        market: 'Danmark',
        assigned: 4,
        completed: 3,
        passed: 3,
        completionRate: 75,
        passRate: 100,
        overdue: 1,
        expiring: 2,
      },
    ]);
    expect(printed()).toContain('Expiring');
    expect(printed()).toContain('≤ 56 d');
    expect(printed()).toContain('Mette Jensen');
  });

  it('keeps 60 days without --within, and a number alone means days', async () => {
    expect((await run([])).withinDays).toBe(60);
    expect((await run(['--within', '90'])).withinDays).toBe(90);
    expect(
      asked.filter((soql) => soql.includes('NEXT_N_DAYS')).map((soql) => /NEXT_N_DAYS:(\d+)/.exec(soql)?.[1])
    ).toEqual(['60', '90']);
  });

  it('refuses a window it cannot read, naming the flag, the value and the accepted forms', async () => {
    // The flag's own parser: a whole run that fails in parsing leaves the org lookup running past the test.
    const within = TrainingReport.flags.within;
    for (const input of ['3m', '2 fortnights', '1.5w', '0', '101y']) {
      const error = await within.parse(input, {} as never, within as never).then(
        () => undefined,
        (thrown: unknown) => thrown as Error & { actions?: string[] }
      );
      expect(error?.message).toBe(
        `--within "${input}" is not a window: give a whole number of days (60 or 60d), weeks (8w), months (3mo) or years (1y), from 1 day up to 100 years.`
      );
      expect(error?.actions).toEqual([
        'For example: --within 90d, --within 12w or --within 6mo.',
        'Write months as "mo" (3mo): a bare "m" means minutes elsewhere in the sf CLI.',
      ]);
    }
  });
});
