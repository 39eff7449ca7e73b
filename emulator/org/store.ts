/**
 * The local org's records and the write path every API shares (REST, composite, tree, Bulk 2.0).
 *
 * How Bulk (emulator/bulk/) and the deploy (emulator/metadata/) call it:
 *   org.store.insert('Training_Record__c', rows, { allOrNone: false, text: true })
 *   org.store.update(type, rowsWithId, opts) / org.store.upsert(type, 'Record_Key__c', rows, opts)
 *   org.store.delete(type, ids, opts)   // cascades master-detail children
 * Each returns one WriteResult per input row, in order: {id, success, created?, errors:[{statusCode,
 * message, fields}]} with the error codes a real org uses (REQUIRED_FIELD_MISSING, STRING_TOO_LONG,
 * DUPLICATE_VALUE, FIELD_CUSTOM_VALIDATION_EXCEPTION …). `text: true` is for CSV input: every value
 * is a string and '' means null. A relationship by external ID is passed as a nested object,
 * `{ Course__r: { Course_Code__c: 'CQ-101' } }` (turn the CSV column `Course__r.Course_Code__c`
 * into that). Field names are case-insensitive. A whole unknown object throws StoreError
 * (INVALID_TYPE); everything row-level is reported in the results.
 *   org.store.putSystemRecord('PermissionSet', 'Name', { Name, Label }) creates or updates a record
 *   without validation (deployed PermissionSets, custom metadata records);
 *   org.store.removeSystemRecord(type, 'DeveloperName', value) removes one.
 * Reads: `org.store.read(type, record, path)` gives a field value incl. formulas and parent paths.
 */
import { compileFormula, type CompiledFormula, type FormulaContext, type FormulaValue } from '../formula/index.js';
import { makeId, normalizeId } from './ids.js';
import type { WriteCounts } from './writeCounts.js';
import { fieldOf, type FieldSchema, type OrgSchema, type RollupSchema, type SObjectSchema } from './schema.js';
import {
  CoerceFailure,
  coerceValue,
  formatDateTime,
  literalDefault,
  roundToScale,
  type StoredValue,
  type WriteError,
} from './values.js';

export type { WriteError, StoredValue } from './values.js';

export type StoredRecord = Record<string, StoredValue>;

export interface WriteResult {
  id: string | null;
  success: boolean;
  created?: boolean;
  errors: WriteError[];
}

export interface WriteOptions {
  /** all rows or none (composite allOrNone, REST single writes) */
  allOrNone?: boolean;
  /** Bulk CSV input: values are strings, '' is null */
  text?: boolean;
  /** the running user (defaults to the org's admin user) */
  userId?: string;
}

export class StoreError extends Error {
  public constructor(
    public readonly errorCode: string,
    message: string,
    public readonly status = 400
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

interface RollupFeed {
  parent: string;
  field: FieldSchema;
  rollup: RollupSchema;
}

interface CompiledRule {
  name: string;
  formula: CompiledFormula;
  message: string;
  displayField?: string;
}

/** One object's rows plus the indexes and caches derived from its schema. */
export class Table {
  public readonly rows = new Map<string, StoredRecord>();
  public readonly deleted = new Map<string, StoredRecord>();
  public schema!: SObjectSchema;
  public fieldsByLower = new Map<string, FieldSchema>();
  /** relationship name (Course__r, Owner) → reference field */
  public relationships = new Map<string, FieldSchema>();
  /** unique / external-ID fields: field name → normalised value → ids */
  /** one id per value (the usual case for unique keys) or a list when values repeat */
  public indexes = new Map<string, Map<string, string | string[]>>();
  /** master-detail fields: field name → parent id → child ids */
  public childIndexes = new Map<string, Map<string, Set<string>>>();
  public autoNumbers = new Map<string, number>();
  public formulas = new Map<string, CompiledFormula | null>();
  public rules: CompiledRule[] = [];
  public ruleProblems: string[] = [];
  public restricted = new Map<string, Set<string>>();
  public schemaVersion = -1;
  /** per-schema plans for the write path (computed once, used for every row) */
  public defaults: Array<{ name: string; value: StoredValue | 'OWNER' }> = [];
  public requiredFields: string[] = [];
  public referenceFields: FieldSchema[] = [];
  /** reference fields with the objects they may point at, by Id key prefix */
  public referenceTargets: Array<{ field: FieldSchema; byPrefix: Map<string, string> }> = [];
  public autoNumberFields: FieldSchema[] = [];
  public createable = new Set<string>();
  /** the unique / external-ID indexes as a list (hot loops), and whether any is unique */
  public indexList: Array<{ name: string; field: FieldSchema; index: Map<string, string | string[]> }> = [];
  public hasUniqueChecks = false;
  public updateable = new Set<string>();
  /** exact input key → field (input keys repeat across rows) */
  public keyCache = new Map<string, FieldSchema | null>();

  public constructor(public readonly name: string) {}

  public field(name: string): FieldSchema | undefined {
    let hit = this.keyCache.get(name);
    if (hit === undefined) {
      hit = this.fieldsByLower.get(name.toLowerCase()) ?? null;
      if (this.keyCache.size < 10_000) this.keyCache.set(name, hit);
    }
    return hit ?? undefined;
  }

  /** Ids whose indexed field equals `value`, or undefined when the field has no index. */
  public lookup(fieldName: string, value: unknown): string[] | undefined {
    const field = this.field(fieldName);
    if (!field) return undefined;
    if (field.type === 'id') {
      const id = normalizeId(value);
      return id && this.rows.has(id) ? [id] : [];
    }
    const index = this.indexes.get(field.name);
    if (!index) return undefined;
    return idsOf(index.get(indexKey(field, value)));
  }
}

export function indexKey(field: FieldSchema, value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return field.caseSensitive ? text : text.toLowerCase();
}

const isIndexed = (f: FieldSchema): boolean => !!(f.unique || f.externalId) && f.type !== 'id' && !f.calculated;

/** Which metadata field type a formula sees for a describe type. */
export function formulaTypeOf(field: FieldSchema): string {
  switch (field.type) {
    case 'double':
    case 'int':
      return 'Number';
    case 'percent':
      return 'Percent';
    case 'currency':
      return 'Currency';
    case 'picklist':
      return 'Picklist';
    case 'multipicklist':
      return 'MultiselectPicklist';
    case 'boolean':
      return 'Checkbox';
    case 'date':
      return 'Date';
    case 'datetime':
      return 'DateTime';
    case 'reference':
      return field.masterDetail ? 'MasterDetail' : 'Lookup';
    case 'id':
      return 'Id';
    case 'autonumber':
      return 'AutoNumber';
    default:
      return 'Text';
  }
}

export class RecordStore {
  private readonly tables = new Map<string, Table>();
  private idCounter = 0;
  private rollupFeeds = new Map<string, RollupFeed[]>();
  private rollupVersion = -1;
  private permissionCache: { version: number; byUser: Map<string, Set<string>> } | undefined;
  /** increases on every write, for caches */
  public version = 0;
  /** reused per row while values are assigned (most rows have no errors) */
  private readonly scratchErrors: WriteError[] = [];
  /** accepted upsert rows per external-ID value, while a test counts them (see WriteCounts) */
  public writeCounts: WriteCounts | undefined;
  /** custom permissions granted by a permission set name, supplied by whoever reads PermissionSet metadata */
  public customPermissionsOf: (permissionSetName: string) => string[] = () => [];

  public constructor(
    public readonly schema: OrgSchema,
    public readonly defaultUserId: () => string
  ) {
    schema.onChange(() => {
      this.rollupVersion = -1;
    });
  }

  /** The table of an object, refreshed against the current schema; throws INVALID_TYPE. */
  public table(type: string): Table {
    const obj = this.schema.getObject(type);
    if (!obj) throw new StoreError('INVALID_TYPE', `sObject type '${type}' is not supported.`);
    let table = this.tables.get(obj.name.toLowerCase());
    if (!table) {
      table = new Table(obj.name);
      this.tables.set(obj.name.toLowerCase(), table);
    }
    if (table.schemaVersion !== this.schema.version) this.refresh(table, obj);
    return table;
  }

  public hasTable(type: string): boolean {
    return this.schema.getObject(type) !== undefined;
  }

  public allTables(): Table[] {
    return this.schema.listObjects().map((o) => this.table(o.name));
  }

  /** Finds a live record by Id in any object. */
  public findById(id: string): { table: Table; record: StoredRecord } | undefined {
    const full = normalizeId(id);
    if (!full) return undefined;
    const obj = this.schema.objectByKeyPrefix(full.slice(0, 3));
    if (!obj) return undefined;
    const table = this.table(obj.name);
    const record = table.rows.get(full);
    return record ? { table, record } : undefined;
  }

  public nextId(prefix: string): string {
    return makeId(prefix, ++this.idCounter);
  }

  public get idCounterValue(): number {
    return this.idCounter;
  }

  public set idCounterValue(value: number) {
    this.idCounter = Math.max(this.idCounter, value);
  }

  // ---------------------------------------------------------------- reads

  /** Value of a field path on a record: own fields, formulas, parent paths (Course__r.Name). */
  public read(table: Table, record: StoredRecord, path: string, userId?: string, depth = 0): StoredValue {
    const dot = path.indexOf('.');
    if (dot < 0) {
      const field = table.field(path);
      if (!field) return null;
      if (field.formula) return this.evaluateFormula(table, field, record, userId, depth);
      const v = record[field.name];
      return v === undefined ? (field.type === 'boolean' ? false : null) : v;
    }
    const rel = table.relationships.get(path.slice(0, dot).toLowerCase());
    if (!rel) return null;
    const parentId = record[rel.name];
    if (typeof parentId !== 'string') return null;
    const parent = this.findById(parentId);
    if (!parent) return null;
    return this.read(parent.table, parent.record, path.slice(dot + 1), userId, depth);
  }

  private evaluateFormula(
    table: Table,
    field: FieldSchema,
    record: StoredRecord,
    userId: string | undefined,
    depth: number
  ): StoredValue {
    if (depth > 10) return null;
    const compiled = this.formulaOf(table, field);
    if (!compiled) return null;
    const value = compiled.evaluate(this.formulaContext(table, record, userId, depth + 1));
    if (typeof value === 'number' && field.scale !== undefined) return roundToScale(value, field.scale);
    return value;
  }

  public formulaOf(table: Table, field: FieldSchema): CompiledFormula | null {
    let compiled = table.formulas.get(field.name);
    if (compiled === undefined) {
      try {
        compiled = compileFormula(field.formula!.source, {
          returnType: field.formula!.returnType,
          treatBlanksAsZero: field.formula!.treatBlanksAsZero,
          fieldType: this.fieldTypeResolver(table),
        });
      } catch {
        // not evaluable locally: the deploy reported it; reads answer null rather than a wrong value
        compiled = null;
      }
      table.formulas.set(field.name, compiled);
    }
    return compiled;
  }

  /** Metadata field type of a formula path (Course__r.Passing_Score__c → 'Number'), for the formula compiler. */
  public fieldTypeResolver(table: Table): (path: string) => string | undefined {
    return (path: string) => {
      const parts = path.split('.');
      let current: SObjectSchema | undefined = table.schema;
      for (let i = 0; i < parts.length - 1 && current; i++) {
        const lower = parts[i].toLowerCase();
        const rel: FieldSchema | undefined = Object.values(current.fields).find(
          (f) =>
            f.type === 'reference' &&
            f.relationshipName &&
            (f.custom || f.name.endsWith('__c') ? `${f.relationshipName}__r` : f.relationshipName).toLowerCase() ===
              lower
        );
        current = rel?.referenceTo?.[0] ? this.schema.getObject(rel.referenceTo[0]) : undefined;
      }
      const field = current ? fieldOf(current, parts[parts.length - 1]) : undefined;
      if (!field) return undefined;
      if (field.formula) return field.formula.returnType;
      return formulaTypeOf(field);
    };
  }

  public formulaContext(
    table: Table,
    record: StoredRecord,
    userId: string | undefined,
    depth = 0,
    prior?: StoredRecord
  ): FormulaContext {
    const user = userId ?? this.defaultUserId();
    return {
      get: (path: string): FormulaValue => this.read(table, record, path, user, depth),
      today: () => new Date().toISOString().slice(0, 10),
      user: { Id: user },
      permissions: this.customPermissions(user),
      isNew: prior === undefined,
      prior: prior ? (path: string): FormulaValue => this.read(table, prior, path, user, depth) : undefined,
    };
  }

  /** Custom permissions of a user through PermissionSetAssignment → PermissionSet names. */
  public customPermissions(userId: string): Set<string> {
    if (!this.permissionCache || this.permissionCache.version !== this.version) {
      this.permissionCache = { version: this.version, byUser: new Map() };
    }
    let perms = this.permissionCache.byUser.get(userId);
    if (!perms) {
      perms = new Set();
      if (this.hasTable('PermissionSetAssignment') && this.hasTable('PermissionSet')) {
        const psa = this.table('PermissionSetAssignment');
        const ps = this.table('PermissionSet');
        for (const a of psa.rows.values()) {
          if (a.AssigneeId !== userId || typeof a.PermissionSetId !== 'string') continue;
          const set = ps.rows.get(a.PermissionSetId);
          if (set && typeof set.Name === 'string') for (const p of this.customPermissionsOf(set.Name)) perms.add(p);
        }
      }
      this.permissionCache.byUser.set(userId, perms);
    }
    return perms;
  }

  // ---------------------------------------------------------------- writes

  public insert(type: string, inputs: Array<Record<string, unknown>>, opts: WriteOptions = {}): WriteResult[] {
    const table = this.table(type);
    this.assertWritable(table);
    const userId = opts.userId ?? this.defaultUserId();
    const prepared = inputs.map((input) => this.prepareInsert(table, input, opts, userId));
    return this.commitAll(table, prepared, opts, userId);
  }

  public update(type: string, inputs: Array<Record<string, unknown>>, opts: WriteOptions = {}): WriteResult[] {
    const table = this.table(type);
    this.assertWritable(table);
    const userId = opts.userId ?? this.defaultUserId();
    const prepared = inputs.map((input) => this.prepareUpdate(table, input, opts, userId));
    return this.commitAll(table, prepared, opts, userId);
  }

  /** Upsert by an external-ID field (or Id): inserts rows whose key is new, updates the others. */
  public upsert(
    type: string,
    externalIdField: string,
    inputs: Array<Record<string, unknown>>,
    opts: WriteOptions = {}
  ): WriteResult[] {
    const table = this.table(type);
    this.assertWritable(table);
    const field = table.field(externalIdField);
    if (!field || (field.type !== 'id' && !field.externalId)) {
      throw new StoreError(
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${externalIdField}`,
        404
      );
    }
    const userId = opts.userId ?? this.defaultUserId();
    const keysInBatch = new Map<string, number>();
    const prepared = inputs.map((input, i): Prepared => {
      const key = Object.keys(input).find((k) => k.toLowerCase() === field.name.toLowerCase());
      const raw = key ? input[key] : undefined;
      if (raw === undefined || raw === null || raw === '') {
        return failed([{ statusCode: 'MISSING_ARGUMENT', message: `${field.name} not specified`, fields: [] }]);
      }
      const norm = indexKey(field, field.type === 'id' ? (normalizeId(raw) ?? raw) : raw);
      if (keysInBatch.has(norm)) {
        return failed([
          {
            statusCode: 'DUPLICATE_EXTERNAL_ID',
            message: `Duplicate external id specified: ${String(raw)}`,
            fields: [field.name],
          },
        ]);
      }
      keysInBatch.set(norm, i);
      const matches = table.lookup(field.name, raw) ?? this.scanFor(table, field, raw);
      if (matches.length > 1) {
        return failed([
          {
            statusCode: 'DUPLICATE_EXTERNAL_ID',
            message: `${field.label}: more than one record found for external id field: ${matches.join(', ')}`,
            fields: [field.name],
          },
        ]);
      }
      if (matches.length === 1) {
        const rest = { ...input };
        if (key && field.type === 'id') delete rest[key];
        return this.prepareUpdate(
          table,
          { ...rest, Id: matches[0] },
          opts,
          userId,
          key && field.type !== 'id' ? key : undefined
        );
      }
      if (field.type === 'id') {
        return failed([{ statusCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }]);
      }
      return this.prepareInsert(table, input, opts, userId);
    });
    const results = this.commitAll(table, prepared, opts, userId);
    if (this.writeCounts) this.countWrites(table, field, inputs, results);
    return results;
  }

  private countWrites(
    table: Table,
    field: FieldSchema,
    inputs: Array<Record<string, unknown>>,
    results: WriteResult[]
  ): void {
    const key = field.name.toLowerCase();
    for (let i = 0; i < inputs.length; i++) {
      if (!results[i].success) continue;
      const name = Object.keys(inputs[i]).find((k) => k.toLowerCase() === key);
      this.writeCounts!.add(table.name, String(name ? inputs[i][name] : ''));
    }
  }

  public delete(type: string | undefined, ids: string[], opts: WriteOptions = {}): WriteResult[] {
    const results: WriteResult[] = [];
    const targets: Array<{ table: Table; id: string } | undefined> = ids.map((raw) => {
      const id = normalizeId(raw);
      if (!id) return undefined;
      const obj = this.schema.objectByKeyPrefix(id.slice(0, 3));
      if (!obj || (type && obj.name.toLowerCase() !== type.toLowerCase())) return undefined;
      return { table: this.table(obj.name), id };
    });
    const seen = new Set<string>();
    for (let i = 0; i < ids.length; i++) {
      const t = targets[i];
      const id = normalizeId(ids[i]);
      if (!id) {
        results.push({
          id: null,
          success: false,
          errors: [{ statusCode: 'MALFORMED_ID', message: `malformed id ${ids[i]}`, fields: [] }],
        });
      } else if (!t || !t.table.rows.has(id) || seen.has(id)) {
        // an Id listed twice is gone by the time its second entry comes up
        const deleted = t?.table.deleted.has(id) || seen.has(id);
        results.push({
          id,
          success: false,
          errors: [
            deleted
              ? { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }
              : { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] },
          ],
        });
      } else if (t.table.schema.customMetadata || t.table.schema.deletable === false) {
        results.push({
          id,
          success: false,
          errors: [
            {
              statusCode: 'INVALID_TYPE',
              message: `sObject type '${t.table.name}' does not support delete.`,
              fields: [],
            },
          ],
        });
      } else {
        seen.add(id);
        results.push({ id, success: true, errors: [] });
      }
    }
    if (opts.allOrNone && results.some((r) => !r.success)) return rollBack(results);
    for (let i = 0; i < ids.length; i++) {
      const t = targets[i];
      if (results[i].success && t && t.table.rows.has(t.id)) this.deleteCascade(t.table, t.id);
    }
    this.flushRollups();
    this.version++;
    return results;
  }

  /** Removes rows for good (no recycle bin): undoing a failed all-or-nothing request. */
  public purge(type: string, ids: string[]): void {
    const table = this.table(type);
    for (const raw of ids) {
      const id = normalizeId(raw);
      const record = id ? table.rows.get(id) : undefined;
      if (!record || !id) continue;
      this.removeFromIndexes(table, record);
      table.rows.delete(id);
      this.feedRollups(table, record, undefined);
    }
    this.flushRollups();
    this.version++;
  }

  /** Creates or updates a record found by `keyField` without validation (system-managed data). */
  public putSystemRecord(type: string, keyField: string, values: Record<string, StoredValue>): string {
    const table = this.table(type);
    const field = table.field(keyField);
    if (!field) throw new StoreError('INVALID_FIELD', `No such column '${keyField}' on entity '${type}'`);
    const key = values[field.name] ?? values[keyField];
    const existing = [...table.rows.values()].find(
      (r) => r[field.name] != null && indexKey(field, r[field.name]) === indexKey(field, key)
    );
    const now = formatDateTime(Date.now());
    if (existing) {
      const before = { ...existing };
      for (const [k, v] of Object.entries(values)) {
        const f = table.field(k);
        if (f) existing[f.name] = v;
      }
      existing.LastModifiedDate = now;
      existing.SystemModstamp = now;
      this.reindex(table, before, existing);
      this.version++;
      return existing.Id as string;
    }
    const record: StoredRecord = {};
    for (const [k, v] of Object.entries(values)) {
      const f = table.field(k);
      if (f) record[f.name] = v;
    }
    const id = this.nextId(table.schema.keyPrefix!);
    record.Id = id;
    this.stamp(table, record, this.defaultUserId(), now, true);
    this.addRow(table, record);
    this.version++;
    return id;
  }

  public removeSystemRecord(type: string, keyField: string, value: string): boolean {
    if (!this.hasTable(type)) return false;
    const table = this.table(type);
    const field = table.field(keyField);
    if (!field) return false;
    for (const r of table.rows.values()) {
      if (r[field.name] != null && indexKey(field, r[field.name]) === indexKey(field, value)) {
        this.deleteCascade(table, r.Id as string);
        this.version++;
        return true;
      }
    }
    return false;
  }

  /** Drops every row of an object (when the object itself is deleted by a destructive deploy). */
  public dropTable(type: string): void {
    this.tables.delete(type.toLowerCase());
  }

  // ---------------------------------------------------------------- internals: preparation

  private assertWritable(table: Table): void {
    if (table.schema.customMetadata) {
      throw new StoreError(
        'INVALID_TYPE',
        `sObject type '${table.name}' is not supported. Custom metadata records are deployed, not inserted.`
      );
    }
    if (table.schema.createable === false && table.schema.updateable === false) {
      throw new StoreError('INVALID_TYPE', `sObject type '${table.name}' does not support DML.`);
    }
  }

  private prepareInsert(table: Table, input: Record<string, unknown>, opts: WriteOptions, userId: string): Prepared {
    const errors = this.scratchErrors;
    const values: StoredRecord = {};
    this.assignInput(table, input, opts, errors, values, 'insert');
    if (errors.length) {
      const copy = [...errors];
      errors.length = 0;
      return failed(copy);
    }
    // defaults, then required fields
    for (const d of table.defaults) {
      if (d.name in values) continue;
      values[d.name] = d.value === 'OWNER' ? userId : d.value;
    }
    const missing = this.missingRequired(table, values);
    if (missing.length) {
      return failed([
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: `Required fields are missing: [${missing.join(', ')}]`,
          fields: missing,
        },
      ]);
    }
    const refErrors = this.checkReferences(table, values);
    if (refErrors.length) return failed(refErrors);
    const ruleErrors = this.runValidationRules(table, values, userId, undefined);
    if (ruleErrors.length) return failed(ruleErrors);
    return { kind: 'insert', values, errors: NO_ERRORS };
  }

  private prepareUpdate(
    table: Table,
    input: Record<string, unknown>,
    opts: WriteOptions,
    userId: string,
    ignoreField?: string
  ): Prepared {
    const idKey = Object.keys(input).find((k) => k.toLowerCase() === 'id');
    const rawId = idKey ? input[idKey] : undefined;
    if (rawId === undefined || rawId === null || rawId === '') {
      return failed([{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }]);
    }
    const id = normalizeId(rawId);
    if (!id) {
      return failed([
        { statusCode: 'MALFORMED_ID', message: `Id: id value of incorrect type: ${String(rawId)}`, fields: ['Id'] },
      ]);
    }
    const existing = table.rows.get(id);
    if (!existing) {
      if (table.deleted.has(id))
        return failed([{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }], id);
      return failed(
        [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] }],
        id
      );
    }
    const errors: WriteError[] = [];
    const changes: StoredRecord = {};
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (k !== idKey && k !== ignoreField) rest[k] = v;
    this.assignInput(table, rest, opts, errors, changes, 'update', existing);
    if (errors.length) return failed(errors, id);
    const merged: StoredRecord = { ...existing, ...changes };
    const missing = this.missingRequired(table, merged);
    if (missing.length) {
      return failed(
        [
          {
            statusCode: 'REQUIRED_FIELD_MISSING',
            message: `Required fields are missing: [${missing.join(', ')}]`,
            fields: missing,
          },
        ],
        id
      );
    }
    const refErrors = this.checkReferences(table, changes);
    if (refErrors.length) return failed(refErrors, id);
    const ruleErrors = this.runValidationRules(table, merged, userId, existing);
    if (ruleErrors.length) return failed(ruleErrors, id);
    return { kind: 'update', id, values: merged, before: existing, errors: NO_ERRORS };
  }

  private assignInput(
    table: Table,
    input: Record<string, unknown>,
    opts: WriteOptions,
    errors: WriteError[],
    values: StoredRecord,
    mode: 'insert' | 'update',
    existing?: StoredRecord
  ): void {
    const readOnly = (field: FieldSchema): WriteError => ({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields: [field.name],
    });
    // an update may repeat a create-only value (a non-reparentable master-detail parent, say) unchanged,
    // as upserts by external ID do for existing rows; changing it is refused
    const unchangedCreateOnly = (field: FieldSchema, value: StoredValue): boolean =>
      mode === 'update' && table.createable.has(field.name) && existing !== undefined && existing[field.name] === value;
    for (const key in input) {
      if (key === 'attributes') continue;
      const raw = input[key];
      const field = table.field(key);
      if (!field) {
        const rel = table.relationships.get(key.toLowerCase());
        if (rel && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
          const resolved = this.resolveByExternalId(rel, raw as Record<string, unknown>);
          if ('error' in resolved) errors.push(resolved.error);
          else if (mode === 'update' && !table.updateable.has(rel.name) && !unchangedCreateOnly(rel, resolved.id)) {
            errors.push(readOnly(rel));
          } else values[rel.name] = resolved.id;
          continue;
        }
        errors.push({
          statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message: `No such column '${key}' on sobject of type ${table.name}`,
          fields: [key],
        });
        continue;
      }
      if (field.type === 'id') {
        if (mode === 'insert') {
          errors.push({
            statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
            message: 'cannot specify Id in an insert call',
            fields: ['Id'],
          });
        }
        continue;
      }
      const writable = (mode === 'insert' ? table.createable : table.updateable).has(field.name);
      if (!writable && !(mode === 'update' && table.createable.has(field.name))) {
        errors.push(readOnly(field));
        continue;
      }
      const coerced = coerceValue(field, raw, opts.text === true, table.restricted.get(field.name));
      if (coerced instanceof CoerceFailure) errors.push(coerced.error);
      else if (!writable && !unchangedCreateOnly(field, coerced)) errors.push(readOnly(field));
      else values[field.name] = coerced;
    }
  }

  private resolveByExternalId(rel: FieldSchema, ref: Record<string, unknown>): { id: string } | { error: WriteError } {
    const target = rel.referenceTo?.[0];
    const keys = Object.keys(ref).filter((k) => k !== 'attributes');
    const parentTable = target && this.hasTable(target) ? this.table(target) : undefined;
    const keyField = keys.length === 1 && parentTable ? parentTable.field(keys[0]) : undefined;
    if (!parentTable || !keyField || (!keyField.externalId && keyField.type !== 'id')) {
      return {
        error: {
          statusCode: 'INVALID_FIELD',
          message: `The value provided for foreign key reference ${rel.relationshipName} is not a nested SObject or its external ID field is not valid: ${keys.join(', ')}`,
          fields: [rel.name],
        },
      };
    }
    const value = ref[keys[0]];
    const ids = parentTable.lookup(keyField.name, value) ?? this.scanFor(parentTable, keyField, value);
    if (ids.length !== 1) {
      return {
        error: {
          statusCode: ids.length ? 'DUPLICATE_EXTERNAL_ID' : 'INVALID_FIELD',
          message: ids.length
            ? `More than one record found for external id field ${keyField.name} with value ${String(value)}`
            : `Foreign key external ID: ${String(value)} not found for field ${keyField.name} in entity ${parentTable.name}`,
          fields: [rel.name],
        },
      };
    }
    return { id: ids[0] };
  }

  private scanFor(table: Table, field: FieldSchema, value: unknown): string[] {
    const key = indexKey(field, value);
    const ids: string[] = [];
    for (const r of table.rows.values()) {
      const v = r[field.name];
      if (v != null && indexKey(field, v) === key) ids.push(r.Id as string);
    }
    return ids;
  }

  private missingRequired(table: Table, values: StoredRecord): string[] {
    const missing: string[] = [];
    for (const name of table.requiredFields) {
      const v = values[name];
      if (v === undefined || v === null || v === '') missing.push(name);
    }
    return missing;
  }

  private checkReferences(table: Table, values: StoredRecord): WriteError[] {
    let errors: WriteError[] = NO_ERRORS;
    for (const { field, byPrefix } of table.referenceTargets) {
      const value = values[field.name];
      if (typeof value !== 'string') continue;
      const target = byPrefix.get(value.slice(0, 3));
      if (target && this.table(target).rows.has(value)) continue;
      if (errors === NO_ERRORS) errors = [];
      if (!target) {
        errors.push({
          statusCode: 'FIELD_INTEGRITY_EXCEPTION',
          message: `${field.label}: id value of incorrect type: ${value}`,
          fields: [field.name],
        });
        continue;
      }
      const parentTable = this.table(target);
      if (!parentTable.rows.has(value)) {
        errors.push(
          parentTable.deleted.has(value)
            ? { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [field.name] }
            : { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [field.name] }
        );
      }
    }
    return errors;
  }

  private runValidationRules(
    table: Table,
    record: StoredRecord,
    userId: string,
    prior: StoredRecord | undefined
  ): WriteError[] {
    if (table.rules.length === 0) return NO_ERRORS;
    const errors: WriteError[] = [];
    const ctx = this.formulaContext(table, record, userId, 0, prior);
    for (const rule of table.rules) {
      const result = rule.formula.evaluateResult(ctx);
      // a rule whose formula errors (#Error!) does not fire, as on a real org
      if (result.value === true) {
        errors.push({
          statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: rule.message,
          fields: rule.displayField ? [rule.displayField] : [],
        });
      }
    }
    return errors;
  }

  // ---------------------------------------------------------------- internals: commit

  private commitAll(table: Table, prepared: Prepared[], opts: WriteOptions, userId: string): WriteResult[] {
    // unique / external-ID values: all or none checks stored rows and the batch up front; otherwise
    // each row is checked against the live indexes just before it is committed (which also sees
    // the rows committed earlier in the same batch)
    if (opts.allOrNone) {
      const batchKeys = new Map<string, Map<string, number>>();
      for (let i = 0; i < prepared.length; i++) {
        const p = prepared[i];
        if (p.kind === 'failed') continue;
        const dupes = this.duplicateErrors(table, p, batchKeys, i);
        if (dupes.length) prepared[i] = failed(dupes, p.kind === 'update' ? p.id : undefined);
      }
      if (prepared.some((p) => p.kind === 'failed')) return rollBack(prepared.map((p) => toResult(p, null)));
    }
    const now = formatDateTime(Date.now());
    const results: WriteResult[] = [];
    for (let i = 0; i < prepared.length; i++) {
      let p = prepared[i];
      if (p.kind !== 'failed' && !opts.allOrNone && table.hasUniqueChecks) {
        const dupes = this.duplicateErrors(table, p, undefined, i);
        if (dupes.length) p = failed(dupes, p.kind === 'update' ? p.id : undefined);
      }
      if (p.kind === 'failed') {
        results.push(toResult(p, null));
      } else if (p.kind === 'insert') {
        const record = p.values;
        const id = this.nextId(table.schema.keyPrefix!);
        record.Id = id;
        this.assignAutoNumbers(table, record);
        this.stamp(table, record, userId, now, true);
        this.addRow(table, record);
        this.feedRollups(table, undefined, record);
        results.push({ id, success: true, created: true, errors: NO_ERRORS });
      } else {
        const record = p.values;
        this.stamp(table, record, userId, now, false);
        table.rows.set(p.id, record);
        this.reindex(table, p.before, record);
        this.feedRollups(table, p.before, record);
        results.push({ id: p.id, success: true, created: false, errors: NO_ERRORS });
      }
    }
    this.flushRollups();
    this.version++;
    return results;
  }

  private duplicateErrors(
    table: Table,
    p: Prepared & { kind: 'insert' | 'update' },
    batchKeys: Map<string, Map<string, number>> | undefined,
    position: number
  ): WriteError[] {
    const errors: WriteError[] = [];
    for (const { name: fieldName, field, index } of table.indexList) {
      if (!field.unique) continue;
      const v = p.values[fieldName];
      if (v === null || v === undefined || v === '') continue;
      if (p.kind === 'update' && p.before[fieldName] === v) continue;
      const key = indexKey(field, v);
      const entry = index.get(key);
      const clash =
        entry === undefined
          ? undefined
          : typeof entry === 'string'
            ? p.kind === 'update' && entry === p.id
              ? undefined
              : entry
            : entry.find((id) => p.kind !== 'update' || id !== p.id);
      let inBatch = batchKeys?.get(fieldName);
      if (batchKeys && !inBatch) {
        inBatch = new Map();
        batchKeys.set(fieldName, inBatch);
      }
      if (clash !== undefined) {
        errors.push({
          statusCode: 'DUPLICATE_VALUE',
          message: `duplicate value found: ${fieldName} duplicates value on record with id: ${clash}`,
          fields: [],
        });
      } else if (inBatch?.has(key)) {
        errors.push({
          statusCode: 'DUPLICATE_VALUE',
          message: `duplicate value found: ${fieldName} duplicates value on record with id: <unknown>`,
          fields: [],
        });
      } else {
        inBatch?.set(key, position);
      }
    }
    for (const combo of table.schema.compositeUnique ?? []) {
      const values = combo.map((f) => p.values[f]);
      if (values.some((v) => v == null)) continue;
      const comboKey = '#' + combo.join('+');
      const valueKey = values.map((v) => String(v)).join('|');
      let inBatch = batchKeys?.get(comboKey);
      if (batchKeys && !inBatch) {
        inBatch = new Map();
        batchKeys.set(comboKey, inBatch);
      }
      const clash = [...table.rows.values()].find(
        (r) => (p.kind !== 'update' || r.Id !== p.id) && combo.every((f, i) => r[f] === values[i])
      );
      if (clash || inBatch?.has(valueKey)) {
        errors.push({
          statusCode: 'DUPLICATE_VALUE',
          message: `Duplicate ${table.name}. ${combo.map((f, i) => `${f}: ${String(values[i])}`).join(', ')}`,
          fields: [],
        });
      } else {
        inBatch?.set(valueKey, position);
      }
    }
    return errors;
  }

  private assignAutoNumbers(table: Table, record: StoredRecord): void {
    for (const field of table.autoNumberFields) {
      const n = (table.autoNumbers.get(field.name) ?? 0) + 1;
      table.autoNumbers.set(field.name, n);
      record[field.name] = formatAutoNumber(field.autoNumberFormat ?? '{0}', n);
    }
  }

  private stamp(table: Table, record: StoredRecord, userId: string, now: string, created: boolean): void {
    const f = table.schema.fields;
    if (created) {
      if (f.CreatedDate) record.CreatedDate = now;
      if (f.CreatedById) record.CreatedById = userId;
      if (f.IsDeleted) record.IsDeleted = false;
      if (f.OwnerId && record.OwnerId == null && f.OwnerId.defaultedOnCreate) record.OwnerId = userId;
    }
    if (f.LastModifiedDate) record.LastModifiedDate = now;
    if (f.LastModifiedById) record.LastModifiedById = userId;
    if (f.SystemModstamp) record.SystemModstamp = now;
  }

  /** Adds a committed row to the table and its indexes (also used when loading a data dir). */
  public addRow(table: Table, record: StoredRecord): void {
    const id = record.Id as string;
    table.rows.set(id, record);
    for (const { name: fieldName, field, index } of table.indexList) {
      const v = record[fieldName];
      if (v === null || v === undefined || v === '') continue;
      const key = indexKey(field, v);
      const list = index.get(key);
      if (list === undefined) index.set(key, id);
      else if (typeof list === 'string') index.set(key, [list, id]);
      else list.push(id);
    }
    for (const [fieldName, index] of table.childIndexes) {
      const parent = record[fieldName];
      if (typeof parent !== 'string') continue;
      let set = index.get(parent);
      if (!set) {
        set = new Set();
        index.set(parent, set);
      }
      set.add(id);
    }
  }

  private removeFromIndexes(table: Table, record: StoredRecord): void {
    const id = record.Id as string;
    for (const [fieldName, index] of table.indexes) {
      const v = record[fieldName];
      if (v === null || v === undefined || v === '') continue;
      const key = indexKey(table.schema.fields[fieldName], v);
      const list = index.get(key);
      if (list === undefined) continue;
      const rest = idsOf(list).filter((x) => x !== id);
      if (rest.length > 1) index.set(key, rest);
      else if (rest.length === 1) index.set(key, rest[0]);
      else index.delete(key);
    }
    for (const [fieldName, index] of table.childIndexes) {
      const parent = record[fieldName];
      if (typeof parent === 'string') index.get(parent)?.delete(id);
    }
  }

  private reindex(table: Table, before: StoredRecord, after: StoredRecord): void {
    this.removeFromIndexes(table, before);
    this.addRow(table, after);
  }

  private deleteCascade(table: Table, id: string): void {
    const record = table.rows.get(id);
    if (!record) return;
    // children first: master-detail details go with their master
    for (const rel of this.schema.childRelationshipsOf(table.name)) {
      if (!rel.cascadeDelete) continue;
      const child = this.table(rel.childSObject);
      const childIds = child.childIndexes.get(rel.field)?.get(id);
      if (childIds) for (const cid of [...childIds]) this.deleteCascade(child, cid);
    }
    this.removeFromIndexes(table, record);
    table.rows.delete(id);
    const gone = { ...record, IsDeleted: true };
    table.deleted.set(id, gone);
    this.feedRollups(table, record, undefined);
  }

  // ---------------------------------------------------------------- roll-up summaries

  private feedsOf(childName: string): RollupFeed[] {
    if (this.rollupVersion !== this.schema.version) this.rebuildRollups();
    return this.rollupFeeds.get(childName) ?? this.rollupFeeds.get(childName.toLowerCase()) ?? NO_FEEDS;
  }

  /** Recomputes every roll-up after a schema change (a new roll-up field sees existing children). */
  private rebuildRollups(): void {
    this.rollupVersion = this.schema.version;
    this.rollupFeeds = new Map();
    for (const parent of this.schema.listObjects()) {
      for (const field of Object.values(parent.fields)) {
        if (!field.rollup) continue;
        const key = field.rollup.childObject.toLowerCase();
        const list = this.rollupFeeds.get(key) ?? [];
        list.push({ parent: parent.name, field, rollup: field.rollup });
        this.rollupFeeds.set(key, list);
      }
    }
    for (const [child, feeds] of this.rollupFeeds) {
      if (!this.hasTable(child)) continue;
      for (const feed of feeds) {
        if (!this.hasTable(feed.parent)) continue;
        const parentTable = this.table(feed.parent);
        for (const parentRecord of parentTable.rows.values()) this.recomputeRollup(feed, parentRecord);
      }
    }
  }

  private feedRollups(child: Table, before: StoredRecord | undefined, after: StoredRecord | undefined): void {
    for (const feed of this.feedsOf(child.name)) {
      const relField = feed.rollup.relationshipField;
      const oldParent = before?.[relField];
      const newParent = after?.[relField];
      const parentTable = this.hasTable(feed.parent) ? this.table(feed.parent) : undefined;
      if (!parentTable) continue;
      const fn = feed.rollup.function;
      if (fn === 'count' || fn === 'sum') {
        const oldC = before ? this.contribution(child, feed, before) : 0;
        const newC = after ? this.contribution(child, feed, after) : 0;
        if (typeof oldParent === 'string' && oldParent === newParent) {
          if (oldC !== newC) this.addToRollup(parentTable, oldParent, feed.field, newC - oldC);
        } else {
          if (typeof oldParent === 'string' && oldC) this.addToRollup(parentTable, oldParent, feed.field, -oldC);
          if (typeof newParent === 'string' && newC) this.addToRollup(parentTable, newParent, feed.field, newC);
        }
      } else {
        // MIN / MAX: move the extreme when the new value beats it; recompute only when the
        // current extreme leaves (deferred to the end of the write, once per parent)
        const oldV = before && typeof oldParent === 'string' ? this.extremeValue(child, feed, before) : null;
        const newV = after && typeof newParent === 'string' ? this.extremeValue(child, feed, after) : null;
        const better = (a: StoredValue, b: StoredValue): boolean =>
          a !== null && (b === null || b === undefined || (fn === 'min' ? a < b : a > b));
        if (typeof oldParent === 'string' && oldV !== null) {
          const parent = parentTable.rows.get(oldParent);
          if (
            parent &&
            parent[feed.field.name] === oldV &&
            !(oldParent === newParent && newV !== null && !better(oldV, newV))
          ) {
            this.markDirty(feed, oldParent);
          }
        }
        if (typeof newParent === 'string' && newV !== null) {
          const parent = parentTable.rows.get(newParent);
          if (parent && better(newV, parent[feed.field.name])) parent[feed.field.name] = newV;
        }
      }
    }
  }

  private dirtyRollups = new Map<RollupFeed, Set<string>>();

  private markDirty(feed: RollupFeed, parentId: string): void {
    let set = this.dirtyRollups.get(feed);
    if (!set) {
      set = new Set();
      this.dirtyRollups.set(feed, set);
    }
    set.add(parentId);
  }

  /** Recomputes MIN/MAX roll-ups whose extreme value left, once per parent per write. */
  private flushRollups(): void {
    for (const [feed, parents] of this.dirtyRollups) {
      if (!this.hasTable(feed.parent)) continue;
      const parentTable = this.table(feed.parent);
      for (const id of parents) {
        const parent = parentTable.rows.get(id);
        if (parent) this.recomputeRollup(feed, parent);
      }
    }
    this.dirtyRollups.clear();
  }

  private extremeValue(child: Table, feed: RollupFeed, record: StoredRecord): StoredValue {
    if (!this.passesFilters(child, feed.rollup, record) || !feed.rollup.field) return null;
    const v = this.read(child, record, feed.rollup.field);
    return v === '' || typeof v === 'boolean' ? null : v;
  }

  private addToRollup(parentTable: Table, parentId: string, field: FieldSchema, delta: number): void {
    const parent = parentTable.rows.get(parentId);
    if (!parent) return;
    const current = typeof parent[field.name] === 'number' ? (parent[field.name] as number) : 0;
    parent[field.name] = roundToScale(current + delta, field.scale ?? 2);
  }

  /** COUNT contributes 1, SUM the value, when the child passes the roll-up's filters. */
  private contribution(child: Table, feed: RollupFeed, record: StoredRecord): number {
    if (!this.passesFilters(child, feed.rollup, record)) return 0;
    if (feed.rollup.function === 'count') return 1;
    const v = feed.rollup.field ? this.read(child, record, feed.rollup.field) : null;
    return typeof v === 'number' ? v : 0;
  }

  private recomputeRollup(feed: RollupFeed, parentRecord: StoredRecord): void {
    const child = this.table(feed.rollup.childObject);
    const ids = child.childIndexes
      .get(fieldOf(child.schema, feed.rollup.relationshipField)?.name ?? '')
      ?.get(parentRecord.Id as string);
    const fn = feed.rollup.function;
    let acc: number | string | null = fn === 'count' || fn === 'sum' ? 0 : null;
    for (const cid of ids ?? []) {
      const rec = child.rows.get(cid);
      if (!rec || !this.passesFilters(child, feed.rollup, rec)) continue;
      if (fn === 'count') {
        acc = (acc as number) + 1;
        continue;
      }
      const v = feed.rollup.field ? this.read(child, rec, feed.rollup.field) : null;
      if (v === null || typeof v === 'boolean') continue;
      if (fn === 'sum') acc = (acc as number) + (typeof v === 'number' ? v : 0);
      else if (acc === null || (fn === 'min' ? v < acc : v > acc)) acc = v;
    }
    parentRecord[feed.field.name] =
      typeof acc === 'number' && feed.field.scale !== undefined ? roundToScale(acc, feed.field.scale) : acc;
  }

  private passesFilters(child: Table, rollup: RollupSchema, record: StoredRecord): boolean {
    for (const filter of rollup.filters) {
      const field = child.field(filter.field);
      if (!field) return false;
      const v = this.read(child, record, field.name);
      if (!matchesFilter(field, v, filter.operation, filter.value)) return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- schema refresh

  private refresh(table: Table, obj: SObjectSchema): void {
    const previous = table.schemaVersion >= 0 ? table.schema : undefined;
    table.schema = obj;
    table.schemaVersion = this.schema.version;
    table.fieldsByLower = new Map(Object.values(obj.fields).map((f) => [f.name.toLowerCase(), f]));
    table.relationships = new Map();
    for (const f of Object.values(obj.fields)) {
      if (f.type === 'reference' && f.relationshipName) {
        const relName = f.custom || f.name.endsWith('__c') ? `${f.relationshipName}__r` : f.relationshipName;
        table.relationships.set(relName.toLowerCase(), f);
      }
    }
    table.formulas = new Map();
    table.restricted = new Map();
    for (const f of Object.values(obj.fields)) {
      if (f.restrictedPicklist && (f.type === 'picklist' || f.type === 'multipicklist')) {
        table.restricted.set(
          f.name,
          new Set(
            this.schema
              .picklistValuesOf(f)
              .filter((v) => v.active !== false)
              .map((v) => v.value)
          )
        );
      }
    }
    table.keyCache = new Map();
    const fields = Object.values(obj.fields);
    table.requiredFields = fields.filter(isRequired).map((f) => f.name);
    table.referenceFields = fields.filter(
      (f) => f.type === 'reference' && !f.system && (f.referenceTo?.length ?? 0) > 0
    );
    table.autoNumberFields = fields.filter((f) => f.type === 'autonumber');
    table.referenceTargets = table.referenceFields.map((field) => {
      const byPrefix = new Map<string, string>();
      for (const target of field.referenceTo ?? []) {
        const o = this.schema.getObject(target);
        if (o?.keyPrefix) byPrefix.set(o.keyPrefix, o.name);
      }
      return { field, byPrefix };
    });
    const writable = (f: FieldSchema): boolean =>
      !f.calculated && !f.system && f.type !== 'autonumber' && f.type !== 'id';
    table.createable = new Set(fields.filter((f) => writable(f) && f.createable !== false).map((f) => f.name));
    table.updateable = new Set(fields.filter((f) => writable(f) && f.updateable !== false).map((f) => f.name));
    table.defaults = [];
    for (const field of fields) {
      if (field.calculated || field.system) continue;
      if (field.type === 'boolean') {
        const d = field.defaultValue !== undefined ? literalDefault(field.defaultValue) : undefined;
        table.defaults.push({ name: field.name, value: d === true });
      } else if (field.defaultedOnCreate && field.type === 'reference' && field.name === 'OwnerId') {
        table.defaults.push({ name: field.name, value: 'OWNER' });
      } else if (field.defaultValue !== undefined) {
        const d = literalDefault(field.defaultValue);
        if (d !== undefined) table.defaults.push({ name: field.name, value: d });
      } else if (field.type === 'picklist' || field.type === 'multipicklist') {
        const def = this.schema.picklistValuesOf(field).find((v) => v.default && v.active !== false);
        if (def) table.defaults.push({ name: field.name, value: def.value });
      }
    }
    table.rules = [];
    table.ruleProblems = [];
    for (const rule of obj.validationRules) {
      if (!rule.active) continue;
      try {
        table.rules.push({
          name: rule.name,
          formula: compileFormula(rule.errorConditionFormula, {
            returnType: 'Checkbox',
            fieldType: this.fieldTypeResolver(table),
          }),
          message: rule.errorMessage,
          displayField: rule.errorDisplayField,
        });
      } catch (error) {
        table.ruleProblems.push(`${rule.name}: ${(error as Error).message}`);
      }
    }
    // indexes: rebuild when the set of indexed fields changed
    const wantIndexes = Object.values(obj.fields)
      .filter(isIndexed)
      .map((f) => f.name);
    const wantChildren = Object.values(obj.fields)
      .filter((f) => f.type === 'reference' && f.masterDetail)
      .map((f) => f.name);
    const same = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));
    const indexesChanged =
      !previous ||
      !same(wantIndexes, [...table.indexes.keys()]) ||
      !same(wantChildren, [...table.childIndexes.keys()]) ||
      wantIndexes.some((n) => previous.fields[n]?.caseSensitive !== obj.fields[n]?.caseSensitive);
    if (indexesChanged) {
      table.indexes = new Map(wantIndexes.map((n) => [n, new Map()]));
      table.childIndexes = new Map(wantChildren.map((n) => [n, new Map()]));
    }
    table.indexList = [...table.indexes].map(([name, index]) => ({ name, field: obj.fields[name], index }));
    table.hasUniqueChecks = table.indexList.some((i) => i.field.unique) || (obj.compositeUnique?.length ?? 0) > 0;
    if (indexesChanged) {
      const rows = [...table.rows.values()];
      table.rows.clear();
      for (const r of rows) this.addRow(table, r);
    }
  }
}

const NO_FEEDS: RollupFeed[] = [];
/** the shared (frozen) empty error list of successful rows */
const NO_ERRORS = Object.freeze([]) as unknown as WriteError[];

function idsOf(entry: string | string[] | undefined): string[] {
  return entry === undefined ? [] : typeof entry === 'string' ? [entry] : entry;
}

type Prepared =
  | { kind: 'failed'; errors: WriteError[]; id?: string }
  | { kind: 'insert'; values: StoredRecord; errors: WriteError[] }
  | { kind: 'update'; id: string; values: StoredRecord; before: StoredRecord; errors: WriteError[] };

function failed(errors: WriteError[], id?: string): Prepared {
  return { kind: 'failed', errors, id };
}

function toResult(p: Prepared, id: string | null): WriteResult {
  if (p.kind === 'failed') return { id: p.id ?? id, success: false, errors: p.errors };
  return { id: p.kind === 'update' ? p.id : id, success: true, errors: [] };
}

/** allOrNone: valid rows report that they were rolled back, failed rows keep their errors. */
function rollBack(results: WriteResult[]): WriteResult[] {
  return results.map((r) =>
    r.success || r.errors.length === 0
      ? {
          id: null,
          success: false,
          errors: [
            {
              statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
              message:
                'Record rolled back because not all records were valid and the request was using AllOrNone header',
              fields: [],
            },
          ],
        }
      : { ...r, id: null }
  );
}

export function isRequired(field: FieldSchema): boolean {
  if (
    field.calculated ||
    field.system ||
    field.type === 'boolean' ||
    field.type === 'autonumber' ||
    field.type === 'id'
  ) {
    return false;
  }
  if (field.defaultedOnCreate) return false;
  if (field.masterDetail) return true;
  return field.required === true || field.nillable === false;
}

export function formatAutoNumber(format: string, n: number): string {
  return format.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
}

function matchesFilter(field: FieldSchema, value: StoredValue, operation: string, raw: string): boolean {
  const candidates = raw === '' ? [''] : raw.split(',').map((s) => s.trim());
  const parse = (text: string): StoredValue => {
    if (text === '') return null;
    if (field.type === 'boolean') return /^true$/i.test(text);
    if (['double', 'int', 'currency', 'percent'].includes(field.type)) return Number(text);
    return text;
  };
  const vals = candidates.map(parse);
  const v = value === '' ? null : value;
  const cmp = (a: StoredValue, b: StoredValue): number | undefined => {
    if (a === null || b === null) return undefined;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a).localeCompare(String(b));
  };
  const eq = (a: StoredValue, b: StoredValue): boolean =>
    typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
  switch (operation.toLowerCase()) {
    case 'equals':
      return vals.some((x) => eq(v, x));
    case 'notequal':
      return !vals.some((x) => eq(v, x));
    case 'lessthan':
      return (cmp(v, vals[0]) ?? 0) < 0 && v !== null;
    case 'greaterthan':
      return (cmp(v, vals[0]) ?? 0) > 0 && v !== null;
    case 'lessorequal':
      return v !== null && (cmp(v, vals[0]) ?? 1) <= 0;
    case 'greaterorequal':
      return v !== null && (cmp(v, vals[0]) ?? -1) >= 0;
    case 'contains':
      return typeof v === 'string' && candidates.some((c) => v.toLowerCase().includes(c.toLowerCase()));
    case 'notcontain':
      return !(typeof v === 'string' && candidates.some((c) => v.toLowerCase().includes(c.toLowerCase())));
    case 'startswith':
      return typeof v === 'string' && candidates.some((c) => v.toLowerCase().startsWith(c.toLowerCase()));
    case 'includes':
      return typeof v === 'string' && candidates.some((c) => v.split(';').includes(c));
    case 'excludes':
      return !(typeof v === 'string' && candidates.some((c) => v.split(';').includes(c)));
    default:
      return false;
  }
}
