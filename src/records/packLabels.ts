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

/**
 * A value set's values: their base-language labels and their API names, both → API name.
 * Translation files name the value they translate in `masterLabel`, which holds the API name
 * (as the pack and `sf project retrieve` write it; "Company to Partner", "da") — or, in files
 * from orgs where label and API name were once the same, the label. Both are looked up.
 */
type ValueSetMasters = { byLabel: Map<string, string>; byApiName: Map<string, string> };

function valueSetMasters(values: ValueDef[]): ValueSetMasters {
  const masters: ValueSetMasters = { byLabel: new Map(), byApiName: new Map() };
  for (const value of values) {
    if (!value.fullName) continue;
    masters.byApiName.set(normalizeLabel(value.fullName), value.fullName);
    masters.byLabel.set(normalizeLabel(value.label ?? value.fullName), value.fullName);
  }
  return masters;
}

/** The API value a translation's masterLabel names: by API name first, then by label. */
function translatedValue(masters: ValueSetMasters | undefined, translation: Translation): string | undefined {
  if (!masters || typeof translation.masterLabel !== 'string') return undefined;
  const master = normalizeLabel(translation.masterLabel);
  return masters.byApiName.get(master) ?? masters.byLabel.get(master);
}

function addValueSet(labels: PackLabels, key: string, masters: ValueSetMasters): void {
  for (const [label, value] of masters.byLabel) add(labels.picklistLabels, key, label, value);
  for (const value of masters.byApiName.values()) add(labels.picklistLabels, key, value, value);
}

/** Read the pack's labels; a missing folder simply contributes nothing. */
export async function readPackLabels(metadataDir: string): Promise<PackLabels> {
  const labels: PackLabels = { fieldLabels: new Map(), picklistLabels: new Map() };
  // Master label → API value per global value set, and per field for field-local value sets.
  const globalSets = new Map<string, ValueSetMasters>();
  for (const file of await listDir(join(metadataDir, 'globalValueSets'))) {
    if (!file.endsWith('.globalValueSet-meta.xml')) continue;
    const name = file.slice(0, -'.globalValueSet-meta.xml'.length);
    const parsed = (await readXml(join(metadataDir, 'globalValueSets', file))).GlobalValueSet as
      { customValue?: ValueDef[] } | undefined;
    globalSets.set(name, valueSetMasters(parsed?.customValue ?? []));
  }
  const setTranslations = new Map<string, Translation[]>();
  for (const file of await listDir(join(metadataDir, 'globalValueSetTranslations'))) {
    const match = /^(.+)-[A-Za-z_]+\.globalValueSetTranslation-meta\.xml$/.exec(file);
    if (!match) continue;
    const parsed = (await readXml(join(metadataDir, 'globalValueSetTranslations', file))).GlobalValueSetTranslation as
      { valueTranslation?: Translation[] } | undefined;
    setTranslations.set(match[1], [...(setTranslations.get(match[1]) ?? []), ...(parsed?.valueTranslation ?? [])]);
  }

  const mastersByField = new Map<string, ValueSetMasters>();
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
      const setName = field.valueSet?.valueSetName;
      if (setName) {
        const masters = globalSets.get(setName);
        if (!masters) continue;
        // Base-language labels first, so that they win over a translation that happens to match.
        addValueSet(labels, key, masters);
        for (const translation of setTranslations.get(setName) ?? []) {
          const value = translatedValue(masters, translation);
          if (value) add(labels.picklistLabels, key, translation.translation, value);
        }
        continue;
      }
      const values = field.valueSet?.valueSetDefinition?.value;
      if (!values) continue;
      const masters = valueSetMasters(values);
      addValueSet(labels, key, masters);
      mastersByField.set(key, masters);
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
      const masters = mastersByField.get(`${object}.${fieldName}`);
      for (const value of translated?.picklistValues ?? []) {
        const apiValue = translatedValue(masters, value);
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
