// Org mode: the translatable metadata and its translations are retrieved with
// source-deploy-retrieve, in source format, into a temporary directory; from there on the same code
// reads it as it reads a local project.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '@salesforce/core';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { l10nError } from './l10nErrors.js';

/** Types whose components hold translatable text, and the translation types. */
export const TRANSLATABLE_METADATA_TYPES = [
  'CustomLabels',
  'CustomObject',
  'GlobalValueSet',
  'StandardValueSet',
  'Layout',
  'QuickAction',
  'CustomTab',
  'CustomApplication',
  'Translations',
  'CustomObjectTranslation',
  'GlobalValueSetTranslation',
  'StandardValueSetTranslation',
];

export interface RetrievedProject {
  /** Directory holding sfdx-project.json and the retrieved source. */
  projectDir: string;
  sourceDir: string;
  /** Removes the temporary directory. */
  dispose: () => Promise<void>;
}

export interface MetadataMember {
  type: string;
  fullName: string;
}

/** Lists the members of the translatable types (listMetadata), as a manifest for the retrieve. */
export async function listTranslatableMembers(connection: Connection): Promise<MetadataMember[]> {
  const members: MetadataMember[] = [];
  for (const type of TRANSLATABLE_METADATA_TYPES) {
    // CustomLabels is one component per org; its members are listed as CustomLabel.
    const listed = await connection.metadata.list([{ type: type === 'CustomLabels' ? 'CustomLabel' : type }]);
    const names = (Array.isArray(listed) ? listed : [listed]).filter(Boolean).map((entry) => entry.fullName);
    if (type === 'CustomLabels') {
      if (names.length > 0) members.push({ type, fullName: 'CustomLabels' });
    } else {
      for (const fullName of names) members.push({ type, fullName });
    }
  }
  return members;
}

export type Retriever = (members: MetadataMember[], outputDir: string) => Promise<void>;

/** The real retrieve: SDR's ComponentSet → MetadataApiRetrieve, written as source format. */
export function sdrRetriever(connection: Connection): Retriever {
  return async (members, outputDir) => {
    const components = new ComponentSet(members.map((member) => ({ fullName: member.fullName, type: member.type })));
    components.apiVersion = connection.getApiVersion();
    const retrieve = await components.retrieve({ usernameOrConnection: connection, output: outputDir, merge: false });
    const result = await retrieve.pollStatus();
    if (result.response.status === 'Failed') {
      throw l10nError('RetrieveFailed', [JSON.stringify(result.response.messages ?? '')]);
    }
  };
}

export async function retrieveTranslationProject(
  members: MetadataMember[],
  retrieve: Retriever
): Promise<RetrievedProject> {
  const projectDir = await mkdtemp(join(tmpdir(), 'glocal-l10n-org-'));
  const sourceDir = join(projectDir, 'force-app');
  await writeFile(
    join(projectDir, 'sfdx-project.json'),
    JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] })
  );
  try {
    await retrieve(members, sourceDir);
  } catch (error) {
    await rm(projectDir, { recursive: true, force: true });
    throw error;
  }
  return { projectDir, sourceDir, dispose: () => rm(projectDir, { recursive: true, force: true }) };
}
