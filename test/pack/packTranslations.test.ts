// Issue 2's localisation invariants, checked with the same library `sf glocal l10n` uses:
// every translatable item of the pack is translated into each of the nine languages, and no
// translation is a copy of the English text unless config/l10n-intentionally-identical.json says so.
import { describe, it, expect, beforeAll } from '@jest/globals';
import { checkTranslations } from '../../src/l10n/checks.js';
import { coverageByLanguage } from '../../src/l10n/coverage.js';
import { readIntentionallyIdentical } from '../../src/l10n/intentionallyIdentical.js';
import { loadTranslationProject, type TranslationProject } from '../../src/l10n/translationProject.js';
import { packageRoot, packRoot } from '../../src/pack/bundledPack.js';

const PACK_LANGUAGES = ['ar', 'da', 'de', 'es', 'fr', 'ja', 'pt_BR', 'zh_CN'];

describe('the Glocal pack in nine languages', () => {
  let project: TranslationProject;

  beforeAll(async () => {
    project = await loadTranslationProject({ projectDir: packageRoot(), sourceDirs: [packRoot()] });
  });

  it('ships translation files for exactly the eight languages besides English', () => {
    const languages = [...project.source.translationFiles.keys()].filter((language) => language !== 'en_US');
    expect(languages.sort()).toEqual(PACK_LANGUAGES);
  });

  it('has several hundred translatable items (the catalog really read the pack)', () => {
    expect(project.catalog.size).toBeGreaterThan(300);
  });

  it('translates every translatable item into every language', async () => {
    const report = await coverageByLanguage(project, { languages: PACK_LANGUAGES });
    const missing = Object.fromEntries(
      report.languages.filter((language) => language.missing.length > 0).map((l) => [l.language, l.missing])
    );
    expect(missing).toEqual({});
    for (const language of report.languages) expect(language.percent).toBe(100);
  });

  it('has no translation equal to the English text unless listed as intentionally identical', async () => {
    const intentional = await readIntentionallyIdentical(packageRoot());
    const report = await checkTranslations(project, intentional, { languages: PACK_LANGUAGES });
    const copies = report.findings
      .filter((finding) => finding.check === 'equals-source')
      .map((finding) => `${finding.language} ${finding.key}`);
    expect(copies).toEqual([]);
  });

  it('passes every translation check with no error (placeholders, lengths, orphans, language codes)', async () => {
    const intentional = await readIntentionallyIdentical(packageRoot());
    const report = await checkTranslations(project, intentional, { languages: PACK_LANGUAGES });
    const errors = report.findings
      .filter((finding) => finding.severity === 'error')
      .map(
        (finding) => `${finding.check} ${finding.language} ${finding.key ?? ''} ${finding.file}: ${finding.message}`
      );
    expect(errors).toEqual([]);
  });
});
