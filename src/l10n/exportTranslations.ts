// Export: for each language, the items a translator has to work on, as XLIFF 1.2/2.0, STF or CSV
// files named <language>.<ext> (<language>_<n>.<ext> when split into 5 MB parts).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkTranslation } from './checks.js';
import { renderParts, MAX_PART_BYTES } from './formats/exchangeFiles.js';
import {
  FILE_EXTENSION,
  type DocumentKind,
  type FormatName,
  type TranslationDocument,
  type TranslationUnit,
} from './formats/translationDocument.js';
import { readLanguageTranslations } from './translationReader.js';
import { translationFilesOf } from './sourceProject.js';
import { targetLanguages, type TranslationProject } from './translationProject.js';
import type { IntentionallyIdentical } from './intentionallyIdentical.js';

/**
 * untranslated: items with no translation. outdated: those plus translations that look stale
 * (source files keep no "out of date" flag, so: placeholders, length or equal-to-source defects).
 * all: every item, translated ones with their translation.
 */
export type ExportScope = 'untranslated' | 'outdated' | 'all';

export interface ExportOptions {
  languages?: string[];
  format: FormatName;
  include: ExportScope;
  /** STF kind; XLIFF and CSV are always bilingual. */
  stfKind?: DocumentKind;
  outputDir: string;
  maxPartBytes?: number;
}

export interface ExportedFile {
  language: string;
  path: string;
  units: number;
}

export interface ExportResult {
  format: FormatName;
  include: ExportScope;
  files: ExportedFile[];
}

export async function buildExportDocument(
  project: TranslationProject,
  language: string,
  include: ExportScope,
  intentional: IntentionallyIdentical,
  kind: DocumentKind = 'bilingual'
): Promise<TranslationDocument> {
  const translations = await readLanguageTranslations(translationFilesOf(project.source, language));
  const units: TranslationUnit[] = [];
  for (const item of project.catalog.values()) {
    if (!item.slot || item.optional) continue;
    const found = translations.get(item.key);
    const unit: TranslationUnit = { key: item.key, source: item.source, maxLength: item.maxLength };
    if (!found) {
      units.push(unit);
      continue;
    }
    const stale =
      include !== 'untranslated' &&
      checkTranslation(item, found, language, intentional).some((problem) => problem.check !== 'whitespace');
    if (include === 'all' || stale) {
      unit.target = found.text;
      if (stale) unit.outdated = true;
      units.push(unit);
    }
  }
  units.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { language, sourceLanguage: project.sourceLanguage, kind, units };
}

export async function exportTranslations(
  project: TranslationProject,
  options: ExportOptions,
  intentional: IntentionallyIdentical
): Promise<ExportResult> {
  const outputDir = resolve(options.outputDir);
  await mkdir(outputDir, { recursive: true });
  const files: ExportedFile[] = [];
  const extension = FILE_EXTENSION[options.format];
  for (const language of targetLanguages(project, options.languages)) {
    const document = await buildExportDocument(
      project,
      language,
      options.include,
      intentional,
      options.format === 'stf' ? (options.stfKind ?? 'bilingual') : 'bilingual'
    );
    const parts = renderParts(options.format, document, options.maxPartBytes ?? MAX_PART_BYTES);
    for (const [index, part] of parts.entries()) {
      const name = parts.length === 1 ? `${language}.${extension}` : `${language}_${index + 1}.${extension}`;
      const path = join(outputDir, name);
      await writeFile(path, part.content, 'utf8');
      files.push({ language, path, units: part.units });
    }
  }
  return { format: options.format, include: options.include, files };
}
