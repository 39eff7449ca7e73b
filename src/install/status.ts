/*
 * `sf glocal status`: what the org has against what the plugin carries. Components are compared
 * by listMetadata (present / missing) and by last-modified date against the install record's own
 * (changed since install). Healthy means installed, same version, nothing missing or changed.
 */
import { Messages } from '@salesforce/core';
import { INSTALL_RECORD_FULL_NAME } from './installRecord.js';
import type { InstallOrg, MetadataListing } from './installOrg.js';
import { describeComponents, resolvePackComponents, type PackComponent } from './packComponents.js';
import { PERMISSION_SETS } from './assign.js';
import { compareVersions } from './version.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.status');

/** Types listMetadata cannot answer one-for-one with the source (translations are per language). */
const NOT_LISTED = new Set([
  'Translations',
  'CustomObjectTranslation',
  'GlobalValueSetTranslation',
  'StandardValueSetTranslation',
  'CustomFieldTranslation',
  'CustomLabels',
]);

/** Edits within this window after the install record count as part of the install itself. */
export const CHANGE_TOLERANCE_MS = 10 * 60 * 1000;

export type ComponentState = PackComponent & { state: 'present' | 'missing' | 'changed'; lastModifiedDate?: string };

export type GlocalStatus = {
  healthy: boolean;
  installedVersion?: string;
  pluginVersion: string;
  languages: string[];
  components: { expected: number; present: number; missing: PackComponent[]; changed: ComponentState[] };
  records: Array<{ object: string; count: number }>;
  permissionSets: Array<{ name: string; exists: boolean; assignments: number }>;
  problems: string[];
  actions: string[];
};

export function componentsToCheck(components: PackComponent[]): PackComponent[] {
  return components.filter((component) => !NOT_LISTED.has(component.type));
}

export function compareComponents(
  expected: PackComponent[],
  listed: MetadataListing[],
  installedAt: string | undefined
): ComponentState[] {
  const index = new Map(listed.map((entry) => [`${entry.type}:${entry.fullName}`, entry]));
  const cutoff = installedAt ? Date.parse(installedAt) + CHANGE_TOLERANCE_MS : undefined;
  return expected.map((component) => {
    const entry = index.get(`${component.type}:${component.fullName}`);
    if (!entry) return { ...component, state: 'missing' };
    const modified = entry.lastModifiedDate ? Date.parse(entry.lastModifiedDate) : undefined;
    const changed = cutoff !== undefined && modified !== undefined && !Number.isNaN(modified) && modified > cutoff;
    return { ...component, state: changed ? 'changed' : 'present', lastModifiedDate: entry.lastModifiedDate };
  });
}

export async function glocalStatus(options: {
  org: InstallOrg;
  packDir: string;
  pluginVersion: string;
}): Promise<GlocalStatus> {
  const { org } = options;
  const installed = await org.readInstallRecord();
  const problems: string[] = [];
  const actions: string[] = [];
  const permissionSetNames = Object.values(PERMISSION_SETS);
  const status: GlocalStatus = {
    healthy: false,
    installedVersion: installed?.version,
    pluginVersion: options.pluginVersion,
    languages: installed?.languages ?? [],
    components: { expected: 0, present: 0, missing: [], changed: [] },
    records: [],
    permissionSets: [],
    problems,
    actions,
  };
  if (!installed) {
    problems.push(messages.getMessage('problem.notInstalled'));
    actions.push(messages.getMessage('action.install'));
    return status;
  }

  const pack = await resolvePackComponents(
    options.packDir,
    installed.languages.length > 0 ? installed.languages : undefined
  ).catch(() => resolvePackComponents(options.packDir));
  const expected = componentsToCheck(describeComponents(pack.components));
  const types = [...new Set([...expected.map((component) => component.type), 'CustomMetadata'])].sort();
  const listed = await org.listMetadata(types);
  const record = listed.find((entry) => entry.type === 'CustomMetadata' && entry.fullName === INSTALL_RECORD_FULL_NAME);
  const states = compareComponents(expected, listed, record?.lastModifiedDate);
  status.components = {
    expected: expected.length,
    present: states.filter((state) => state.state !== 'missing').length,
    missing: states.filter((state) => state.state === 'missing').map(({ type, fullName }) => ({ type, fullName })),
    changed: states.filter((state) => state.state === 'changed'),
  };

  const objects = pack.components
    .filter((component) => component.type.name === 'CustomObject' && component.fullName.endsWith('__c'))
    .map((component) => component.fullName)
    .sort();
  const present = new Set(listed.filter((entry) => entry.type === 'CustomObject').map((entry) => entry.fullName));
  for (const object of objects) {
    if (present.has(object)) status.records.push({ object, count: await org.countRecords(object) });
  }

  const ids = await org.permissionSetIds(permissionSetNames);
  const assignments = await org.assignments([...ids.values()]);
  status.permissionSets = permissionSetNames.map((name) => ({
    name,
    exists: ids.has(name),
    assignments: assignments.filter((assignment) => assignment.permissionSet === ids.get(name)).length,
  }));

  const order = compareVersions(options.pluginVersion, installed.version);
  if (order > 0) {
    problems.push(messages.getMessage('problem.upgradeAvailable', [installed.version, options.pluginVersion]));
    actions.push(messages.getMessage('action.install'));
  } else if (order < 0) {
    problems.push(messages.getMessage('problem.pluginOlder', [installed.version, options.pluginVersion]));
    actions.push(messages.getMessage('action.updatePlugin'));
  }
  if (status.components.missing.length > 0) {
    problems.push(
      messages.getMessage('problem.missing', [
        status.components.missing.length,
        status.components.missing
          .slice(0, 10)
          .map((component) => `${component.type}:${component.fullName}`)
          .join(', '),
      ])
    );
    actions.push(messages.getMessage('action.repair'));
  }
  if (status.components.changed.length > 0) {
    problems.push(
      messages.getMessage('problem.changed', [
        status.components.changed.length,
        status.components.changed
          .slice(0, 10)
          .map((component) => `${component.type}:${component.fullName}`)
          .join(', '),
      ])
    );
    actions.push(messages.getMessage('action.repairChanged'));
  }
  status.healthy = problems.length === 0;
  status.actions = [...new Set(actions)];
  return status;
}
