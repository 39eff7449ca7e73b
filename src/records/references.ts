/*
 * Resolve stage: the values a file uses to name other records (a course code, a country code,
 * an e-mail, a partner's name) become record Ids — with one query per chunk of distinct values,
 * never one per row. A value that matches nothing, or more than one record, is a row problem.
 */
import type { OrgClient } from '../org/orgClient.js';
import { chunkInList, DEFAULT_IN_LIST_LIMITS, inList, type InListLimits } from '../org/soql.js';
import { CellProblem } from './fieldConverters.js';
import type { ReferenceColumn, ReferenceTarget } from './objectSpecs.js';

export type ResolvedReference = { id: string; field: string };

const targetKey = (target: ReferenceTarget): string => `${target.object}:${target.matchFields.join(',')}`;

/** Reference values are compared like Salesforce compares external IDs and e-mails: without case. */
export const referenceValueKey = (value: string): string => value.trim().toLowerCase();

export class ReferenceResolver {
  private readonly indexesByReference = new Map<ReferenceColumn, Array<Map<string, string[]> | undefined>>();

  public constructor(
    /** target key → normalized value → matching record Ids */
    private readonly indexes: Map<string, Map<string, string[]>>,
    /** target key → the fields actually compared ($externalIds expanded) */
    private readonly comparedFields: Map<string, string[]>
  ) {}

  public resolve(reference: ReferenceColumn, value: string): ResolvedReference | CellProblem {
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
          `"${value}" is ambiguous: ${ids.length} ${target.object} records match (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ' …' : ''}).`
        );
      }
      return { id: ids[0], field: target.field };
    }
    const tried = reference.targets
      .map(
        (target) =>
          `${target.object} by ${(this.comparedFields.get(targetKey(target)) ?? target.matchFields).join(' or ')}`
      )
      .join(', then ');
    return new CellProblem(`no record found for "${value}" (looked up ${tried}).`);
  }
}

/** Collects the distinct values each reference column uses, for one query round afterwards. */
export class ReferenceKeys {
  private readonly byTarget = new Map<string, { target: ReferenceTarget; values: Set<string> }>();
  private readonly setsByReference = new Map<ReferenceColumn, Array<Set<string>>>();

  public add(reference: ReferenceColumn, value: string): void {
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

async function readingAllIsCheaper(org: OrgClient, object: string, inListQueries: number): Promise<boolean> {
  const [count] = await org.query<{ n?: number }>(`SELECT COUNT(Id) n FROM ${object}`);
  return 1 + Math.ceil(Number(count?.n ?? 0) / PAGE_SIZE) < inListQueries;
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
    if (chunks.length > 1 && (await readingAllIsCheaper(org, target.object, chunks.length))) {
      // The file names a large share of the object: reading it page by page (2,000 a query) takes
      // fewer queries than IN lists short enough for a GET request line.
      for await (const page of org.queryPages(`SELECT Id, ${fields.join(', ')} FROM ${target.object}`)) {
        for (const record of page) addRecord(record);
      }
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
