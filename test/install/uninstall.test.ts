import { join } from 'node:path';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, it, expect, afterAll } from '@jest/globals';
import type { Connection } from '@salesforce/core';
import { componentsToDelete, manifestXml, uninstallGlocal, type RecordBackup } from '../../src/install/uninstall.js';
import { FakeInstallOrg } from './fakeInstallOrg.js';

const fixturePack = join(process.cwd(), 'test/fixtures/install/pack');
const untouchable = new Proxy({} as Connection, {
  get(_target, property): never {
    throw new Error(`the uninstall used the connection (${String(property)}) but must not delete`);
  },
});

describe('uninstall safety', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
  const backupDir = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'glocal-backup-'));
    dirs.push(dir);
    return dir;
  };

  function installedOrg(): FakeInstallOrg {
    const org = new FakeInstallOrg();
    org.installed = { version: '1.0.0', checksum: 'x', languages: [] };
    org.objects = ['Market__c', 'Training_Course__c'];
    org.counts.set('Market__c', 6).set('Training_Course__c', 8);
    return org;
  }

  it('refuses to delete when the backup holds fewer records than the org', async () => {
    const org = installedOrg();
    const backup: RecordBackup = async (dir, objects) =>
      objects.map((object) => ({ object, file: join(dir, `${object}.csv`), records: object === 'Market__c' ? 5 : 8 }));
    let confirmed = false;
    await expect(
      uninstallGlocal({
        org,
        connection: untouchable,
        packDir: fixturePack,
        apiVersion: '62.0',
        backupDir: await backupDir(),
        backup,
        targetOrg: 'acme',
        confirm: async () => (confirmed = true),
        waitMs: 60_000,
      })
    ).rejects.toThrow(/incomplete[\s\S]*Market__c: 6 records in the org, 5 in the backup/);
    expect(confirmed).toBe(false);
  });

  it('stops without deleting when the user says no, keeping a verified backup', async () => {
    const org = installedOrg();
    const dir = await backupDir();
    const backup: RecordBackup = async (folder, objects) =>
      objects.map((object) => ({ object, file: join(folder, `${object}.csv`), records: org.counts.get(object) ?? 0 }));
    const outcome = await uninstallGlocal({
      org,
      connection: untouchable,
      packDir: fixturePack,
      apiVersion: '62.0',
      backupDir: dir,
      backup,
      targetOrg: 'acme',
      confirm: async () => false,
      waitMs: 60_000,
    });
    expect(outcome).toMatchObject({ status: 'Cancelled', componentsDeleted: 0, removedVersion: '1.0.0' });
    const manifest = JSON.parse(await readFile(join(dir, 'backup.json'), 'utf8')) as {
      files: unknown[];
      restoreCommands: string[];
    };
    expect(manifest.files).toHaveLength(2);
    expect(manifest.restoreCommands).toEqual([
      `sf glocal market import --file "${join(dir, 'Market__c.csv')}" --target-org acme`,
      `sf glocal course import --file "${join(dir, 'Training_Course__c.csv')}" --target-org acme`,
    ]);
  });

  it('never deletes objects it did not install', async () => {
    const org = installedOrg();
    org.installed = undefined;
    await expect(
      uninstallGlocal({
        org,
        connection: untouchable,
        packDir: fixturePack,
        apiVersion: '62.0',
        backupDir: await backupDir(),
        backup: async () => [],
        targetOrg: 'acme',
        confirm: async () => true,
        waitMs: 60_000,
      })
    ).rejects.toThrow(/Market__c, Training_Course__c.*no Glocal install record/);
  });

  it('lists top-level components and the install record, not translations', () => {
    const list = componentsToDelete([
      { type: 'CustomObject', fullName: 'Widget__c' },
      { type: 'Translations', fullName: 'da' },
      { type: 'CustomObjectTranslation', fullName: 'Widget__c-da' },
    ]);
    expect(manifestXml('62.0', list)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Package xmlns="http://soap.sforce.com/2006/04/metadata">',
        '    <types>',
        '        <members>Glocal_Install.Current</members>',
        '        <name>CustomMetadata</name>',
        '    </types>',
        '    <types>',
        '        <members>Widget__c</members>',
        '        <name>CustomObject</name>',
        '    </types>',
        '    <version>62.0</version>',
        '</Package>',
        '',
      ].join('\n')
    );
  });
});
