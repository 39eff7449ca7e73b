// Quality checks on translations: each finds one kind of defect a translator or a tool introduces.
import { relative } from 'node:path';
import { Messages } from '@salesforce/core';
import { isSalesforceLanguage } from './languageCodes.js';
import { readLanguageTranslations } from './translationReader.js';
import { translationFilesOf } from './sourceProject.js';
import { targetLanguages, type TranslationProject } from './translationProject.js';
import type { IntentionallyIdentical } from './intentionallyIdentical.js';
import type { FoundTranslation, TranslatableItem } from './translatableItem.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.l10n.findings');

export type CheckName =
  'placeholder-mismatch' | 'too-long' | 'equals-source' | 'whitespace' | 'orphaned' | 'invalid-language';

export type Severity = 'error' | 'warning';

export const SEVERITY: Record<CheckName, Severity> = {
  // The UI would show a broken merge field, a raw {0} or unbalanced markup.
  'placeholder-mismatch': 'error',
  // Deploy rejects or truncates it.
  'too-long': 'error',
  // Often an untranslated copy; sometimes right (brand names), hence only a warning.
  'equals-source': 'warning',
  whitespace: 'warning',
  // Deploying a translation for a field or value that no longer exists fails.
  orphaned: 'error',
  'invalid-language': 'error',
};

export interface Finding {
  check: CheckName;
  severity: Severity;
  language: string;
  key?: string;
  /** Project-relative file. */
  file: string;
  message: string;
}

export interface CheckReport {
  languages: string[];
  errors: number;
  warnings: number;
  findings: Finding[];
}

/** `{0}`, `{!Account.Name}` / `{!$Label.X}` and HTML tags (by name and whether closing). */
export function placeholdersOf(text: string): string[] {
  const tokens = text.match(/\{\d+\}|\{![^}]*\}|<\/?[a-zA-Z][a-zA-Z0-9]*/g) ?? [];
  return tokens.map((token) => token.toLowerCase()).sort();
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** What a finding says, worded in messages/glocal.l10n.findings.md under its check's name. */
const findingText = (check: CheckName, tokens: Array<string | number> = []): string =>
  messages.getMessage(check, tokens);

const edgeWhitespace = (text: string): string => `${/^\s*/.exec(text)?.[0] ?? ''}|${/\s*$/.exec(text)?.[0] ?? ''}`;

/** Checks one translation against its catalog item; pure, so each check is testable on its own. */
export function checkTranslation(
  item: TranslatableItem,
  translation: FoundTranslation,
  language: string,
  intentional: IntentionallyIdentical
): Array<{ check: CheckName; message: string }> {
  const problems: Array<{ check: CheckName; message: string }> = [];
  const text = translation.text;
  const expected = placeholdersOf(item.source);
  const actual = placeholdersOf(text);
  if (!sameList(expected, actual)) {
    problems.push({
      check: 'placeholder-mismatch',
      message: findingText('placeholder-mismatch', [expected.join(' '), actual.join(' ')]),
    });
  }
  const length = [...text].length;
  if (length > item.maxLength) {
    problems.push({ check: 'too-long', message: findingText('too-long', [length, item.maxLength]) });
  }
  if (text === item.source && /\p{L}/u.test(text) && !intentional(language, item.key)) {
    problems.push({
      check: 'equals-source',
      message: findingText('equals-source', [text]),
    });
  }
  if (edgeWhitespace(text) !== edgeWhitespace(item.source)) {
    problems.push({ check: 'whitespace', message: findingText('whitespace') });
  }
  return problems;
}

export async function checkTranslations(
  project: TranslationProject,
  intentional: IntentionallyIdentical,
  options: { languages?: string[] } = {}
): Promise<CheckReport> {
  const findings: Finding[] = [];
  const languages = targetLanguages(project, options.languages);
  const rel = (file: string): string => relative(project.projectDir, file);
  for (const language of languages) {
    const files = translationFilesOf(project.source, language);
    if (!isSalesforceLanguage(language)) {
      for (const file of files) {
        findings.push({
          check: 'invalid-language',
          severity: SEVERITY['invalid-language'],
          language,
          file: rel(file.path),
          message: findingText('invalid-language', [language]),
        });
      }
    }
    const translations = await readLanguageTranslations(files);
    for (const translation of translations.values()) {
      const item = project.catalog.get(translation.key);
      if (!item) {
        findings.push({
          check: 'orphaned',
          severity: SEVERITY.orphaned,
          language,
          key: translation.key,
          file: rel(translation.file),
          message: findingText('orphaned'),
        });
        continue;
      }
      for (const problem of checkTranslation(item, translation, language, intentional)) {
        findings.push({
          ...problem,
          severity: SEVERITY[problem.check],
          language,
          key: translation.key,
          file: rel(translation.file),
        });
      }
    }
  }
  return {
    languages,
    errors: findings.filter((finding) => finding.severity === 'error').length,
    warnings: findings.filter((finding) => finding.severity === 'warning').length,
    findings,
  };
}
