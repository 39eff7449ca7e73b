// Translation coverage: how many catalog items each language translates, per item type, and which
// keys are missing. Languages are read one at a time so memory stays at one language's files.
import { readLanguageTranslations } from './translationReader.js';
import { translationFilesOf } from './sourceProject.js';
import { loadTranslationProject, targetLanguages, type TranslationProject } from './translationProject.js';
import type { ItemType } from './translatableItem.js';

export interface TypeCoverage {
  type: ItemType;
  total: number;
  translated: number;
  percent: number;
  missing: string[];
}

export interface LanguageCoverage {
  language: string;
  total: number;
  translated: number;
  percent: number;
  byType: TypeCoverage[];
  missing: string[];
  /** Items the Metadata API cannot carry (list views): translated in the Workbench, not counted above. */
  workbenchOnly: number;
}

export interface CoverageReport {
  sourceLanguage: string;
  items: number;
  languages: LanguageCoverage[];
}

const percentOf = (translated: number, total: number): number =>
  total === 0 ? 100 : Math.floor((translated / total) * 10000) / 100;

export interface CoverageOptions {
  languages?: string[];
  /** Called after each language, e.g. to print progress or sample memory. */
  onLanguage?: (coverage: LanguageCoverage) => void;
}

export async function coverageOfLanguage(project: TranslationProject, language: string): Promise<LanguageCoverage> {
  const translations = await readLanguageTranslations(translationFilesOf(project.source, language));
  const byType = new Map<ItemType, TypeCoverage>();
  const missing: string[] = [];
  let workbenchOnly = 0;
  let translated = 0;
  let total = 0;
  for (const item of project.catalog.values()) {
    if (item.optional) continue;
    if (!item.slot) {
      workbenchOnly++;
      continue;
    }
    let typeCoverage = byType.get(item.type);
    if (!typeCoverage) {
      typeCoverage = { type: item.type, total: 0, translated: 0, percent: 0, missing: [] };
      byType.set(item.type, typeCoverage);
    }
    total++;
    typeCoverage.total++;
    if (translations.has(item.key)) {
      translated++;
      typeCoverage.translated++;
    } else {
      missing.push(item.key);
      typeCoverage.missing.push(item.key);
    }
  }
  const types = [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
  for (const type of types) type.percent = percentOf(type.translated, type.total);
  return { language, total, translated, percent: percentOf(translated, total), byType: types, missing, workbenchOnly };
}

export async function coverageByLanguage(
  project: TranslationProject,
  options: CoverageOptions = {}
): Promise<CoverageReport> {
  const languages: LanguageCoverage[] = [];
  for (const language of targetLanguages(project, options.languages)) {
    const coverage = await coverageOfLanguage(project, language);
    options.onLanguage?.(coverage);
    languages.push(coverage);
  }
  return { sourceLanguage: project.sourceLanguage, items: project.catalog.size, languages };
}

/**
 * Coverage of a source directory in one call (for tests and scripts): per-language totals and the
 * missing keys.
 */
export async function coverageOfProject(
  sourceDir: string | string[],
  options: { languages?: string[] } = {}
): Promise<CoverageReport> {
  const project = await loadTranslationProject({ sourceDirs: Array.isArray(sourceDir) ? sourceDir : [sourceDir] });
  return coverageByLanguage(project, options);
}

/** Languages below the bar, for the `--min-coverage` gate. */
export function languagesBelow(report: CoverageReport, minPercent: number): LanguageCoverage[] {
  return report.languages.filter((language) => language.percent < minPercent);
}
