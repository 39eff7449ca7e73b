/*
 * Every picklist value of the bundled pack, under every name a spreadsheet may give it: its API
 * name, its English label, and its translation in each of the pack's languages. The expectations
 * are read from the pack's own files here, independently of packLabels.ts.
 */
import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { packMetadataDir } from '../../src/pack/bundledPack.js';
import { normalizeLabel, readPackLabels, type PackLabels } from '../../src/records/packLabels.js';

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => ['value', 'customValue', 'picklistValues', 'valueTranslation'].includes(name),
});

async function parse<T>(path: string): Promise<T> {
  return xml.parse(await readFile(path, 'utf8')) as T;
}

type Value = { fullName: string; label: string };
type Translation = { masterLabel: string; translation: string };
type Field = {
  CustomField: {
    fullName: string;
    valueSet?: { valueSetName?: string; valueSetDefinition?: { value: Value[] } };
  };
};

/** One expected mapping: which name, in which language, must give which API value. */
type Expected = { field: string; language: string; name: string; value: string };

async function expectedNames(): Promise<Expected[]> {
  const root = packMetadataDir();
  const expected: Expected[] = [];
  const globalValues = async (set: string): Promise<Value[]> =>
    (
      await parse<{ GlobalValueSet: { customValue: Value[] } }>(
        join(root, 'globalValueSets', `${set}.globalValueSet-meta.xml`)
      )
    ).GlobalValueSet.customValue;
  const setTranslationFiles = await readdir(join(root, 'globalValueSetTranslations'));
  const translationFolders = await readdir(join(root, 'objectTranslations'));
  for (const object of await readdir(join(root, 'objects'))) {
    const fieldsDir = join(root, 'objects', object, 'fields');
    const files = await readdir(fieldsDir).catch(() => [] as string[]);
    for (const file of files) {
      const { fullName, valueSet } = (await parse<Field>(join(fieldsDir, file))).CustomField;
      if (!valueSet) continue;
      const field = `${object}.${fullName}`;
      const setName = valueSet.valueSetName;
      const values = setName ? await globalValues(setName) : (valueSet.valueSetDefinition?.value ?? []);
      for (const value of values) {
        expected.push({ field, language: 'en_US', name: value.label, value: value.fullName });
        expected.push({ field, language: 'api', name: value.fullName, value: value.fullName });
      }
      const translations: Array<{ language: string; entries: Translation[] }> = [];
      if (setName) {
        for (const translationFile of setTranslationFiles.filter((name) => name.startsWith(`${setName}-`))) {
          const language = translationFile.slice(setName.length + 1, -'.globalValueSetTranslation-meta.xml'.length);
          const parsed = await parse<{ GlobalValueSetTranslation: { valueTranslation: Translation[] } }>(
            join(root, 'globalValueSetTranslations', translationFile)
          );
          translations.push({ language, entries: parsed.GlobalValueSetTranslation.valueTranslation });
        }
      } else {
        for (const folder of translationFolders.filter((name) => name.startsWith(`${object}-`))) {
          const parsed = await parse<{ CustomFieldTranslation: { picklistValues?: Translation[] } }>(
            join(root, 'objectTranslations', folder, `${fullName}.fieldTranslation-meta.xml`)
          );
          translations.push({
            language: folder.slice(object.length + 1),
            entries: parsed.CustomFieldTranslation.picklistValues ?? [],
          });
        }
      }
      for (const { language, entries } of translations) {
        for (const entry of entries) {
          // masterLabel names the value by its API name, as the pack writes it.
          const value = values.find((candidate) => candidate.fullName === entry.masterLabel);
          expect([field, language, entry.masterLabel, value !== undefined]).toEqual([
            field,
            language,
            entry.masterLabel,
            true,
          ]);
          expected.push({ field, language, name: entry.translation, value: value!.fullName });
        }
      }
    }
  }
  return expected;
}

describe('picklist values of the bundled pack', () => {
  let labels: PackLabels;
  let expected: Expected[];

  beforeAll(async () => {
    [labels, expected] = await Promise.all([readPackLabels(packMetadataDir()), expectedNames()]);
  });

  it('covers every picklist field, its English labels and all eight translations', () => {
    const fields = new Set(expected.map((entry) => entry.field));
    for (const field of [
      'Partner_Feedback__c.Direction__c',
      'Market__c.Language__c',
      'Training_Record__c.Status__c',
      'Training_Course__c.Topic__c',
    ]) {
      expect(fields).toContain(field);
    }
    const languages = new Set(expected.map((entry) => entry.language));
    expect([...languages].sort()).toEqual(['api', 'ar', 'da', 'de', 'en_US', 'es', 'fr', 'ja', 'pt_BR', 'zh_CN']);
  });

  it('maps every name in every language to its API value', () => {
    const wrong = expected
      .map((entry) => ({ ...entry, got: labels.picklistLabels.get(entry.field)?.get(normalizeLabel(entry.name)) }))
      .filter((entry) => entry.got !== entry.value);
    expect(wrong).toEqual([]);
  });

  it('maps the Direction arrows and the language names, in English and translated', () => {
    const direction = labels.picklistLabels.get('Partner_Feedback__c.Direction__c');
    expect(direction?.get(normalizeLabel('Company → Partner'))).toBe('Company to Partner');
    expect(direction?.get(normalizeLabel('Partner → Company'))).toBe('Partner to Company');
    expect(direction?.get(normalizeLabel('自社 → パートナー'))).toBe('Company to Partner');
    const language = labels.picklistLabels.get('Market__c.Language__c');
    expect(['Danish', 'Dänisch', '丹麦语', 'da'].map((name) => language?.get(normalizeLabel(name)))).toEqual([
      'da',
      'da',
      'da',
      'da',
    ]);
  });
});

describe('translation files from orgs that key values by label', () => {
  it('still finds the value when masterLabel holds the English label instead of the API name', async () => {
    const root = await mkdtemp(join(tmpdir(), 'glocal-labels-'));
    await mkdir(join(root, 'objects', 'Thing__c', 'fields'), { recursive: true });
    await mkdir(join(root, 'objectTranslations', 'Thing__c-de'), { recursive: true });
    await writeFile(
      join(root, 'objects', 'Thing__c', 'fields', 'Way__c.field-meta.xml'),
      `<CustomField><fullName>Way__c</fullName><label>Way</label><valueSet><valueSetDefinition>
<value><fullName>Up</fullName><label>Upwards ↑</label></value>
<value><fullName>Down</fullName><label>Downwards ↓</label></value>
</valueSetDefinition></valueSet></CustomField>`
    );
    await writeFile(
      join(root, 'objectTranslations', 'Thing__c-de', 'Way__c.fieldTranslation-meta.xml'),
      `<CustomFieldTranslation><label>Weg</label><name>Way__c</name>
<picklistValues><masterLabel>Up</masterLabel><translation>Aufwärts</translation></picklistValues>
<picklistValues><masterLabel>Downwards ↓</masterLabel><translation>Abwärts</translation></picklistValues>
</CustomFieldTranslation>`
    );
    const labels = await readPackLabels(root);
    expect(Object.fromEntries(labels.picklistLabels.get('Thing__c.Way__c') ?? [])).toEqual({
      'upwards ↑': 'Up',
      'downwards ↓': 'Down',
      up: 'Up',
      down: 'Down',
      aufwärts: 'Up',
      abwärts: 'Down',
    });
    expect(labels.fieldLabels.get('Thing__c')?.get('weg')).toBe('Way__c');
  });
});
