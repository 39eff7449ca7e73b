// SOQL over the record store, through @jetstreamapp/soql-parser-js. What it cannot answer exactly
// (TYPEOF, toLabel, FORMAT, WITH, FOR UPDATE, polymorphic paths …) is refused with MALFORMED_QUERY.
import {
  parseQuery,
  type FieldType as ParsedField,
  type FieldFunctionExpression,
  type Query,
} from '@jetstreamapp/soql-parser-js';
import { ApiError } from '../http/router.js';
import type { FieldSchema } from '../org/schema.js';
import type { RecordStore, StoredRecord, Table } from '../org/store.js';
import { normalizeId } from '../org/ids.js';
import {
  buildBoolTree,
  comparison,
  compileTree,
  literalFor,
  malformed,
  type BoolNode,
  type Condition,
  type Literal,
  type Value,
} from './where.js';

/** ORDER BY / GROUP BY items, loosely typed */
interface OrderItem {
  field?: string;
  fn?: FieldFunctionExpression;
  order?: string;
  nulls?: string;
}

const asList = <T>(v: unknown): T[] => (v === undefined ? [] : Array.isArray(v) ? (v as T[]) : [v as T]);
const aliasOf = (f: unknown): string | undefined => (f as { alias?: string }).alias;

export interface QueryOptions {
  /** queryAll: include deleted rows */
  all?: boolean;
  userId?: string;
  apiVersion: string;
}

export type OutRecord = Record<string, unknown>;

export interface QueryAnswer {
  totalSize: number;
  records: OutRecord[];
}

export interface ColumnMeta {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMeta[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

export interface ColumnsAnswer {
  columnMetadata: ColumnMeta[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string | null;
}

interface Resolved {
  /** canonical names along the path: ['Course__r', 'Course_Code__c'] */
  names: string[];
  field: FieldSchema;
  /** the tables visited, first is the query's table */
  tables: Table[];
}

const invalidField = (name: string, entity: string): ApiError =>
  new ApiError(
    400,
    'INVALID_FIELD',
    `No such column '${name}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
  );

const invalidType = (name: string): ApiError =>
  new ApiError(
    400,
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
  );

export function parseSoql(soql: string): Query {
  let parsed: Query;
  try {
    parsed = parseQuery(soql);
  } catch (error) {
    throw malformed(`${soql}\n${(error as Error).message.split('\n')[0]}`);
  }
  const unsupported: Array<[unknown, string]> = [
    [(parsed as { withSecurityEnforced?: unknown }).withSecurityEnforced, 'WITH SECURITY_ENFORCED'],
    [(parsed as { withAccessLevel?: unknown }).withAccessLevel, 'WITH USER_MODE / SYSTEM_MODE'],
    [parsed.withDataCategory, 'WITH DATA CATEGORY'],
    [parsed.for, `FOR ${String(parsed.for)}`],
    [parsed.update, 'UPDATE TRACKING / VIEWSTAT'],
    [parsed.usingScope, 'USING SCOPE'],
  ];
  for (const [present, what] of unsupported) {
    if (present) throw malformed(`${what} is not supported by the local org`);
  }
  return parsed;
}

export class SoqlEngine {
  public constructor(private readonly store: RecordStore) {}

  public table(name: string): Table {
    if (!this.store.hasTable(name)) throw invalidType(name);
    const table = this.store.table(name);
    if (table.schema.queryable === false) throw invalidType(name);
    return table;
  }

  /** Resolves 'Course__r.Course_Code__c' from a table, with SOQL's error messages. */
  public resolve(table: Table, path: string): Resolved {
    const parts = path.split('.');
    // a path may start with the object's own name (SELECT Account.Name FROM Account)
    if (parts.length > 1 && parts[0].toLowerCase() === table.name.toLowerCase()) parts.shift();
    const names: string[] = [];
    const tables = [table];
    let current = table;
    for (let i = 0; i < parts.length - 1; i++) {
      const rel = current.relationships.get(parts[i].toLowerCase());
      if (!rel || !rel.referenceTo?.length) {
        throw new ApiError(
          400,
          'INVALID_FIELD',
          `Didn't understand relationship '${parts[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
        );
      }
      if (rel.referenceTo.length > 1)
        throw malformed(`polymorphic relationship ${parts[i]} is not supported by the local org`);
      names.push(rel.custom || rel.name.endsWith('__c') ? `${rel.relationshipName}__r` : rel.relationshipName!);
      current = this.table(rel.referenceTo[0]);
      tables.push(current);
    }
    const last = parts[parts.length - 1];
    const field = current.field(last);
    if (!field) throw invalidField(last, current.name);
    names.push(field.name);
    return { names, field, tables };
  }

  /** A reader of a resolved path on a record of the base table. */
  public reader(table: Table, resolved: Resolved, userId?: string): (r: StoredRecord) => Value {
    const f = resolved.field;
    if (resolved.names.length === 1 && !f.formula) {
      const name = f.name;
      const dflt = f.type === 'boolean' ? false : null;
      return (r) => {
        const v = r[name];
        return v === undefined ? dflt : v;
      };
    }
    const path = resolved.names.join('.');
    return (r) => this.store.read(table, r, path, userId);
  }

  public run(soql: string, opts: QueryOptions): QueryAnswer {
    const q = parseSoql(soql);
    return this.runParsed(q, opts);
  }

  public runParsed(q: Query, opts: QueryOptions): QueryAnswer {
    if (!q.sObject) throw malformed('missing FROM');
    const table = this.table(q.sObject);
    const fields = this.expandFields(table, q.fields ?? []);
    const predicate = q.where ? this.predicate(table, buildBoolTree(q.where), opts) : undefined;
    const candidates = this.candidates(table, q, opts);
    const aggregate = fields.some((f) => f.type === 'FieldFunctionExpression' && f.isAggregateFn) || !!q.groupBy;
    let rows: StoredRecord[] = [];
    // without ORDER BY or aggregates, LIMIT/OFFSET can stop the scan early
    const enough = !aggregate && !q.orderBy && q.limit !== undefined ? (q.offset ?? 0) + q.limit : Infinity;
    for (const r of candidates) {
      if (predicate && !predicate(r)) continue;
      rows.push(r);
      if (rows.length >= enough) break;
    }

    if (aggregate) {
      const countOnly =
        fields.length === 1 &&
        fields[0].type === 'FieldFunctionExpression' &&
        fields[0].functionName.toUpperCase() === 'COUNT' &&
        (fields[0].parameters ?? []).length === 0;
      if (countOnly) {
        if (q.groupBy) throw malformed('COUNT() cannot be used with GROUP BY');
        let n = rows.length - (q.offset ?? 0);
        if (q.limit !== undefined) n = Math.min(n, q.limit);
        return { totalSize: Math.max(0, n), records: [] };
      }
      return this.aggregate(table, q, fields, rows, opts);
    }

    if (q.orderBy) rows = this.sort(table, rows, q.orderBy, opts);
    const offset = q.offset ?? 0;
    if (offset || q.limit !== undefined)
      rows = rows.slice(offset, q.limit !== undefined ? offset + q.limit : undefined);
    const project = this.projector(table, fields, opts);
    return { totalSize: rows.length, records: rows.map(project) };
  }

  /** FIELDS(ALL|STANDARD|CUSTOM) expands to the object's fields. */
  private expandFields(table: Table, fields: ParsedField[]): ParsedField[] {
    const out: ParsedField[] = [];
    for (const f of fields) {
      if (f.type === 'FieldFunctionExpression' && f.functionName.toUpperCase() === 'FIELDS') {
        const kind = String(f.parameters?.[0] ?? '').toUpperCase();
        for (const field of Object.values(table.schema.fields)) {
          const custom = field.name.endsWith('__c');
          if (kind === 'ALL' || (kind === 'CUSTOM' && custom) || (kind === 'STANDARD' && !custom)) {
            out.push({ type: 'Field', field: field.name });
          }
        }
        continue;
      }
      out.push(f);
    }
    if (out.length === 0) throw malformed('SELECT needs at least one field');
    return out;
  }

  /** Rows to scan: an index hit when the WHERE clause's top-level AND has `indexed = x` or `IN`. */
  /**
   * Rows to scan: an index hit when the WHERE clause is (or its top-level AND contains) an
   * `indexed = x` / `indexed IN (…)` condition, or is an OR of such conditions; else every row.
   * The full WHERE clause is still applied to the candidates.
   */
  private candidates(table: Table, q: Query, opts: QueryOptions): Iterable<StoredRecord> {
    const all = (): Iterable<StoredRecord> =>
      opts.all ? [...table.rows.values(), ...table.deleted.values()] : table.rows.values();
    if (!q.where) return all();
    const tree = buildBoolTree(q.where);
    const fromIds = (ids: Set<string>): StoredRecord[] => {
      const out: StoredRecord[] = [];
      for (const id of ids) {
        const r = table.rows.get(id) ?? (opts.all ? table.deleted.get(id) : undefined);
        if (r) out.push(r);
      }
      return out;
    };
    if (tree.type === 'or' && tree.items.every((i) => i.type === 'cond')) {
      const union = new Set<string>();
      for (const item of tree.items) {
        const ids = this.indexedIds(table, (item as { cond: Condition }).cond, opts);
        if (!ids) return all();
        for (const id of ids) union.add(id);
      }
      return fromIds(union);
    }
    const conds =
      tree.type === 'cond'
        ? [tree.cond]
        : tree.type === 'and'
          ? tree.items.filter((i) => i.type === 'cond').map((i) => (i as { cond: Condition }).cond)
          : [];
    for (const cond of conds) {
      const ids = this.indexedIds(table, cond, opts);
      if (ids) return fromIds(ids);
    }
    return all();
  }

  /** Ids matching `field = x` / `field IN (…)` through an index, or undefined when no index applies. */
  private indexedIds(table: Table, c: Condition, opts: QueryOptions): Set<string> | undefined {
    const cond = c as Condition & { value?: string | string[]; literalType?: string };
    if (!cond.field || cond.field.includes('.') || (cond.operator !== '=' && cond.operator !== 'IN')) return undefined;
    if (cond.literalType !== 'STRING' && cond.literalType !== 'INTEGER' && cond.literalType !== 'DECIMAL')
      return undefined;
    const field = table.field(cond.field);
    if (!field) return undefined;
    const children = table.childIndexes.get(field.name);
    if (children && !opts.all) {
      // master-detail fields keep parent → children sets (for roll-ups and cascades)
      const ids = new Set<string>();
      for (const raw of Array.isArray(cond.value) ? cond.value : [cond.value ?? '']) {
        const id = cond.literalType === 'STRING' ? normalizeId(raw.slice(1, -1)) : undefined;
        for (const child of (id && children.get(id)) || []) ids.add(child);
      }
      return ids;
    }
    if (field.type !== 'id' && !table.indexes.has(field.name)) return undefined;
    // deleted rows leave the unique indexes: queryAll scans unless the filter is on Id
    if (opts.all && field.type !== 'id') return undefined;
    const raws = Array.isArray(cond.value) ? cond.value : [cond.value ?? ''];
    const ids = new Set<string>();
    for (const raw of raws) {
      const text = cond.literalType === 'STRING' ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
      if (field.type === 'id') {
        const id = normalizeId(text);
        if (id && (table.rows.has(id) || (opts.all && table.deleted.has(id)))) ids.add(id);
        continue;
      }
      for (const id of table.lookup(field.name, text) ?? []) ids.add(id);
    }
    return ids;
  }

  public predicate(table: Table, tree: BoolNode, opts: QueryOptions): (r: StoredRecord) => boolean {
    return compileTree<StoredRecord>(tree, (cond) => {
      const c = cond;
      if (!c.field) throw malformed('functions in WHERE are not supported by the local org');
      const resolved = this.resolve(table, c.field);
      const get = this.reader(table, resolved, opts.userId);
      const op = String(c.operator).toUpperCase();
      let literal: Literal;
      if (c.valueQuery) {
        if (op !== 'IN' && op !== 'NOT IN') throw malformed('a sub-query needs IN or NOT IN');
        const sub = this.runParsed(c.valueQuery, { ...opts, all: false });
        const values = sub.records.map((r) => Object.entries(r).find(([k]) => k !== 'attributes')?.[1] as Value);
        literal = { kind: 'list', values };
      } else if (Array.isArray(c.value)) {
        const types = Array.isArray(c.literalType) ? c.literalType : c.value.map(() => c.literalType as string);
        literal = {
          kind: 'list',
          values: c.value.map((v, i) => {
            const one = literalFor(resolved.field, c.field!, types[i] ?? 'STRING', v);
            if (one.kind !== 'value') throw malformed('date literals are not allowed in IN lists');
            return one.value;
          }),
        };
      } else {
        literal = literalFor(resolved.field, c.field, String(c.literalType), String(c.value));
      }
      const test = comparison(resolved.field, op, literal, get as (r: unknown) => Value);
      return test as (r: StoredRecord) => boolean;
    });
  }

  private sort(table: Table, rows: StoredRecord[], orderBy: unknown, opts: QueryOptions): StoredRecord[] {
    const keys = asList<OrderItem>(orderBy).map((o) => {
      if (!o.field) throw malformed('ORDER BY supports fields only on the local org');
      const resolved = this.resolve(table, o.field);
      const get = this.reader(table, resolved, opts.userId);
      const desc = o.order === 'DESC';
      const nullsFirst = o.nulls ? o.nulls === 'FIRST' : !desc;
      return { get, desc, nullsFirst };
    });
    const decorated = rows.map((r) => ({ r, k: keys.map((k) => sortable(k.get(r))) }));
    decorated.sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const x = a.k[i];
        const y = b.k[i];
        if (x === y) continue;
        if (x === null) return keys[i].nullsFirst ? -1 : 1;
        if (y === null) return keys[i].nullsFirst ? 1 : -1;
        const order = x < y ? -1 : 1;
        return keys[i].desc ? -order : order;
      }
      return 0;
    });
    return decorated.map((d) => d.r);
  }

  /** Builds the output record for each row: attributes, fields, parent objects, child sub-queries. */
  private projector(table: Table, fields: ParsedField[], opts: QueryOptions): (r: StoredRecord) => OutRecord {
    const base = `/services/data/v${opts.apiVersion}/sobjects`;
    type Step = (r: StoredRecord, out: OutRecord) => void;
    const steps: Step[] = [];
    for (const f of fields) {
      if (f.type === 'Field' || f.type === 'FieldRelationship') {
        const path = f.type === 'Field' ? f.field : (f.rawValue ?? [...f.relationships, f.field].join('.'));
        const resolved = this.resolve(table, path);
        if (resolved.names.length === 1) {
          const get = this.reader(table, resolved, opts.userId);
          const name = resolved.names[0];
          steps.push((r, out) => {
            out[name] = get(r);
          });
        } else {
          steps.push((r, out) => this.placeRelationship(table, r, resolved, out, base, opts.userId));
        }
      } else if (f.type === 'FieldSubquery') {
        steps.push(this.subqueryStep(table, f.subquery, opts));
      } else if (f.type === 'FieldFunctionExpression') {
        throw malformed(`${f.rawValue ?? f.functionName} is not supported by the local org`);
      } else {
        throw malformed(`${f.type} is not supported by the local org`);
      }
    }
    return (r) => {
      const out: OutRecord = { attributes: { type: table.name, url: `${base}/${table.name}/${String(r.Id)}` } };
      for (const step of steps) step(r, out);
      return out;
    };
  }

  private placeRelationship(
    table: Table,
    r: StoredRecord,
    resolved: Resolved,
    out: OutRecord,
    base: string,
    userId?: string
  ): void {
    let target = out;
    let record: StoredRecord | undefined = r;
    let current = table;
    for (let i = 0; i < resolved.names.length - 1; i++) {
      const relName = resolved.names[i];
      const rel = current.relationships.get(relName.toLowerCase())!;
      const parentId: unknown = record ? record[rel.name] : undefined;
      const parentTable = resolved.tables[i + 1];
      const parent: StoredRecord | undefined =
        typeof parentId === 'string' ? parentTable.rows.get(parentId) : undefined;
      if (!parent) {
        if (!(relName in target)) target[relName] = null;
        return;
      }
      let nested = target[relName] as OutRecord | null | undefined;
      if (!nested) {
        nested = { attributes: { type: parentTable.name, url: `${base}/${parentTable.name}/${String(parent.Id)}` } };
        target[relName] = nested;
      }
      target = nested;
      record = parent;
      current = parentTable;
    }
    const last = resolved.names[resolved.names.length - 1];
    target[last] = record ? this.store.read(current, record, last, userId) : null;
  }

  private subqueryStep(table: Table, sub: Query, opts: QueryOptions): (r: StoredRecord, out: OutRecord) => void {
    const relName = (sub as { relationshipName?: string }).relationshipName ?? '';
    const rel = this.store.schema
      .childRelationshipsOf(table.name)
      .find((c) => (c.relationshipName ?? '').toLowerCase() === relName.toLowerCase());
    if (!rel || !rel.relationshipName) {
      throw new ApiError(
        400,
        'INVALID_TYPE',
        `Didn't understand relationship '${relName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
      );
    }
    const childTable = this.table(rel.childSObject);
    const childFields = this.expandFields(childTable, sub.fields ?? []);
    const project = this.projector(childTable, childFields, opts);
    const predicate = sub.where ? this.predicate(childTable, buildBoolTree(sub.where), opts) : undefined;
    const byParent = new Map<string, StoredRecord[]>();
    let built = false;
    const name = rel.relationshipName;
    return (r, out) => {
      if (!built) {
        built = true;
        for (const c of childTable.rows.values()) {
          const p = c[rel.field];
          if (typeof p !== 'string' || (predicate && !predicate(c))) continue;
          const list = byParent.get(p) ?? [];
          list.push(c);
          byParent.set(p, list);
        }
      }
      let children = byParent.get(String(r.Id)) ?? [];
      if (sub.orderBy) children = this.sort(childTable, children, sub.orderBy, opts);
      if (sub.limit !== undefined) children = children.slice(0, sub.limit);
      out[name] = children.length ? { totalSize: children.length, done: true, records: children.map(project) } : null;
    };
  }

  private aggregate(
    table: Table,
    q: Query,
    fields: ParsedField[],
    rows: StoredRecord[],
    opts: QueryOptions
  ): QueryAnswer {
    const groupBy = asList<OrderItem>(q.groupBy);
    const groupReaders = groupBy.map((g) => {
      if (!g.field) throw malformed('GROUP BY ROLLUP/CUBE and functions are not supported by the local org');
      const resolved = this.resolve(table, g.field);
      return { key: resolved.field.name, path: g.field.toLowerCase(), get: this.reader(table, resolved, opts.userId) };
    });
    let expr = 0;
    type Column = { name: string; compute: (group: StoredRecord[]) => Value; groupIndex?: number; raw: string };
    const columns: Column[] = fields.map((f): Column => {
      if (f.type === 'Field' || f.type === 'FieldRelationship') {
        const path = f.type === 'Field' ? f.field : (f.rawValue ?? '');
        const gi = groupReaders.findIndex((g) => g.path === path.toLowerCase());
        if (gi < 0) throw malformed(`Field must be grouped or aggregated: ${path}`);
        const name = aliasOf(f) ?? groupReaders[gi].key;
        return { name, compute: (g) => groupReaders[gi].get(g[0]), groupIndex: gi, raw: path };
      }
      if (f.type !== 'FieldFunctionExpression' || !f.isAggregateFn) {
        throw malformed(`${(f as { rawValue?: string }).rawValue ?? f.type} is not supported by the local org`);
      }
      const name = f.alias ?? `expr${expr++}`;
      return { name, compute: this.aggregateFn(table, f, opts), raw: f.rawValue ?? f.functionName };
    });
    const groups = new Map<string, StoredRecord[]>();
    for (const r of rows) {
      const key = JSON.stringify(groupReaders.map((g) => normKey(g.get(r))));
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }
    if (groupReaders.length === 0 && groups.size === 0) groups.set('[]', []);
    let results = [...groups.values()].map((g) => {
      const out: OutRecord = { attributes: { type: 'AggregateResult' } };
      for (const c of columns) out[c.name] = c.compute(g);
      return { out, group: g };
    });
    if (q.having) {
      const tree = buildBoolTree(q.having);
      const pred = compileTree<{ out: OutRecord; group: StoredRecord[] }>(tree, (cond) => {
        const c = cond;
        let compute: (g: StoredRecord[]) => Value;
        let field: FieldSchema;
        if (c.fn) {
          compute = this.aggregateFn(
            table,
            { ...c.fn, parameters: c.fn.parameters as string[], type: 'FieldFunctionExpression', isAggregateFn: true },
            opts
          );
          field = { name: c.fn.rawValue ?? 'expr', label: 'expr', type: 'double' };
          if (['MIN', 'MAX'].includes(c.fn.functionName.toUpperCase()) && c.fn.parameters?.[0]) {
            field = this.resolve(table, String(c.fn.parameters[0])).field;
          }
        } else if (c.field) {
          const gi = groupReaders.findIndex((g) => g.path === c.field!.toLowerCase());
          if (gi < 0) throw malformed(`HAVING field must be grouped: ${c.field}`);
          compute = (g) => groupReaders[gi].get(g[0]);
          field = this.resolve(table, c.field).field;
        } else throw malformed('unsupported HAVING condition');
        const literal = literalFor(field, c.fn?.rawValue ?? c.field ?? '', String(c.literalType), String(c.value));
        const test = comparison(field, String(c.operator), literal, (x) =>
          compute((x as { group: StoredRecord[] }).group)
        );
        return test as (x: { out: OutRecord; group: StoredRecord[] }) => boolean;
      });
      results = results.filter(pred);
    }
    if (q.orderBy) {
      const orders = asList<OrderItem>(q.orderBy);
      const keys = orders.map((o) => {
        const raw = (o.field ?? o.fn?.rawValue ?? '').toLowerCase();
        const col = columns.find((c) => c.raw.toLowerCase() === raw || c.name.toLowerCase() === raw);
        const compute = col
          ? col.compute
          : o.fn
            ? this.aggregateFn(table, { ...o.fn, type: 'FieldFunctionExpression', isAggregateFn: true }, opts)
            : undefined;
        if (!compute) throw malformed(`ORDER BY ${raw} must be grouped or aggregated`);
        const desc = o.order === 'DESC';
        return { compute, desc, nullsFirst: o.nulls ? o.nulls === 'FIRST' : !desc };
      });
      const decorated = results.map((x) => ({ x, k: keys.map((k) => sortable(k.compute(x.group))) }));
      decorated.sort((a, b) => {
        for (let i = 0; i < keys.length; i++) {
          const p = a.k[i];
          const s = b.k[i];
          if (p === s) continue;
          if (p === null) return keys[i].nullsFirst ? -1 : 1;
          if (s === null) return keys[i].nullsFirst ? 1 : -1;
          return (p < s ? -1 : 1) * (keys[i].desc ? -1 : 1);
        }
        return 0;
      });
      results = decorated.map((d) => d.x);
    }
    const offset = q.offset ?? 0;
    let out = results.map((r) => r.out);
    if (offset || q.limit !== undefined) out = out.slice(offset, q.limit !== undefined ? offset + q.limit : undefined);
    return { totalSize: out.length, records: out };
  }

  private aggregateFn(table: Table, f: FieldFunctionExpression, opts: QueryOptions): (group: StoredRecord[]) => Value {
    const fn = f.functionName.toUpperCase();
    const param = f.parameters?.[0];
    if (fn === 'COUNT' && param === undefined) return (g) => g.length;
    if (typeof param !== 'string') throw malformed(`${f.rawValue ?? fn} is not supported by the local org`);
    const resolved = this.resolve(table, param);
    const get = this.reader(table, resolved, opts.userId);
    const numeric = ['int', 'double', 'currency', 'percent'].includes(resolved.field.type);
    switch (fn) {
      case 'COUNT':
        return (g) => g.reduce((n, r) => (get(r) === null || get(r) === '' ? n : n + 1), 0);
      case 'COUNT_DISTINCT':
        return (g) => new Set(g.map((r) => normKey(get(r))).filter((v) => v !== null)).size;
      case 'SUM':
      case 'AVG': {
        if (!numeric) throw malformed(`field ${param} does not support aggregate operator ${fn}`);
        return (g) => {
          let sum = 0;
          let n = 0;
          for (const r of g) {
            const v = get(r);
            if (typeof v === 'number') {
              sum += v;
              n++;
            }
          }
          if (n === 0) return null;
          return fn === 'SUM' ? Number(sum.toPrecision(15)) : Number((sum / n).toPrecision(15));
        };
      }
      case 'MIN':
      case 'MAX':
        return (g) => {
          let best: Value = null;
          for (const r of g) {
            const v = get(r);
            if (v === null || v === '') continue;
            if (best === null || (fn === 'MIN' ? v < best : v > best)) best = v;
          }
          return best;
        };
      default:
        throw malformed(`${f.rawValue ?? fn} is not supported by the local org`);
    }
  }

  /** columns=true: what `sf data query` reads to lay out its table. */
  public columns(soql: string): ColumnsAnswer {
    const q = parseSoql(soql);
    if (!q.sObject) throw malformed('missing FROM');
    const table = this.table(q.sObject);
    const fields = this.expandFields(table, q.fields ?? []);
    const aggregate = fields.some((f) => f.type === 'FieldFunctionExpression' && f.isAggregateFn) || !!q.groupBy;
    let expr = 0;
    const meta = (name: string, display: string, field?: FieldSchema, extra: Partial<ColumnMeta> = {}): ColumnMeta => ({
      aggregate: false,
      apexType: field ? apexType(field) : null,
      booleanType: field?.type === 'boolean',
      columnName: name,
      custom: !!field?.name.endsWith('__c'),
      displayName: display,
      foreignKeyName: null,
      insertable: !!field && !field.calculated && !field.system,
      joinColumns: [],
      numberType: !!field && ['int', 'double', 'currency', 'percent'].includes(field.type),
      textType: !!field && ['string', 'textarea', 'picklist', 'email', 'phone', 'url'].includes(field.type),
      updatable: !!field && !field.calculated && !field.system,
      ...extra,
    });
    const columns: ColumnMeta[] = [];
    for (const f of fields) {
      if (f.type === 'Field' || f.type === 'FieldRelationship') {
        const path = f.type === 'Field' ? f.field : (f.rawValue ?? '');
        const resolved = this.resolve(table, path);
        if (resolved.names.length === 1 || aggregate) {
          columns.push(meta(aliasOf(f) ?? resolved.field.name, resolved.names.join('.'), resolved.field));
        } else {
          // nest: Course__r → Course_Code__c
          let level = columns.find((c) => c.columnName === resolved.names[0]);
          if (!level) {
            level = meta(resolved.names[0], resolved.names[0]);
            columns.push(level);
          }
          for (let i = 1; i < resolved.names.length; i++) {
            const name = resolved.names[i];
            let next: ColumnMeta | undefined = level.joinColumns.find((c) => c.columnName === name);
            if (!next) {
              next = meta(
                name,
                resolved.names.slice(0, i + 1).join('.'),
                i === resolved.names.length - 1 ? resolved.field : undefined
              );
              level.joinColumns.push(next);
            }
            level = next;
          }
        }
      } else if (f.type === 'FieldFunctionExpression') {
        columns.push(meta(f.alias ?? `expr${expr++}`, f.rawValue ?? f.functionName, undefined, { aggregate: true }));
      } else if (f.type === 'FieldSubquery') {
        const relName = (f.subquery as { relationshipName?: string }).relationshipName ?? '';
        const rel = this.store.schema
          .childRelationshipsOf(table.name)
          .find((c) => (c.relationshipName ?? '').toLowerCase() === relName.toLowerCase());
        const childTable = rel ? this.table(rel.childSObject) : undefined;
        const join = (f.subquery.fields ?? []).flatMap((sf) => {
          if (sf.type !== 'Field' || !childTable) return [];
          const field = childTable.field(sf.field);
          return field ? [meta(field.name, field.name, field)] : [];
        });
        columns.push(
          meta(rel?.relationshipName ?? relName, rel?.relationshipName ?? relName, undefined, {
            aggregate: true,
            joinColumns: join,
          })
        );
      }
    }
    return {
      columnMetadata: columns,
      entityName: aggregate ? 'AggregateResult' : table.name,
      groupBy: !!q.groupBy,
      idSelected: fields.some((f) => f.type === 'Field' && f.field.toLowerCase() === 'id'),
      keyPrefix: aggregate ? null : (table.schema.keyPrefix ?? null),
    };
  }
}

function apexType(field: FieldSchema): string {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'Id';
    case 'boolean':
      return 'Boolean';
    case 'int':
      return 'Integer';
    case 'double':
    case 'currency':
    case 'percent':
      return 'Double';
    case 'date':
      return 'Date';
    case 'datetime':
      return 'Datetime';
    default:
      return 'String';
  }
}

function sortable(v: Value): Value {
  if (v === '' || v === undefined) return null;
  return typeof v === 'string' ? v.toLowerCase() : v;
}

function normKey(v: Value): Value {
  return typeof v === 'string' ? v.toLowerCase() : v;
}
