// Custom permissions a deployed PermissionSet grants ($Permission.X in formulas), read from the
// PermissionSet XML kept in the metadata store.
import { XMLParser } from 'fast-xml-parser';
import type { MetadataStore } from './schema.js';

const parser = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'customPermissions' });
const cache = new Map<string, { xml: string; names: string[] }>();

export function customPermissionsFromMetadata(metadata: MetadataStore, permissionSetName: string): string[] {
  const entry = metadata.get('PermissionSet', permissionSetName);
  const xml =
    entry?.xml ??
    entry?.files
      .find((f) => f.path.endsWith('.permissionset') || f.path.endsWith('-meta.xml'))
      ?.content.toString('utf8');
  if (!xml) return [];
  const hit = cache.get(permissionSetName);
  if (hit && hit.xml === xml) return hit.names;
  const doc = parser.parse(xml) as {
    PermissionSet?: { customPermissions?: Array<{ name?: string; enabled?: boolean | string }> };
  };
  const names = (doc.PermissionSet?.customPermissions ?? [])
    .filter((p) => p.enabled === true || p.enabled === 'true')
    .map((p) => String(p.name));
  cache.set(permissionSetName, { xml, names });
  return names;
}
