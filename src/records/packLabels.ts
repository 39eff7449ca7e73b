/*
 * Every name a spreadsheet may use for a Glocal field or picklist value: the field labels and
 * value labels of the bundled pack in its base language and in each translation
 * (objectTranslations/…fieldTranslation, globalValueSetTranslations), so a Danish sheet with the
 * column "Status" and the value "Gennemført" maps to Status__c = Completed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { packMetadataDir } from '../pack/bundledPack.js';

/** Labels are compared without case, accents' composition differences or repeated spaces. */
export function normalizeLabel(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export type PackLabels = {
  /** normalized label (any language) → field API name, per object. */
  fieldLabels: Map<string, Map<string, string>>;
  /** `Object.Field` → normalized label (any language) → picklist API value. */
  picklistLabels: Map<string, Map<string, string>>;
};

const xml = new XMLParser({
  ignoreAttributes: true,
  processEntities: true,
  parseTagValue: false,
  isArray: (name) => ['value', 'picklistValues', 'valueTranslation', 'customValue'].includes(name),
});

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readXml(file: string): Promise<Record<string, unknown>> {
  return xml.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
}

function add(map: Map<string, Map<string, string>>, key: string, label: unknown, target: string): void {
  if (typeof label !== 'string' || label.trim() === '') return;
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  const normalized = normalizeLabel(label);
  // The first meaning wins: base-language labels are read before translations.
  if (!inner.has(normalized)) inner.set(normalized, target);
}

type ValueDef = { fullName?: string; label?: string };
type Translation = { masterLabel?: string; translation?: string };

/** Read the pack's labels; a missing folder simply contributes nothing. */
export async function readPackLabels(metadataDir: string): Promise<PackLabels> {
  const labels: PackLabels = { fieldLabels: new Map(), picklistLabels: new Map() };
  // Master label → API value per global value set, and per field for field-local value sets.
  const globalSets = new Map<string, Map<string, string>>();
  for (const file of await listDir(join(metadataDir, 'globalValueSets'))) {
    if (!file.endsWith('.globalValueSet-meta.xml')) continue;
    const name = file.slice(0, -'.globalValueSet-meta.xml'.length);
    const parsed = (await readXml(join(metadataDir, 'globalValueSets', file))).GlobalValueSet as
      { customValue?: ValueDef[] } | undefined;
    const values = new Map<string, string>();
    for (const value of parsed?.customValue ?? []) {
      if (value.fullName) values.set(normalizeLabel(value.label ?? value.fullName), value.fullName);
    }
    globalSets.set(name, values);
  }
  const setTranslations = new Map<string, Translation[]>();
  for (const file of await listDir(join(metadataDir, 'globalValueSetTranslations'))) {
    const match = /^(.+)-[A-Za-z_]+\.globalValueSetTranslation-meta\.xml$/.exec(file);
    if (!match) continue;
    const parsed = (await readXml(join(metadataDir, 'globalValueSetTranslations', file))).GlobalValueSetTranslation as
      { valueTranslation?: Translation[] } | undefined;
    setTranslations.set(match[1], [...(setTranslations.get(match[1]) ?? []), ...(parsed?.valueTranslation ?? [])]);
  }

  const masterByField = new Map<string, Map<string, string>>();
  const objectsDir = join(metadataDir, 'objects');
  for (const object of await listDir(objectsDir)) {
    for (const file of await listDir(join(objectsDir, object, 'fields'))) {
      if (!file.endsWith('.field-meta.xml')) continue;
      const field = (await readXml(join(objectsDir, object, 'fields', file))).CustomField as
        | {
            fullName?: string;
            label?: string;
            valueSet?: { valueSetName?: string; valueSetDefinition?: { value?: ValueDef[] } };
          }
        | undefined;
      if (!field?.fullName) continue;
      add(labels.fieldLabels, object, field.label, field.fullName);
      const key = `${object}.${field.fullName}`;
      const masters = new Map<string, string>();
      const setName = field.valueSet?.valueSetName;
      if (setName) {
        for (const [label, value] of globalSets.get(setName) ?? []) masters.set(label, value);
        for (const translation of setTranslations.get(setName) ?? []) {
          const value = translation.masterLabel ? masters.get(normalizeLabel(translation.masterLabel)) : undefined;
          if (value) add(labels.picklistLabels, key, translation.translation, value);
        }
      }
      for (const value of field.valueSet?.valueSetDefinition?.value ?? []) {
        if (value.fullName) masters.set(normalizeLabel(value.label ?? value.fullName), value.fullName);
      }
      for (const [label, value] of masters) {
        add(labels.picklistLabels, key, label, value);
        add(labels.picklistLabels, key, value, value);
      }
      masterByField.set(key, masters);
    }
  }

  const translationsDir = join(metadataDir, 'objectTranslations');
  for (const folder of await listDir(translationsDir)) {
    const object = folder.replace(/-[A-Za-z_]+$/, '');
    for (const file of await listDir(join(translationsDir, folder))) {
      if (!file.endsWith('.fieldTranslation-meta.xml')) continue;
      const translated = (await readXml(join(translationsDir, folder, file))).CustomFieldTranslation as
        { name?: string; label?: string; picklistValues?: Translation[] } | undefined;
      const fieldName = translated?.name ?? file.slice(0, -'.fieldTranslation-meta.xml'.length);
      add(labels.fieldLabels, object, translated?.label, fieldName);
      const masters = masterByField.get(`${object}.${fieldName}`);
      for (const value of translated?.picklistValues ?? []) {
        const apiValue = value.masterLabel ? masters?.get(normalizeLabel(value.masterLabel)) : undefined;
        if (apiValue) add(labels.picklistLabels, `${object}.${fieldName}`, value.translation, apiValue);
      }
    }
  }
  return labels;
}

let bundled: Promise<PackLabels> | undefined;

/** Labels of the pack shipped with the plugin, read once per process. */
export async function bundledPackLabels(): Promise<PackLabels> {
  if (!bundled) {
    bundled = readPackLabels(packMetadataDir());
  }
  return bundled;
}
