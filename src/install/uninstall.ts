/*
 * `sf glocal uninstall`: back up every Glocal record (CSV files in the import format), prove the
 * backup complete by comparing counts with the org, ask, then remove the pack with one
 * destructive deploy. Nothing is deleted unless every step before it succeeded.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Messages, type Connection } from '@salesforce/core';
import { deployMetadataFolder, type DeployOutcome, type DeployProgress } from './deployPack.js';
import type { InstallOrg } from './installOrg.js';
import { INSTALL_RECORD_FULL_NAME } from './installRecord.js';
import { resolvePackComponents, type PackComponent } from './packComponents.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.uninstall');

/** Deleting these with their parent is automatic; listing them in destructiveChanges is an error in real orgs. */
const DELETED_WITH_PARENT = new Set([
  'Translations',
  'CustomObjectTranslation',
  'GlobalValueSetTranslation',
  'StandardValueSetTranslation',
]);

export type BackupFile = { object: string; file: string; records: number };

/** Writes one CSV per object into `directory` and says how many records each holds. */
export type RecordBackup = (directory: string, objects: string[]) => Promise<BackupFile[]>;

export type UninstallOptions = {
  org: InstallOrg;
  connection: Connection;
  packDir: string;
  apiVersion: string;
  backupDir: string;
  backup: RecordBackup;
  /** Username or alias printed in the restore commands. */
  targetOrg: string;
  /** Asked after the backup is verified; false stops the uninstall. */
  confirm: (summary: { backupDir: string; records: number; components: number }) => Promise<boolean>;
  waitMs: number;
  pollIntervalMs?: number;
  onStage?: (stage: 'backup' | 'verify' | 'confirm' | 'delete') => void;
  onProgress?: (progress: DeployProgress) => void;
};

export type UninstallOutcome = {
  status: 'Uninstalled' | 'Cancelled' | 'InProgress';
  backupDir: string;
  backup: BackupFile[];
  /** Run these (in order) after `sf glocal install` to bring the records back. */
  restoreCommands: string[];
  deployId?: string;
  componentsDeleted: number;
  removedVersion?: string;
};

/** Objects whose records are backed up, parents before children (the order a restore needs). */
export const RECORD_OBJECTS = [
  'Market__c',
  'Training_Course__c',
  'Service_Unit__c',
  'Partner_Review__c',
  'Training_Record__c',
  'CQ_Assessment__c',
  'Partner_Feedback__c',
  'Internal_Feedback__c',
];

/** The import command that restores each object's backup file. */
const RESTORE_COMMANDS: Record<string, string> = {
  Market__c: 'sf glocal market import',
  Training_Course__c: 'sf glocal course import',
  Service_Unit__c: 'sf glocal internal-feedback import --type unit',
  Partner_Review__c: 'sf glocal feedback import --type review',
  Training_Record__c: 'sf glocal training import',
  CQ_Assessment__c: 'sf glocal cq import',
  Partner_Feedback__c: 'sf glocal feedback import --type feedback',
  Internal_Feedback__c: 'sf glocal internal-feedback import --type feedback',
};

/** Commands that restore a backup, in the order the files must be imported (parents first). */
export function restoreCommands(files: BackupFile[], targetOrg: string): string[] {
  return files
    .filter((file) => file.records > 0 && RESTORE_COMMANDS[file.object])
    .map((file) => `${RESTORE_COMMANDS[file.object]} --file "${file.file}" --target-org ${targetOrg}`);
}

/** The destructive manifest: top-level pack components plus the install record. */
export function componentsToDelete(components: PackComponent[]): PackComponent[] {
  const list = components.filter((component) => !DELETED_WITH_PARENT.has(component.type));
  list.push({ type: 'CustomMetadata', fullName: INSTALL_RECORD_FULL_NAME });
  return list;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function manifestXml(apiVersion: string, components: PackComponent[] = []): string {
  const byType = new Map<string, string[]>();
  for (const component of components) {
    byType.set(component.type, [...(byType.get(component.type) ?? []), component.fullName]);
  }
  const types = [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, members]) =>
      [
        '    <types>',
        ...members.sort().map((member) => `        <members>${escapeXml(member)}</members>`),
        `        <name>${type}</name>`,
        '    </types>',
      ].join('\n')
    );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Package xmlns="http://soap.sforce.com/2006/04/metadata">',
    ...types,
    `    <version>${apiVersion}</version>`,
    '</Package>',
    '',
  ].join('\n');
}

/** Compares the backup with the org's counts; returns one line per object that differs. */
export async function verifyBackup(org: InstallOrg, files: BackupFile[], objects: string[]): Promise<string[]> {
  const differences: string[] = [];
  for (const object of objects) {
    const inOrg = await org.countRecords(object);
    const backedUp = files.filter((file) => file.object === object).reduce((sum, file) => sum + file.records, 0);
    if (inOrg !== backedUp) differences.push(messages.getMessage('problem.countDiffers', [object, inOrg, backedUp]));
  }
  return differences;
}

export async function uninstallGlocal(options: UninstallOptions): Promise<UninstallOutcome> {
  const { org } = options;
  const installed = await org.readInstallRecord();
  const existing = new Set(await org.customObjectNames());
  if (!installed) {
    const glocalObjects = RECORD_OBJECTS.filter((object) => existing.has(object));
    // Objects with Glocal's names but no install record are someone else's: never delete them.
    if (glocalObjects.length > 0) throw messages.createError('error.notOurs', [glocalObjects.join(', ')]);
    throw messages.createError('error.notInstalled');
  }
  const objects = RECORD_OBJECTS.filter((object) => existing.has(object));

  options.onStage?.('backup');
  await mkdir(options.backupDir, { recursive: true });
  const backup = await options.backup(options.backupDir, objects);

  options.onStage?.('verify');
  const differences = await verifyBackup(org, backup, objects);
  if (differences.length > 0) {
    throw messages.createError('error.backupIncomplete', [options.backupDir, differences.join('\n')]);
  }
  const restore = restoreCommands(backup, options.targetOrg);
  await writeFile(
    join(options.backupDir, 'backup.json'),
    JSON.stringify(
      { version: installed.version, createdAt: new Date().toISOString(), files: backup, restoreCommands: restore },
      null,
      2
    ) + '\n'
  );

  const pack = await resolvePackComponents(options.packDir);
  const toDelete = componentsToDelete(
    pack.components.map((component) => ({ type: component.type.name, fullName: component.fullName }))
  );
  const records = backup.reduce((sum, file) => sum + file.records, 0);

  options.onStage?.('confirm');
  const confirmed = await options.confirm({ backupDir: options.backupDir, records, components: toDelete.length });
  const result: UninstallOutcome = {
    status: 'Cancelled',
    backupDir: options.backupDir,
    backup,
    restoreCommands: restore,
    componentsDeleted: 0,
    removedVersion: installed.version,
  };
  if (!confirmed) return result;

  options.onStage?.('delete');
  const folder = await mkdtemp(join(tmpdir(), 'glocal-uninstall-'));
  let deleted: DeployOutcome;
  try {
    await writeFile(join(folder, 'package.xml'), manifestXml(options.apiVersion));
    await writeFile(join(folder, 'destructiveChanges.xml'), manifestXml(options.apiVersion, toDelete));
    deleted = await deployMetadataFolder(folder, {
      connection: options.connection,
      waitMs: options.waitMs,
      pollIntervalMs: options.pollIntervalMs,
      onProgress: options.onProgress,
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  result.deployId = deleted.deployId;
  if (deleted.status === 'InProgress') return { ...result, status: 'InProgress' };
  if (deleted.status !== 'Succeeded') {
    const lines = deleted.failures.map((failure) => `  ${failure.type} ${failure.fullName}: ${failure.problem}`);
    if (lines.length === 0 && deleted.errorMessage) lines.push(`  ${deleted.errorMessage}`);
    const error = messages.createError('error.deleteFailed', [deleted.deployId, lines.join('\n'), options.backupDir]);
    error.setData({ deployId: deleted.deployId, failures: deleted.failures, backupDir: options.backupDir });
    throw error;
  }
  return { ...result, status: 'Uninstalled', componentsDeleted: toDelete.length };
}
