// Finds, in a source-format project, the metadata files that hold translatable text and the
// translation files per language. One directory walk; nothing is parsed here.
import { readdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { l10nError } from './l10nErrors.js';
import type { TranslationFileRef } from './translatableItem.js';

export type SourceFileKind =
  | 'labels'
  | 'label'
  | 'object'
  | 'field'
  | 'recordType'
  | 'validationRule'
  | 'listView'
  | 'webLink'
  | 'layout'
  | 'quickAction'
  | 'tab'
  | 'app'
  | 'globalValueSet'
  | 'standardValueSet';

export interface SourceMetadataFile {
  path: string;
  kind: SourceFileKind;
  /** The directory holding the type folders (objects/, labels/ …). */
  metadataDir: string;
  /** Object API name for files inside objects/<Object>/, layouts and object quick actions. */
  object?: string;
  /** Component name (file name without suffix, or without the object prefix). */
  name: string;
}

export interface TranslationFile {
  path: string;
  language: string;
  ref: TranslationFileRef;
}

/**
 * Where one language's translations are. Object translation folders are listed only when that
 * language is read, so a project's memory holds one language's file list at a time, not the tree's.
 */
export interface LanguageSources {
  /** translations/, globalValueSetTranslations/, standardValueSetTranslations/ files. */
  files: TranslationFile[];
  /** objectTranslations/<Object>-<language>/ folders. */
  objectDirs: string[];
}

export interface SourceProject {
  /** Absolute directories that were read. */
  sourceDirs: string[];
  sourceFiles: SourceMetadataFile[];
  /** Language → where its translation files are (see translationFilesOf). */
  translationFiles: Map<string, LanguageSources>;
}

/** Every translation file of one language. */
export function translationFilesOf(project: SourceProject, language: string): TranslationFile[] {
  const sources = project.translationFiles.get(language);
  if (!sources) return [];
  const files = [...sources.files];
  for (const dir of sources.objectDirs) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = classifyTranslationFile(join(dir, entry.name));
      if (file?.language === language) files.push(file);
    }
  }
  return files;
}

/** File suffix → kind, and how many folders up the metadata directory is. */
const SOURCE_SUFFIXES: Array<[string, SourceFileKind, number]> = [
  ['.labels-meta.xml', 'labels', 2],
  ['.label-meta.xml', 'label', 2],
  ['.object-meta.xml', 'object', 3],
  ['.field-meta.xml', 'field', 4],
  ['.recordType-meta.xml', 'recordType', 4],
  ['.validationRule-meta.xml', 'validationRule', 4],
  ['.listView-meta.xml', 'listView', 4],
  ['.webLink-meta.xml', 'webLink', 4],
  ['.layout-meta.xml', 'layout', 2],
  ['.quickAction-meta.xml', 'quickAction', 2],
  ['.tab-meta.xml', 'tab', 2],
  ['.app-meta.xml', 'app', 2],
  ['.globalValueSet-meta.xml', 'globalValueSet', 2],
  ['.standardValueSet-meta.xml', 'standardValueSet', 2],
];

const TRANSLATION_SUFFIXES = {
  translations: '.translation-meta.xml',
  object: '.objectTranslation-meta.xml',
  field: '.fieldTranslation-meta.xml',
  globalValueSet: '.globalValueSetTranslation-meta.xml',
  standardValueSet: '.standardValueSetTranslation-meta.xml',
};

function upDirs(path: string, levels: number): string {
  let dir = path;
  for (let level = 0; level < levels; level++) dir = dirname(dir);
  return dir;
}

/** Splits "Market__c-da" into owner and language; object and value set names never contain "-". */
function splitOwnerLanguage(stem: string): [string, string] {
  const at = stem.lastIndexOf('-');
  return [stem.slice(0, at), stem.slice(at + 1)];
}

function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export function classifyTranslationFile(path: string): TranslationFile | undefined {
  const file = basename(path);
  if (file.endsWith(TRANSLATION_SUFFIXES.translations)) {
    return { path, language: file.slice(0, -TRANSLATION_SUFFIXES.translations.length), ref: { type: 'Translations' } };
  }
  if (file.endsWith(TRANSLATION_SUFFIXES.object)) {
    const [owner, language] = splitOwnerLanguage(file.slice(0, -TRANSLATION_SUFFIXES.object.length));
    return { path, language, ref: { type: 'CustomObjectTranslation', owner } };
  }
  if (file.endsWith(TRANSLATION_SUFFIXES.field)) {
    const [owner, language] = splitOwnerLanguage(basename(dirname(path)));
    const field = file.slice(0, -TRANSLATION_SUFFIXES.field.length);
    return { path, language, ref: { type: 'CustomFieldTranslation', owner, field } };
  }
  if (file.endsWith(TRANSLATION_SUFFIXES.globalValueSet)) {
    const [owner, language] = splitOwnerLanguage(file.slice(0, -TRANSLATION_SUFFIXES.globalValueSet.length));
    return { path, language, ref: { type: 'GlobalValueSetTranslation', owner } };
  }
  if (file.endsWith(TRANSLATION_SUFFIXES.standardValueSet)) {
    const [owner, language] = splitOwnerLanguage(file.slice(0, -TRANSLATION_SUFFIXES.standardValueSet.length));
    return { path, language, ref: { type: 'StandardValueSetTranslation', owner } };
  }
  return undefined;
}

/** Where a translation file of `ref` for `language` belongs under `metadataDir` when it does not exist yet. */
export function translationFilePath(metadataDir: string, ref: TranslationFileRef, language: string): string {
  switch (ref.type) {
    case 'Translations':
      return join(metadataDir, 'translations', `${language}${TRANSLATION_SUFFIXES.translations}`);
    case 'CustomObjectTranslation':
      return join(
        metadataDir,
        'objectTranslations',
        `${ref.owner}-${language}`,
        `${ref.owner}-${language}${TRANSLATION_SUFFIXES.object}`
      );
    case 'CustomFieldTranslation':
      return join(
        metadataDir,
        'objectTranslations',
        `${ref.owner}-${language}`,
        `${ref.field}${TRANSLATION_SUFFIXES.field}`
      );
    case 'GlobalValueSetTranslation':
      return join(
        metadataDir,
        'globalValueSetTranslations',
        `${ref.owner}-${language}${TRANSLATION_SUFFIXES.globalValueSet}`
      );
    default:
      return join(
        metadataDir,
        'standardValueSetTranslations',
        `${ref.owner}-${language}${TRANSLATION_SUFFIXES.standardValueSet}`
      );
  }
}

export function translationFileId(ref: TranslationFileRef, language: string): string {
  return `${ref.type}|${ref.owner ?? ''}|${ref.field ?? ''}|${language}`;
}

function classifySourceFile(path: string): SourceMetadataFile | undefined {
  const file = basename(path);
  for (const [suffix, kind, levels] of SOURCE_SUFFIXES) {
    if (!file.endsWith(suffix)) continue;
    const stem = safeDecode(file.slice(0, -suffix.length));
    const metadataDir = upDirs(path, levels);
    if (levels === 4) return { path, kind, metadataDir, object: basename(upDirs(path, 2)), name: stem };
    if (kind === 'object') return { path, kind, metadataDir, object: stem, name: stem };
    if (kind === 'layout') {
      const dash = stem.indexOf('-');
      return { path, kind, metadataDir, object: stem.slice(0, dash), name: stem.slice(dash + 1) };
    }
    if (kind === 'quickAction' && stem.includes('.')) {
      const dot = stem.indexOf('.');
      return { path, kind, metadataDir, object: stem.slice(0, dot), name: stem.slice(dot + 1) };
    }
    return { path, kind, metadataDir, name: stem };
  }
  return undefined;
}

async function walk(
  dir: string,
  visitFile: (path: string) => void,
  visitDir: (path: string, name: string, parent: string) => boolean
): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (visitDir(path, entry.name, dir)) await walk(path, visitFile, visitDir);
    } else if (entry.isFile() && entry.name.endsWith('-meta.xml')) {
      visitFile(path);
    }
  }
}

export async function readSourceProject(sourceDirs: string[]): Promise<SourceProject> {
  const project: SourceProject = {
    sourceDirs: sourceDirs.map((dir) => resolve(dir)),
    sourceFiles: [],
    translationFiles: new Map(),
  };
  const sourcesOf = (language: string): LanguageSources => {
    let sources = project.translationFiles.get(language);
    if (!sources) {
      sources = { files: [], objectDirs: [] };
      project.translationFiles.set(language, sources);
    }
    return sources;
  };
  const visitFile = (path: string): void => {
    const translation = classifyTranslationFile(path);
    if (translation) {
      sourcesOf(translation.language).files.push(translation);
      return;
    }
    const source = classifySourceFile(path);
    if (source) project.sourceFiles.push(source);
  };
  // objectTranslations/<Object>-<language>/ is remembered, not walked: read per language later.
  const visitDir = (path: string, name: string, parent: string): boolean => {
    if (basename(parent) !== 'objectTranslations' || !name.includes('-')) return true;
    sourcesOf(splitOwnerLanguage(name)[1]).objectDirs.push(path);
    return false;
  };
  for (const dir of project.sourceDirs) await walk(dir, visitFile, visitDir);
  return project;
}

/** The package directories named in sfdx-project.json, as absolute paths. */
export async function packageDirectories(projectDir: string): Promise<string[]> {
  const file = join(projectDir, 'sfdx-project.json');
  const project = JSON.parse(await readFile(file, 'utf8')) as { packageDirectories?: Array<{ path: string }> };
  const dirs = (project.packageDirectories ?? []).map((entry) => resolve(projectDir, entry.path));
  if (dirs.length === 0) throw l10nError('NoPackageDirectories', [file]);
  return dirs;
}
