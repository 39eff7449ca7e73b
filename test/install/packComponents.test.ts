import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import {
  describeComponents,
  resolvePackComponents,
  selectLanguages,
  translationLanguage,
} from '../../src/install/packComponents.js';
import { packRoot } from '../../src/pack/bundledPack.js';

const fixturePack = join(process.cwd(), 'test/fixtures/install/pack');

describe('pack components and --languages', () => {
  it('finds the languages the pack is translated into, base first', async () => {
    const pack = await resolvePackComponents(fixturePack);
    expect(pack.availableLanguages).toEqual(['en_US', 'da', 'de']);
    expect(pack.languages).toEqual(['en_US', 'da', 'de']);
    const names = describeComponents(pack.components).map((c) => `${c.type}:${c.fullName}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'CustomObject:Widget__c',
        'CustomField:Widget__c.Size__c',
        'Translations:de',
        'CustomObjectTranslation:Widget__c-de',
        'GlobalValueSetTranslation:Colors-de',
      ])
    );
  });

  it('ships only the picked translations, and always the base components', async () => {
    const pack = await resolvePackComponents(fixturePack, ['da']);
    expect(pack.languages).toEqual(['en_US', 'da']);
    const names = pack.components.map((c) => `${c.type.name}:${c.fullName}`).sort();
    expect(names).toEqual([
      'CustomObject:Widget__c',
      'CustomObjectTranslation:Widget__c-da',
      'GlobalValueSet:Colors',
      'GlobalValueSetTranslation:Colors-da',
      'PermissionSet:Glocal_Admin',
      'Translations:da',
    ]);
  });

  it('refuses an unknown language and lists the ones the pack has', () => {
    expect(() => selectLanguages(['da,xx'], ['en_US', 'da', 'de'])).toThrow(/Unknown language\(s\).*xx.*en_US, da, de/);
  });

  it('reads the language from each translation type', () => {
    expect(translationLanguage({ type: 'Translations', fullName: 'pt_BR' })).toBe('pt_BR');
    expect(translationLanguage({ type: 'CustomObjectTranslation', fullName: 'Market__c-zh_CN' })).toBe('zh_CN');
    expect(translationLanguage({ type: 'GlobalValueSetTranslation', fullName: 'Glocal_Language-ar' })).toBe('ar');
    expect(translationLanguage({ type: 'CustomObject', fullName: 'Market__c' })).toBeUndefined();
  });

  it('resolves the bundled pack with its nine languages', async () => {
    const pack = await resolvePackComponents(packRoot());
    expect(pack.availableLanguages[0]).toBe('en_US');
    expect(pack.availableLanguages.length).toBeGreaterThanOrEqual(2);
    expect(pack.components.some((c) => c.type.name === 'CustomObject' && c.fullName === 'Glocal_Install__mdt')).toBe(
      true
    );
  });
});

describe('a pack without its .forceignore', () => {
  it('refuses to deploy LWC test files', async () => {
    const { cp, mkdir, mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'glocal-noignore-'));
    try {
      await cp(fixturePack, join(dir, 'force-app'), { recursive: true });
      const bundle = join(dir, 'force-app/main/default/lwc/widgetCard');
      await mkdir(join(bundle, '__tests__'), { recursive: true });
      await writeFile(join(bundle, 'widgetCard.js'), 'export default class WidgetCard {}\n');
      await writeFile(
        join(bundle, 'widgetCard.js-meta.xml'),
        '<?xml version="1.0" encoding="UTF-8"?>\n<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>62.0</apiVersion>\n    <isExposed>false</isExposed>\n</LightningComponentBundle>\n'
      );
      await writeFile(join(bundle, '__tests__', 'widgetCard.test.js'), "it('works', () => {});\n");
      await expect(resolvePackComponents(join(dir, 'force-app'))).rejects.toThrow(
        /would deploy 1 test file\(s\).*__tests__.*\.forceignore is missing/
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
