// REST sObject endpoints: list, describe, record CRUD, upsert by external ID, composite
// collections (≤ 200 records, allOrNone) and composite tree. Single-record calls answer errors as
// HTTP 400 [{message, errorCode, fields}]; collections answer 200 with per-record results.
import { ApiError, NOT_FOUND_MESSAGE, type RouteRequest, type RouteResponse, type Router } from '../http/router.js';
import { normalizeId } from '../org/ids.js';
import type { RecordStore, StoredRecord, Table, WriteResult } from '../org/store.js';
import type { OrgContext } from '../types.js';
import { describeObject, objectSummary } from './describe.js';

type Json = Record<string, unknown>;

const COLLECTION_LIMIT = 200;

/** A record as GET sobjects/{T}/{id} answers it: attributes, then every field (formulas computed). */
export function recordOut(
  store: RecordStore,
  table: Table,
  record: StoredRecord,
  version: string,
  fields?: string[]
): Json {
  const out: Json = {
    attributes: { type: table.name, url: `/services/data/v${version}/sobjects/${table.name}/${String(record.Id)}` },
  };
  const names = fields ?? Object.keys(table.schema.fields);
  for (const name of names) {
    const field = table.field(name);
    if (!field) throw new ApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${table.name}'.`);
    out[field.name] = store.read(table, record, field.name);
  }
  return out;
}

function singleError(result: WriteResult): ApiError {
  const e = result.errors[0];
  return new ApiError(e.statusCode === 'NOT_FOUND' ? 404 : 400, e.statusCode, e.message, e.fields);
}

/** A single-record write answers every error of the record, like the real API (first decides the status). */
function singleErrorResponse(result: WriteResult): RouteResponse {
  const first = singleError(result);
  return {
    status: first.status,
    body: result.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })),
  };
}

function tableOf(org: OrgContext, type: string): Table {
  if (!org.store.hasTable(type)) throw new ApiError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
  return org.store.table(type);
}

function parseBody(req: RouteRequest<OrgContext>): Json {
  const body = req.json<unknown>();
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  }
  return body as Json;
}

function withoutAttributes(record: Json): Json {
  const { attributes: _attributes, ...rest } = record;
  return rest;
}

function requireList(body: Json): Json[] {
  const records = body.records;
  if (!Array.isArray(records)) throw new ApiError(400, 'JSON_PARSER_ERROR', 'records must be an array');
  if (records.length > COLLECTION_LIMIT) {
    throw new ApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`
    );
  }
  return records as Json[];
}

function typeOfRecord(record: Json): string | undefined {
  const attributes = record.attributes as { type?: string } | undefined;
  return attributes?.type;
}

export function registerSObjectRoutes(router: Router<OrgContext>, org: OrgContext): void {
  const store = org.store;

  router.add('GET', '/services/data/:version/sobjects', ({ params }) => ({
    status: 200,
    body: {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: org.schema.listObjects().map((o) => objectSummary(o, params.version)),
    },
  }));

  router.add('GET', '/services/data/:version/sobjects/:type', ({ params }) => {
    const table = tableOf(org, params.type);
    return { status: 200, body: { objectDescribe: objectSummary(table.schema, params.version), recentItems: [] } };
  });

  router.add('GET', '/services/data/:version/sobjects/:type/describe', ({ params }) => {
    const table = tableOf(org, params.type);
    return { status: 200, body: describeObject(org.schema, table.schema, params.version) };
  });

  router.add('POST', '/services/data/:version/sobjects/:type', (req) => {
    tableOf(org, req.params.type);
    const [result] = store.insert(req.params.type, [withoutAttributes(parseBody(req))], { allOrNone: true });
    if (!result.success) return singleErrorResponse(result);
    return { status: 201, body: { id: result.id, success: true, errors: [] } };
  });

  const getRecord = (req: RouteRequest<OrgContext>): RouteResponse => {
    const table = tableOf(org, req.params.type);
    const id = normalizeId(req.params.id);
    const record = id ? table.rows.get(id) : undefined;
    if (!record) throw new ApiError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    const fields = req.query
      .get('fields')
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    return { status: 200, body: recordOut(store, table, record, req.params.version, fields) };
  };
  router.add('GET', '/services/data/:version/sobjects/:type/:id', getRecord);

  router.add('PATCH', '/services/data/:version/sobjects/:type/:id', (req) => {
    const table = tableOf(org, req.params.type);
    const id = normalizeId(req.params.id);
    if (!id || !table.rows.has(id)) {
      if (id && table.deleted.has(id)) throw new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
      throw new ApiError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    }
    const [result] = store.update(table.name, [{ ...withoutAttributes(parseBody(req)), Id: id }], { allOrNone: true });
    if (!result.success) return singleErrorResponse(result);
    return { status: 204 };
  });

  router.add('DELETE', '/services/data/:version/sobjects/:type/:id', (req) => {
    const table = tableOf(org, req.params.type);
    const id = normalizeId(req.params.id);
    if (!id || (!table.rows.has(id) && !table.deleted.has(id))) throw new ApiError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    const [result] = store.delete(table.name, [id], { allOrNone: true });
    if (!result.success) {
      const e = result.errors[0];
      throw new ApiError(e.statusCode === 'ENTITY_IS_DELETED' ? 404 : 400, e.statusCode, e.message, e.fields);
    }
    return { status: 204 };
  });

  // upsert / get by external ID
  router.add('PATCH', '/services/data/:version/sobjects/:type/:field/:value', (req) => {
    const table = tableOf(org, req.params.type);
    const body = withoutAttributes(parseBody(req));
    const field = table.field(req.params.field);
    if (!field) {
      throw new ApiError(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${req.params.field}`
      );
    }
    const existing = table.lookup(field.name, req.params.value);
    if (existing && existing.length > 1) {
      return {
        status: 300,
        body: existing.map((id) => `/services/data/v${req.params.version}/sobjects/${table.name}/${id}`),
      };
    }
    const [result] = store.upsert(table.name, field.name, [{ ...body, [field.name]: req.params.value }], {
      allOrNone: true,
    });
    if (!result.success) return singleErrorResponse(result);
    return {
      status: result.created ? 201 : 200,
      body: { id: result.id, success: true, errors: [], created: !!result.created },
    };
  });

  router.add('GET', '/services/data/:version/sobjects/:type/:field/:value', (req) => {
    const table = tableOf(org, req.params.type);
    const field = table.field(req.params.field);
    if (!field || (!field.externalId && field.type !== 'id')) {
      throw new ApiError(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${req.params.field}`
      );
    }
    const ids = table.lookup(field.name, req.params.value) ?? [];
    if (ids.length === 0) throw new ApiError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    if (ids.length > 1) {
      return {
        status: 300,
        body: ids.map((id) => `/services/data/v${req.params.version}/sobjects/${table.name}/${id}`),
      };
    }
    return { status: 200, body: recordOut(store, table, table.rows.get(ids[0])!, req.params.version) };
  });

  // -------------------------------------------------------------- composite collections

  router.add('POST', '/services/data/:version/composite/sobjects', (req) => {
    const body = parseBody(req);
    const records = requireList(body);
    const allOrNone = body.allOrNone === true;
    return { status: 200, body: writeGrouped(org, records, allOrNone, 'insert') };
  });

  router.add('PATCH', '/services/data/:version/composite/sobjects', (req) => {
    const body = parseBody(req);
    const records = requireList(body);
    const allOrNone = body.allOrNone === true;
    return { status: 200, body: writeGrouped(org, records, allOrNone, 'update') };
  });

  router.add('DELETE', '/services/data/:version/composite/sobjects', (req) => {
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length > COLLECTION_LIMIT) {
      throw new ApiError(400, 'EXCEEDED_ID_LIMIT', `cannot delete more than ${COLLECTION_LIMIT} records in one call`);
    }
    const allOrNone = req.query.get('allOrNone') === 'true';
    return { status: 200, body: store.delete(undefined, ids, { allOrNone }).map(resultOut) };
  });

  router.add('GET', '/services/data/:version/composite/sobjects/:type', (req) => {
    const table = tableOf(org, req.params.type);
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    const fields = (req.query.get('fields') ?? '').split(',').filter(Boolean);
    if (fields.length === 0) throw new ApiError(400, 'MALFORMED_QUERY', 'fields parameter is required');
    return {
      status: 200,
      body: ids.map((raw) => {
        const id = normalizeId(raw);
        const r = id ? table.rows.get(id) : undefined;
        return r ? recordOut(store, table, r, req.params.version, fields) : null;
      }),
    };
  });

  router.add('PATCH', '/services/data/:version/composite/sobjects/:type/:field', (req) => {
    const table = tableOf(org, req.params.type);
    const body = parseBody(req);
    const records = requireList(body).map(withoutAttributes);
    const results = store.upsert(table.name, req.params.field, records, { allOrNone: body.allOrNone === true });
    return { status: 200, body: results.map((r) => ({ ...resultOut(r), created: !!r.created })) };
  });

  router.add('POST', '/services/data/:version/composite/tree/:type', (req) => {
    const table = tableOf(org, req.params.type);
    return compositeTree(org, table, parseBody(req));
  });
}

function resultOut(r: WriteResult): Json {
  return r.success
    ? { id: r.id, success: true, errors: [] }
    : { ...(r.id ? { id: r.id } : {}), success: false, errors: r.errors };
}

/** Writes a collection that may mix object types; allOrNone undoes earlier groups on a later failure. */
function writeGrouped(org: OrgContext, records: Json[], allOrNone: boolean, mode: 'insert' | 'update'): Json[] {
  const results: Array<Json | undefined> = new Array(records.length);
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => {
    const type = typeOfRecord(r);
    if (!type || !org.store.hasTable(type)) {
      results[i] = {
        success: false,
        errors: [
          {
            statusCode: 'INVALID_TYPE',
            message: type
              ? `sObject type '${type}' is not supported.`
              : 'No SObject Type defined in the record attributes',
            fields: [],
          },
        ],
      };
      return;
    }
    const key = org.store.table(type).name;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const rollBack = (): Json[] =>
    records.map((_r, i) => {
      const res = results[i];
      if (res && res.success === false && !isRolledBack(res)) return { ...res, id: undefined };
      return {
        success: false,
        errors: [
          {
            statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
            message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
            fields: [],
          },
        ],
      };
    });
  if (allOrNone && results.some((r) => r !== undefined)) return rollBack();
  const undo: Array<() => void> = [];
  for (const [type, indexes] of groups) {
    const inputs = indexes.map((i) => {
      const { attributes: _a, id, ...rest } = records[i];
      return mode === 'update' ? { Id: id ?? rest.Id, ...rest } : rest;
    });
    const before =
      mode === 'update'
        ? inputs.map((inp) => {
            const id = normalizeId(inp.Id);
            const r = id ? org.store.table(type).rows.get(id) : undefined;
            return r ? { ...r } : undefined;
          })
        : [];
    const out =
      mode === 'insert' ? org.store.insert(type, inputs, { allOrNone }) : org.store.update(type, inputs, { allOrNone });
    out.forEach((r, k) => {
      results[indexes[k]] = resultOut(r);
    });
    if (allOrNone && out.some((r) => !r.success)) {
      for (const u of undo.reverse()) u();
      return rollBack();
    }
    if (mode === 'insert') {
      const ids = out.filter((r) => r.success).map((r) => r.id!);
      undo.push(() => org.store.purge(type, ids));
    } else {
      undo.push(() => {
        const restore = before.filter((b) => b !== undefined).map((b) => restorable(org.store.table(type), b));
        org.store.update(type, restore);
      });
    }
  }
  return results.map((r) => r!);
}

function isRolledBack(res: Json): boolean {
  const errors = res.errors as Array<{ statusCode: string }> | undefined;
  return errors?.[0]?.statusCode === 'ALL_OR_NONE_OPERATION_ROLLED_BACK';
}

function restorable(table: Table, record: StoredRecord): Json {
  const out: Json = { Id: record.Id };
  for (const f of Object.values(table.schema.fields)) {
    if (f.calculated || f.system || f.type === 'autonumber' || f.type === 'id') continue;
    out[f.name] = record[f.name] ?? null;
  }
  return out;
}

interface TreeNode {
  referenceId: string;
  type: string;
  fields: Json;
  children: Array<{ relationship: string; nodes: TreeNode[] }>;
}

/** composite/tree: nested parent → children inserts, all or nothing, ≤ 200 records. */
function compositeTree(org: OrgContext, table: Table, body: Json): RouteResponse {
  const records = body.records;
  if (!Array.isArray(records)) throw new ApiError(400, 'JSON_PARSER_ERROR', 'records must be an array');
  let count = 0;
  const parse = (rec: Json, type: string): TreeNode => {
    count++;
    const attrs = (rec.attributes ?? {}) as { type?: string; referenceId?: string };
    const fields: Json = {};
    const children: TreeNode['children'] = [];
    for (const [k, v] of Object.entries(rec)) {
      if (k === 'attributes') continue;
      if (v && typeof v === 'object' && Array.isArray((v as Json).records)) {
        const rel = org.schema
          .childRelationshipsOf(type)
          .find((c) => (c.relationshipName ?? '').toLowerCase() === k.toLowerCase());
        if (!rel) throw new ApiError(400, 'INVALID_FIELD', `No such relationship '${k}' on sobject of type ${type}`);
        children.push({
          relationship: rel.field,
          nodes: ((v as Json).records as Json[]).map((c) => parse(c, rel.childSObject)),
        });
      } else fields[k] = v;
    }
    return { referenceId: attrs.referenceId ?? `ref${count}`, type: attrs.type ?? type, fields, children };
  };
  const roots = (records as Json[]).map((r) => parse(r, table.name));
  if (count > COLLECTION_LIMIT) {
    throw new ApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`
    );
  }
  const inserted: Array<{ type: string; id: string }> = [];
  const results: Json[] = [];
  const errors: Json[] = [];
  const insertLevel = (nodes: TreeNode[], parentField?: string, parentId?: string): boolean => {
    const byType = new Map<string, TreeNode[]>();
    for (const n of nodes) byType.set(n.type, [...(byType.get(n.type) ?? []), n]);
    for (const [type, list] of byType) {
      const inputs = list.map((n) => (parentField ? { ...n.fields, [parentField]: parentId } : n.fields));
      const out = org.store.insert(type, inputs, { allOrNone: false });
      out.forEach((r, i) => {
        if (r.success) {
          inserted.push({ type, id: r.id! });
          results.push({ referenceId: list[i].referenceId, id: r.id });
        } else errors.push({ referenceId: list[i].referenceId, errors: r.errors });
      });
      if (errors.length) return false;
      for (let i = 0; i < list.length; i++) {
        for (const child of list[i].children) {
          if (!insertLevel(child.nodes, child.relationship, out[i].id!)) return false;
        }
      }
    }
    return true;
  };
  if (!insertLevel(roots)) {
    for (const row of inserted.reverse()) org.store.purge(row.type, [row.id]);
    return { status: 400, body: { hasErrors: true, results: errors } };
  }
  return { status: 201, body: { hasErrors: false, results } };
}
