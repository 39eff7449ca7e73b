// A project as the translation commands see it: where it is, its catalog of translatable items
// and the languages it is translated into.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildCatalog, type Catalog } from './catalog.js';
import { fromAnyLanguageCode } from './languageCodes.js';
import { packageDirectories, readSourceProject, type SourceProject } from './sourceProject.js';

export const DEFAULT_SOURCE_LANGUAGE = 'en_US';

export interface TranslationProject {
  /** Directory of sfdx-project.json (or of the first source dir); translation files never go outside it. */
  projectDir: string;
  source: SourceProject;
  catalog: Catalog;
  sourceLanguage: string;
}

export interface ProjectOptions {
  /** Source directories; default: the package directories of sfdx-project.json in projectDir. */
  sourceDirs?: string[];
  projectDir?: string;
  sourceLanguage?: string;
}

/** Nearest ancestor of `start` with an sfdx-project.json, or `start` itself. */
export function findProjectDir(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'sfdx-project.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

export async function loadTranslationProject(options: ProjectOptions = {}): Promise<TranslationProject> {
  const projectDir = resolve(
    options.projectDir ?? findProjectDir(options.sourceDirs?.length ? options.sourceDirs[0] : process.cwd())
  );
  const sourceDirs = options.sourceDirs?.length ? options.sourceDirs : await packageDirectories(projectDir);
  const source = await readSourceProject(sourceDirs);
  return {
    projectDir,
    source,
    catalog: await buildCatalog(source),
    sourceLanguage: options.sourceLanguage ?? DEFAULT_SOURCE_LANGUAGE,
  };
}

/** The languages to report on: those asked for, else every language that has a translation file. */
export function targetLanguages(project: TranslationProject, requested?: string[]): string[] {
  // Accept BCP-47 spellings (he, zh-Hans) for the Salesforce codes the files use.
  if (requested?.length) return requested.map((code) => fromAnyLanguageCode(code) ?? code);
  return [...project.source.translationFiles.keys()].filter((language) => language !== project.sourceLanguage).sort();
}
