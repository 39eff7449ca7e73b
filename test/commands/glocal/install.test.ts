import { describe, it, expect, beforeEach } from '@jest/globals';
import { Config } from '@oclif/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import type { AnyJson } from '@salesforce/ts-types';
import Install from '../../../src/commands/glocal/install.js';
import Assign from '../../../src/commands/glocal/assign.js';
import { checksumComponents } from '../../../src/install/checksum.js';
import { resolvePackComponents } from '../../../src/install/packComponents.js';
import { packageRoot, packRoot, readPackInfo } from '../../../src/pack/bundledPack.js';

type FakeRequest = { url?: string; method?: string; body?: string };

/** Flags.requiredOrg asks for the Organization; every fake answers it the same way. */
function organization(req: FakeRequest): AnyJson | undefined {
  if (!decodeURIComponent(req.url ?? '').includes('FROM Organization')) return undefined;
  return {
    totalSize: 1,
    done: true,
    records: [{ Name: 'Acme', InstanceName: 'CS1', IsSandbox: false, OrganizationType: 'Developer Edition' }],
  };
}

describe('sf glocal install / assign (in-process, faked org)', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let requests: FakeRequest[];

  beforeEach(async () => {
    $$.stubAliases({});
    await $$.stubAuths(testOrg);
    ux = stubSfCommandUx($$.SANDBOX);
    requests = [];
  });

  it('says "already up to date" and deploys nothing when the org has this version and source', async () => {
    const pack = await readPackInfo();
    const checksum = await checksumComponents(packRoot(), (await resolvePackComponents(packRoot())).components);
    $$.fakeConnectionRequest = async (request: AnyJson): Promise<AnyJson> => {
      const req = request as FakeRequest;
      const org = organization(req);
      if (org) return org;
      requests.push(req);
      if (req.url?.includes('Glocal_Install__mdt')) {
        return {
          totalSize: 1,
          done: true,
          records: [{ Version__c: pack.version, Checksum__c: checksum, Languages__c: 'en_US,da' }],
        };
      }
      throw new Error(`unexpected request ${req.method ?? 'GET'} ${req.url ?? ''}`);
    };
    const config = await Config.load({ root: packageRoot() });
    const result = await Install.run(['--target-org', testOrg.username, '--json'], config);
    expect(result).toMatchObject({
      status: 'UpToDate',
      action: 'up-to-date',
      version: pack.version,
      checksum,
      languages: ['en_US', 'da'],
      componentsDeployed: 0,
      dryRun: false,
      targetOrg: testOrg.username,
    });
    expect(result.deployId).toBeUndefined();
    expect(requests).toHaveLength(1);
  });

  it('refuses a downgrade with the actions to take', async () => {
    $$.fakeConnectionRequest = async (request: AnyJson): Promise<AnyJson> => {
      const req = request as FakeRequest;
      const org = organization(req);
      if (org) return org;
      if (req.url?.includes('Glocal_Install__mdt')) {
        return { totalSize: 1, done: true, records: [{ Version__c: '99.0.0', Checksum__c: 'x', Languages__c: '' }] };
      }
      throw new Error(`unexpected request ${req.url ?? ''}`);
    };
    const config = await Config.load({ root: packageRoot() });
    await expect(Install.run(['--target-org', testOrg.username, '--json'], config)).rejects.toMatchObject({
      name: 'DowngradeError',
      actions: expect.arrayContaining([expect.stringContaining('--force')]),
    });
  });

  it('assigns a permission set by email and reports already-assigned users', async () => {
    const inserted: unknown[] = [];
    $$.fakeConnectionRequest = async (request: AnyJson): Promise<AnyJson> => {
      const req = request as FakeRequest;
      const url = decodeURIComponent(req.url ?? '');
      const org = organization(req);
      if (org) return org;
      if (url.includes('FROM PermissionSet WHERE')) {
        return { totalSize: 1, done: true, records: [{ Id: '0PS000000000002AAA', Name: 'Glocal_Manager' }] };
      }
      if (url.includes('FROM User WHERE')) {
        return {
          totalSize: 2,
          done: true,
          records: [
            { Id: '005000000000010AAA', Username: 'anna@acme.dk', Email: 'anna@acme.dk' },
            { Id: '005000000000011AAA', Username: 'li@acme.cn', Email: 'li@acme.cn' },
          ],
        };
      }
      if (url.includes('FROM PermissionSetAssignment')) {
        return {
          totalSize: 1,
          done: true,
          records: [{ AssigneeId: '005000000000011AAA', PermissionSetId: '0PS000000000002AAA' }],
        };
      }
      if (req.method === 'POST' && url.includes('composite/sobjects')) {
        inserted.push(JSON.parse(req.body ?? '{}'));
        return [{ id: '0Pa000000000001AAA', success: true, errors: [] }];
      }
      throw new Error(`unexpected request ${req.method ?? 'GET'} ${url}`);
    };
    const config = await Config.load({ root: packageRoot() });
    const result = await Assign.run(
      ['-o', testOrg.username, '--permission-set', 'manager', '--users', 'anna@acme.dk,li@acme.cn'],
      config
    );
    expect(result).toEqual({
      permissionSet: 'Glocal_Manager',
      assigned: ['anna@acme.dk'],
      alreadyAssigned: ['li@acme.cn'],
      errors: [],
    });
    expect(JSON.stringify(inserted)).toContain('"AssigneeId":"005000000000010AAA"');
    const printed = ux.logSuccess.getCalls().flatMap((call) => call.args.map(String));
    expect(printed).toContain('Assigned Glocal_Manager to anna@acme.dk.');
  });
});
