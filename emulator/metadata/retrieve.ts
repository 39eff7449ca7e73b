// Retrieve and listMetadata: answer from what was deployed (the MetadataStore), reassembling
// .object and .labels files from the separately stored components.
import { zipSync } from 'fflate';
import type { MetadataEntry } from '../org/schema.js';
import type { OrgContext } from '../types.js';
import { assembleObjectFile, OBJECT_CHILD_TYPES } from './customObject.js';
import { directoryOf, type PackageManifest } from './package.js';
import { buildMetadataXml, escapeXml, parseXml, type XmlNode } from './xml.js';

export interface FileProperties {
  createdById: string;
  createdByName: string;
  createdDate: string;
  fileName: string;
  fullName: string;
  id: string;
  lastModifiedById: string;
  lastModifiedByName: string;
  lastModifiedDate: string;
  manageableState: string;
  type: string;
}

export interface RetrieveOutcome {
  zip: Buffer;
  fileProperties: FileProperties[];
  messages: Array<{ fileName: string; problem: string }>;
}

const CHILD_TYPES = new Set(Object.values(OBJECT_CHILD_TYPES));
const EPOCH = '1970-01-01T00:00:00.000Z';

function properties(
  org: OrgContext,
  type: string,
  fullName: string,
  fileName: string,
  entry?: MetadataEntry
): FileProperties {
  return {
    createdById: org.userId,
    createdByName: org.username,
    createdDate: entry?.createdDate ?? EPOCH,
    fileName,
    fullName,
    id: entry?.id ?? '',
    lastModifiedById: org.userId,
    lastModifiedByName: org.username,
    lastModifiedDate: entry?.lastModifiedDate ?? EPOCH,
    manageableState: 'unmanaged',
    type,
  };
}

function objectFileName(objectName: string): string {
  return `objects/${objectName}.object`;
}

/** Members of a type that were deployed, expanding '*'. */
function membersOf(org: OrgContext, type: string, members: string[]): string[] {
  if (!members.includes('*')) return members;
  const names = new Set(members.filter((member) => member !== '*'));
  for (const entry of org.metadata.list(type)) names.add(entry.fullName);
  if (type === 'CustomObject') for (const object of objectsWithChildren(org)) names.add(object);
  return [...names];
}

function objectsWithChildren(org: OrgContext): string[] {
  const names = new Set<string>();
  for (const type of CHILD_TYPES) for (const entry of org.metadata.list(type)) names.add(entry.fullName.split('.')[0]);
  return [...names];
}

export function listMetadata(org: OrgContext, queries: Array<{ type: string; folder?: string }>): FileProperties[] {
  const result: FileProperties[] = [];
  for (const query of queries) {
    for (const entry of org.metadata.list(query.type)) {
      if (query.folder && !entry.fullName.startsWith(`${query.folder}/`)) continue;
      result.push(properties(org, query.type, entry.fullName, fileNameOf(entry), entry));
    }
  }
  return result;
}

function fileNameOf(entry: MetadataEntry): string {
  if (entry.type === 'CustomObject' || CHILD_TYPES.has(entry.type)) return objectFileName(entry.fullName.split('.')[0]);
  if (entry.type === 'CustomLabel') return 'labels/CustomLabels.labels';
  const main = entry.files.find((file) => !file.path.endsWith('-meta.xml')) ?? entry.files[0];
  if (main) return main.path;
  const directory = directoryOf(entry.type);
  return directory
    ? `${directory.directoryName}/${entry.fullName}${directory.suffix ? `.${directory.suffix}` : ''}`
    : entry.fullName;
}

export function runRetrieve(org: OrgContext, manifest: PackageManifest, singlePackage: boolean): RetrieveOutcome {
  const prefix = singlePackage ? '' : 'unpackaged/';
  const files: Record<string, Uint8Array> = {};
  const fileProperties: FileProperties[] = [];
  const messages: Array<{ fileName: string; problem: string }> = [];
  const notFound = (type: string, member: string): void => {
    messages.push({
      fileName: `${prefix}package.xml`,
      problem: `Entity of type '${type}' named '${member}' cannot be found`,
    });
  };

  // objects: lower-case name → the spelling, whether the whole object was asked for, and children
  interface ObjectRequest {
    name: string;
    whole: boolean;
    children: Array<{ type: string; fullName: string }>;
  }
  const objects = new Map<string, ObjectRequest>();
  const objectRequest = (name: string): ObjectRequest => {
    const key = name.toLowerCase();
    let request = objects.get(key);
    if (!request) {
      request = { name, whole: false, children: [] };
      objects.set(key, request);
    }
    return request;
  };
  const labels: string[] = [];
  let allLabels = false;

  for (const type of manifest.types) {
    for (const member of membersOf(org, type.name, type.members)) {
      if (type.name === 'CustomObject') {
        const known =
          org.metadata.get('CustomObject', member) ??
          objectsWithChildren(org).find((name) => name.toLowerCase() === member.toLowerCase());
        if (!known) {
          notFound(type.name, member);
          continue;
        }
        objectRequest(member).whole = true;
      } else if (CHILD_TYPES.has(type.name)) {
        if (!org.metadata.get(type.name, member)) {
          notFound(type.name, member);
          continue;
        }
        objectRequest(member.split('.')[0]).children.push({ type: type.name, fullName: member });
      } else if (type.name === 'CustomLabel') {
        if (!org.metadata.get('CustomLabel', member)) {
          notFound(type.name, member);
          continue;
        }
        labels.push(member);
      } else if (type.name === 'CustomLabels') {
        if (!org.metadata.get('CustomLabels', member)) {
          notFound(type.name, member);
          continue;
        }
        allLabels = true;
      } else {
        const entry = org.metadata.get(type.name, member);
        if (!entry) {
          notFound(type.name, member);
          continue;
        }
        for (const file of entry.files) files[prefix + file.path] = new Uint8Array(file.content);
        fileProperties.push(properties(org, type.name, member, prefix + fileNameOf(entry), entry));
      }
    }
  }

  for (const request of objects.values()) {
    const objectEntry = org.metadata
      .list('CustomObject')
      .find((entry) => entry.fullName.toLowerCase() === request.name.toLowerCase());
    const objectName = objectEntry?.fullName ?? request.name;
    const children: MetadataEntry[] = [];
    if (request.whole) {
      for (const type of CHILD_TYPES) {
        for (const entry of org.metadata.list(type)) {
          if (entry.fullName.toLowerCase().startsWith(`${objectName.toLowerCase()}.`)) children.push(entry);
        }
      }
    }
    for (const child of request.children) {
      const entry = org.metadata.get(child.type, child.fullName);
      if (entry && !children.includes(entry)) children.push(entry);
    }
    const fileName = prefix + objectFileName(objectName);
    files[fileName] = Buffer.from(
      assembleObjectFile(
        request.whole ? objectEntry?.xml : undefined,
        children.map((entry) => ({ type: entry.type, xml: entry.xml ?? '' }))
      )
    );
    if (request.whole) fileProperties.push(properties(org, 'CustomObject', objectName, fileName, objectEntry));
    for (const entry of children) fileProperties.push(properties(org, entry.type, entry.fullName, fileName, entry));
  }

  if (allLabels || labels.length > 0) {
    const names = allLabels ? org.metadata.list('CustomLabel').map((entry) => entry.fullName) : labels;
    const labelNodes = names.map(
      (name) => parseXml(org.metadata.get('CustomLabel', name)?.xml ?? '', name).labels as XmlNode
    );
    const fileName = `${prefix}labels/CustomLabels.labels`;
    files[fileName] = Buffer.from(buildMetadataXml('CustomLabels', { labels: labelNodes }));
    if (allLabels)
      fileProperties.push(
        properties(org, 'CustomLabels', 'CustomLabels', fileName, org.metadata.get('CustomLabels', 'CustomLabels'))
      );
    for (const name of names)
      fileProperties.push(properties(org, 'CustomLabel', name, fileName, org.metadata.get('CustomLabel', name)));
  }

  files[`${prefix}package.xml`] = Buffer.from(manifestXml(manifest));
  fileProperties.push(properties(org, 'Package', `${prefix}package.xml`, `${prefix}package.xml`));
  return { zip: Buffer.from(zipSync(files)), fileProperties, messages };
}

export function manifestXml(manifest: PackageManifest): string {
  const types = manifest.types
    .map(
      (type) =>
        `    <types>\n${type.members.map((member) => `        <members>${escapeXml(member)}</members>\n`).join('')}        <name>${escapeXml(type.name)}</name>\n    </types>\n`
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata">\n${types}    <version>${escapeXml(manifest.version ?? '62.0')}</version>\n</Package>\n`;
}
