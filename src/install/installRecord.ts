/*
 * Glocal_Install.Current, the custom metadata record that says which Glocal is in an org. It is
 * written into a staging folder and deployed with the pack, so it exists iff the deploy succeeded.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InstalledGlocal } from './version.js';

export const INSTALL_RECORD_TYPE = 'Glocal_Install__mdt';
export const INSTALL_RECORD_FULL_NAME = 'Glocal_Install.Current';

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The record in source format (customMetadata/Glocal_Install.Current.md-meta.xml). */
export function installRecordXml(record: InstalledGlocal): string {
  const value = (field: string, text: string): string =>
    [
      '    <values>',
      `        <field>${field}</field>`,
      `        <value xsi:type="xsd:string">${escapeXml(text)}</value>`,
      '    </values>',
    ].join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
    '    <label>Current</label>',
    '    <protected>false</protected>',
    value('Version__c', record.version),
    value('Checksum__c', record.checksum),
    value('Languages__c', record.languages.join(',')),
    '</CustomMetadata>',
    '',
  ].join('\n');
}

/** Writes the record into a fresh staging package directory and returns that directory. */
export async function stageInstallRecord(record: InstalledGlocal): Promise<string> {
  const stagingDir = await mkdtemp(join(tmpdir(), 'glocal-install-'));
  const folder = join(stagingDir, 'main', 'default', 'customMetadata');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, `${INSTALL_RECORD_FULL_NAME}.md-meta.xml`), installRecordXml(record), 'utf8');
  return stagingDir;
}
