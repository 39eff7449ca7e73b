import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { Config } from '@oclif/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import type { AnyJson } from '@salesforce/ts-types';
import CourseImport from '../../../src/commands/glocal/course/import.js';
import MarketExport from '../../../src/commands/glocal/market/export.js';
import { packageRoot } from '../../../src/pack/bundledPack.js';
import { DESCRIBES } from '../../records/fakeOrg.js';

type FakeRequest = { url?: string; method?: string; body?: string };

function organization(req: FakeRequest): AnyJson | undefined {
  if (!decodeURIComponent(req.url ?? '').includes('FROM Organization')) return undefined;
  return { totalSize: 1, done: true, records: [{ Name: 'Acme', IsSandbox: false }] };
}

describe('sf glocal course import / market export (in-process, faked org)', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let requests: FakeRequest[];
  let dir: string;

  beforeEach(async () => {
    $$.stubAliases({});
    await $$.stubAuths(testOrg);
    ux = stubSfCommandUx($$.SANDBOX);
    requests = [];
    dir = await mkdtemp(join(tmpdir(), 'glocal-records-cmd-'));
  });

  afterEach(() => {
    process.exitCode = undefined;
  });

  const printed = (): string[] => ux.log.getCalls().flatMap((call) => call.args.map(String));

  it('imports, prints the counts and the rows the org refused, and sets exit code 1', async () => {
    const file = join(dir, 'courses.csv');
    await writeFile(
      file,
      'Course_Code__c,Name,Passing_Score__c,Active__c\nCQ-101,CQ basics,70,ja\nCC-201,Communication,75,true\n'
    );
    $$.fakeConnectionRequest = async (request: AnyJson): Promise<AnyJson> => {
      const req = request as FakeRequest;
      const org = organization(req);
      if (org) return org;
      requests.push(req);
      if (req.url?.endsWith('/sobjects/Training_Course__c/describe')) return DESCRIBES.Training_Course__c as AnyJson;
      if (req.method === 'PATCH' && req.url?.includes('/composite/sobjects/Training_Course__c/Course_Code__c')) {
        return [
          { id: 'a01000000000001AAA', success: true, created: true, errors: [] },
          { success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: 'duplicate name', fields: ['Name'] }] },
        ];
      }
      throw new Error(`unexpected request ${req.method ?? 'GET'} ${req.url ?? ''}`);
    };
    const config = await Config.load({ root: packageRoot() });
    // --json: MultiStageOutput (ink) does not finish under jest; the log lines are still captured.
    const result = await CourseImport.run(['--target-org', testOrg.username, '--file', file, '--json'], config);

    expect(result).toMatchObject({ read: 2, invalid: 0, sent: 2, succeeded: 1, failed: 1, mode: 'collections' });
    expect(process.exitCode).toBe(1);
    const body = JSON.parse(requests.find((req) => req.method === 'PATCH')!.body!) as {
      allOrNone: boolean;
      records: Array<Record<string, unknown>>;
    };
    expect(body.allOrNone).toBe(false);
    expect(body.records[0]).toMatchObject({
      attributes: { type: 'Training_Course__c' },
      Course_Code__c: 'CQ-101',
      Passing_Score__c: 70,
      Active__c: true,
    });
    expect(printed()).toEqual(
      expect.arrayContaining([
        'Training_Course__c: 2 rows read, 0 rejected before sending, 2 sent, 1 loaded, 1 rejected by the org.',
        'Row 3: DUPLICATE_VALUE: duplicate name [Name]',
        `Rejected rows (with row number and reason): ${file}.errors.csv`,
      ])
    );
    expect(await readFile(`${file}.errors.csv`, 'utf8')).toContain('CC-201');
  });

  it('exports in the import format, neutralising formula-like text unless --raw', async () => {
    $$.fakeConnectionRequest = async (request: AnyJson): Promise<AnyJson> => {
      const req = request as FakeRequest;
      const org = organization(req);
      if (org) return org;
      if (req.url?.endsWith('/sobjects/Market__c/describe')) return DESCRIBES.Market__c as AnyJson;
      if (req.url?.includes('/query?q=')) {
        expect(decodeURIComponent(req.url)).toContain(
          "FROM Market__c WHERE Country_Code__c = 'DK' ORDER BY Country_Code__c"
        );
        return {
          totalSize: 1,
          done: true,
          records: [{ Country_Code__c: 'DK', Name: '=cmd|calc', Power_Distance__c: 18, Culture_Source__c: null }],
        };
      }
      throw new Error(`unexpected request ${req.method ?? 'GET'} ${req.url ?? ''}`);
    };
    const config = await Config.load({ root: packageRoot() });
    const file = join(dir, 'markets.csv');
    const args = ['--target-org', testOrg.username, '--output-file', file, '--where', "Country_Code__c = 'DK'"];
    const result = await MarketExport.run([...args, '--bom'], config);
    expect(result.records).toBe(1);
    const text = await readFile(file, 'utf8');
    expect(text).toBe(
      '\uFEFFCountry_Code__c,Name,Power_Distance__c,Culture_Source__c,Culture_Reviewed_On__c\nDK,"\'=cmd|calc",18,,\n'
    );
    await MarketExport.run([...args, '--raw'], config);
    expect(await readFile(file, 'utf8')).toContain('DK,"=cmd|calc",18');
    await writeFile(file, '');
  });
});
