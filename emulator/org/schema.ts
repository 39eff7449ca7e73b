/**
 * The local org's schema: what objects and fields exist, as learned from deployed metadata
 * (plus the standard objects seeded in standardObjects.ts).
 *
 * How the Metadata API deploy (emulator/metadata/) uses it:
 *   - `org.schema.upsertObject({ name: 'Market__c', label, labelPlural, custom: true, fields: {} ... })`
 *     creates or replaces an object's own attributes. Passing `fields` merges them in; standard
 *     fields of custom objects (Id, Name, OwnerId, CreatedDate …) are added by the schema itself
 *     (see `customObjectStandardFields`), so a deploy only passes the custom fields and, if it wants
 *     a Name that is an AutoNumber, a `Name` field with `type: 'autonumber'`.
 *   - `org.schema.upsertField('Market__c', field)` adds or replaces one field (CustomField).
 *   - `org.schema.upsertValidationRule('Market__c', rule)` / `removeValidationRule(...)`.
 *   - `org.schema.removeObject(name)` / `removeField(obj, field)` for destructive changes.
 *   - `org.schema.upsertGlobalValueSet(name, values)`; a field that uses one sets `valueSetName`
 *     and leaves `picklistValues` empty; the schema resolves it on read (`picklistValuesOf`).
 *   - `org.schema.snapshot()` / `restore(snapshot)` for all-or-nothing deploys (rollbackOnError).
 *   - Everything deployed (interpreted or not) is also kept as source in `org.metadata`
 *     (MetadataStore) so retrieve / listMetadata return exactly what was deployed.
 * Names are case-insensitive on lookup (as in Salesforce) and keep their deployed spelling.
 * Field types use describe's vocabulary, except 'autonumber' (described as string + autoNumber),
 * and Number(p,0) fields are 'double' like a real org describes them.
 */
import type { FormulaReturnType } from '../formula/index.js';

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'picklist'
  | 'multipicklist'
  | 'reference'
  | 'email'
  | 'phone'
  | 'url'
  | 'autonumber'
  | 'base64';

/** Formula return types in the Metadata API's vocabulary (CustomField <type> of a formula field). */
export type { FormulaReturnType };

export interface PicklistValue {
  value: string;
  label: string;
  active: boolean;
  default: boolean;
}

export interface RollupFilter {
  /** child field API name */
  field: string;
  /** Metadata API FilterOperation: equals, notEqual, lessThan, greaterThan, lessOrEqual, greaterOrEqual, contains, … */
  operation: string;
  /** comma-separated values as in metadata, e.g. 'Completed' or 'Pass, Fail' */
  value: string;
}

export interface RollupSchema {
  function: 'count' | 'sum' | 'min' | 'max';
  /** child object API name, e.g. Training_Record__c */
  childObject: string;
  /** field summarised on the child (not used for count) */
  field?: string;
  /** master-detail field on the child pointing at this object, e.g. Market__c */
  relationshipField: string;
  filters: RollupFilter[];
}

export interface FieldSchema {
  name: string;
  label: string;
  type: FieldType;
  custom?: boolean;
  description?: string;
  inlineHelpText?: string;
  /** text length (string, textarea, email, phone, url, picklist) */
  length?: number;
  /** number digits in total and after the point */
  precision?: number;
  scale?: number;
  /** int fields: number of digits */
  digits?: number;
  /** false for required fields */
  nillable?: boolean;
  /** required on the field definition (CustomField <required>true) */
  required?: boolean;
  unique?: boolean;
  caseSensitive?: boolean;
  externalId?: boolean;
  /** default value as a formula source (e.g. 'true', "'x'", '0'), applied on insert when absent */
  defaultValue?: string;
  picklistValues?: PicklistValue[];
  /** name of a global value set, resolved through OrgSchema.picklistValuesOf */
  valueSetName?: string;
  restrictedPicklist?: boolean;
  referenceTo?: string[];
  /**
   * Parent-side relationship name. Standard fields: as used in SOQL (Owner, Account). Custom fields:
   * the field name without '__c' (Course__c → 'Course'); the org appends '__r' (Course__r).
   */
  relationshipName?: string;
  /**
   * Child-side relationship name as seen from the parent (CustomField <relationshipName>, e.g.
   * 'Training_Records'; the org appends '__r' for custom fields: Training_Records__r).
   */
  childRelationshipName?: string;
  /** master-detail: parent required, cascade delete, no owner on the child */
  masterDetail?: boolean;
  /** formula field: source and the metadata return type ('Number', 'Percent', 'Text', 'Date', 'Checkbox' …);
   * `type` holds the describe type of the result (double, percent, string, date, boolean …) */
  formula?: { source: string; returnType: FormulaReturnType; treatBlanksAsZero?: boolean };
  rollup?: RollupSchema;
  /** AutoNumber display format, e.g. 'TR-{000000}' */
  autoNumberFormat?: string;
  /** true for formula and roll-up fields (read-only, computed) */
  calculated?: boolean;
  /** system fields (Id, CreatedDate …) are not createable/updateable */
  system?: boolean;
  /** can be set on insert / update (derived when absent) */
  createable?: boolean;
  updateable?: boolean;
  /** name field of the object */
  nameField?: boolean;
  /** set by the org on insert when absent (OwnerId) */
  defaultedOnCreate?: boolean;
  /** visible lines of a long text area, ignored */
  visibleLines?: number;
}

export interface ValidationRuleSchema {
  name: string;
  active: boolean;
  errorConditionFormula: string;
  errorMessage: string;
  /** field API name the error is shown on; absent = top of page */
  errorDisplayField?: string;
  description?: string;
}

export interface ChildRelationshipSchema {
  childSObject: string;
  field: string;
  relationshipName: string | null;
  cascadeDelete: boolean;
}

export interface SObjectSchema {
  name: string;
  label: string;
  labelPlural: string;
  custom: boolean;
  /** three-character Id prefix; assigned by the schema when absent */
  keyPrefix?: string;
  /** custom metadata type (__mdt): queryable, not writable through REST */
  customMetadata?: boolean;
  description?: string;
  sharingModel?: string;
  fields: Record<string, FieldSchema>;
  validationRules: ValidationRuleSchema[];
  /** can be created / updated / deleted through the data APIs */
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
  queryable?: boolean;
  /** field combinations that must be unique together (PermissionSetAssignment: AssigneeId + PermissionSetId) */
  compositeUnique?: string[][];
}

export interface GlobalValueSetSchema {
  name: string;
  values: PicklistValue[];
  sorted?: boolean;
}

/** One deployed metadata component kept verbatim. */
export interface MetadataEntry {
  type: string;
  fullName: string;
  /** metadata-format XML of the component (as deployed, e.g. objects/X.object or a -meta.xml) */
  xml?: string;
  /** every file that made up the component, paths relative to the package root (e.g. 'objects/Market__c.object') */
  files: Array<{ path: string; content: Buffer }>;
  lastModifiedDate: string;
  createdDate: string;
  id: string;
}

/** Deployed metadata as source, for retrieve/listMetadata: type → fullName → entry. */
export class MetadataStore {
  private readonly byType = new Map<string, Map<string, MetadataEntry>>();
  private counter = 0;
  /** increases on every change (the data dir saver watches it) */
  public version = 0;

  public put(
    type: string,
    fullName: string,
    entry: { xml?: string; files: Array<{ path: string; content: Buffer }> }
  ): MetadataEntry {
    let typeMap = this.byType.get(type);
    if (!typeMap) {
      typeMap = new Map();
      this.byType.set(type, typeMap);
    }
    const now = new Date().toISOString();
    const previous = typeMap.get(fullName);
    const stored: MetadataEntry = {
      type,
      fullName,
      xml: entry.xml,
      files: entry.files,
      createdDate: previous?.createdDate ?? now,
      lastModifiedDate: now,
      id: previous?.id ?? `04t${String(++this.counter).padStart(12, '0')}`,
    };
    typeMap.set(fullName, stored);
    this.version++;
    return stored;
  }

  public get(type: string, fullName: string): MetadataEntry | undefined {
    return this.byType.get(type)?.get(fullName);
  }

  public list(type: string): MetadataEntry[] {
    return [...(this.byType.get(type)?.values() ?? [])];
  }

  public types(): string[] {
    return [...this.byType.keys()].filter((t) => (this.byType.get(t)?.size ?? 0) > 0);
  }

  public remove(type: string, fullName: string): boolean {
    const removed = this.byType.get(type)?.delete(fullName) ?? false;
    if (removed) this.version++;
    return removed;
  }

  public snapshot(): MetadataEntry[] {
    return this.types().flatMap((t) => this.list(t));
  }

  public restore(entries: MetadataEntry[]): void {
    this.version++;
    this.byType.clear();
    for (const entry of entries) {
      let typeMap = this.byType.get(entry.type);
      if (!typeMap) {
        typeMap = new Map();
        this.byType.set(entry.type, typeMap);
      }
      typeMap.set(entry.fullName, entry);
      const n = Number(entry.id.slice(3));
      if (Number.isFinite(n) && n > this.counter) this.counter = n;
    }
  }
}

export interface SchemaSnapshot {
  objects: SObjectSchema[];
  globalValueSets: GlobalValueSetSchema[];
  nextPrefix: number;
}

export type SchemaListener = (objectName: string) => void;

const clone = <T>(value: T): T => structuredClone(value);

/** Standard fields every custom object has; detail objects of a master-detail have no OwnerId. */
export function customObjectStandardFields(objectLabel: string, detail: boolean): Record<string, FieldSchema> {
  const sys = (name: string, label: string, type: FieldType, extra: Partial<FieldSchema> = {}): FieldSchema => ({
    name,
    label,
    type,
    nillable: false,
    system: true,
    createable: false,
    updateable: false,
    ...extra,
  });
  const fields: Record<string, FieldSchema> = {
    Id: sys('Id', `${objectLabel} ID`, 'id', { length: 18 }),
    IsDeleted: sys('IsDeleted', 'Deleted', 'boolean'),
    // a Text name is required on insert (REQUIRED_FIELD_MISSING [Name]); AutoNumber names replace it
    Name: {
      name: 'Name',
      label: `${objectLabel} Name`,
      type: 'string',
      length: 80,
      nillable: false,
      required: true,
      nameField: true,
    },
    CreatedDate: sys('CreatedDate', 'Created Date', 'datetime'),
    CreatedById: sys('CreatedById', 'Created By ID', 'reference', {
      referenceTo: ['User'],
      relationshipName: 'CreatedBy',
    }),
    LastModifiedDate: sys('LastModifiedDate', 'Last Modified Date', 'datetime'),
    LastModifiedById: sys('LastModifiedById', 'Last Modified By ID', 'reference', {
      referenceTo: ['User'],
      relationshipName: 'LastModifiedBy',
    }),
    SystemModstamp: sys('SystemModstamp', 'System Modstamp', 'datetime'),
  };
  if (!detail) {
    fields.OwnerId = {
      name: 'OwnerId',
      label: 'Owner ID',
      type: 'reference',
      referenceTo: ['User'],
      relationshipName: 'Owner',
      nillable: false,
      createable: true,
      updateable: true,
      defaultedOnCreate: true,
    };
  }
  return fields;
}

/** Standard fields of a custom metadata type (__mdt). */
export function customMetadataStandardFields(label: string): Record<string, FieldSchema> {
  const text = (name: string, fieldLabel: string, length: number): FieldSchema => ({
    name,
    label: fieldLabel,
    type: 'string',
    length,
    nillable: false,
    system: true,
    createable: false,
    updateable: false,
  });
  return {
    Id: { name: 'Id', label: `${label} ID`, type: 'id', length: 18, nillable: false, system: true },
    DeveloperName: text('DeveloperName', 'Custom Metadata Record Name', 40),
    MasterLabel: text('MasterLabel', 'Label', 40),
    Label: text('Label', 'Label', 40),
    Language: { ...text('Language', 'Master Language', 40), type: 'picklist' },
    NamespacePrefix: { ...text('NamespacePrefix', 'Namespace Prefix', 15), nillable: true },
    QualifiedApiName: text('QualifiedApiName', 'Qualified API Name', 70),
    SystemModstamp: { ...text('SystemModstamp', 'System Modstamp', 0), type: 'datetime' },
  };
}

/**
 * All objects of the org. Emits a change per object name so the record store can rebuild
 * indexes (unique / external-ID fields) and roll-up bookkeeping after a deploy.
 */
export class OrgSchema {
  private readonly objects = new Map<string, SObjectSchema>();
  private readonly globalValueSets = new Map<string, GlobalValueSetSchema>();
  private readonly listeners: SchemaListener[] = [];
  private nextPrefix = 0;
  /** increases on every change; caches compare it */
  public version = 0;

  public onChange(listener: SchemaListener): void {
    this.listeners.push(listener);
  }

  public getObject(name: string): SObjectSchema | undefined {
    return this.objects.get(name.toLowerCase());
  }

  public requireObject(name: string): SObjectSchema {
    const obj = this.getObject(name);
    if (!obj) throw new Error(`sObject type '${name}' is not supported.`);
    return obj;
  }

  public listObjects(): SObjectSchema[] {
    return [...this.objects.values()];
  }

  public getField(objectName: string, fieldName: string): FieldSchema | undefined {
    const obj = this.getObject(objectName);
    return obj ? fieldOf(obj, fieldName) : undefined;
  }

  public objectByKeyPrefix(prefix: string): SObjectSchema | undefined {
    for (const obj of this.objects.values()) if (obj.keyPrefix === prefix) return obj;
    return undefined;
  }

  /**
   * Creates or replaces an object. Existing fields and validation rules are kept unless the new
   * definition lists them (fields merge by name); standard fields are filled in for custom objects.
   */
  public upsertObject(
    input: Omit<SObjectSchema, 'fields' | 'validationRules'> & Partial<SObjectSchema>
  ): SObjectSchema {
    const existing = this.getObject(input.name);
    const obj: SObjectSchema = {
      ...(existing ?? {}),
      ...clone(input),
      fields: { ...(existing?.fields ?? {}) },
      validationRules: existing ? [...existing.validationRules] : [],
    } as SObjectSchema;
    if (!obj.keyPrefix) obj.keyPrefix = existing?.keyPrefix ?? this.allocatePrefix(obj);
    if (obj.custom && !obj.name.endsWith('__mdt')) {
      const detail = Object.values({ ...obj.fields, ...(input.fields ?? {}) }).some((f) => f.masterDetail);
      const std = customObjectStandardFields(obj.label, detail);
      for (const [k, f] of Object.entries(std)) {
        if (!findKey(obj.fields, k)) obj.fields[k] = f;
      }
      if (detail) deleteKey(obj.fields, 'OwnerId');
    }
    if (obj.name.endsWith('__mdt')) {
      obj.customMetadata = true;
      for (const [k, f] of Object.entries(customMetadataStandardFields(obj.label))) {
        if (!findKey(obj.fields, k)) obj.fields[k] = f;
      }
    }
    for (const f of Object.values(input.fields ?? {})) this.putField(obj, clone(f));
    for (const rule of input.validationRules ?? []) putRule(obj, clone(rule));
    this.objects.set(obj.name.toLowerCase(), obj);
    this.changed(obj.name);
    return obj;
  }

  public upsertField(objectName: string, field: FieldSchema): void {
    const obj = this.requireObject(objectName);
    this.putField(obj, clone(field));
    if (field.masterDetail) deleteKey(obj.fields, 'OwnerId');
    this.changed(obj.name);
  }

  public removeField(objectName: string, fieldName: string): boolean {
    const obj = this.getObject(objectName);
    if (!obj) return false;
    const removed = deleteKey(obj.fields, fieldName);
    if (removed) this.changed(obj.name);
    return removed;
  }

  public removeObject(name: string): boolean {
    const obj = this.getObject(name);
    if (!obj) return false;
    this.objects.delete(name.toLowerCase());
    this.changed(obj.name);
    return true;
  }

  public upsertValidationRule(objectName: string, rule: ValidationRuleSchema): void {
    const obj = this.requireObject(objectName);
    putRule(obj, clone(rule));
    this.changed(obj.name);
  }

  public removeValidationRule(objectName: string, ruleName: string): boolean {
    const obj = this.getObject(objectName);
    if (!obj) return false;
    const before = obj.validationRules.length;
    obj.validationRules = obj.validationRules.filter((r) => r.name.toLowerCase() !== ruleName.toLowerCase());
    const removed = obj.validationRules.length !== before;
    if (removed) this.changed(obj.name);
    return removed;
  }

  public upsertGlobalValueSet(name: string, values: PicklistValue[], sorted = false): void {
    this.globalValueSets.set(name.toLowerCase(), { name, values: clone(values), sorted });
    this.version++;
  }

  public getGlobalValueSet(name: string): GlobalValueSetSchema | undefined {
    return this.globalValueSets.get(name.toLowerCase());
  }

  public removeGlobalValueSet(name: string): boolean {
    const removed = this.globalValueSets.delete(name.toLowerCase());
    if (removed) this.version++;
    return removed;
  }

  /** Picklist values of a field, resolving a global value set. */
  public picklistValuesOf(field: FieldSchema): PicklistValue[] {
    if (field.valueSetName) return this.getGlobalValueSet(field.valueSetName)?.values ?? field.picklistValues ?? [];
    return field.picklistValues ?? [];
  }

  /** Child relationships pointing at an object (derived from reference fields of all objects). */
  public childRelationshipsOf(objectName: string): ChildRelationshipSchema[] {
    const lower = objectName.toLowerCase();
    const result: ChildRelationshipSchema[] = [];
    for (const obj of this.objects.values()) {
      for (const f of Object.values(obj.fields)) {
        if (f.type === 'reference' && f.referenceTo?.some((r) => r.toLowerCase() === lower)) {
          result.push({
            childSObject: obj.name,
            field: f.name,
            relationshipName: f.childRelationshipName
              ? f.custom || f.name.endsWith('__c')
                ? `${f.childRelationshipName}__r`
                : f.childRelationshipName
              : null,
            cascadeDelete: !!f.masterDetail,
          });
        }
      }
    }
    return result;
  }

  public snapshot(): SchemaSnapshot {
    return {
      objects: clone(this.listObjects()),
      globalValueSets: clone([...this.globalValueSets.values()]),
      nextPrefix: this.nextPrefix,
    };
  }

  public restore(snapshot: SchemaSnapshot): void {
    const names = new Set([...this.objects.values()].map((o) => o.name));
    this.objects.clear();
    this.globalValueSets.clear();
    for (const obj of clone(snapshot.objects)) {
      this.objects.set(obj.name.toLowerCase(), obj);
      names.add(obj.name);
    }
    for (const gvs of clone(snapshot.globalValueSets)) this.globalValueSets.set(gvs.name.toLowerCase(), gvs);
    this.nextPrefix = Math.max(this.nextPrefix, snapshot.nextPrefix);
    for (const n of names) this.changed(n);
  }

  private putField(obj: SObjectSchema, field: FieldSchema): void {
    const key = findKey(obj.fields, field.name);
    if (key && key !== field.name) delete obj.fields[key];
    if (field.formula || field.rollup) field.calculated = true;
    obj.fields[field.name] = field;
  }

  private allocatePrefix(obj: SObjectSchema): string {
    const used = new Set([...this.objects.values()].map((o) => o.keyPrefix));
    const lead = obj.name.endsWith('__mdt') ? 'm' : 'a';
    for (;;) {
      const n = this.nextPrefix++;
      const prefix = lead + base62(n, 2);
      if (!used.has(prefix)) return prefix;
    }
  }

  private changed(objectName: string): void {
    this.version++;
    for (const l of this.listeners) l(objectName);
  }
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function base62(n: number, width: number): string {
  let s = '';
  let v = n;
  do {
    s = BASE62[v % 62] + s;
    v = Math.floor(v / 62);
  } while (v > 0);
  return s.padStart(width, '0');
}

function findKey(fields: Record<string, FieldSchema>, name: string): string | undefined {
  if (name in fields) return name;
  const lower = name.toLowerCase();
  return Object.keys(fields).find((k) => k.toLowerCase() === lower);
}

function deleteKey(fields: Record<string, FieldSchema>, name: string): boolean {
  const key = findKey(fields, name);
  if (!key) return false;
  delete fields[key];
  return true;
}

function putRule(obj: SObjectSchema, rule: ValidationRuleSchema): void {
  const i = obj.validationRules.findIndex((r) => r.name.toLowerCase() === rule.name.toLowerCase());
  if (i >= 0) obj.validationRules[i] = rule;
  else obj.validationRules.push(rule);
}

/** Case-insensitive field lookup on an object schema. */
export function fieldOf(obj: SObjectSchema, name: string): FieldSchema | undefined {
  const direct = obj.fields[name];
  if (direct) return direct;
  const key = findKey(obj.fields, name);
  return key ? obj.fields[key] : undefined;
}
