// Turning values sent by clients (JSON from REST, text from Bulk CSV) into the stored form of a
// field, with the error codes a real org answers for values that do not fit the field.
import type { FieldSchema } from './schema.js';
import { normalizeId } from './ids.js';

export interface WriteError {
  statusCode: string;
  message: string;
  fields: string[];
}

export type StoredValue = string | number | boolean | null;

/** A value that does not fit its field (a class, so the hot path returns plain values without wrapping). */
export class CoerceFailure {
  public constructor(public readonly error: WriteError) {}
}

export type Coerced = StoredValue | CoerceFailure;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const fail = (statusCode: string, message: string, field: string): Coerced =>
  new CoerceFailure({ statusCode, message, fields: [field] });

const wrongType = (field: FieldSchema, raw: unknown): Coerced =>
  fail(
    'INVALID_TYPE_ON_FIELD_IN_RECORD',
    `${field.label}: value not of required type: ${typeof raw === 'object' ? JSON.stringify(raw) : String(raw)}`,
    field.name
  );

/** Salesforce's datetime format in API answers: 2026-11-22T10:38:51.000+0000 */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isValidDate(text: string): boolean {
  if (text.length !== 10 || !DATE.test(text)) return false;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  if (m < 1 || m > 12 || d < 1 || d > MONTH_DAYS[m - 1]) return false;
  return !(m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)));
}

export function parseDateTime(text: string): number | undefined {
  const m = DATETIME.exec(text);
  if (!m) return undefined;
  let zone = m[8] ?? 'Z';
  if (zone !== 'Z' && !zone.includes(':')) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Round half up to `scale` decimals (a real org rounds extra decimals on save). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18];

export function roundToScale(value: number, scale: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  // fast path: already within the scale
  const f = POW10[scale];
  if (f !== undefined) {
    const shifted = value * f;
    if (Math.abs(shifted - Math.round(shifted)) < 1e-7 && Math.abs(shifted) < 1e15) return Math.round(shifted) / f;
  }
  const sign = value < 0 ? -1 : 1;
  return sign * Number(`${Math.round(Number(`${Math.abs(value)}e${scale}`))}e${-scale}`);
}

/**
 * Coerces one value for one field. `text` is true for Bulk CSV input: every value is a string and
 * an empty string means null. `picklist` are the active values when the picklist is restricted.
 */
export function coerceValue(field: FieldSchema, raw: unknown, text: boolean, restrictedValues?: Set<string>): Coerced {
  if (raw === undefined || raw === null || (raw === '' && field.type !== 'boolean') || (text && raw === '#N/A')) {
    return field.type === 'boolean' ? false : null;
  }
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist':
    case 'multipicklist':
    case 'base64': {
      const value =
        typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
      if (value === undefined) return wrongType(field, raw);
      const max = field.length ?? (field.type === 'picklist' ? 255 : field.type === 'multipicklist' ? 4099 : undefined);
      if (max !== undefined && max > 0 && value.length > max) {
        return fail(
          'STRING_TOO_LONG',
          `${field.label}: data value too large: ${value.length > 200 ? value.slice(0, 200) + '…' : value} (max length=${max})`,
          field.name
        );
      }
      if (field.type === 'email' && !EMAIL.test(value)) {
        return fail('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value}`, field.name);
      }
      if (restrictedValues) {
        const parts = field.type === 'multipicklist' ? value.split(';') : [value];
        for (const part of parts) {
          if (!restrictedValues.has(part)) {
            return fail(
              'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
              `${field.label}: bad value for restricted picklist field: ${part}`,
              field.name
            );
          }
        }
      }
      return value;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string') {
        const lower = raw.trim().toLowerCase();
        if (lower === 'true' || lower === '1' || lower === 'yes') return true;
        if (lower === 'false' || lower === '0' || lower === 'no' || lower === '') return false;
      }
      if (raw === 1 || raw === 0) return raw === 1;
      return wrongType(field, raw);
    }
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string' && NUMBER.test(raw.trim())) n = Number(raw.trim());
      else return wrongType(field, raw);
      if (!Number.isFinite(n)) return wrongType(field, raw);
      if (field.type === 'int') {
        if (!Number.isInteger(n)) return wrongType(field, raw);
        const digits = field.digits ?? field.precision ?? 9;
        if (Math.abs(n) >= 10 ** digits) return outOfRange(field, raw);
        return n;
      }
      const scale = field.scale ?? 0;
      const precision = field.precision ?? 18;
      const rounded = roundToScale(n, scale);
      if (Math.abs(rounded) >= 10 ** (precision - scale)) return outOfRange(field, raw);
      return rounded;
    }
    case 'date': {
      if (typeof raw !== 'string') return wrongType(field, raw);
      const value = raw.trim();
      if (isValidDate(value)) return value;
      // a date/time sent to a date field keeps its date part, as the real API does
      if (parseDateTime(value) !== undefined && isValidDate(value.slice(0, 10))) return value.slice(0, 10);
      return wrongType(field, raw);
    }
    case 'datetime': {
      if (typeof raw !== 'string') return wrongType(field, raw);
      const value = raw.trim();
      const ms = isValidDate(value) ? Date.parse(`${value}T00:00:00Z`) : parseDateTime(value);
      if (ms === undefined) return wrongType(field, raw);
      return formatDateTime(ms);
    }
    case 'time':
      return typeof raw === 'string' ? raw : wrongType(field, raw);
    case 'id':
    case 'reference': {
      const id = normalizeId(typeof raw === 'string' ? raw.trim() : raw);
      if (!id) {
        return fail('MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(raw)}`, field.name);
      }
      return id;
    }
    case 'autonumber':
      return typeof raw === 'string' ? raw : wrongType(field, raw);
  }
}

function outOfRange(field: FieldSchema, raw: unknown): Coerced {
  return fail(
    'NUMBER_OUTSIDE_VALID_RANGE',
    `${field.label}: value outside of valid range on numeric field: ${String(raw)}`,
    field.name
  );
}

/** Value of a field default given as a formula source: literals only ('true', 42, "'text'"). */
export function literalDefault(source: string): StoredValue | undefined {
  const s = source.trim();
  if (/^true$/i.test(s)) return true;
  if (/^false$/i.test(s)) return false;
  if (NUMBER.test(s)) return Number(s);
  const quoted = /^(['"])(.*)\1$/s.exec(s);
  if (quoted) return quoted[2];
  return undefined;
}
