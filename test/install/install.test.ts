import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import type { Connection } from '@salesforce/core';
import { checksumComponents } from '../../src/install/checksum.js';
import { installGlocal, type InstallStage } from '../../src/install/install.js';
import { resolvePackComponents } from '../../src/install/packComponents.js';
import { FakeInstallOrg } from './fakeInstallOrg.js';

const fixturePack = join(process.cwd(), 'test/fixtures/install/pack');

/** A connection that fails the test if the install touches it (i.e. tries to deploy). */
const untouchable = new Proxy({} as Connection, {
  get(_target, property): never {
    throw new Error(`the install used the connection (${String(property)}) but must not deploy`);
  },
});

async function fixtureChecksum(languages?: string[]): Promise<string> {
  return checksumComponents(fixturePack, (await resolvePackComponents(fixturePack, languages)).components);
}

const base = { connection: untouchable, packDir: fixturePack, apiVersion: '62.0', waitMs: 60_000 };

describe('install decisions (no deploy)', () => {
  it('makes no deploy and one org call when the same version and source are installed', async () => {
    const org = new FakeInstallOrg();
    org.installed = { version: '1.0.0', checksum: await fixtureChecksum(), languages: ['en_US', 'da', 'de'] };
    const stages: InstallStage[] = [];
    const outcome = await installGlocal({ ...base, org, version: '1.0.0', listener: { stage: (s) => stages.push(s) } });
    expect(outcome).toMatchObject({ status: 'UpToDate', action: 'up-to-date', componentsDeployed: 0 });
    expect(outcome.deployId).toBeUndefined();
    expect(org.calls).toEqual(['readInstallRecord']);
    expect(stages).toEqual(['preflight']);
  });

  it('is not up to date when other languages were installed', async () => {
    const org = new FakeInstallOrg();
    org.installed = { version: '1.0.0', checksum: await fixtureChecksum(['da']), languages: ['en_US', 'da'] };
    org.apiVersion = '50.0'; // stops the install in preflight, before the (untouchable) deploy
    await expect(installGlocal({ ...base, org, version: '1.0.0' })).rejects.toThrow(/50\.0/);
    expect(org.calls[0]).toBe('readInstallRecord');
    expect(org.calls).toContain('maxApiVersion');
  });

  it('refuses a downgrade without --force, before any check or deploy', async () => {
    const org = new FakeInstallOrg();
    org.installed = { version: '2.0.0', checksum: 'x', languages: [] };
    await expect(installGlocal({ ...base, org, version: '1.0.0' })).rejects.toThrow(
      "The org has Glocal 2.0.0, newer than this plugin's 1.0.0. A downgrade is refused."
    );
    expect(org.calls).toEqual(['readInstallRecord']);
  });

  it('stops on a name collision before deploying anything', async () => {
    const org = new FakeInstallOrg();
    org.objects = ['Widget__c'];
    await expect(installGlocal({ ...base, org, version: '1.0.0' })).rejects.toThrow(/Widget__c/);
    expect(org.inserted).toEqual([]);
  });

  it('refuses an unknown --languages value before asking the org anything', async () => {
    const org = new FakeInstallOrg();
    await expect(installGlocal({ ...base, org, version: '1.0.0', languages: ['tlh'] })).rejects.toThrow(/tlh/);
    expect(org.calls).toEqual([]);
  });
});

describe('install --resume', () => {
  function connectionAnswering(statuses: Array<Record<string, unknown>>): Connection {
    return {
      version: '62.0',
      getApiVersion: () => '62.0',
      retrieveMaxApiVersion: async () => '62.0',
      metadata: { checkDeployStatus: async () => statuses.shift() ?? { status: 'InProgress' } },
    } as unknown as Connection;
  }

  it('hands the deploy back as InProgress when the wait runs out again, assigning nothing', async () => {
    const org = new FakeInstallOrg();
    const connection = connectionAnswering([
      { id: '0Af000000000007AAA', status: 'InProgress', numberComponentsDeployed: 120, numberComponentsTotal: 354 },
    ]);
    const outcome = await installGlocal({
      ...base,
      connection,
      org,
      version: '1.0.0',
      waitMs: 3000,
      resumeDeployId: '0Af000000000007AAA',
    });
    expect(outcome).toMatchObject({
      status: 'InProgress',
      action: 'resume',
      deployId: '0Af000000000007AAA',
      componentsDeployed: 120,
      componentsTotal: 354,
    });
    expect(org.inserted).toEqual([]);
  });

  it('finishes the install (Glocal_Admin for the installer) when the resumed deploy succeeds', async () => {
    const org = new FakeInstallOrg();
    const connection = connectionAnswering([
      { id: '0Af000000000007AAA', status: 'Succeeded', numberComponentsDeployed: 354, numberComponentsTotal: 354 },
    ]);
    const outcome = await installGlocal({
      ...base,
      connection,
      org,
      version: '1.0.0',
      resumeDeployId: '0Af000000000007AAA',
    });
    expect(outcome).toMatchObject({ status: 'Succeeded', action: 'resume', permissionSetAssigned: 'Glocal_Admin' });
    expect(org.inserted).toEqual([{ permissionSetId: '0PS000000000001AAA', userId: '005000000000001AAA' }]);
  });
});
