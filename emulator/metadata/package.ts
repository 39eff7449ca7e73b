// Reads a Metadata API deploy zip: finds package.xml (and destructive-change manifests), then
// groups every other file into components by the metadata registry's directory and suffix rules.
import { unzipSync } from 'fflate';
import { registry } from '@salesforce/source-deploy-retrieve';
import { list, nodes, parseXml, text } from './xml.js';

export interface PackageFile {
  /** path relative to the package root, e.g. 'objects/Market__c.object' */
  path: string;
  content: Buffer;
}

export interface PackageComponent {
  type: string;
  fullName: string;
  files: PackageFile[];
  /** the component's main metadata XML file (e.g. the .object or the -meta.xml) */
  xmlPath?: string;
}

export interface PackageManifest {
  types: Array<{ name: string; members: string[] }>;
  version?: string;
}

export interface DeployPackage {
  manifest: PackageManifest;
  components: PackageComponent[];
  destructivePre?: PackageManifest;
  destructivePost?: PackageManifest;
  /** files that belong to no known metadata directory */
  unknownFiles: string[];
}

export class DeployPackageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'DeployPackageError';
  }
}

interface RegistryType {
  name: string;
  directoryName?: string;
  suffix?: string;
  inFolder?: boolean;
  folderType?: string;
  strategies?: { adapter?: string };
}

const TYPES = Object.values(registry.types) as unknown as RegistryType[];
const TYPES_BY_DIRECTORY = new Map<string, RegistryType[]>();
for (const type of TYPES) {
  if (!type.directoryName) continue;
  const key = type.directoryName.toLowerCase();
  TYPES_BY_DIRECTORY.set(key, [...(TYPES_BY_DIRECTORY.get(key) ?? []), type]);
}

/** The registry's directory for a type name ('CustomObject' → 'objects'). */
export function directoryOf(typeName: string): { directoryName: string; suffix?: string; bundle: boolean } | undefined {
  const type = TYPES.find((candidate) => candidate.name === typeName);
  if (!type?.directoryName) return undefined;
  return { directoryName: type.directoryName, suffix: type.suffix, bundle: type.strategies?.adapter === 'bundle' };
}

export function readManifest(xml: string, fileName: string): PackageManifest {
  const root = parseXml(xml, fileName).Package;
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    throw new DeployPackageError(`${fileName}: the root element must be <Package>`);
  }
  return {
    types: nodes(root.types).map((type) => ({
      name: text(type.name) ?? '',
      members: list(type.members).map((member) => text(member) ?? ''),
    })),
    version: text(root.version),
  };
}

/** Identifies the component a metadata-format file belongs to, or undefined when unknown. */
export function componentOfPath(path: string): { type: string; fullName: string; isXml: boolean } | undefined {
  const segments = path.split('/');
  if (segments.length < 2) return undefined;
  const candidates = TYPES_BY_DIRECTORY.get(segments[0].toLowerCase());
  if (!candidates) return undefined;
  const rest = segments.slice(1).join('/');
  const file = segments[segments.length - 1];
  const bundle = candidates.find((type) => type.strategies?.adapter === 'bundle');
  if (bundle && segments.length >= 3) {
    return { type: bundle.name, fullName: segments[1], isXml: file.endsWith('-meta.xml') };
  }
  const stripped = rest.replace(/-meta\.xml$/, '');
  const isMeta = rest !== stripped;
  for (const type of candidates) {
    if (type.suffix && stripped.endsWith(`.${type.suffix}`)) {
      const fullName = stripped.slice(0, -(type.suffix.length + 1));
      if (type.inFolder && !fullName.includes('/')) continue;
      return { type: type.name, fullName, isXml: isMeta || !hasContentFile(type) };
    }
  }
  // folders of inFolder types: reports/Sales.reportFolder-meta.xml or reports/Sales-meta.xml
  const folderType = candidates.find((type) => type.inFolder && type.folderType);
  if (folderType && isMeta && !stripped.includes('/')) {
    const folder = TYPES.find((type) => type.name.toLowerCase() === folderType.folderType);
    return {
      type: folder?.name ?? `${folderType.name}Folder`,
      fullName: stripped.replace(/\.[^.]+$/, ''),
      isXml: true,
    };
  }
  // content types whose content file has any extension (e.g. staticresources/x.resource + x.resource-meta.xml)
  const primary = candidates[0];
  return { type: primary.name, fullName: stripped.replace(/\.[^./]+$/, ''), isXml: isMeta };
}

function hasContentFile(type: RegistryType): boolean {
  const adapter = type.strategies?.adapter;
  return adapter === 'matchingContentFile' || adapter === 'mixedContent';
}

export function readDeployZip(zip: Buffer): DeployPackage {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength));
  } catch (error) {
    throw new DeployPackageError(`The deploy zip could not be read: ${(error as Error).message}`);
  }
  const paths = Object.keys(entries).filter((path) => !path.endsWith('/'));
  const manifestPath = paths
    .filter((path) => path === 'package.xml' || path.endsWith('/package.xml'))
    .sort((a, b) => a.length - b.length)[0];
  if (!manifestPath) throw new DeployPackageError('No package.xml found');
  const prefix = manifestPath.slice(0, -'package.xml'.length);
  const read = (path: string): string => Buffer.from(entries[path]).toString('utf8');

  const manifest = readManifest(read(manifestPath), 'package.xml');
  const optionalManifest = (name: string): PackageManifest | undefined =>
    entries[prefix + name] ? readManifest(read(prefix + name), name) : undefined;
  const destructivePre = optionalManifest('destructiveChangesPre.xml');
  const destructive = optionalManifest('destructiveChanges.xml');
  const destructivePost = optionalManifest('destructiveChangesPost.xml');

  const components = new Map<string, PackageComponent>();
  const unknownFiles: string[] = [];
  for (const fullPath of paths) {
    if (!fullPath.startsWith(prefix)) continue;
    const path = fullPath.slice(prefix.length);
    if (/^(package|destructiveChanges(Pre|Post)?)\.xml$/.test(path)) continue;
    const identity = componentOfPath(path);
    if (!identity) {
      unknownFiles.push(path);
      continue;
    }
    const key = `${identity.type}\u0000${identity.fullName}`;
    let component = components.get(key);
    if (!component) {
      component = { type: identity.type, fullName: identity.fullName, files: [] };
      components.set(key, component);
    }
    component.files.push({ path, content: Buffer.from(entries[fullPath]) });
    if (identity.isXml && !component.xmlPath) component.xmlPath = path;
  }
  return {
    manifest,
    components: [...components.values()],
    destructivePre,
    // destructiveChanges.xml runs after the deploy unless the Pre variant is used
    destructivePost: mergeManifests(destructive, destructivePost),
    unknownFiles,
  };
}

function mergeManifests(a?: PackageManifest, b?: PackageManifest): PackageManifest | undefined {
  if (!a) return b;
  if (!b) return a;
  return { types: [...a.types, ...b.types], version: a.version ?? b.version };
}
