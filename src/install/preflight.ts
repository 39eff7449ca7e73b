/*
 * Checks made before an install changes anything. Each failure is an SfError that says what is
 * wrong and what to do; the caller shows them all at once rather than one per attempt.
 */
import { Messages, SfError } from '@salesforce/core';
import type { InstallOrg } from './installOrg.js';
import { compareVersions, type InstalledGlocal } from './version.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.install');

export const MIN_API_VERSION = '62.0';

/** Custom objects an org may hold, by Organization.OrganizationType (Salesforce's edition limits). */
export const CUSTOM_OBJECT_LIMITS: Record<string, number> = {
  'Contact Manager Edition': 5,
  'Team Edition': 50,
  'Group Edition': 50,
  'Professional Edition': 50,
  'Enterprise Edition': 200,
  'Developer Edition': 400,
  'Unlimited Edition': 2000,
  'Performance Edition': 2000,
};

export type PreflightInput = {
  /** Custom objects the pack creates (`__c` only; custom metadata types do not count). */
  packObjects: string[];
  /** What the org's Glocal_Install.Current says, if anything. */
  installed: InstalledGlocal | undefined;
};

export type PreflightReport = {
  orgApiVersion: string;
  customObjects: { used: number; adding: number; limit?: number };
  /** Checks that could not be made in this org (told to the user, not fatal). */
  skipped: string[];
};

/** Objects that count against the edition limit: unmanaged `__c` objects (one `__` only). */
export function countsAgainstLimit(objectName: string): boolean {
  return objectName.endsWith('__c') && objectName.indexOf('__') === objectName.length - 3;
}

export async function runPreflight(org: InstallOrg, input: PreflightInput): Promise<PreflightReport> {
  const problems: SfError[] = [];
  const skipped: string[] = [];

  const orgApiVersion = await org.maxApiVersion();
  if (compareVersions(orgApiVersion, MIN_API_VERSION) < 0) {
    problems.push(messages.createError('error.apiVersionTooOld', [orgApiVersion, MIN_API_VERSION], [MIN_API_VERSION]));
  }

  const permissions = await org.userPermissions();
  if (!permissions) {
    skipped.push(messages.getMessage('preflight.skipped.permissions'));
  } else {
    const missing: string[] = [];
    if (!permissions.customizeApplication) missing.push('Customize Application');
    if (!permissions.modifyMetadata && !permissions.modifyAllData)
      missing.push('Modify Metadata Through Metadata API Functions');
    if (missing.length > 0) problems.push(messages.createError('error.missingPermissions', [missing.join(', ')]));
  }

  const existing = await org.customObjectNames();
  const existingSet = new Set(existing);
  if (!input.installed) {
    const collisions = input.packObjects.filter((name) => existingSet.has(name));
    if (collisions.length > 0) {
      problems.push(messages.createError('error.nameCollision', [collisions.join(', ')]));
    }
  }

  const used = existing.filter(countsAgainstLimit).length;
  const adding = input.packObjects.filter((name) => countsAgainstLimit(name) && !existingSet.has(name)).length;
  const edition = await org.organizationType();
  const limit = edition ? CUSTOM_OBJECT_LIMITS[edition] : undefined;
  if (limit === undefined) {
    skipped.push(messages.getMessage('preflight.skipped.headroom', [edition ?? 'unknown']));
  } else if (used + adding > limit) {
    problems.push(messages.createError('error.noHeadroom', [edition, limit, used, adding]));
  }

  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) {
    const combined = new SfError(
      messages.getMessage('error.preflightFailed', [problems.map((problem) => `- ${problem.message}`).join('\n')]),
      'GlocalPreflightFailed',
      problems.flatMap((problem) => problem.actions ?? [])
    );
    combined.setData({ problems: problems.map((problem) => ({ name: problem.name, message: problem.message })) });
    throw combined;
  }
  return { orgApiVersion, customObjects: { used, adding, limit }, skipped };
}
