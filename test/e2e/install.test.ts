/*
 * sf glocal install / status / assign / uninstall through the real sf CLI against the local org:
 * the life cycle install → status → no-op install → assign → uninstall with backup → install →
 * restore, counts compared. Refusals (collision, rejected deploy, dry run) are in installRefusals.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { LocalOrg } from '../../emulator/index.js';
import type { InstallResult } from '../../src/commands/glocal/install.js';
import type { StatusResult } from '../../src/commands/glocal/status.js';
import type { UninstallResult } from '../../src/commands/glocal/uninstall.js';
import { REPO_ROOT, startE2e, type E2eEnv, type SfResult } from './harness.js';

const GLOCAL_OBJECTS = [
  'Market__c',
  'Training_Course__c',
  'Service_Unit__c',
  'Training_Record__c',
  'CQ_Assessment__c',
  'Partner_Review__c',
  'Partner_Feedback__c',
  'Internal_Feedback__c',
];

/** The documented `--json` schema of `sf glocal install` (README "sf glocal install --json"). */
const INSTALL_RESULT_SCHEMA: Record<string, { type: string; required: boolean }> = {
  status: { type: 'string', required: true },
  action: { type: 'string', required: true },
  version: { type: 'string', required: true },
  previousVersion: { type: 'string', required: false },
  checksum: { type: 'string', required: true },
  languages: { type: 'array', required: true },
  deployId: { type: 'string', required: false },
  componentsDeployed: { type: 'number', required: true },
  componentsTotal: { type: 'number', required: true },
  dryRun: { type: 'boolean', required: true },
  durationMs: { type: 'number', required: true },
  targetOrg: { type: 'string', required: true },
  permissionSetAssigned: { type: 'string', required: false },
  sampleData: { type: 'object', required: false },
  restored: { type: 'object', required: false },
  resumeCommand: { type: 'string', required: false },
};

function schemaProblems(value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, rule] of Object.entries(INSTALL_RESULT_SCHEMA)) {
    const actual = Array.isArray(value[key]) ? 'array' : typeof value[key];
    if (value[key] === undefined) {
      if (rule.required) problems.push(`missing ${key}`);
    } else if (actual !== rule.type) problems.push(`${key} is ${actual}, not ${rule.type}`);
  }
  for (const key of Object.keys(value)) if (!(key in INSTALL_RESULT_SCHEMA)) problems.push(`undocumented ${key}`);
  if (!['Succeeded', 'UpToDate', 'Validated', 'InProgress'].includes(String(value.status))) {
    problems.push(`status ${String(value.status)}`);
  }
  return problems;
}

/** Asserts the exit code, showing the CLI's output when it differs. */
function expectExit(run: SfResult, code: number): void {
  expect({ exitCode: run.exitCode, output: run.exitCode === code ? '' : `${run.stdout}\n${run.stderr}` }).toEqual({
    exitCode: code,
    output: '',
  });
}

function result<T>(run: SfResult): T {
  if (!run.json) throw new Error(`not JSON (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`);
  return run.json.result as T;
}

/** Reads the org directly over REST (checks need no CLI start-up). */
async function query(org: LocalOrg, soql: string): Promise<Array<Record<string, unknown>>> {
  const response = await fetch(`${org.instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`, {
    headers: { Authorization: `Bearer ${org.accessToken}` },
  });
  const body = (await response.json()) as { records: Array<Record<string, unknown>> };
  return body.records;
}

function hasObject(org: LocalOrg, name: string): boolean {
  return org.metadata.get('CustomObject', name) !== undefined;
}

describe('sf glocal install, status, assign, uninstall (real sf CLI, local org)', () => {
  let env: E2eEnv;
  let backupDir: string;
  const run = (args: string[]): Promise<SfResult> => env.runSf(args, { env: { CI: 'true' } });

  beforeAll(async () => {
    env = await startE2e();
    backupDir = await mkdtemp(join(tmpdir(), 'glocal-e2e-backup-'));
    // One CLI at a time: concurrent runs race on the config files in the shared HOME.
    await env.loginSf('local');
    await env.linkPlugin();
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
    await rm(backupDir, { recursive: true, force: true });
  });

  let installed: InstallResult;
  it('installs with sample data; --json matches the documented schema', async () => {
    const install = await run(['glocal', 'install', '-o', 'local', '--with-sample-data', '--json']);
    expectExit(install, 0);
    installed = result<InstallResult>(install);
    expect(schemaProblems(installed as unknown as Record<string, unknown>)).toEqual([]);
    expect(installed).toMatchObject({ status: 'Succeeded', action: 'fresh', permissionSetAssigned: 'Glocal_Admin' });
    expect(installed.deployId).toMatch(/^0Af/);
    expect(installed.componentsDeployed).toBe(installed.componentsTotal);
    expect(installed.languages).toEqual(expect.arrayContaining(['en_US', 'da', 'zh_CN', 'ar']));
    expect(installed.sampleData?.objects).toEqual(
      expect.arrayContaining([
        { object: 'Market__c', records: 6 },
        { object: 'Training_Course__c', records: 8 },
      ])
    );
    const record = await query(
      env.org,
      "SELECT Version__c, Checksum__c FROM Glocal_Install__mdt WHERE DeveloperName = 'Current'"
    );
    expect(record).toEqual([
      expect.objectContaining({ Version__c: installed.version, Checksum__c: installed.checksum }),
    ]);
    const markets = await query(
      env.org,
      'SELECT Country_Code__c, Locale__c, Currency_Code__c, Time_Zone__c FROM Market__c ORDER BY Country_Code__c'
    );
    expect(markets.map((market) => market.Time_Zone__c)).toEqual([
      'Asia/Dubai',
      'America/Sao_Paulo',
      'Asia/Shanghai',
      'Europe/Berlin',
      'Europe/Copenhagen',
      'America/New_York',
    ]);
  });

  it('status is healthy (exit 0) and counts the records', async () => {
    const status = await run(['glocal', 'status', '-o', 'local', '--json']);
    expectExit(status, 0);
    const report = result<StatusResult>(status);
    expect(report).toMatchObject({ healthy: true, installedVersion: installed.version, problems: [] });
    expect(report.components.missing).toEqual([]);
    expect(report.records).toContainEqual({ object: 'Training_Record__c', count: 14 });
    expect(report.permissionSets).toContainEqual({ name: 'Glocal_Admin', exists: true, assignments: 1 });
  });

  it('installing the same version again deploys nothing, in at most 3 API calls', async () => {
    env.org.resetRequestLog();
    const again = await run(['glocal', 'install', '-o', 'local']);
    expectExit(again, 0);
    expect(again.stdout).toContain('already installed and up to date');
    const calls = env.org.requestLog.length;
    expect(calls).toBeLessThanOrEqual(3);
    expect(env.org.requestLog.filter((entry) => entry.path.includes('/Soap/'))).toEqual([]);
    console.log(`no-op install: ${calls} API call(s): ${env.org.requestLog.map((e) => e.path).join(', ')}`);
  });

  it('status exits 1 and says what to do when a component was deleted; install --force repairs it', async () => {
    const deleted = await run([
      'project',
      'deploy',
      'start',
      '--metadata-dir',
      join(REPO_ROOT, 'test/fixtures/install/drift'),
      '-o',
      'local',
      '--json',
    ]);
    expectExit(deleted, 0);
    const drifted = await run(['glocal', 'status', '-o', 'local', '--json']);
    expectExit(drifted, 1);
    const report = result<StatusResult>(drifted);
    expect(report.healthy).toBe(false);
    expect(report.components.missing).toEqual([{ type: 'CustomField', fullName: 'Market__c.Communication_Notes__c' }]);
    expect(report.actions).toContain('Run `sf glocal install --force` to deploy the missing components again.');
    const repaired = await run(['glocal', 'install', '-o', 'local', '--force', '--json']);
    expectExit(repaired, 0);
    expect(result<InstallResult>(repaired)).toMatchObject({ status: 'Succeeded', action: 'repair' });
    const healthy = await run(['glocal', 'status', '-o', 'local', '--json']);
    expectExit(healthy, 0);
  });

  it('assigns a permission set by username; already-assigned users are not an error', async () => {
    const assign = await run([
      'glocal',
      'assign',
      '-o',
      'local',
      '-p',
      'admin',
      '-u',
      'mette.jensen@glocal.example.local,admin@glocal.local',
      '--json',
    ]);
    expectExit(assign, 0);
    expect(result(assign)).toEqual({
      permissionSet: 'Glocal_Admin',
      assigned: ['mette.jensen@glocal.example.local'],
      alreadyAssigned: ['admin@glocal.local'],
      errors: [],
    });
  });

  let backup: UninstallResult;
  it('uninstall backs every record up in the import format, then removes the pack', async () => {
    const uninstall = await run([
      'glocal',
      'uninstall',
      '-o',
      'local',
      '--no-prompt',
      '--backup-dir',
      backupDir,
      '--json',
    ]);
    expectExit(uninstall, 0);
    backup = result<UninstallResult>(uninstall);
    expect(backup.status).toBe('Uninstalled');
    expect(backup.backup.map((file) => file.object).sort()).toEqual([...GLOCAL_OBJECTS].sort());
    for (const file of backup.backup) expect(existsSync(file.file)).toBe(true);
    const header = (await readFile(join(backupDir, 'Training_Record__c.csv'), 'utf8')).split(/\r?\n/)[0];
    expect(header).toContain('Record_Key__c');
    expect(hasObject(env.org, 'Market__c')).toBe(false);
    expect(env.org.metadata.get('CustomMetadata', 'Glocal_Install.Current')).toBeUndefined();
  });

  it('install --restore brings every record back (counts match the backup)', async () => {
    const install = await run(['glocal', 'install', '-o', 'local', '--restore', backupDir, '--json']);
    expectExit(install, 0);
    const outcome = result<InstallResult>(install);
    expect(outcome.action).toBe('fresh');
    const backedUp = Object.fromEntries(backup.backup.map((file) => [file.object, file.records]));
    expect(Object.fromEntries(outcome.restored!.objects.map((entry) => [entry.object, entry.records]))).toEqual(
      backedUp
    );
    const status = result<StatusResult>(await run(['glocal', 'status', '-o', 'local', '--json']));
    expect(Object.fromEntries(status.records.map((entry) => [entry.object, entry.count]))).toEqual(backedUp);
    const records = await query(
      env.org,
      "SELECT Score__c, Result__c FROM Training_Record__c WHERE Record_Key__c = 'SAMPLE-TR-001'"
    );
    expect(records).toEqual([expect.objectContaining({ Score__c: 88, Result__c: 'Pass' })]);
  }, 120_000);
});
