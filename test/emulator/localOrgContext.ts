// An in-process org context (schema, store, metadata, faults) without an HTTP server, for fast
// tests of the metadata and bulk modules.
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { zipSync } from 'fflate';
import { FaultController } from '../../emulator/http/faults.js';
import { customPermissionsFromMetadata } from '../../emulator/org/permissions.js';
import { MetadataStore, OrgSchema } from '../../emulator/org/schema.js';
import { seedStandardOrg } from '../../emulator/org/standardObjects.js';
import { RecordStore } from '../../emulator/org/store.js';
import type { OrgContext } from '../../emulator/types.js';

export const TEST_ORG_ID = '00D000000000001AAA';
export const TEST_USER_ID = '005000000000001AAA';

export function localOrgContext(): OrgContext {
  const schema = new OrgSchema();
  const store = new RecordStore(schema, () => TEST_USER_ID);
  const metadata = new MetadataStore();
  store.customPermissionsOf = (name) => customPermissionsFromMetadata(metadata, name);
  seedStandardOrg(schema, store, { orgId: TEST_ORG_ID, userId: TEST_USER_ID, username: 'admin@glocal.local' });
  return {
    instanceUrl: 'http://127.0.0.1:0',
    accessToken: '00D000000000001!LOCAL',
    orgId: TEST_ORG_ID,
    userId: TEST_USER_ID,
    username: 'admin@glocal.local',
    apiVersion: '62.0',
    schema,
    store,
    metadata,
    faults: new FaultController(),
    limits: { used: 0, max: 100000 },
    sessions: new Set(['00D000000000001!LOCAL']),
  };
}

/** A metadata-format zip of a source-format directory, built the way `sf project deploy start` builds it. */
export async function zipOfSource(sourceDir: string): Promise<Buffer> {
  const components = ComponentSet.fromSource(sourceDir);
  const result = await new MetadataConverter().convert(components, 'metadata', { type: 'zip' });
  if (!result.zipBuffer) throw new Error(`no zip produced for ${sourceDir}`);
  return result.zipBuffer;
}

/** A zip of literal metadata-format files (path → content). */
export function zipOf(files: Record<string, string>): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, content] of Object.entries(files)) entries[path] = new Uint8Array(Buffer.from(content));
  return Buffer.from(zipSync(entries));
}

export function packageXml(types: Record<string, string[]>, version = '62.0'): string {
  const body = Object.entries(types)
    .map(
      ([name, members]) =>
        `<types>${members.map((m) => `<members>${m}</members>`).join('')}<name>${name}</name></types>`
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata">${body}<version>${version}</version></Package>`;
}
