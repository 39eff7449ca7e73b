// Import: translation exchange files (XLIFF 1.2/2.0, STF, CSV) into the project's source-format
// translation files. Every file is planned in memory first; then all changed files are written at
// once (atomicWrite) or, with dryRun, only reported.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { readExchangeFile } from './formats/exchangeFiles.js';
import { DELETE_MARKER, type TranslationDocument } from './formats/translationDocument.js';
import { isSalesforceLanguage } from './languageCodes.js';
import { l10nError } from './l10nErrors.js';
import { parseXmlDocument, readTextFileWithinLimit, type XmlDocument } from './safeXml.js';
import { translationFileId, translationFilePath, translationFilesOf } from './sourceProject.js';
import { deleteTranslation, newTranslationDocument, setTranslation } from './translationFileEditor.js';
import { assertInside, writeFilesAtomically, type FileWrite } from './atomicWrite.js';
import { serializeXmlDocument } from './xmlTree.js';
import type { TranslationProject } from './translationProject.js';
import type { TranslatableItem, TranslationFileRef } from './translatableItem.js';

export interface TranslationChange {
  language: string;
  key: string;
  /** Project-relative translation file. */
  file: string;
  action: 'set' | 'delete';
  previous?: string;
  value?: string;
}

export interface SkippedUnit {
  language: string;
  key: string;
  reason: 'unknown-key' | 'workbench-only' | 'untranslated';
}

export interface ImportResult {
  dryRun: boolean;
  changes: TranslationChange[];
  /** Project-relative files written (or that would be). */
  filesWritten: string[];
  filesCreated: string[];
  skipped: SkippedUnit[];
}

interface PlannedFile {
  path: string;
  ref: TranslationFileRef;
  language: string;
  original?: string;
  document: XmlDocument;
}

class FilePlan {
  private readonly files = new Map<string, PlannedFile>();
  private readonly existing = new Map<string, string>();

  private readonly indexedLanguages = new Set<string>();

  public constructor(private readonly project: TranslationProject) {}

  /** Existing file of (ref, language), indexing that language's files on first use. */
  private existingPath(ref: TranslationFileRef, language: string): string | undefined {
    if (!this.indexedLanguages.has(language)) {
      this.indexedLanguages.add(language);
      for (const file of translationFilesOf(this.project.source, language)) {
        this.existing.set(translationFileId(file.ref, language), file.path);
      }
    }
    return this.existing.get(translationFileId(ref, language));
  }

  /**
   * `styleSource` is a metadata file of the project: a new translation file copies its XML
   * declaration, so the project's formatter (Salesforce's or prettier's) is happy with it.
   */
  public async open(
    ref: TranslationFileRef,
    language: string,
    metadataDir: string,
    styleSource: string
  ): Promise<PlannedFile> {
    const id = translationFileId(ref, language);
    const planned = this.files.get(id);
    if (planned) return planned;
    const path = this.existingPath(ref, language) ?? translationFilePath(metadataDir, ref, language);
    assertInside(this.project.projectDir, path);
    let file: PlannedFile;
    if (existsSync(path)) {
      const original = await readTextFileWithinLimit(path);
      file = { path, ref, language, original, document: parseXmlDocument(original, path) };
    } else {
      const declaration = /^\uFEFF?(<\?xml[^>]*\?>)/.exec(await readTextFileWithinLimit(styleSource))?.[1];
      file = { path, ref, language, document: newTranslationDocument(ref, declaration) };
    }
    this.files.set(id, file);
    // A field translation deploys only beside its object's translation file (forcedotcom/cli #1135).
    if (ref.type === 'CustomFieldTranslation') {
      await this.open({ type: 'CustomObjectTranslation', owner: ref.owner }, language, metadataDir, styleSource);
    }
    return file;
  }

  public all(): PlannedFile[] {
    return [...this.files.values()];
  }
}

/** What a unit asks for: a translation, a deletion, or nothing. */
function requested(item: TranslatableItem, unit: TranslationDocument['units'][number]): string | null | undefined {
  if (unit.target !== undefined) return unit.target === DELETE_MARKER ? null : unit.target;
  if (unit.labelMayBeTranslation && unit.source !== item.source && unit.source !== '') {
    return unit.source === DELETE_MARKER ? null : unit.source;
  }
  return undefined;
}

export async function importDocuments(
  project: TranslationProject,
  documents: TranslationDocument[],
  options: { dryRun?: boolean } = {}
): Promise<ImportResult> {
  const plan = new FilePlan(project);
  const changes: TranslationChange[] = [];
  const skipped: SkippedUnit[] = [];
  const rel = (path: string): string => relative(project.projectDir, path);
  for (const document of documents) {
    const { language } = document;
    if (!isSalesforceLanguage(language)) throw l10nError('InvalidLanguage', ['import', language]);
    if (language === project.sourceLanguage) throw l10nError('SourceLanguageImport', [language]);
    for (const unit of document.units) {
      const item = project.catalog.get(unit.key);
      if (!item) {
        skipped.push({ language, key: unit.key, reason: 'unknown-key' });
        continue;
      }
      if (!item.slot) {
        skipped.push({ language, key: unit.key, reason: 'workbench-only' });
        continue;
      }
      const wanted = requested(item, unit);
      if (wanted === undefined) {
        skipped.push({ language, key: unit.key, reason: 'untranslated' });
        continue;
      }
      const file = await plan.open(item.slot.file, language, item.metadataDir, item.sourceFile);
      const outcome =
        wanted === null
          ? deleteTranslation(file.document, item.slot)
          : setTranslation(file.document, item.slot, wanted);
      if (outcome.changed) {
        changes.push({
          language,
          key: unit.key,
          file: rel(file.path),
          action: wanted === null ? 'delete' : 'set',
          previous: outcome.previous,
          value: wanted ?? undefined,
        });
      }
    }
  }
  const writes: FileWrite[] = [];
  const created: string[] = [];
  for (const file of plan.all()) {
    const content = serializeXmlDocument(file.document);
    if (content === file.original) continue;
    writes.push({ path: file.path, content });
    if (file.original === undefined) created.push(rel(file.path));
  }
  if (!options.dryRun) await writeFilesAtomically(project.projectDir, writes);
  return {
    dryRun: Boolean(options.dryRun),
    changes,
    filesWritten: writes.map((write) => rel(write.path)),
    filesCreated: created,
    skipped,
  };
}

export async function importTranslations(
  project: TranslationProject,
  files: string[],
  options: { dryRun?: boolean } = {}
): Promise<ImportResult> {
  const documents: TranslationDocument[] = [];
  for (const file of files) documents.push(...(await readExchangeFile(file)));
  return importDocuments(project, documents, options);
}
