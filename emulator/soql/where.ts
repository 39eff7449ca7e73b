// WHERE / HAVING conditions: the parser's flat condition list (with paren counts and NOT markers)
// becomes a boolean tree, then a predicate over stored records. Comparisons follow SOQL: text is
// compared case-insensitively, date literals are day ranges, `= null` tests for blank.
import type { Query } from '@jetstreamapp/soql-parser-js';
import { ApiError } from '../http/router.js';
import type { FieldSchema } from '../org/schema.js';
import { normalizeId } from '../org/ids.js';
import { parseDateTime } from '../org/values.js';
import { dateLiteralRange, daysOf, type DayRange } from './dateLiterals.js';

/** The parser's condition, loosely typed (its union types do not narrow well). */
export interface Condition {
  field?: string;
  fn?: { functionName: string; parameters?: unknown[]; rawValue?: string };
  operator?: string;
  value?: string | string[];
  literalType?: string | string[];
  valueQuery?: Query;
  openParen?: number;
  closeParen?: number;
}

export interface WhereClause {
  left: Condition | null;
  operator?: string;
  right?: WhereClause;
  openParen?: number;
  closeParen?: number;
}

export type BoolNode =
  { type: 'and' | 'or'; items: BoolNode[] } | { type: 'not'; item: BoolNode } | { type: 'cond'; cond: Condition };

type Token = { t: '(' } | { t: ')' } | { t: 'AND' } | { t: 'OR' } | { t: 'NOT' } | { t: 'cond'; cond: Condition };

export const malformed = (message: string): ApiError => new ApiError(400, 'MALFORMED_QUERY', message);

function tokenize(where: WhereClause | undefined, out: Token[]): void {
  let node: WhereClause | undefined = where;
  while (node) {
    const open = node.openParen ?? 0;
    const close = node.closeParen ?? 0;
    const left = node.left;
    if (node.operator === 'NOT' && (left === null || (left.field === undefined && left.fn === undefined))) {
      // `NOT …`, or `(NOT …` where the parser puts the paren count on an empty left side
      const parens = open + (left?.openParen ?? 0);
      for (let i = 0; i < parens; i++) out.push({ t: '(' });
      out.push({ t: 'NOT' });
      node = node.right;
      continue;
    }
    const cond = node.left ?? {};
    for (let i = 0; i < (cond.openParen ?? 0); i++) out.push({ t: '(' });
    out.push({ t: 'cond', cond });
    for (let i = 0; i < (cond.closeParen ?? 0); i++) out.push({ t: ')' });
    for (let i = 0; i < close; i++) out.push({ t: ')' });
    if (node.operator === 'AND' || node.operator === 'OR') out.push({ t: node.operator });
    node = node.right;
  }
}

/** Builds the boolean tree: NOT binds tightest, then AND, then OR. */
export function buildBoolTree(where: unknown): BoolNode {
  const tokens: Token[] = [];
  tokenize(where as WhereClause, tokens);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  // SOQL refuses AND and OR mixed at one level without parentheses (no precedence is assumed)
  const bareAnd = new WeakSet<BoolNode>();
  const parseOr = (): BoolNode => {
    const items = [parseAnd()];
    while (peek()?.t === 'OR') {
      pos++;
      items.push(parseAnd());
    }
    if (items.length > 1 && items.some((i) => bareAnd.has(i))) {
      throw malformed('unexpected token: use parentheses when a WHERE clause mixes AND and OR');
    }
    return items.length === 1 ? items[0] : { type: 'or', items };
  };
  const parseAnd = (): BoolNode => {
    const items = [parseUnary()];
    while (peek()?.t === 'AND') {
      pos++;
      items.push(parseUnary());
    }
    if (items.length === 1) return items[0];
    const node: BoolNode = { type: 'and', items };
    bareAnd.add(node);
    return node;
  };
  const parseUnary = (): BoolNode => {
    const tok = tokens[pos++];
    if (!tok) throw malformed('unexpected end of WHERE clause');
    if (tok.t === 'NOT') return { type: 'not', item: parseUnary() };
    if (tok.t === '(') {
      const inner = parseOr();
      if (tokens[pos++]?.t !== ')') throw malformed('unbalanced parentheses in WHERE clause');
      bareAnd.delete(inner);
      return inner;
    }
    if (tok.t === 'cond') return { type: 'cond', cond: tok.cond };
    throw malformed(`unexpected ${tok.t} in WHERE clause`);
  };
  const tree = parseOr();
  if (pos !== tokens.length) throw malformed('unbalanced parentheses in WHERE clause');
  return tree;
}

export type Value = string | number | boolean | null;
export type Predicate<R> = (record: R) => boolean;

/** Unquotes a SOQL string literal ('it\'s' → it's). */
export function unquote(raw: string): string {
  const inner = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  return inner.replace(/\\(.)/g, (_m, c: string) => {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case '%':
      case '_':
        return `\\${c}`; // LIKE escapes stay escaped; plain comparisons strip them below
      default:
        return c;
    }
  });
}

const NUMERIC = new Set(['int', 'double', 'currency', 'percent']);
const TEXTUAL = new Set([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'autonumber',
  'base64',
]);

export type Literal =
  { kind: 'value'; value: Value } | { kind: 'range'; range: DayRange } | { kind: 'list'; values: Value[] };

/** A literal of the condition, converted to the field's stored form; checks literal types like SOQL does. */
export function literalFor(field: FieldSchema, fieldPath: string, literalType: string, raw: string): Literal {
  const type = field.formula ? formulaStorageType(field) : field.type;
  const mustBe = (what: string, quoted: boolean): ApiError =>
    new ApiError(
      400,
      'INVALID_FIELD',
      `value of filter criterion for field '${fieldPath}' must be of type ${what} and should ${quoted ? '' : 'not '}be enclosed in quotes`
    );
  if (literalType === 'NULL') return { kind: 'value', value: null };
  if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
    if (type !== 'date' && type !== 'datetime') throw mustBe(describeKind(type), TEXTUAL.has(type));
    const range = dateLiteralRange(raw);
    if (!range) throw malformed(`unsupported date literal ${raw}`);
    return { kind: 'range', range };
  }
  if (NUMERIC.has(type)) {
    if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') throw mustBe('double', false);
    return { kind: 'value', value: Number(raw) };
  }
  if (type === 'boolean') {
    if (literalType !== 'BOOLEAN') throw mustBe('boolean', false);
    return { kind: 'value', value: raw.toUpperCase() === 'TRUE' };
  }
  if (type === 'date') {
    if (literalType === 'DATE') return { kind: 'value', value: raw };
    if (literalType === 'DATETIME') return { kind: 'value', value: raw.slice(0, 10) };
    throw mustBe('date', false);
  }
  if (type === 'datetime') {
    if (literalType === 'DATETIME') {
      const ms = parseDateTime(raw);
      if (ms === undefined) throw malformed(`invalid date/time ${raw}`);
      return { kind: 'value', value: ms };
    }
    if (literalType === 'DATE') throw mustBe('dateTime', false);
    throw mustBe('dateTime', false);
  }
  if (literalType !== 'STRING') throw mustBe(type === 'id' || type === 'reference' ? 'id' : 'string', true);
  const text = unquote(raw);
  if (type === 'id' || type === 'reference') {
    if (text === '') return { kind: 'value', value: null };
    const id = normalizeId(text);
    if (!id) throw new ApiError(400, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${text}`);
    return { kind: 'value', value: id };
  }
  return { kind: 'value', value: text };
}

function describeKind(type: string): string {
  if (NUMERIC.has(type)) return 'double';
  if (type === 'boolean') return 'boolean';
  if (type === 'id' || type === 'reference') return 'id';
  return 'string';
}

/** The stored type of a formula field's value. */
export function formulaStorageType(field: FieldSchema): string {
  return field.type;
}

function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      re += pattern[++i];
      continue;
    }
    if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

const plain = (v: Value): Value => (typeof v === 'string' ? v.replace(/\\([%_])/g, '$1') : v);

/**
 * A comparison of one value (read by `get`) with a literal. Text compares case-insensitively,
 * datetimes as epoch ms, dates as 'YYYY-MM-DD' text; date literals are inclusive day ranges.
 */
export function comparison(
  field: FieldSchema,
  operator: string,
  literal: Literal,
  get: (record: unknown) => Value
): (record: unknown) => boolean {
  const type = field.type;
  const isDateTime = type === 'datetime';
  const toComparable = (v: Value): Value => {
    if (v === null || v === '') return null;
    if (isDateTime && typeof v === 'string') return parseDateTime(v) ?? null;
    if (typeof v === 'string' && type !== 'id' && type !== 'reference') return v.toLowerCase();
    return v;
  };
  const op = operator.toUpperCase();
  if (literal.kind === 'range') {
    const { from, to } = literal.range;
    const day = (v: Value): number | null => {
      if (v === null || v === '') return null;
      if (isDateTime && typeof v === 'string') {
        const ms = parseDateTime(v);
        return ms === undefined ? null : Math.floor(ms / 86_400_000);
      }
      return typeof v === 'string' ? daysOf(v) : null;
    };
    return (r) => {
      const d = day(get(r));
      if (d === null) return op === '!=' || op === '<>';
      switch (op) {
        case '=':
          return d >= from && d <= to;
        case '!=':
        case '<>':
          return d < from || d > to;
        case '<':
          return d < from;
        case '<=':
          return d <= to;
        case '>':
          return d > to;
        case '>=':
          return d >= from;
        default:
          throw malformed(`operator ${operator} is not valid with a date literal`);
      }
    };
  }
  if (op === 'IN' || op === 'NOT IN') {
    if (literal.kind !== 'list') throw malformed(`${operator} needs a list`);
    const set = new Set(literal.values.map((v) => toComparable(plain(v))));
    const negate = op === 'NOT IN';
    return (r) => {
      const v = toComparable(get(r));
      return negate ? !set.has(v) : set.has(v);
    };
  }
  if (op === 'INCLUDES' || op === 'EXCLUDES') {
    if (literal.kind !== 'list') throw malformed(`${operator} needs a list`);
    const wanted = literal.values.map((v) => String(v).toLowerCase().split(';'));
    const negate = op === 'EXCLUDES';
    return (r) => {
      const v = get(r);
      const have = new Set(typeof v === 'string' && v !== '' ? v.toLowerCase().split(';') : []);
      const hit = wanted.some((combo) => combo.every((x) => have.has(x)));
      return negate ? !hit : hit;
    };
  }
  if (literal.kind !== 'value') throw malformed(`${operator} does not take a list`);
  if (op === 'LIKE') {
    if (typeof literal.value !== 'string') throw malformed('LIKE needs a text value');
    const re = likeToRegExp(literal.value);
    return (r) => {
      const v = get(r);
      return typeof v === 'string' && re.test(v);
    };
  }
  const lit = toComparable(plain(literal.value));
  switch (op) {
    case '=':
      return (r) => toComparable(get(r)) === lit;
    case '!=':
    case '<>':
      return (r) => toComparable(get(r)) !== lit;
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (r) => {
        const v = toComparable(get(r));
        if (v === null || lit === null) return false;
        const order = v < lit ? -1 : v > lit ? 1 : 0;
        return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
      };
    default:
      throw malformed(`unsupported operator ${operator}`);
  }
}

/** Evaluates a boolean tree given a leaf compiler. */
export function compileTree<R>(node: BoolNode, leaf: (cond: Condition) => Predicate<R>): Predicate<R> {
  switch (node.type) {
    case 'cond':
      return leaf(node.cond);
    case 'not': {
      const inner = compileTree(node.item, leaf);
      return (r) => !inner(r);
    }
    case 'and': {
      const items = node.items.map((i) => compileTree(i, leaf));
      return (r) => items.every((p) => p(r));
    }
    case 'or': {
      const items = node.items.map((i) => compileTree(i, leaf));
      return (r) => items.some((p) => p(r));
    }
  }
}
