// The four translation tasks as the commands call them: each opens the project (a local source
// tree, or an org retrieved into a temporary one), does its work and cleans up.
import { writeFile } from 'node:fs/promises';
import type { Connection } from '@salesforce/core';
import { checkTranslations, type CheckReport } from './checks.js';
import { coverageByLanguage, type CoverageReport } from './coverage.js';
import { coverageJunitXml } from './coverageJunit.js';
import { exportTranslations, type ExportOptions, type ExportResult } from './exportTranslations.js';
import { importTranslations, type ImportResult } from './importTranslations.js';
import { readIntentionallyIdentical } from './intentionallyIdentical.js';
import {
  listTranslatableMembers,
  retrieveTranslationProject,
  sdrRetriever,
  type MetadataMember,
  type Retriever,
} from './orgRetrieve.js';
import { loadTranslationProject, type TranslationProject } from './translationProject.js';

export interface ProjectSource {
  /** Source directories; default: package directories of the project in projectDir. */
  sourceDirs?: string[];
  /** The local project (for sfdx-project.json and config/); default: the current directory. */
  projectDir?: string;
  /** Org mode: read the org instead of local files. */
  org?: {
    connection: Connection;
    /** Test seams: how to list members and retrieve them (default: listMetadata + SDR). */
    listMembers?: (connection: Connection) => Promise<MetadataMember[]>;
    retriever?: Retriever;
  };
  onProgress?: (progress: ProjectSourceProgress) => void;
}

/** What org mode is waiting on; the command words it. */
export type ProjectSourceProgress = { stage: 'listing' } | { stage: 'retrieving'; components: number };

async function withProject<T>(source: ProjectSource, work: (project: TranslationProject) => Promise<T>): Promise<T> {
  if (!source.org) {
    return work(await loadTranslationProject({ sourceDirs: source.sourceDirs, projectDir: source.projectDir }));
  }
  const { connection } = source.org;
  source.onProgress?.({ stage: 'listing' });
  const members = await (source.org.listMembers ?? listTranslatableMembers)(connection);
  source.onProgress?.({ stage: 'retrieving', components: members.length });
  const retrieved = await retrieveTranslationProject(members, source.org.retriever ?? sdrRetriever(connection));
  try {
    return await work(
      await loadTranslationProject({ sourceDirs: [retrieved.sourceDir], projectDir: retrieved.projectDir })
    );
  } finally {
    await retrieved.dispose();
  }
}

/** config/ lives in the local project even when the translations come from an org. */
const configDir = (source: ProjectSource, project: TranslationProject): string =>
  source.org ? (source.projectDir ?? process.cwd()) : project.projectDir;

export async function runCoverage(
  source: ProjectSource,
  options: { languages?: string[]; junitFile?: string; minCoverage?: number }
): Promise<CoverageReport> {
  return withProject(source, async (project) => {
    const report = await coverageByLanguage(project, { languages: options.languages });
    if (options.junitFile)
      await writeFile(options.junitFile, coverageJunitXml(report, options.minCoverage ?? 100), 'utf8');
    return report;
  });
}

export async function runCheck(source: ProjectSource, options: { languages?: string[] }): Promise<CheckReport> {
  return withProject(source, async (project) =>
    checkTranslations(project, await readIntentionallyIdentical(configDir(source, project)), options)
  );
}

export async function runExport(source: ProjectSource, options: ExportOptions): Promise<ExportResult> {
  return withProject(source, async (project) =>
    exportTranslations(project, options, await readIntentionallyIdentical(configDir(source, project)))
  );
}

export async function runImport(
  source: Omit<ProjectSource, 'org'>,
  files: string[],
  options: { dryRun?: boolean }
): Promise<ImportResult> {
  return withProject(source, (project) => importTranslations(project, files, options));
}
