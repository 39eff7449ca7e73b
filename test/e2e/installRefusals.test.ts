/*
 * What `sf glocal install` refuses to do, through the real sf CLI against a local org: a dry run
 * changes nothing, a deploy the org rejects leaves nothing half-installed, and objects with
 * Glocal's names that Glocal did not install are never overwritten. (Its own file, with its own
 * org and HOME, so it runs beside install.test.ts.)
 */
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { LocalOrg } from '../../emulator/index.js';
import type { InstallResult } from '../../src/commands/glocal/install.js';
import { REPO_ROOT, startE2e, type E2eEnv, type SfResult } from './harness.js';

function expectExit(run: SfResult, code: number): void {
  expect({ exitCode: run.exitCode, output: run.exitCode === code ? '' : `${run.stdout}\n${run.stderr}` }).toEqual({
    exitCode: code,
    output: '',
  });
}

function nothingInstalled(org: LocalOrg): void {
  expect(org.metadata.get('CustomObject', 'Training_Course__c')).toBeUndefined();
  expect(org.metadata.get('CustomMetadata', 'Glocal_Install.Current')).toBeUndefined();
}

describe('sf glocal install refusals (real sf CLI, local org)', () => {
  let env: E2eEnv;
  const run = (args: string[]): Promise<SfResult> => env.runSf(args, { env: { CI: 'true' } });

  beforeAll(async () => {
    env = await startE2e();
    await env.loginSf('local');
    await env.linkPlugin();
  }, 120_000);

  afterAll(async () => env?.stop());

  it('--dry-run validates every component and changes nothing', async () => {
    const dryRun = await run(['glocal', 'install', '-o', 'local', '--dry-run', '--languages', 'da,de', '--json']);
    expectExit(dryRun, 0);
    const outcome = dryRun.json?.result as InstallResult;
    expect(outcome).toMatchObject({
      status: 'Validated',
      dryRun: true,
      action: 'fresh',
      languages: ['en_US', 'da', 'de'],
    });
    expect(outcome.componentsTotal).toBeGreaterThan(100);
    expect(outcome.permissionSetAssigned).toBeUndefined();
    nothingInstalled(env.org);
  });

  it('a deploy the org rejects installs nothing and prints the component and its error', async () => {
    env.org.setFaults({
      failDeployComponents: [
        { type: 'CustomObject', fullName: 'Training_Course__c', problem: 'Simulated: entity is locked' },
      ],
    });
    let install: SfResult;
    try {
      install = await run(['glocal', 'install', '-o', 'local']);
    } finally {
      env.org.setFaults({});
    }
    expectExit(install, 1);
    expect(install.stderr).toMatch(/rejected the deploy 0Af\w+; nothing was installed/);
    expect(install.stderr).toContain('CustomObject Training_Course__c');
    expect(install.stderr).toContain('Simulated: entity is locked');
    nothingInstalled(env.org);
  });

  it('refuses to install over objects with Glocal names that Glocal did not install', async () => {
    const deployed = await run([
      'project',
      'deploy',
      'start',
      '--metadata-dir',
      join(REPO_ROOT, 'test/fixtures/install/collision'),
      '-o',
      'local',
      '--json',
    ]);
    expectExit(deployed, 0);
    const install = await run(['glocal', 'install', '-o', 'local', '--json']);
    expectExit(install, 1);
    expect(install.json?.name).toBe('NameCollisionError');
    expect(install.json?.message).toContain('Market__c');
    nothingInstalled(env.org);
    const market = env.org.metadata.get('CustomObject', 'Market__c');
    expect(market?.xml).toContain('Glocal must not overwrite it.');
  });
});
