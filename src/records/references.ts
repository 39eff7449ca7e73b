/*
 * Resolve stage: the values a file uses to name other records (a course code, a country code,
 * an e-mail, a partner's name) become record Ids — with one query per chunk of distinct values,
 * never one per row. A value that matches nothing, or more than one record, is a row problem.
 */
import { Messages } from '@salesforce/core';
import type { OrgClient } from '../org/orgClient.js';
import { chunkInList, DEFAULT_IN_LIST_LIMITS, inList, type InListLimits } from '../org/soql.js';
import { CellProblem } from './fieldConverters.js';
import type { ReferenceColumn, ReferenceTarget } from './objectSpecs.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

/** "a or b or c", "x, then y": the parts of a lookup description, joined as the messages word them. */
const joined = (key: string, parts: string[]): string =>
  parts.reduce((text, part) => messages.getMessage(key, [text, part]));

export type ResolvedReference = { id: string; field: string };

const targetKey = (target: ReferenceTarget): string => `${target.object}:${target.matchFields.join(',')}`;

/** Reference values are compared like Salesforce compares external IDs and e-mails: without case. */
export const referenceValueKey = (value: string): string => value.trim().toLowerCase();

export class ReferenceResolver {
  private readonly indexesByReference = new Map<ReferenceColumn, Array<Map<string, string[]> | undefined>>();
  /** Answers by reference column and value as written: a file repeats the same few thousand values. */
  private readonly answers = new Map<ReferenceColumn, Map<string, ResolvedReference | CellProblem>>();

  public constructor(
    /** target key → normalized value → matching record Ids */
    private readonly indexes: Map<string, Map<string, string[]>>,
    /** target key → the fields actually compared ($externalIds expanded) */
    private readonly comparedFields: Map<string, string[]>
  ) {}

  public resolve(reference: ReferenceColumn, value: string): ResolvedReference | CellProblem {
    let answers = this.answers.get(reference);
    if (!answers) {
      answers = new Map();
      this.answers.set(reference, answers);
    }
    let answer = answers.get(value);
    if (answer === undefined) {
      answer = this.lookUp(reference, value);
      answers.set(value, answer);
    }
    return answer;
  }

  private lookUp(reference: ReferenceColumn, value: string): ResolvedReference | CellProblem {
    const key = referenceValueKey(value);
    let indexes = this.indexesByReference.get(reference);
    if (!indexes) {
      indexes = reference.targets.map((target) => this.indexes.get(targetKey(target)));
      this.indexesByReference.set(reference, indexes);
    }
    for (let position = 0; position < reference.targets.length; position++) {
      const target = reference.targets[position];
      const ids = indexes[position]?.get(key);
      if (!ids || ids.length === 0) continue;
      if (ids.length > 1) {
        return new CellProblem(
          messages.getMessage(ids.length > 3 ? 'reference.ambiguousMore' : 'reference.ambiguous', [
            value,
            String(ids.length),
            target.object,
            ids.slice(0, 3).join(', '),
          ])
        );
      }
      return { id: ids[0], field: target.field };
    }
    const tried = reference.targets.map((target) =>
      messages.getMessage('reference.lookedUpBy', [
        target.object,
        joined('reference.fieldsOr', this.comparedFields.get(targetKey(target)) ?? target.matchFields),
      ])
    );
    return new CellProblem(messages.getMessage('reference.notFound', [value, joined('reference.targetsThen', tried)]));
  }
}

/** Collects the distinct values each reference column uses, for one query round afterwards. */
export class ReferenceKeys {
  private readonly byTarget = new Map<string, { target: ReferenceTarget; values: Set<string> }>();
  private readonly setsByReference = new Map<ReferenceColumn, Array<Set<string>>>();
  /** Values as written already added, per column: most rows repeat one, and need no lower-casing. */
  private readonly seen = new Map<ReferenceColumn, Set<string>>();

  public add(reference: ReferenceColumn, value: string): void {
    let seen = this.seen.get(reference);
    if (!seen) {
      seen = new Set();
      this.seen.set(reference, seen);
    }
    if (seen.has(value)) return;
    seen.add(value);
    let sets = this.setsByReference.get(reference);
    if (!sets) {
      sets = reference.targets.map((target) => {
        let entry = this.byTarget.get(targetKey(target));
        if (!entry) {
          entry = { target, values: new Set() };
          this.byTarget.set(targetKey(target), entry);
        }
        return entry.values;
      });
      this.setsByReference.set(reference, sets);
    }
    const key = referenceValueKey(value);
    for (const set of sets) set.add(key);
  }

  public get distinctValues(): number {
    let count = 0;
    for (const entry of this.byTarget.values()) count += entry.values.size;
    return count;
  }

  public targets(): Array<{ target: ReferenceTarget; values: Set<string> }> {
    return [...this.byTarget.values()];
  }

  /** Forgets every value once the queries are done, so the load pass does not carry them. */
  public clear(): void {
    this.byTarget.clear();
    this.setsByReference.clear();
    this.seen.clear();
  }
}

async function compareFields(org: OrgClient, target: ReferenceTarget): Promise<string[]> {
  if (!target.matchFields.includes('$externalIds')) return target.matchFields;
  const describe = await org.describe(target.object);
  const externalIds = describe.fields
    .filter((field) => field.externalId && ['string', 'email', 'int', 'double'].includes(field.type))
    .map((field) => field.name);
  return [...target.matchFields.filter((field) => field !== '$externalIds'), ...externalIds];
}

/** Records a query page holds (the REST default batch size). */
const PAGE_SIZE = 2000;
/** Calls a Bulk API 2.0 query takes at least: create the job, ask for its state, fetch the results. */
const BULK_QUERY_CALLS = 3;
/** Records a Bulk query results page is counted as holding (the org may send more at once). */
const BULK_PAGE_SIZE = 50_000;
/** Above this many records of the object, reading all of it costs more time than IN lists save. */
const MAX_RECORDS_READ_WHOLE = 2_000_000;

type ReadPlan = 'in-lists' | 'query-pages' | 'bulk-query';

/**
 * How to find the records for values that need more than one IN-list query: read the whole object
 * (2,000 a REST page, or one Bulk query job) when that takes fewer calls than the IN lists.
 * The COUNT query that decides it is one call of its own.
 */
async function readPlan(org: OrgClient, object: string, inListQueries: number): Promise<ReadPlan> {
  const [count] = await org.query<{ n?: number }>(`SELECT COUNT(Id) n FROM ${object}`);
  const records = Number(count?.n ?? 0);
  if (records > MAX_RECORDS_READ_WHOLE) return 'in-lists';
  const costs: Array<[ReadPlan, number]> = [
    ['in-lists', inListQueries],
    ['query-pages', Math.max(1, Math.ceil(records / PAGE_SIZE))],
  ];
  if (org.bulkQuery) costs.push(['bulk-query', BULK_QUERY_CALLS + Math.ceil(records / BULK_PAGE_SIZE) - 1]);
  return costs.reduce((best, candidate) => (candidate[1] < best[1] ? candidate : best))[0];
}

export async function resolveReferences(
  org: OrgClient,
  keys: ReferenceKeys,
  limits: InListLimits = DEFAULT_IN_LIST_LIMITS
): Promise<ReferenceResolver> {
  const indexes = new Map<string, Map<string, string[]>>();
  const compared = new Map<string, string[]>();
  for (const { target, values } of keys.targets()) {
    const fields = await compareFields(org, target);
    compared.set(targetKey(target), fields);
    const index = new Map<string, string[]>();
    indexes.set(targetKey(target), index);
    const addRecord = (record: Record<string, unknown>): void => {
      const id = String(record.Id);
      for (const field of fields) {
        const raw = record[field];
        if (raw === null || raw === undefined) continue;
        const valueKey = referenceValueKey(String(raw));
        if (!values.has(valueKey)) continue;
        const ids = index.get(valueKey);
        if (!ids) index.set(valueKey, [id]);
        else if (!ids.includes(id)) ids.push(id);
      }
    };
    const chunks = chunkInList(values, limits, fields.length);
    const plan = chunks.length > 1 ? await readPlan(org, target.object, chunks.length) : 'in-lists';
    if (plan !== 'in-lists') {
      // The file names a large share of the object: reading all of it takes fewer calls than IN
      // lists short enough for a GET request line.
      const soql = `SELECT Id, ${fields.join(', ')} FROM ${target.object}`;
      const pages = plan === 'bulk-query' ? org.bulkQuery!(soql) : org.queryPages(soql);
      for await (const page of pages) for (const record of page) addRecord(record);
      continue;
    }
    for (const chunk of chunks) {
      const list = inList(chunk);
      const soql = `SELECT Id, ${fields.join(', ')} FROM ${target.object} WHERE ${fields
        .map((field) => `${field} IN ${list}`)
        .join(' OR ')}`;
      for (const record of await org.query(soql)) addRecord(record);
    }
  }
  return new ReferenceResolver(indexes, compared);
}
