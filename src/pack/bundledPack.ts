/*
 * The Glocal pack ships inside the npm package (package.json `files` lists force-app), so every
 * command can find it next to its own compiled code: lib/pack/ and src/pack/ sit at the same depth.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

export const BASE_LANGUAGE = 'en_US';

export type PackObject = {
  apiName: string;
  label: string;
  pluralLabel: string;
  customFields: number;
};

export type PackInfo = {
  name: string;
  version: string;
  apiVersion: string;
  packageDirectory: string;
  objects: PackObject[];
  permissionSets: string[];
  languages: string[];
};

/** Absolute path of the installed npm package (or the repo when run from source). */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** The package directory handed to source-deploy-retrieve (`ComponentSet.fromSource`). */
export function packRoot(): string {
  return join(packageRoot(), 'force-app');
}

/** Where the metadata folders (objects/, translations/ …) live. */
export function packMetadataDir(): string {
  return join(packRoot(), 'main', 'default');
}

// Metadata files are plain, DTD-free XML; entities stay off so a crafted file cannot expand.
const xml = new XMLParser({ ignoreAttributes: true, processEntities: false, parseTagValue: false });

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readPackObject(objectsDir: string, apiName: string): Promise<PackObject> {
  const file = join(objectsDir, apiName, `${apiName}.object-meta.xml`);
  const parsed = xml.parse(await readFile(file, 'utf8')) as { CustomObject?: Record<string, unknown> };
  const object = parsed.CustomObject ?? {};
  const fields = await listDir(join(objectsDir, apiName, 'fields'));
  return {
    apiName,
    label: String(object.label ?? apiName),
    pluralLabel: String(object.pluralLabel ?? object.label ?? apiName),
    customFields: fields.filter((name) => name.endsWith('.field-meta.xml')).length,
  };
}

/** Languages the pack is translated into: one Translations file per language, plus the base. */
async function readLanguages(metadataDir: string): Promise<string[]> {
  const suffix = '.translation-meta.xml';
  const translated = (await listDir(join(metadataDir, 'translations')))
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, -suffix.length));
  return [BASE_LANGUAGE, ...translated.filter((language) => language !== BASE_LANGUAGE)];
}

/** What the bundled pack contains, read from its metadata alone (no org needed). */
export async function readPackInfo(root: string = packageRoot()): Promise<PackInfo> {
  const packageJson = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const project = JSON.parse(await readFile(join(root, 'sfdx-project.json'), 'utf8')) as {
    sourceApiVersion: string;
  };
  const metadataDir = join(root, 'force-app', 'main', 'default');
  const objectsDir = join(metadataDir, 'objects');
  const objectNames = (await listDir(objectsDir)).filter((name) => /__(c|mdt)$/.test(name));
  const permissionSetSuffix = '.permissionset-meta.xml';
  return {
    name: packageJson.name,
    version: packageJson.version,
    apiVersion: project.sourceApiVersion,
    packageDirectory: join(root, 'force-app'),
    objects: await Promise.all(objectNames.map((name) => readPackObject(objectsDir, name))),
    permissionSets: (await listDir(join(metadataDir, 'permissionsets')))
      .filter((name) => name.endsWith(permissionSetSuffix))
      .map((name) => name.slice(0, -permissionSetSuffix.length)),
    languages: await readLanguages(metadataDir),
  };
}
