import { mkdirSync, writeFileSync, rmSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, afterEach } from '@jest/globals';
import { checkTranslation, checkTranslations, placeholdersOf } from '../../src/l10n/checks.js';
import { readIntentionallyIdentical } from '../../src/l10n/intentionallyIdentical.js';
import { loadTranslationProject } from '../../src/l10n/translationProject.js';
import type { TranslatableItem } from '../../src/l10n/translatableItem.js';
import { copyFixtureProject } from './fixtureProject.js';

const item = (source: string, maxLength = 40): TranslatableItem => ({
  key: 'CustomLabel.X',
  type: 'CustomLabel',
  aspect: 'CustomLabel',
  source,
  maxLength,
  sourceFile: 'labels.xml',
  metadataDir: '.',
});
const never = (): boolean => false;
const problems = (source: string, text: string, maxLength = 40): string[] =>
  checkTranslation(item(source, maxLength), { key: 'CustomLabel.X', text, file: 'da.xml' }, 'da', never).map(
    (problem) => problem.check
  );

describe('single checks: each catches its defect and passes a clean translation', () => {
  it('placeholders: {0}, merge fields and HTML tags must survive', () => {
    expect(problems('{0} of {1} done', '{0} af {1} færdige')).toEqual([]);
    expect(problems('{0} of {1} done', '{0} af {2} færdige')).toEqual(['placeholder-mismatch']);
    expect(problems('Hi {!$User.FirstName}', 'Hej {!$User.Fornavn}')).toEqual(['placeholder-mismatch']);
    expect(problems('<b>Hello</b>', '<b>Hej')).toEqual(['placeholder-mismatch']);
    expect(problems('<b>Hello</b>', '<B>Hej</B>')).toEqual([]);
    expect(placeholdersOf('<a href="x">{0}</a> {!Name}')).toEqual(['</a', '<a', '{!name}', '{0}']);
  });

  it('length: over the platform limit', () => {
    expect(problems('Country Code', 'L'.repeat(40))).toEqual([]);
    expect(problems('Country Code', 'L'.repeat(41))).toEqual(['too-long']);
    // Counted in characters, not UTF-16 units or bytes.
    expect(problems('Smile', '😀'.repeat(40))).toEqual([]);
  });

  it('equal to source, unless listed as intentional', () => {
    expect(problems('Market', 'Marked')).toEqual([]);
    expect(problems('Market', 'Market')).toEqual(['equals-source']);
    expect(problems('CSAT %', 'CSAT %')).toEqual(['equals-source']);
    expect(problems('42', '42')).toEqual([]);
    const intentional = (language: string, key: string): boolean => language === 'da' && key === 'CustomLabel.X';
    expect(
      checkTranslation(item('Glocal'), { key: 'CustomLabel.X', text: 'Glocal', file: 'f' }, 'da', intentional)
    ).toEqual([]);
  });

  it('leading or trailing whitespace that the source does not have', () => {
    expect(problems('Market', ' Marked')).toEqual(['whitespace']);
    expect(problems('Market', 'Marked\n')).toEqual(['whitespace']);
    expect(problems('Name: ', 'Navn: ')).toEqual([]);
  });
});

describe('checkTranslations on a project', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('passes the clean fixture project', async () => {
    const copy = copyFixtureProject();
    cleanups.push(copy.cleanup);
    const project = await loadTranslationProject({ projectDir: copy.dir });
    const report = await checkTranslations(project, await readIntentionallyIdentical(copy.dir));
    // "Glocal" is the app's name in every language: intentionally identical in the fixture config.
    expect(report.findings).toEqual([]);
    expect(report.languages).toEqual(['da', 'de']);
  });

  it('finds orphaned translations (removed field, picklist value, label) and invalid language codes', async () => {
    const copy = copyFixtureProject();
    cleanups.push(copy.cleanup);
    const main = join(copy.dir, 'force-app/main/default');
    rmSync(join(main, 'objects/Market__c/fields/Country_Code__c.field-meta.xml'));
    const context = join(main, 'objects/Market__c/fields/Context__c.field-meta.xml');
    const { readFileSync } = await import('node:fs');
    writeFileSync(
      context,
      readFileSync(context, 'utf8').replace('<fullName>Low</fullName>', '<fullName>Lowest</fullName>')
    );
    mkdirSync(join(main, 'objectTranslations/Market__c-xx'), { recursive: true });
    renameSync(join(main, 'translations/de.translation-meta.xml'), join(main, 'translations/xx.translation-meta.xml'));
    const project = await loadTranslationProject({ projectDir: copy.dir });
    const report = await checkTranslations(project, await readIntentionallyIdentical(copy.dir));
    const found = report.findings.map((finding) => [finding.severity, finding.check, finding.language, finding.key]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['error', 'orphaned', 'da', 'CustomField.Market__c.Country_Code.FieldLabel'],
        ['error', 'orphaned', 'da', 'CustomField.Market__c.Country_Code.HelpText'],
        ['error', 'orphaned', 'da', 'PicklistValue.Market__c.Context.Low'],
        ['error', 'invalid-language', 'xx', undefined],
      ])
    );
    expect(report.errors).toBe(4);
    expect(report.findings.find((finding) => finding.check === 'invalid-language')?.file).toBe(
      'force-app/main/default/translations/xx.translation-meta.xml'
    );
  });

  it('rejects a malformed intentionally-identical config with the file named', async () => {
    const copy = copyFixtureProject();
    cleanups.push(copy.cleanup);
    writeFileSync(join(copy.dir, 'config/l10n-intentionally-identical.json'), '{"da": "CustomApp.Glocal"}');
    await expect(readIntentionallyIdentical(copy.dir)).rejects.toThrow(
      /l10n-intentionally-identical.json: "da" must be a list/
    );
  });
});
