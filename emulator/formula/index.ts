// The local org's formula engine: compiles the Salesforce formula subset the Glocal pack uses into
// closures. Anything outside the subset throws FormulaNotSupportedError at compile time, so a
// deploy can report the formula as "not evaluable locally" instead of computing a wrong value.
import { parseFormula, type BinaryOperator, type FormulaNode } from './parser.js';
import { checkReturnType, FormulaStaticTypeError, inferType, staticTypeOfField } from './types.js';

export { FormulaSyntaxError } from './parser.js';
export type { FormulaNode } from './parser.js';

/** string | number | boolean | null; dates are 'YYYY-MM-DD', date/times ISO 8601 strings. */
export type FormulaValue = string | number | boolean | null;

export type FormulaReturnType = 'Number' | 'Percent' | 'Currency' | 'Text' | 'Date' | 'DateTime' | 'Checkbox';

export interface FormulaContext {
  /** The API value of a field path as written in the formula (e.g. 'Course__r.Passing_Score__c'). */
  get(path: string): FormulaValue;
  /** Today in the user's time zone, 'YYYY-MM-DD'. */
  today(): string;
  user?: { Id: string };
  /** Names of the custom permissions the running user holds. */
  permissions?: Set<string>;
  /** True while the record is being inserted (ISNEW()). */
  isNew?: boolean;
  /** The value before this update (PRIORVALUE / ISCHANGED); undefined on insert. */
  prior?(path: string): FormulaValue;
}

export interface FormulaOptions {
  returnType: FormulaReturnType;
  /** Salesforce's "Treat blank fields as zeroes" option (number fields only). */
  treatBlanksAsZero?: boolean;
  /**
   * The Salesforce field type of a referenced path ('Number', 'Percent', 'Picklist', 'Text', …),
   * or undefined when the field does not exist. When given, unknown fields fail compilation with
   * FormulaReferenceError (as a real deploy does), Percent fields are read as fractions and
   * picklists are only accepted where Salesforce accepts them.
   */
  fieldType?: (path: string) => string | undefined;
}

export interface FormulaResult {
  value: FormulaValue;
  /** Set when Salesforce would show #Error! (division by zero, invalid VALUE(), …); value is null then. */
  error?: string;
}

export interface CompiledFormula {
  readonly source: string;
  readonly returnType: FormulaReturnType;
  /** Every field path the formula reads, in first-use order, without $globals. */
  readonly references: string[];
  /** Whether the formula uses ISNEW/ISCHANGED/PRIORVALUE (needs the prior record). */
  readonly usesPriorValues: boolean;
  /**
   * The value as the API returns it: Percent results are scaled by 100 (0.5 → 50) like a real
   * org; Checkbox results are never null. #Error! results are null — use evaluateResult to see why.
   */
  evaluate(ctx: FormulaContext): FormulaValue;
  evaluateResult(ctx: FormulaContext): FormulaResult;
}

export class FormulaError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'FormulaError';
  }
}

/** The formula uses a function or construct the local org cannot evaluate. */
export class FormulaNotSupportedError extends FormulaError {
  public constructor(public readonly construct: string) {
    super(`${construct} is not evaluable by the local org (outside the supported formula subset)`);
    this.name = 'FormulaNotSupportedError';
  }
}

/** The formula references a field that does not exist. */
export class FormulaReferenceError extends FormulaError {
  public constructor(public readonly path: string) {
    super(`Field ${path} does not exist. Check spelling.`);
    this.name = 'FormulaReferenceError';
  }
}

/** Wrong argument count or a type Salesforce rejects at save time (e.g. a bare picklist). */
export class FormulaTypeError extends FormulaError {
  public constructor(message: string) {
    super(message);
    this.name = 'FormulaTypeError';
  }
}

/** Raised while evaluating; becomes #Error! (a null value with an error message). */
export class FormulaRuntimeError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'FormulaRuntimeError';
  }
}

type Evaluator = (ctx: FormulaContext) => FormulaValue;

interface FunctionSpec {
  min: number;
  max: number;
  build: (args: Evaluator[], nodes: FormulaNode[], env: CompileEnv) => Evaluator;
}

interface CompileEnv {
  options: FormulaOptions;
  references: Map<string, string>;
  usesPriorValues: boolean;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T/;
const NUMERIC_TYPES = new Set(['number', 'percent', 'currency', 'summary', 'autonumber-number']);
const DAY_MS = 86_400_000;

const isDate = (value: FormulaValue): value is string => typeof value === 'string' && DATE_PATTERN.test(value);
const isDateTime = (value: FormulaValue): value is string => typeof value === 'string' && DATETIME_PATTERN.test(value);
const isBlank = (value: FormulaValue): boolean => value === null || value === '';

function dateToDays(value: string): number {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function daysToDate(days: number): string {
  return new Date(Math.round(days) * DAY_MS).toISOString().slice(0, 10);
}

function describeValue(value: FormulaValue): string {
  return value === null ? 'blank' : typeof value === 'string' ? `text "${value}"` : `${typeof value} ${value}`;
}

/** Salesforce's ROUND rounds half away from zero. */
function roundHalfAwayFromZero(value: number, digits: number): number {
  const sign = value < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(value)}e${digits}`));
  return sign * Number(`${shifted}e${-digits}`);
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toFixed(0);
  return String(Number(value.toPrecision(15)));
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function addMonths(value: string, months: number): string {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const whole = Math.trunc(months);
  const monthIndex = y * 12 + (m - 1) + whole;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const last = lastDayOfMonth(year, month);
  const day = d === lastDayOfMonth(y, m) ? last : Math.min(d, last);
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return value.length > 10 ? date + value.slice(10) : date;
}

export function compileFormula(source: string, options: FormulaOptions): CompiledFormula {
  const tree = parseFormula(source);
  const env: CompileEnv = { options, references: new Map(), usesPriorValues: false };
  const root = compileNode(tree, env);
  const returnType = options.returnType;
  const resolve = options.fieldType;
  try {
    checkReturnType(
      inferType(tree, (path) => (resolve ? staticTypeOfField(resolve(path)) : 'Any')),
      returnType
    );
  } catch (error) {
    if (error instanceof FormulaStaticTypeError) throw new FormulaTypeError(error.message);
    throw error;
  }

  const evaluateResult = (ctx: FormulaContext): FormulaResult => {
    try {
      return { value: shapeResult(root(ctx), returnType) };
    } catch (error) {
      if (error instanceof FormulaRuntimeError) {
        return { value: returnType === 'Checkbox' ? false : null, error: error.message };
      }
      throw error;
    }
  };

  return {
    source,
    returnType,
    references: [...env.references.values()],
    usesPriorValues: env.usesPriorValues,
    evaluate: (ctx) => evaluateResult(ctx).value,
    evaluateResult,
  };
}

function shapeResult(value: FormulaValue, returnType: FormulaReturnType): FormulaValue {
  switch (returnType) {
    case 'Checkbox':
      if (value === null) return false;
      if (typeof value !== 'boolean') throw new FormulaRuntimeError(`Expected Checkbox, got ${describeValue(value)}`);
      return value;
    case 'Number':
    case 'Currency':
    case 'Percent':
      if (value === null || value === '') return null;
      if (typeof value !== 'number') throw new FormulaRuntimeError(`Expected Number, got ${describeValue(value)}`);
      if (!Number.isFinite(value)) throw new FormulaRuntimeError('Result is not a finite number');
      return returnType === 'Percent' ? Number((value * 100).toPrecision(15)) : value;
    case 'Text':
      if (value === null || value === '') return null;
      if (typeof value !== 'string') throw new FormulaRuntimeError(`Expected Text, got ${describeValue(value)}`);
      return value;
    case 'Date':
      if (value === null || value === '') return null;
      if (isDateTime(value)) return value.slice(0, 10);
      if (!isDate(value)) throw new FormulaRuntimeError(`Expected Date, got ${describeValue(value)}`);
      return value;
    case 'DateTime':
      if (value === null || value === '') return null;
      if (isDate(value)) return `${value}T00:00:00.000Z`;
      if (!isDateTime(value)) throw new FormulaRuntimeError(`Expected DateTime, got ${describeValue(value)}`);
      return value;
  }
}

/** Where a bare picklist reference is allowed (Salesforce rejects it everywhere else). */
const PICKLIST_FUNCTIONS = new Set(['ISPICKVAL', 'TEXT', 'ISBLANK', 'ISNULL', 'CASE', 'ISCHANGED', 'PRIORVALUE']);

function compileNode(node: FormulaNode, env: CompileEnv, parentFunction?: string): Evaluator {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'field':
      return compileField(node.path, env, parentFunction);
    case 'global':
      return compileGlobal(node.path);
    case 'unary': {
      const operand = compileNode(node.operand, env);
      if (node.op === '!') return (ctx) => !truthy(operand(ctx));
      const negate = node.op === '-';
      const blanksAsZero = env.options.treatBlanksAsZero === true;
      return (ctx) => {
        const value = toNumber(operand(ctx), blanksAsZero, node.op);
        return value === null ? null : negate ? -value : value;
      };
    }
    case 'binary':
      return compileBinary(node.op, compileNode(node.left, env), compileNode(node.right, env), env);
    case 'call': {
      const spec = FUNCTIONS[node.name];
      if (!spec) throw new FormulaNotSupportedError(`Function ${node.name}()`);
      if (node.args.length < spec.min || node.args.length > spec.max) {
        const expected =
          spec.min === spec.max ? `${spec.min}` : `${spec.min} to ${spec.max === Infinity ? 'any' : spec.max}`;
        throw new FormulaTypeError(
          `Incorrect number of parameters for function '${node.name}()'. Expected ${expected}, received ${node.args.length}`
        );
      }
      if (node.name === 'ISNEW' || node.name === 'ISCHANGED' || node.name === 'PRIORVALUE') env.usesPriorValues = true;
      const args = node.args.map((arg, position) =>
        compileNode(arg, env, position === 0 || node.name === 'CASE' ? node.name : undefined)
      );
      return spec.build(args, node.args, env);
    }
  }
}

function compileField(path: string, env: CompileEnv, parentFunction: string | undefined): Evaluator {
  const key = path.toLowerCase();
  if (!env.references.has(key)) env.references.set(key, path);
  const resolve = env.options.fieldType;
  if (!resolve) return (ctx) => ctx.get(path);
  const type = resolve(path);
  if (type === undefined) throw new FormulaReferenceError(path);
  const lower = type.toLowerCase();
  if ((lower === 'picklist' || lower === 'multiselectpicklist') && !PICKLIST_FUNCTIONS.has(parentFunction ?? '')) {
    throw new FormulaTypeError(
      `Field ${path} is a picklist field. Picklist fields are only supported in certain functions.`
    );
  }
  if (lower === 'percent') {
    return (ctx) => {
      const value = ctx.get(path);
      return typeof value === 'number' ? value / 100 : value === null && env.options.treatBlanksAsZero ? 0 : value;
    };
  }
  if (NUMERIC_TYPES.has(lower) && env.options.treatBlanksAsZero) {
    return (ctx) => {
      const value = ctx.get(path);
      return value === null || value === '' ? 0 : value;
    };
  }
  return (ctx) => ctx.get(path);
}

function compileGlobal(path: string): Evaluator {
  const [root, name, ...rest] = path.split('.');
  const upperRoot = root.toUpperCase();
  if (upperRoot === '$USER' && name?.toUpperCase() === 'ID' && rest.length === 0) {
    return (ctx) => ctx.user?.Id ?? null;
  }
  if (upperRoot === '$PERMISSION' && name && rest.length === 0) {
    return (ctx) => ctx.permissions?.has(name) ?? false;
  }
  throw new FormulaNotSupportedError(`Global ${path}`);
}

function truthy(value: FormulaValue): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  throw new FormulaRuntimeError(`Expected Checkbox, got ${describeValue(value)}`);
}

function toNumber(value: FormulaValue, blanksAsZero: boolean, where: string): number | null {
  if (value === null || value === '') return blanksAsZero ? 0 : null;
  if (typeof value === 'number') return value;
  throw new FormulaRuntimeError(`Operator or function ${where} expects a number, got ${describeValue(value)}`);
}

function toText(value: FormulaValue, where: string): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  throw new FormulaRuntimeError(`${where} expects text, got ${describeValue(value)}`);
}

function compileBinary(op: BinaryOperator, left: Evaluator, right: Evaluator, env: CompileEnv): Evaluator {
  const blanksAsZero = env.options.treatBlanksAsZero === true;
  switch (op) {
    case '&&':
      return (ctx) => truthy(left(ctx)) && truthy(right(ctx));
    case '||':
      return (ctx) => truthy(left(ctx)) || truthy(right(ctx));
    case '&':
      return (ctx) => toText(left(ctx), "'&'") + toText(right(ctx), "'&'");
    case '+':
      return (ctx) => add(left(ctx), right(ctx), blanksAsZero);
    case '-':
      return (ctx) => subtract(left(ctx), right(ctx), blanksAsZero);
    case '*':
    case '/':
    case '^':
      return (ctx) => {
        const a = toNumber(left(ctx), blanksAsZero, op);
        const b = toNumber(right(ctx), blanksAsZero, op);
        if (a === null || b === null) return null;
        if (op === '*') return a * b;
        if (op === '^') return a ** b;
        if (b === 0) throw new FormulaRuntimeError('Division by zero');
        return a / b;
      };
    default:
      return (ctx) => compare(op, left(ctx), right(ctx), blanksAsZero);
  }
}

function add(a: FormulaValue, b: FormulaValue, blanksAsZero: boolean): FormulaValue {
  if (typeof a === 'string' && !isDate(a) && !isDateTime(a)) return a + toText(b, "'+'");
  if (typeof b === 'string' && !isDate(b) && !isDateTime(b)) return toText(a, "'+'") + b;
  if (isDate(a) || isDateTime(a)) return shiftDate(a, toNumber(b, blanksAsZero, '+'));
  if (isDate(b) || isDateTime(b)) return shiftDate(b, toNumber(a, blanksAsZero, '+'));
  const x = toNumber(a, blanksAsZero, '+');
  const y = toNumber(b, blanksAsZero, '+');
  return x === null || y === null ? null : x + y;
}

function subtract(a: FormulaValue, b: FormulaValue, blanksAsZero: boolean): FormulaValue {
  if (isDate(a) || isDateTime(a)) {
    if (isDate(b) || isDateTime(b)) {
      if (isDateTime(a) || isDateTime(b))
        return (Date.parse(normalizeInstant(a)) - Date.parse(normalizeInstant(b))) / DAY_MS;
      return dateToDays(a) - dateToDays(b);
    }
    const days = toNumber(b, blanksAsZero, '-');
    return shiftDate(a, days === null ? null : -days);
  }
  if (a === null && (isDate(b) || isDateTime(b))) return null;
  const x = toNumber(a, blanksAsZero, '-');
  const y = toNumber(b, blanksAsZero, '-');
  return x === null || y === null ? null : x - y;
}

function normalizeInstant(value: string): string {
  return isDate(value) ? `${value}T00:00:00Z` : value;
}

function shiftDate(value: string, days: number | null): FormulaValue {
  if (days === null) return null;
  if (isDateTime(value)) return new Date(Date.parse(value) + days * DAY_MS).toISOString();
  return daysToDate(dateToDays(value) + Math.trunc(days));
}

function compare(op: string, a: FormulaValue, b: FormulaValue, blanksAsZero: boolean): boolean {
  // Text blanks equal the empty string; number blanks follow the blank-handling option.
  if (typeof a === 'string' || typeof b === 'string') {
    const x = a === null ? '' : a;
    const y = b === null ? '' : b;
    if (typeof x !== 'string' || typeof y !== 'string') {
      throw new FormulaRuntimeError(`Cannot compare ${describeValue(a)} with ${describeValue(b)}`);
    }
    return ordered(op, x === y ? 0 : x < y ? -1 : 1);
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    if (op !== '=' && op !== '!=') throw new FormulaRuntimeError(`Operator ${op} does not apply to Checkbox values`);
    const equal = (a ?? false) === (b ?? false);
    return op === '=' ? equal : !equal;
  }
  const x = a === null && blanksAsZero ? 0 : a;
  const y = b === null && blanksAsZero ? 0 : b;
  if (x === null || y === null) {
    if (op === '=') return x === y;
    if (op === '!=') return x !== y;
    return false;
  }
  return ordered(op, x === y ? 0 : x < y ? -1 : 1);
}

function ordered(op: string, order: number): boolean {
  switch (op) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

const fixed = (
  count: number,
  build: (args: Evaluator[], nodes: FormulaNode[], env: CompileEnv) => Evaluator
): FunctionSpec => ({ min: count, max: count, build });

function requireLiteralText(node: FormulaNode, fn: string): string {
  if (node.kind !== 'literal' || typeof node.value !== 'string') {
    throw new FormulaTypeError(`${fn}() expects a text literal as its second argument`);
  }
  return node.value;
}

function numeric(
  name: string,
  fn: (...values: number[]) => number
): (args: Evaluator[], nodes: FormulaNode[], env: CompileEnv) => Evaluator {
  return (args, _nodes, env) => {
    const blanksAsZero = env.options.treatBlanksAsZero === true;
    return (ctx) => {
      const values: number[] = [];
      for (const arg of args) {
        const value = toNumber(arg(ctx), blanksAsZero, `${name}()`);
        if (value === null) return null;
        values.push(value);
      }
      return fn(...values);
    };
  };
}

function datePart(name: string, index: number): FunctionSpec {
  return fixed(1, ([date]) => (ctx) => {
    const value = date(ctx);
    if (value === null) return null;
    if (!isDate(value) && !isDateTime(value))
      throw new FormulaRuntimeError(`${name}() expects a date, got ${describeValue(value)}`);
    return Number(value.slice(0, 10).split('-')[index]);
  });
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  ISBLANK: fixed(
    1,
    ([value]) =>
      (ctx) =>
        isBlank(value(ctx))
  ),
  ISNULL: fixed(
    1,
    ([value]) =>
      (ctx) =>
        isBlank(value(ctx))
  ),
  ISPICKVAL: fixed(2, ([field], nodes) => {
    const expected = requireLiteralText(nodes[1], 'ISPICKVAL');
    return (ctx) => (field(ctx) ?? '') === expected;
  }),
  TEXT: fixed(1, ([value]) => (ctx) => {
    const v = value(ctx);
    if (v === null || v === '') return null;
    if (typeof v === 'number') return formatNumber(v);
    if (typeof v === 'boolean') throw new FormulaRuntimeError('TEXT() does not accept a Checkbox');
    if (isDateTime(v)) return `${v.slice(0, 10)} ${v.slice(11, 19)}Z`;
    return v;
  }),
  AND: {
    min: 1,
    max: Infinity,
    build: (args) => (ctx) => args.every((arg) => truthy(arg(ctx))),
  },
  OR: {
    min: 1,
    max: Infinity,
    build: (args) => (ctx) => args.some((arg) => truthy(arg(ctx))),
  },
  NOT: fixed(
    1,
    ([value]) =>
      (ctx) =>
        !truthy(value(ctx))
  ),
  IF: fixed(
    3,
    ([condition, whenTrue, whenFalse]) =>
      (ctx) =>
        truthy(condition(ctx)) ? whenTrue(ctx) : whenFalse(ctx)
  ),
  CASE: {
    min: 4,
    max: Infinity,
    build: (args) => {
      if (args.length % 2 !== 0) {
        throw new FormulaTypeError("Incorrect number of parameters for function 'CASE()'. Expected an else value");
      }
      const [subject, ...rest] = args;
      const fallback = rest[rest.length - 1];
      return (ctx) => {
        const value = subject(ctx);
        for (let i = 0; i < rest.length - 1; i += 2) {
          const candidate = rest[i](ctx);
          if ((value === null || value === '' ? null : value) === (candidate === '' ? null : candidate))
            return rest[i + 1](ctx);
        }
        return fallback(ctx);
      };
    },
  },
  BLANKVALUE: fixed(2, ([value, substitute]) => (ctx) => {
    const v = value(ctx);
    return isBlank(v) ? substitute(ctx) : v;
  }),
  NULLVALUE: fixed(2, ([value, substitute]) => (ctx) => {
    const v = value(ctx);
    return isBlank(v) ? substitute(ctx) : v;
  }),
  BEGINS: fixed(
    2,
    ([text, prefix]) =>
      (ctx) =>
        toText(text(ctx), 'BEGINS()').startsWith(toText(prefix(ctx), 'BEGINS()'))
  ),
  CONTAINS: fixed(
    2,
    ([text, part]) =>
      (ctx) =>
        toText(text(ctx), 'CONTAINS()').includes(toText(part(ctx), 'CONTAINS()'))
  ),
  LEN: fixed(
    1,
    ([text]) =>
      (ctx) =>
        toText(text(ctx), 'LEN()').length
  ),
  REGEX: fixed(2, ([text], nodes) => {
    const pattern = requireLiteralText(nodes[1], 'REGEX');
    let regex: RegExp;
    try {
      // Salesforce (Java) REGEX must match the whole text.
      regex = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      throw new FormulaNotSupportedError(`REGEX pattern ${JSON.stringify(pattern)}`);
    }
    return (ctx) => regex.test(toText(text(ctx), 'REGEX()'));
  }),
  UPPER: fixed(1, ([text]) => (ctx) => {
    const value = text(ctx);
    return value === null ? null : toText(value, 'UPPER()').toUpperCase();
  }),
  LOWER: fixed(1, ([text]) => (ctx) => {
    const value = text(ctx);
    return value === null ? null : toText(value, 'LOWER()').toLowerCase();
  }),
  VALUE: fixed(1, ([text]) => (ctx) => {
    const value = text(ctx);
    if (value === null || value === '') return null;
    const trimmed = toText(value, 'VALUE()').trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
      throw new FormulaRuntimeError(`VALUE() cannot convert "${value}" to a number`);
    }
    return Number(trimmed);
  }),
  ROUND: fixed(
    2,
    numeric('ROUND', (value, digits) => roundHalfAwayFromZero(value, Math.trunc(digits)))
  ),
  MIN: { min: 1, max: Infinity, build: numeric('MIN', Math.min) },
  MAX: { min: 1, max: Infinity, build: numeric('MAX', Math.max) },
  ABS: fixed(1, numeric('ABS', Math.abs)),
  TODAY: fixed(0, () => (ctx) => ctx.today()),
  ADDMONTHS: fixed(2, ([date, months], _nodes, env) => (ctx) => {
    const value = date(ctx);
    const count = toNumber(months(ctx), env.options.treatBlanksAsZero === true, 'ADDMONTHS()');
    if (value === null || count === null) return null;
    if (!isDate(value) && !isDateTime(value))
      throw new FormulaRuntimeError(`ADDMONTHS() expects a date, got ${describeValue(value)}`);
    return addMonths(value, count);
  }),
  YEAR: datePart('YEAR', 0),
  MONTH: datePart('MONTH', 1),
  DAY: datePart('DAY', 2),
  ISNEW: fixed(0, () => (ctx) => ctx.isNew === true),
  ISCHANGED: fixed(1, ([field], nodes) => {
    if (nodes[0].kind !== 'field') throw new FormulaTypeError('ISCHANGED() expects a field');
    const path = nodes[0].path;
    return (ctx) => (ctx.isNew || !ctx.prior ? false : (ctx.prior(path) ?? '') !== (field(ctx) ?? ''));
  }),
  PRIORVALUE: fixed(1, ([field], nodes) => {
    if (nodes[0].kind !== 'field') throw new FormulaTypeError('PRIORVALUE() expects a field');
    const path = nodes[0].path;
    return (ctx) => (ctx.isNew || !ctx.prior ? field(ctx) : ctx.prior(path));
  }),
};

FUNCTIONS.DATE = fixed(3, (args, _nodes, env) => (ctx) => {
  const parts = args.map((arg) => toNumber(arg(ctx), env.options.treatBlanksAsZero === true, 'DATE()'));
  if (parts.some((part) => part === null)) return null;
  const [year, month, day] = parts as number[];
  if (
    !Number.isInteger(year) ||
    !Number.isInteger(month) ||
    !Number.isInteger(day) ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > lastDayOfMonth(year, month) ||
    year < 1700 ||
    year > 4000
  ) {
    throw new FormulaRuntimeError(`DATE(${year}, ${month}, ${day}) is not a valid date`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
});
