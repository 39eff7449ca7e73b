/*
 * What every import command adds around the import itself (src/ux/recordCommands.ts): options
 * checked before the file is read, the load mode in the summary, and the way out of an import that
 * stopped with Bulk jobs recorded in its state file.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { Config } from '@oclif/core';
import { SfError } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import type { AnyJson } from '@salesforce/ts-types';
import MarketImport from '../../../src/commands/glocal/market/import.js';
import { packageRoot } from '../../../src/pack/bundledPack.js';
import { DESCRIBES } from '../../records/fakeOrg.js';

type FakeRequest = { url?: string; method?: string; body?: string };

describe('sf glocal <object> import: options, summary and --resume advice', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let requests: FakeRequest[];
  let dir: string;
  let config: Config;

  beforeEach(async () => {
    $$.stubAliases({});
    await $$.stubAuths(testOrg);
    ux = stubSfCommandUx($$.SANDBOX);
    requests = [];
    dir = await mkdtemp(join(tmpdir(), 'glocal-import-cmd-'));
    config = await Config.load({ root: packageRoot() });
    $$.fakeConnectionRequest = async (request: AnyJson): Promise<AnyJson> => {
      const req = request as FakeRequest;
      if (decodeURIComponent(req.url ?? '').includes('FROM Organization')) {
        return { totalSize: 1, done: true, records: [{ Name: 'Acme', IsSandbox: false }] };
      }
      requests.push(req);
      if (req.url?.endsWith('/sobjects/Market__c/describe')) return DESCRIBES.Market__c as AnyJson;
      if (req.method === 'PATCH' && req.url?.includes('/composite/sobjects/Market__c/Country_Code__c')) {
        return [{ id: 'a00000000000001AAA', success: true, created: true, errors: [] }];
      }
      throw new Error(`unexpected request ${req.method ?? 'GET'} ${req.url ?? ''}`);
    };
  });

  afterEach(() => {
    process.exitCode = undefined;
  });

  const printed = (): string[] => ux.log.getCalls().flatMap((call) => call.args.map(String));

  async function refusal(args: string[]): Promise<SfError> {
    const error = await MarketImport.run([...args, '--target-org', testOrg.username, '--json'], config).then(
      () => undefined,
      (thrown: unknown) => thrown
    );
    expect(error).toBeInstanceOf(SfError);
    return error as SfError;
  }

  it('names the load mode in the summary', async () => {
    const file = join(dir, 'markets.csv');
    await writeFile(file, 'Country_Code__c,Name\nDK,Denmark\n');
    const result = await MarketImport.run(['--target-org', testOrg.username, '--file', file, '--json'], config);
    expect(result).toMatchObject({ read: 1, succeeded: 1, mode: 'collections' });
    expect(printed()).toEqual(
      expect.arrayContaining([
        'Market__c: 1 rows read, 0 rejected before sending, 1 sent, 1 loaded, 0 rejected by the org.',
        'Loaded with sObject Collections.',
      ])
    );
  });

  it('a bad --date-format is refused before the file is read or the org asked, even without a date column', async () => {
    const file = join(dir, 'markets.csv');
    await writeFile(file, 'Country_Code__c,Name\nDK,Denmark\n');
    const error = await refusal(['--file', file, '--date-format', 'dd.mm.yy']);
    expect(error.name).toBe('GlocalInvalidDateFormat');
    expect(error.message).toMatch(/^--date-format "dd\.mm\.yy" is not a date format/);
    expect(error.actions?.[0]).toMatch(/dd\.mm\.yyyy, dd\/mm\/yyyy, mm\/dd\/yyyy, yyyy\/mm\/dd/);
    expect(requests).toEqual([]);
  });

  it('a bad --locale is refused before the org is asked', async () => {
    const file = join(dir, 'markets.csv');
    await writeFile(file, 'Country_Code__c,Name\nDK,Denmark\n');
    const error = await refusal(['--file', file, '--locale', 'da-DK-!']);
    expect(error).toMatchObject({
      name: 'GlocalInvalidLocale',
      message: '--locale "da-DK-!" is not a locale whose numbers are known.',
    });
    expect(requests).toEqual([]);
  });

  it('an import that stops while its state file exists says that --resume finishes it', async () => {
    const file = join(dir, 'markets.csv');
    await writeFile(file, '');
    await writeFile(`${file}.import-state.json`, '{}');
    const error = await refusal(['--file', file]);
    expect(error.name).toBe('GlocalEmptyFile');
    expect(error.actions?.at(-1)).toBe(
      `The import's Bulk jobs are recorded in ${file}.import-state.json: run the same command with --resume to finish the import without sending any row twice.`
    );
    // The error's own advice comes first.
    expect(error.actions?.length).toBeGreaterThan(1);
  });

  it('without a state file the error carries only its own advice', async () => {
    const file = join(dir, 'markets.csv');
    await writeFile(file, '');
    const error = await refusal(['--file', file]);
    expect(error.name).toBe('GlocalEmptyFile');
    expect(error.actions?.join('\n')).not.toContain('--resume');
  });

  it('an error that is not an SfError is wrapped and advised the same way', async () => {
    const file = join(dir, 'markets.csv');
    await writeFile(file, 'Country_Code__c,Name\nDK,Denmark\n');
    await writeFile(`${file}.import-state.json`, '{}');
    // A describe without fields makes the import fail with a TypeError, not an SfError.
    $$.fakeConnectionRequest = async (request: AnyJson): Promise<AnyJson> => {
      const req = request as FakeRequest;
      if (decodeURIComponent(req.url ?? '').includes('FROM Organization')) {
        return { totalSize: 1, done: true, records: [{ Name: 'Acme', IsSandbox: false }] };
      }
      return { name: 'Market__c' };
    };
    const error = await refusal(['--file', file]);
    expect(error.name).toBe('TypeError');
    expect(error.actions).toEqual([expect.stringContaining('run the same command with --resume')]);
  });
});
