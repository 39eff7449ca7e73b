import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { Config } from '@oclif/core';
import { TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import Coverage from '../../../src/commands/glocal/l10n/coverage.js';
import Check from '../../../src/commands/glocal/l10n/check.js';
import Export from '../../../src/commands/glocal/l10n/export.js';
import Import from '../../../src/commands/glocal/l10n/import.js';
import { packageRoot } from '../../../src/pack/bundledPack.js';
import { copyFixtureProject } from '../../l10n/fixtureProject.js';

describe('sf glocal l10n', () => {
  const $$ = new TestContext();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let project: { dir: string; cleanup: () => void };
  let out: string;
  let config: Config;

  beforeEach(async () => {
    $$.stubAliases({});
    ux = stubSfCommandUx($$.SANDBOX);
    project = copyFixtureProject();
    out = mkdtempSync(join(tmpdir(), 'glocal-l10n-cmd-'));
    config = await Config.load({ root: packageRoot() });
  });
  afterEach(() => {
    project.cleanup();
    rmSync(out, { recursive: true, force: true });
    // A command that fails sets process.exitCode, as it should for the CLI; the tests expect those
    // failures, so they must not turn a green jest run (in-band, one file) into exit code 1.
    process.exitCode = undefined;
  });

  const sourceDir = (): string => join(project.dir, 'force-app');
  const logged = (): string =>
    ux.log
      .getCalls()
      .flatMap((call) => call.args.map(String))
      .join('\n');

  it('coverage: per-language table, missing keys, JUnit report', async () => {
    const junit = join(out, 'coverage.xml');
    const result = await Coverage.run(['-d', sourceDir(), '--show-missing', '--junit', junit], config);
    expect(result.languages.map((language) => [language.language, language.percent])).toEqual([
      ['da', 100],
      ['de', 6.66],
    ]);
    expect(result.belowMinimum).toEqual([]);
    expect(logged()).toContain('de: 28 untranslated');
    expect(logged()).toContain('1 list view names are not counted');
    expect(logged()).toContain('  CustomField.Market__c.Context.FieldLabel');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testcase name="da CustomField" classname="l10n.coverage.da" />');
    expect(xml).toMatch(
      /<testcase name="de CustomField" classname="l10n.coverage.de">\s*<failure message="0\/9 translated/
    );
  });

  it('coverage --min-coverage exits 1 below the bar and names the languages', async () => {
    await expect(Coverage.run(['-d', sourceDir(), '--min-coverage', '95'], config)).rejects.toMatchObject({
      name: 'GlocalCoverageBelowMinimum',
      exitCode: 1,
      message: expect.stringContaining('de 6.66%') as unknown as string,
    });
    const result = await Coverage.run(['-d', sourceDir(), '--min-coverage', '100', '--languages', 'da'], config);
    expect(result.belowMinimum).toEqual([]);
  });

  it('check: clean project passes; an over-long translation fails with exit code 1', async () => {
    const clean = await Check.run(['-d', sourceDir()], config);
    expect(clean).toMatchObject({ errors: 0, warnings: 0 });
    const file = join(
      sourceDir(),
      'main/default/objectTranslations/Market__c-da/Country_Code__c.fieldTranslation-meta.xml'
    );
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('<label>Landekode</label>', `<label>${'L'.repeat(41)}</label>`)
    );
    await expect(Check.run(['-d', sourceDir(), '--json'], config)).rejects.toMatchObject({
      name: 'GlocalTranslationErrors',
      exitCode: 1,
      data: { errors: 1 },
    });
  });

  it('export then import: the translator fills an XLIFF, import writes it, coverage reaches 100%', async () => {
    const exported = await Export.run(['-d', sourceDir(), '--languages', 'de', '--output-dir', out], config);
    expect(exported.files).toEqual([{ language: 'de', path: join(out, 'de.xlf'), units: 28 }]);
    const xliff = readFileSync(join(out, 'de.xlf'), 'utf8').replace(
      /<source>([^<]*)<\/source>/g,
      (_, source: string) => `<source>${source}</source><target>DE ${source}</target>`
    );
    writeFileSync(join(out, 'de.xlf'), xliff);

    const dryRun = await Import.run([join(out, 'de.xlf'), '--dry-run', '-d', sourceDir()], config);
    expect(dryRun.changes).toHaveLength(28);
    expect(logged()).toContain('Dry run: 28 translations would change');

    const imported = await Import.run([join(out, 'de.xlf'), '-d', sourceDir()], config);
    expect(imported.changes).toHaveLength(28);
    const coverage = await Coverage.run(['-d', sourceDir(), '--languages', 'de', '--min-coverage', '100'], config);
    expect(coverage.languages[0].percent).toBe(100);
  });
});
