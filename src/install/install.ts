/*
 * `sf glocal install`: decide (read the install record), check (preflight), deploy the pack with
 * its install record in one all-or-nothing deploy, then grant the installer Glocal_Admin and
 * optionally load sample data. Progress and messages go out through callbacks.
 */
import { rm } from 'node:fs/promises';
import { Messages, SfError, type Connection } from '@salesforce/core';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { checksumComponents } from './checksum.js';
import { deployComponents, resumeDeploy, type DeployOutcome, type DeployProgress } from './deployPack.js';
import type { InstallOrg } from './installOrg.js';
import { stageInstallRecord } from './installRecord.js';
import { resolvePackComponents } from './packComponents.js';
import { runPreflight, type PreflightReport } from './preflight.js';
import { assignPermissionSet } from './assign.js';
import { planInstall, type InstallPlan } from './version.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.install');

export type InstallStage = 'preflight' | 'deploy' | 'permissions' | 'sampleData' | 'restore';

export type InstallListener = {
  stage?: (stage: InstallStage) => void;
  deployProgress?: (progress: DeployProgress) => void;
  log?: (message: string) => void;
  warn?: (message: string) => void;
};

export type SampleDataLoader = (connection: Connection, log: (message: string) => void) => Promise<SampleDataSummary>;

export type SampleDataSummary = { objects: Array<{ object: string; records: number }>; records: number };

export type InstallOptions = {
  org: InstallOrg;
  connection: Connection;
  packDir: string;
  version: string;
  apiVersion: string;
  languages?: string[];
  dryRun?: boolean;
  force?: boolean;
  waitMs: number;
  pollIntervalMs?: number;
  resumeDeployId?: string;
  loadSampleData?: SampleDataLoader;
  /** Restores records after the deploy (`--restore <backup dir>`). */
  restoreRecords?: SampleDataLoader;
  listener?: InstallListener;
};

export type InstallStatus = 'Succeeded' | 'UpToDate' | 'Validated' | 'InProgress';

export type InstallOutcome = {
  status: InstallStatus;
  action: InstallPlan['action'] | 'resume';
  version: string;
  previousVersion?: string;
  checksum: string;
  languages: string[];
  deployId?: string;
  componentsDeployed: number;
  componentsTotal: number;
  dryRun: boolean;
  preflight?: PreflightReport;
  permissionSetAssigned?: string;
  sampleData?: SampleDataSummary;
  restored?: SampleDataSummary;
};

export const ADMIN_PERMISSION_SET = 'Glocal_Admin';

function failureError(outcome: DeployOutcome, dryRun: boolean): SfError {
  const lines = outcome.failures.map(
    (failure) =>
      `${failure.type} ${failure.fullName}${failure.fileName ? ` (${failure.fileName})` : ''}: ${failure.problem}`
  );
  if (lines.length === 0 && outcome.errorMessage) lines.push(outcome.errorMessage);
  const error = messages.createError(dryRun ? 'error.validationFailed' : 'error.deployFailed', [
    outcome.deployId,
    lines.map((line) => `  ${line}`).join('\n'),
  ]);
  error.setData({ deployId: outcome.deployId, failures: outcome.failures });
  return error;
}

async function afterDeploy(options: InstallOptions, outcome: InstallOutcome): Promise<InstallOutcome> {
  const { listener } = options;
  listener?.stage?.('permissions');
  const userId = await options.org.currentUserId();
  if (userId) {
    const result = await assignPermissionSet(options.org, ADMIN_PERMISSION_SET, [userId], { byId: true });
    if (result.errors.length > 0)
      listener?.warn?.(messages.getMessage('warn.assignFailed', [result.errors.join('; ')]));
    else outcome.permissionSetAssigned = ADMIN_PERMISSION_SET;
  }
  return loadData(options, outcome);
}

/** Sample data and restored records land after the deploy (and on an up-to-date org too). */
async function loadData(options: InstallOptions, outcome: InstallOutcome): Promise<InstallOutcome> {
  const { listener } = options;
  const log = (message: string): void => listener?.log?.(message);
  if (options.loadSampleData) {
    listener?.stage?.('sampleData');
    outcome.sampleData = await options.loadSampleData(options.connection, log);
  }
  if (options.restoreRecords) {
    listener?.stage?.('restore');
    outcome.restored = await options.restoreRecords(options.connection, log);
  }
  return outcome;
}

export async function installGlocal(options: InstallOptions): Promise<InstallOutcome> {
  const { listener } = options;
  const dryRun = options.dryRun ?? false;
  listener?.stage?.('preflight');
  const pack = await resolvePackComponents(options.packDir, options.languages);
  const checksum = await checksumComponents(options.packDir, pack.components);
  const base = {
    version: options.version,
    checksum,
    languages: pack.languages,
    dryRun,
    componentsDeployed: 0,
    componentsTotal: 0,
  };

  if (options.resumeDeployId) {
    listener?.stage?.('deploy');
    const resumed = await resumeDeploy(options.resumeDeployId, {
      connection: options.connection,
      waitMs: options.waitMs,
      pollIntervalMs: options.pollIntervalMs,
      onProgress: listener?.deployProgress,
    });
    const outcome: InstallOutcome = {
      ...base,
      action: 'resume',
      status: 'Succeeded',
      deployId: resumed.deployId,
      componentsDeployed: resumed.componentsDeployed,
      componentsTotal: resumed.componentsTotal,
    };
    if (resumed.status === 'InProgress') return { ...outcome, status: 'InProgress' };
    if (resumed.status !== 'Succeeded') throw failureError(resumed, false);
    return afterDeploy(options, outcome);
  }

  const installed = await options.org.readInstallRecord();
  const plan = planInstall(installed, { version: options.version, checksum }, options.force ?? false);
  if (plan.action === 'up-to-date') {
    const outcome: InstallOutcome = {
      ...base,
      status: 'UpToDate',
      action: plan.action,
      previousVersion: installed?.version,
    };
    outcome.languages = installed?.languages ?? pack.languages;
    return dryRun ? outcome : loadData(options, outcome);
  }
  if (plan.action === 'downgrade' && !plan.forced) {
    throw messages.createError('error.downgrade', [plan.from, options.version]);
  }

  const packObjects = pack.components
    .filter((component) => component.type.name === 'CustomObject')
    .map((component) => component.fullName);
  const preflight = await runPreflight(options.org, { packObjects, installed });
  for (const skipped of preflight.skipped) listener?.warn?.(skipped);

  listener?.stage?.('deploy');
  const stagingDir = await stageInstallRecord({ version: options.version, checksum, languages: pack.languages });
  let deployed: DeployOutcome;
  try {
    const record = ComponentSet.fromSource(stagingDir).getSourceComponents().toArray();
    deployed = await deployComponents({
      connection: options.connection,
      components: [...pack.components, ...record],
      apiVersion: options.apiVersion,
      checkOnly: dryRun,
      waitMs: options.waitMs,
      pollIntervalMs: options.pollIntervalMs,
      onProgress: listener?.deployProgress,
    });
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
  }
  const outcome: InstallOutcome = {
    ...base,
    status: dryRun ? 'Validated' : 'Succeeded',
    action: plan.action,
    previousVersion: installed?.version,
    deployId: deployed.deployId,
    componentsDeployed: deployed.componentsDeployed,
    componentsTotal: deployed.componentsTotal,
    preflight,
  };
  if (deployed.status === 'InProgress') return { ...outcome, status: 'InProgress' };
  if (deployed.status !== 'Succeeded') throw failureError(deployed, dryRun);
  if (dryRun) return outcome;
  return afterDeploy(options, outcome);
}
