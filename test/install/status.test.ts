import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { compareComponents, glocalStatus } from '../../src/install/status.js';
import { FakeInstallOrg } from './fakeInstallOrg.js';

const fixturePack = join(process.cwd(), 'test/fixtures/install/pack');
const installedAt = '2026-11-01T10:00:00.000Z';

function installedOrg(): FakeInstallOrg {
  const org = new FakeInstallOrg();
  org.installed = { version: '1.0.0', checksum: 'x', languages: ['en_US', 'da', 'de'] };
  org.listings = [
    { type: 'CustomMetadata', fullName: 'Glocal_Install.Current', lastModifiedDate: installedAt },
    { type: 'CustomObject', fullName: 'Widget__c', lastModifiedDate: installedAt },
    { type: 'CustomField', fullName: 'Widget__c.Size__c', lastModifiedDate: installedAt },
    { type: 'GlobalValueSet', fullName: 'Colors', lastModifiedDate: installedAt },
    { type: 'PermissionSet', fullName: 'Glocal_Admin', lastModifiedDate: installedAt },
  ];
  org.counts.set('Widget__c', 12);
  org.existingAssignments = [{ permissionSet: '0PS000000000001AAA', userId: '005000000000001AAA' }];
  return org;
}

describe('status', () => {
  it('is healthy when everything installed is present and unchanged', async () => {
    const status = await glocalStatus({ org: installedOrg(), packDir: fixturePack, pluginVersion: '1.0.0' });
    expect(status).toMatchObject({
      healthy: true,
      installedVersion: '1.0.0',
      languages: ['en_US', 'da', 'de'],
      components: { expected: 4, present: 4, missing: [], changed: [] },
      records: [{ object: 'Widget__c', count: 12 }],
      problems: [],
    });
    expect(status.permissionSets).toEqual([
      { name: 'Glocal_Admin', exists: true, assignments: 1 },
      { name: 'Glocal_Manager', exists: true, assignments: 0 },
      { name: 'Glocal_Partner', exists: true, assignments: 0 },
    ]);
  });

  it('reports missing and changed components with what to do', async () => {
    const org = installedOrg();
    org.listings = org.listings.filter((listing) => listing.fullName !== 'Widget__c.Size__c');
    org.listings.find((listing) => listing.fullName === 'Colors')!.lastModifiedDate = '2026-11-03T09:00:00.000Z';
    const status = await glocalStatus({ org, packDir: fixturePack, pluginVersion: '1.0.0' });
    expect(status.healthy).toBe(false);
    expect(status.components.missing).toEqual([{ type: 'CustomField', fullName: 'Widget__c.Size__c' }]);
    expect(status.components.changed.map((c) => c.fullName)).toEqual(['Colors']);
    expect(status.problems.join('\n')).toMatch(/1 component\(s\) are missing: CustomField:Widget__c.Size__c/);
    expect(status.actions.join('\n')).toContain('sf glocal install --force');
  });

  it('says to install when Glocal is not in the org, and to upgrade when the plugin is newer', async () => {
    const empty = await glocalStatus({ org: new FakeInstallOrg(), packDir: fixturePack, pluginVersion: '1.0.0' });
    expect(empty).toMatchObject({ healthy: false, problems: ['Glocal is not installed in this org.'] });
    const older = await glocalStatus({ org: installedOrg(), packDir: fixturePack, pluginVersion: '1.1.0' });
    expect(older.healthy).toBe(false);
    expect(older.problems[0]).toBe('The org has Glocal 1.0.0; this plugin carries 1.1.0.');
  });

  it('treats edits inside the install window as part of the install', () => {
    const states = compareComponents(
      [{ type: 'CustomObject', fullName: 'A__c' }],
      [{ type: 'CustomObject', fullName: 'A__c', lastModifiedDate: '2026-11-01T10:05:00.000Z' }],
      installedAt
    );
    expect(states[0].state).toBe('present');
  });
});
