import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, afterEach } from '@jest/globals';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { coverageOfProject } from '../../src/l10n/coverage.js';
import { exportTranslations } from '../../src/l10n/exportTranslations.js';
import { readExchangeFile } from '../../src/l10n/formats/exchangeFiles.js';
import { writeXliff12 } from '../../src/l10n/formats/xliff12.js';
import { importTranslations } from '../../src/l10n/importTranslations.js';
import { loadTranslationProject } from '../../src/l10n/translationProject.js';
import type { FormatName } from '../../src/l10n/formats/translationDocument.js';
import { copyFixtureProject, FIXTURES, snapshot } from './fixtureProject.js';

const noneIntentional = (): boolean => false;
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function fixture(): string {
  const copy = copyFixtureProject();
  cleanups.push(copy.cleanup);
  return copy.dir;
}

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'glocal-l10n-out-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A stand-in translator: translates every untranslated unit of an XLIFF/STF/CSV file. */
async function translateAll(file: string, format: FormatName): Promise<string> {
  const documents = await readExchangeFile(file);
  const { writeDocument } = await import('../../src/l10n/formats/exchangeFiles.js');
  const filled = documents.map((document) => ({
    ...document,
    units: document.units.map((unit) => ({ ...unit, target: unit.target ?? `[${document.language}] ${unit.source}` })),
  }));
  const out = `${file}.filled.${file.split('.').pop()}`;
  writeFileSync(out, writeDocument(format, filled[0]));
  return out;
}

describe('export → import round trips', () => {
  for (const format of ['xliff12', 'xliff20', 'stf', 'csv'] as FormatName[]) {
    it(`re-importing a full ${format} export of a complete language changes no byte`, async () => {
      const dir = fixture();
      const before = snapshot(dir);
      const project = await loadTranslationProject({ projectDir: dir });
      const exported = await exportTranslations(
        project,
        { format, include: 'all', languages: ['da'], outputDir: outDir() },
        noneIntentional
      );
      expect(exported.files).toHaveLength(1);
      expect(exported.files[0].units).toBe(30);
      const result = await importTranslations(project, [exported.files[0].path]);
      expect(result.changes).toEqual([]);
      expect(result.filesWritten).toEqual([]);
      expect(snapshot(dir)).toEqual(before);
    });
  }

  for (const format of ['xliff12', 'xliff20', 'stf', 'csv'] as FormatName[]) {
    it(`${format}: untranslated export, filled by a translator, imported → 100% and SDR converts`, async () => {
      const dir = fixture();
      const project = await loadTranslationProject({ projectDir: dir });
      const exported = await exportTranslations(
        project,
        { format, include: 'untranslated', languages: ['de'], outputDir: outDir() },
        noneIntentional
      );
      expect(exported.files[0].units).toBe(28);
      const filled = await translateAll(exported.files[0].path, format);
      const result = await importTranslations(project, [filled]);
      expect(result.changes).toHaveLength(28);
      expect(result.filesCreated).toEqual(
        expect.arrayContaining([
          'force-app/main/default/objectTranslations/Market__c-de/Context__c.fieldTranslation-meta.xml',
          // The parent file a field translation needs (cli #1135) is created with it.
          'force-app/main/default/objectTranslations/Training_Record__c-de/Training_Record__c-de.objectTranslation-meta.xml',
          'force-app/main/default/globalValueSetTranslations/Glocal_Language-de.globalValueSetTranslation-meta.xml',
        ])
      );

      const coverage = await coverageOfProject(join(dir, 'force-app'), { languages: ['de'] });
      expect(coverage.languages[0]).toMatchObject({ language: 'de', percent: 100, missing: [] });

      // The written files convert to metadata format with source-deploy-retrieve (what deploy does).
      const components = ComponentSet.fromSource(join(dir, 'force-app'));
      const converted = await new MetadataConverter().convert(components, 'metadata', {
        type: 'directory',
        outputDirectory: outDir(),
      });
      expect(converted.packagePath).toBeDefined();
      const types = new Set(components.toArray().map((component) => component.type.name));
      expect([...types]).toEqual(
        expect.arrayContaining([
          'Translations',
          'CustomObjectTranslation',
          'GlobalValueSetTranslation',
          'StandardValueSetTranslation',
        ])
      );
    });
  }

  it('writes new files in the project formatting, which prettier accepts unchanged', async () => {
    const dir = fixture();
    const project = await loadTranslationProject({ projectDir: dir });
    const exported = await exportTranslations(
      project,
      { format: 'xliff12', include: 'untranslated', languages: ['de'], outputDir: outDir() },
      noneIntentional
    );
    await importTranslations(project, [await translateAll(exported.files[0].path, 'xliff12')]);
    const created = join(
      dir,
      'force-app/main/default/objectTranslations/Market__c-de/Context__c.fieldTranslation-meta.xml'
    );
    const edited = join(
      dir,
      'force-app/main/default/objectTranslations/Market__c-de/Market__c-de.objectTranslation-meta.xml'
    );
    expect(readFileSync(created, 'utf8')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<CustomFieldTranslation xmlns="http://soap.sforce.com/2006/04/metadata">',
        '    <help>[de] How much meaning lies in the context rather than the words.</help>',
        '    <label>[de] Context</label>',
        '    <name>Context__c</name>',
        '    <picklistValues>',
        '        <masterLabel>High</masterLabel>',
        '        <translation>[de] High</translation>',
        '    </picklistValues>',
        '    <picklistValues>',
        '        <masterLabel>Low</masterLabel>',
        '        <translation>[de] Low</translation>',
        '    </picklistValues>',
        '</CustomFieldTranslation>',
        '',
      ].join('\n')
    );
    const repo = join(FIXTURES, '..', '..', '..');
    const prettier = join(repo, 'node_modules', '.bin', 'prettier');
    // The repo's prettier config, on the written files (outside the repo, so nothing ignores them).
    const output = execFileSync(
      prettier,
      ['--check', '--ignore-path', '/dev/null', '--config', join(repo, '.prettierrc.json'), created, edited],
      { cwd: repo, encoding: 'utf8' }
    );
    expect(output).toContain('All matched files use Prettier code style');
  });
});

describe('import', () => {
  it('lays out long lines the way prettier does in prettier-formatted projects (and only there)', async () => {
    const dir = fixture();
    const project = await loadTranslationProject({ projectDir: dir });
    const xliff = join(outDir(), 'ja.xlf');
    const longJapanese = '市場の参加者が働く国または地域。'.repeat(4);
    writeFileSync(
      xliff,
      writeXliff12({
        language: 'ja',
        sourceLanguage: 'en_US',
        kind: 'bilingual',
        units: [
          { key: 'CustomField.Training_Record__c.Market.HelpText', source: '', target: longJapanese },
          { key: 'CustomField.Training_Record__c.Market.FieldLabel', source: '', target: '市場' },
        ],
      })
    );
    await importTranslations(project, [xliff]);
    const file = join(
      dir,
      'force-app/main/default/objectTranslations/Training_Record__c-ja/Market__c.fieldTranslation-meta.xml'
    );
    expect(readFileSync(file, 'utf8')).toContain(`    <help\n    >${longJapanese}</help>\n    <label>市場</label>`);
    const repo = join(FIXTURES, '..', '..', '..');
    const output = execFileSync(
      join(repo, 'node_modules', '.bin', 'prettier'),
      ['--check', '--ignore-path', '/dev/null', '--config', join(repo, '.prettierrc.json'), file],
      { cwd: repo, encoding: 'utf8' }
    );
    expect(output).toContain('All matched files use Prettier code style');

    // Salesforce's own style (no space before "?>") never breaks a tag.
    const { parseXmlDocument } = await import('../../src/l10n/safeXml.js');
    const { serializeXmlDocument } = await import('../../src/l10n/xmlTree.js');
    const { setTranslation } = await import('../../src/l10n/translationFileEditor.js');
    const document = parseXmlDocument(
      '<?xml version="1.0" encoding="UTF-8"?>\n<CustomFieldTranslation xmlns="http://soap.sforce.com/2006/04/metadata">\n    <name>Market__c</name>\n</CustomFieldTranslation>\n',
      'sf.xml'
    );
    setTranslation(document, { file: { type: 'CustomFieldTranslation' }, path: [], valueTag: 'help' }, longJapanese);
    expect(serializeXmlDocument(document)).toContain(`    <help>${longJapanese}</help>\n    <name>Market__c</name>`);
  });

  it('keeps element order and untouched bytes, inserting new entries where Salesforce puts them', async () => {
    const dir = fixture();
    const file = join(dir, 'force-app/main/default/translations/de.translation-meta.xml');
    const project = await loadTranslationProject({ projectDir: dir });
    const xliff = join(outDir(), 'de.xlf');
    writeFileSync(
      xliff,
      writeXliff12({
        language: 'de',
        sourceLanguage: 'en_US',
        kind: 'bilingual',
        units: [
          { key: 'CustomLabel.Welcome_Html', source: '', target: '<b>Willkommen</b>, {!$User.FirstName}' },
          { key: 'CustomApp.Glocal', source: 'Glocal', target: 'Glocal' },
        ],
      })
    );
    const result = await importTranslations(project, [xliff]);
    expect(result.changes.map((change) => change.key)).toEqual(['CustomLabel.Welcome_Html', 'CustomApp.Glocal']);
    expect(readFileSync(file, 'utf8')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<Translations xmlns="http://soap.sforce.com/2006/04/metadata">',
        '    <customApplications>',
        '        <label>Glocal</label>',
        '        <name>Glocal</name>',
        '    </customApplications>',
        '    <customLabels>',
        '        <label>{0} Schulungen sind in {1} überfällig</label>',
        '        <name>Overdue_Count</name>',
        '    </customLabels>',
        '    <customLabels>',
        '        <label>&lt;b&gt;Willkommen&lt;/b&gt;, {!$User.FirstName}</label>',
        '        <name>Welcome_Html</name>',
        '    </customLabels>',
        '</Translations>',
        '',
      ].join('\n')
    );
  });

  it('deletes translations marked <> and drops the emptied entries', async () => {
    const dir = fixture();
    const project = await loadTranslationProject({ projectDir: dir });
    const stf = join(outDir(), 'da.stf');
    writeFileSync(
      stf,
      [
        '# Language: Danish',
        'Language code: da',
        'Type: Bilingual',
        'Translation type: Metadata',
        '------------------TRANSLATED-------------------',
        '# KEY\tLABEL\tTRANSLATION\tOUT OF DATE',
        'PicklistValue.Market__c.Context.High\tHigh\t<>\t-',
        'CustomField.Market__c.Country_Code.HelpText\tTwo-letter ISO 3166 country code, e.g. DK.\t<>\t-',
        '',
      ].join('\n')
    );
    const result = await importTranslations(project, [stf]);
    expect(result.changes.map((change) => [change.action, change.key, change.previous])).toEqual([
      ['delete', 'PicklistValue.Market__c.Context.High', 'Høj'],
      ['delete', 'CustomField.Market__c.Country_Code.HelpText', 'Landekode på to bogstaver efter ISO 3166, f.eks. DK.'],
    ]);
    const objectDir = join(dir, 'force-app/main/default/objectTranslations/Market__c-da');
    expect(readFileSync(join(objectDir, 'Context__c.fieldTranslation-meta.xml'), 'utf8')).not.toContain('High');
    expect(readFileSync(join(objectDir, 'Context__c.fieldTranslation-meta.xml'), 'utf8')).toContain(
      '    <picklistValues>\n        <masterLabel>Low</masterLabel>'
    );
    expect(readFileSync(join(objectDir, 'Country_Code__c.fieldTranslation-meta.xml'), 'utf8')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<CustomFieldTranslation xmlns="http://soap.sforce.com/2006/04/metadata">',
        '    <label>Landekode</label>',
        '    <name>Country_Code__c</name>',
        '</CustomFieldTranslation>',
        '',
      ].join('\n')
    );
    const coverage = await coverageOfProject(join(dir, 'force-app'), { languages: ['da'] });
    expect(coverage.languages[0].missing.sort()).toEqual([
      'CustomField.Market__c.Country_Code.HelpText',
      'PicklistValue.Market__c.Context.High',
    ]);
  });

  it('--dry-run reports the changes and writes nothing', async () => {
    const dir = fixture();
    const before = snapshot(dir);
    const project = await loadTranslationProject({ projectDir: dir });
    const exported = await exportTranslations(
      project,
      { format: 'csv', include: 'untranslated', languages: ['de'], outputDir: outDir() },
      noneIntentional
    );
    const result = await importTranslations(project, [await translateAll(exported.files[0].path, 'csv')], {
      dryRun: true,
    });
    expect(result.dryRun).toBe(true);
    expect(result.changes).toHaveLength(28);
    expect(result.filesWritten.length).toBeGreaterThan(5);
    expect(snapshot(dir)).toEqual(before);
  });

  it('STF Source/Untranslated files: the overwritten LABEL column is the translation, unchanged rows are skipped', async () => {
    const dir = fixture();
    const project = await loadTranslationProject({ projectDir: dir });
    const stf = join(outDir(), 'de.stf');
    writeFileSync(
      stf,
      [
        '# Language: German',
        'Language code: de',
        'Type: Outdated and untranslated',
        'Translation type: Metadata',
        '# KEY\tLABEL',
        'CustomField.Market__c.Context.FieldLabel\tKontext',
        'CustomField.Market__c.Context.HelpText\tHow much meaning lies in the context rather than the words.',
        'CustomLabel.Welcome_Html\t<b>Willkommen</b>,\\n{!$User.FirstName}',
        '',
      ].join('\n')
    );
    const result = await importTranslations(project, [stf]);
    expect(result.changes.map((change) => [change.key, change.value])).toEqual([
      ['CustomField.Market__c.Context.FieldLabel', 'Kontext'],
      ['CustomLabel.Welcome_Html', '<b>Willkommen</b>,\n{!$User.FirstName}'],
    ]);
    expect(result.skipped).toEqual([
      { language: 'de', key: 'CustomField.Market__c.Context.HelpText', reason: 'untranslated' },
    ]);
  });

  it('reports unknown keys and Workbench-only items as skipped', async () => {
    const dir = fixture();
    const project = await loadTranslationProject({ projectDir: dir });
    const csv = join(outDir(), 'de.csv');
    writeFileSync(
      csv,
      'language,key,source,translation\nde,CustomField.Market__c.Gone.FieldLabel,Gone,Weg\nde,ListView.Market__c.All,All Markets,Alle Märkte\n'
    );
    const result = await importTranslations(project, [csv]);
    expect(result.changes).toEqual([]);
    expect(result.skipped.map((skip) => skip.reason)).toEqual(['unknown-key', 'workbench-only']);
  });

  it('refuses a language code that would write outside the project, before writing anything', async () => {
    const dir = fixture();
    const before = snapshot(dir);
    const project = await loadTranslationProject({ projectDir: dir });
    const { importDocuments } = await import('../../src/l10n/importTranslations.js');
    await expect(
      importDocuments(project, [
        {
          language: '../../../escape',
          sourceLanguage: 'en_US',
          kind: 'bilingual',
          units: [{ key: 'CustomLabel.Overdue_Count', source: '', target: 'x' }],
        },
      ])
    ).rejects.toThrow(/not a Salesforce language code/);
    expect(snapshot(dir)).toEqual(before);
    await expect(
      importDocuments(project, [
        {
          language: 'en_US',
          sourceLanguage: 'en_US',
          kind: 'bilingual',
          units: [{ key: 'CustomLabel.Overdue_Count', source: '', target: 'x' }],
        },
      ])
    ).rejects.toThrow(/en_US, the project's source language/);
    const { assertInside } = await import('../../src/l10n/atomicWrite.js');
    expect(() => assertInside(dir, join(dir, '..', 'outside.xml'))).toThrow(/outside the project directory/);
  });

  it('a failure halfway through the writes leaves every file as it was', async () => {
    const dir = fixture();
    const before = snapshot(dir);
    const { writeFilesAtomically } = await import('../../src/l10n/atomicWrite.js');
    const first = join(dir, 'force-app/main/default/translations/da.translation-meta.xml');
    const created = join(dir, 'force-app/main/default/translations/new/fr.translation-meta.xml');
    const third = join(dir, 'force-app/main/default/translations/de.translation-meta.xml');
    let renames = 0;
    await expect(
      writeFilesAtomically(
        dir,
        [
          { path: first, content: 'changed' },
          { path: created, content: 'new' },
          { path: third, content: 'changed too' },
        ],
        {
          beforeRename: () => {
            renames++;
            if (renames === 3) throw new Error('disk full');
          },
        }
      )
    ).rejects.toThrow(/no file was changed.*|disk full/);
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(join(dir, 'force-app/main/default/translations'))).toEqual([
      'da.translation-meta.xml',
      'de.translation-meta.xml',
    ]);
  });
});
