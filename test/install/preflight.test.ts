import { describe, it, expect } from '@jest/globals';
import { SfError } from '@salesforce/core';
import { countsAgainstLimit, runPreflight } from '../../src/install/preflight.js';
import { FakeInstallOrg } from './fakeInstallOrg.js';

const packObjects = ['Market__c', 'Training_Course__c', 'Glocal_Install__mdt'];

async function preflightError(org: FakeInstallOrg, installed = org.installed): Promise<SfError> {
  try {
    await runPreflight(org, { packObjects, installed });
  } catch (error) {
    return error as SfError;
  }
  throw new Error('preflight passed');
}

describe('preflight', () => {
  it('passes a ready org and reports the headroom it found', async () => {
    const org = new FakeInstallOrg();
    org.objects = ['Account', 'Old_Thing__c', 'acme__Managed__c'];
    const report = await runPreflight(org, { packObjects, installed: undefined });
    expect(report).toEqual({
      orgApiVersion: '62.0',
      customObjects: { used: 1, adding: 2, limit: 400 },
      skipped: [],
    });
  });

  it('refuses an org whose API version is older than 62.0, naming both versions', async () => {
    const org = new FakeInstallOrg();
    org.apiVersion = '61.0';
    const error = await preflightError(org);
    expect(error.name).toBe('ApiVersionTooOldError');
    expect(error.message).toContain('61.0');
    expect(error.actions?.join(' ')).toContain('62.0');
  });

  it('refuses a user without Customize Application or Modify Metadata', async () => {
    const org = new FakeInstallOrg();
    org.permissions = { modifyAllData: false, modifyMetadata: false, customizeApplication: false };
    const error = await preflightError(org);
    expect(error.name).toBe('MissingPermissionsError');
    expect(error.message).toContain('Customize Application, Modify Metadata');
  });

  it('refuses objects with Glocal names that Glocal did not install, but not its own', async () => {
    const org = new FakeInstallOrg();
    org.objects = ['Account', 'Market__c'];
    const error = await preflightError(org);
    expect(error.name).toBe('NameCollisionError');
    expect(error.message).toContain('Market__c');
    await expect(
      runPreflight(org, { packObjects, installed: { version: '0.1.0', checksum: 'x', languages: [] } })
    ).resolves.toBeDefined();
  });

  it('refuses when the new objects would pass the edition limit', async () => {
    const org = new FakeInstallOrg();
    org.edition = 'Professional Edition';
    org.objects = Array.from({ length: 49 }, (_, i) => `Thing${i}__c`);
    const error = await preflightError(org);
    expect(error.name).toBe('NoHeadroomError');
    expect(error.message).toBe('This Professional Edition org allows 50 custom objects; it has 49 and Glocal adds 2.');
  });

  it('lists every problem at once', async () => {
    const org = new FakeInstallOrg();
    org.apiVersion = '58.0';
    org.objects = ['Market__c'];
    const error = await preflightError(org);
    expect(error.name).toBe('GlocalPreflightFailed');
    expect(error.message).toMatch(/58\.0[\s\S]*Market__c/);
  });

  it('says which checks it could not make instead of failing', async () => {
    const org = new FakeInstallOrg();
    org.permissions = undefined;
    org.edition = 'Mystery Edition';
    const report = await runPreflight(org, { packObjects, installed: undefined });
    expect(report.skipped).toHaveLength(2);
    expect(report.skipped[1]).toContain('Mystery Edition');
  });

  it('counts only unmanaged custom objects against the limit', () => {
    expect(countsAgainstLimit('Market__c')).toBe(true);
    expect(countsAgainstLimit('acme__Thing__c')).toBe(false);
    expect(countsAgainstLimit('Glocal_Install__mdt')).toBe(false);
  });
});
