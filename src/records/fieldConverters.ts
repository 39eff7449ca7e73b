/*
 * Validate stage, one cell at a time: turn what a spreadsheet holds into the value the org's
 * describe accepts (ISO dates, `.` decimals, picklist API values, true/false), or say why not.
 * Converters are built once per column so the per-row work is a function call and a regex.
 */
import { Messages, SfError } from '@salesforce/core';
import type { FieldDescribe } from '../org/orgClient.js';
import type { NumberRange } from './objectSpecs.js';
import { normalizeLabel } from './packLabels.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

/** Why a cell cannot be loaded; the message names the value, never the row (the caller knows it). */
export class CellProblem {
  public constructor(public readonly reason: string) {}
}

/** Returns the value in API format ('' for an empty cell) or the problem. */
export type CellConverter = (cell: string) => string | CellProblem;

export type ConvertOptions = {
  /** BCP 47 or Salesforce locale (da_DK, de-DE) whose decimal and group separators numbers use. */
  locale?: string;
  /** dd.mm.yyyy, dd/mm/yyyy, mm/dd/yyyy, yyyy/mm/dd … (ISO yyyy-mm-dd is always accepted). */
  dateFormat?: string;
};

export type NumberSeparators = { decimal: string; group: string };

const intlLocale = (locale: string): string => locale.replace(/_/g, '-');

/**
 * Intl's number format for a --locale value. A value that is no locale tag, or a locale Intl does
 * not know (it would quietly format as its default locale, and read "1.234" wrongly), is refused.
 */
function localeNumberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  let known: string[];
  try {
    known = Intl.NumberFormat.supportedLocalesOf(intlLocale(locale));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    known = [];
  }
  if (known.length === 0) {
    throw new SfError(
      messages.getMessage('option.invalidLocale', [locale]),
      'GlocalInvalidLocale',
      messages.getMessages('option.invalidLocale.actions')
    );
  }
  return new Intl.NumberFormat(known[0], options);
}

export function numberSeparators(locale?: string): NumberSeparators {
  if (!locale) return { decimal: '.', group: ',' };
  const parts = localeNumberFormat(locale).formatToParts(12345.6);
  return {
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
  };
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/**
 * The digits a locale writes other than 0–9, each mapped to its ASCII digit: ar_SA and ar_EG
 * write ٠١٢٣٤٥٦٧٨٩, fa writes ۰۱۲۳۴۵۶۷۸۹ (the two sets are mixed in practice, so both count for
 * either), bn_BD or th_TH-u-nu-thai their own. Empty for locales that write 0–9.
 */
function localeDigits(locale?: string): Map<string, string> {
  const digits = new Map<string, string>();
  if (!locale) return digits;
  const format = localeNumberFormat(locale, { useGrouping: false });
  const system = format.resolvedOptions().numberingSystem;
  if (system === 'latn') return digits;
  for (let value = 0; value <= 9; value++) digits.set(format.format(value), String(value));
  if (system === 'arab' || system === 'arabext') {
    for (let value = 0; value <= 9; value++) {
      digits.set(String.fromCharCode(ARABIC_INDIC_ZERO + value), String(value));
      digits.set(String.fromCharCode(PERSIAN_ZERO + value), String(value));
    }
  }
  return digits;
}

/** Marks Intl and right-to-left editors put around numbers (ALM, LRM, RLM); they are not part of it. */
const BIDI_MARKS = /[\u061c\u200e\u200f]/g;
const MINUS_SIGN = /\u2212/g;
const BEYOND_ASCII = /[^\t -~]/;

/**
 * Text with the locale's own digits written as 0–9 and right-to-left marks dropped, for values
 * that are read digit by digit (dates under --locale ar_EG: ٠٥/٠١/٢٠٢٦); other text unchanged.
 */
export function asciiDigits(locale?: string): (text: string) => string {
  const digits = localeDigits(locale);
  if (digits.size === 0) return (text) => text;
  const native = new RegExp(`[${[...digits.keys()].join('')}]`, 'g');
  return (text) =>
    BEYOND_ASCII.test(text)
      ? text.replace(BIDI_MARKS, '').replace(native, (digit) => digits.get(digit) ?? digit)
      : text;
}

/**
 * Parses numbers as written in the locale; group separators only count in groups of three.
 * A locale with digits of its own (ar_SA, fa) is read with those digits and its own separators
 * (٨٧٫٥, ١٬٢٣٤), and also as spreadsheets often hold its numbers: 0–9 with "." and ",".
 */
export function numberParser(locale?: string): (text: string) => number | undefined {
  const { decimal, group } = numberSeparators(locale);
  const digits = localeDigits(locale);
  const decimals = [decimal];
  const groupSeparators = [group];
  if (digits.size > 0 && !['.', ','].includes(decimal) && !['.', ','].includes(group)) {
    decimals.push('.');
    groupSeparators.push(',');
  }
  const spaceGroup = /\s/.test(group);
  const groupPattern = spaceGroup ? '[\\s\\u00a0\\u202f]' : `(?:${groupSeparators.map(escapeRegex).join('|')})`;
  const decimalPattern = `(?:${decimals.map(escapeRegex).join('|')})`;
  const pattern = new RegExp(`^([+-]?)(\\d+|\\d{1,3}(?:${groupPattern}\\d{3})+)(?:${decimalPattern}(\\d+))?$`);
  const groups = new RegExp(groupPattern, 'g');
  const ascii = asciiDigits(locale);
  const parse = (text: string): number | undefined => {
    const match = pattern.exec(text);
    if (!match) return undefined;
    const whole = match[2].replace(groups, '');
    return Number(`${match[1]}${whole}${match[3] ? `.${match[3]}` : ''}`);
  };
  return (text: string): number | undefined => {
    const parsed = parse(text);
    // Only text with characters beyond ASCII can hold native digits, marks or a minus sign.
    if (parsed !== undefined || !BEYOND_ASCII.test(text)) return parsed;
    const plain = ascii(text.replace(BIDI_MARKS, '').replace(MINUS_SIGN, '-'));
    return plain === text ? undefined : parse(plain);
  };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Digit at `index` of `text`, or -1. */
const digitAt = (text: string, index: number): number => {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
};

/**
 * yyyy-mm-dd checked without a regex or a Date: the text itself when it is a real date,
 * null when it is ISO-shaped but no date, undefined when it is not ISO-shaped at all.
 */
function isoDate(text: string): string | null | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const digits = [0, 1, 2, 3, 5, 6, 8, 9].map((index) => digitAt(text, index));
  if (digits.includes(-1)) return undefined;
  const year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
  const month = digits[4] * 10 + digits[5];
  const day = digits[6] * 10 + digits[7];
  // Years before 100 were never accepted (Date.UTC reads them as 19xx), and still are not.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return null;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  return text;
}

function validDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A parser for one date format; yields ISO yyyy-mm-dd or undefined. */
export function dateParser(format?: string): (text: string) => string | undefined {
  let custom: { regex: RegExp; order: Array<'y' | 'm' | 'd'> } | undefined;
  if (format) {
    const order: Array<'y' | 'm' | 'd'> = [];
    let source = '';
    const tokens = format.toLowerCase().match(/yyyy|mm|dd|m|d|[^ymd]+/g) ?? [];
    for (const token of tokens) {
      if (token === 'yyyy') {
        order.push('y');
        source += '(\\d{4})';
      } else if (token === 'mm' || token === 'm') {
        order.push('m');
        source += '(\\d{1,2})';
      } else if (token === 'dd' || token === 'd') {
        order.push('d');
        source += '(\\d{1,2})';
      } else source += escapeRegex(token);
    }
    // Every character must be a token: "dd.mm.yy" would otherwise lose its "yy" without a word.
    if (order.length !== 3 || new Set(order).size !== 3 || tokens.join('') !== format.toLowerCase()) {
      throw new SfError(
        messages.getMessage('option.invalidDateFormat', [format]),
        'GlocalInvalidDateFormat',
        messages.getMessages('option.invalidDateFormat.actions')
      );
    }
    custom = { regex: new RegExp(`^${source}$`), order };
  }
  return (text: string): string | undefined => {
    const iso = isoDate(text);
    if (iso !== undefined) return iso ?? undefined;
    if (!custom) return undefined;
    const match = custom.regex.exec(text);
    if (!match) return undefined;
    const parts = { y: 0, m: 0, d: 0 };
    custom.order.forEach((part, index) => (parts[part] = Number(match[index + 1])));
    return validDate(parts.y, parts.m, parts.d);
  };
}

const TRUE_WORDS = new Set([
  'true',
  '1',
  'yes',
  'y',
  'x',
  'ja',
  'sand',
  'wahr',
  'oui',
  'vrai',
  'sí',
  'si',
  'verdadero',
  'sim',
  'verdadeiro',
  '是',
  'はい',
]);
const FALSE_WORDS = new Set([
  'false',
  '0',
  'no',
  'n',
  'nej',
  'falsk',
  'nein',
  'falsch',
  'non',
  'faux',
  'falso',
  'não',
  '否',
  'いいえ',
]);

/** Undo the apostrophe an export puts before text that would start a spreadsheet formula. */
export function unneutralize(cell: string): string {
  return cell.startsWith("'") && /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A record Id: 15 case-sensitive letters and digits, or 18 with the case checksum. */
export const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

function describeAllowed(values: string[]): string {
  const shown = values.slice(0, 12).join(', ');
  return values.length > 12 ? messages.getMessage('cell.manyPicklistValues', [shown, String(values.length)]) : shown;
}

const problem = (key: string, tokens: Array<string | number>): CellProblem =>
  new CellProblem(messages.getMessage(key, tokens.map(String)));

/** Distinct cells a memoized converter remembers before it starts over. */
const MEMO_SIZE = 4096;

/**
 * A converter that remembers its answers: picklists, dates and checkboxes repeat the same few
 * values over millions of rows, and a Map lookup is cheaper than normalizing the text again.
 */
function memoized(convert: CellConverter): CellConverter {
  const answers = new Map<string, string | CellProblem>();
  return (cell) => {
    let answer = answers.get(cell);
    if (answer === undefined) {
      answer = convert(cell);
      if (answers.size >= MEMO_SIZE) answers.clear();
      answers.set(cell, answer);
    }
    return answer;
  };
}

/**
 * The converter for one field. `picklistLabels` maps any-language labels to API values; the
 * describe's own labels and values are added here, so only translations need to come from the pack.
 */
export function converterFor(
  field: FieldDescribe,
  options: ConvertOptions,
  picklistLabels?: Map<string, string>,
  range?: NumberRange
): CellConverter {
  const type = field.type.toLowerCase();
  switch (type) {
    case 'boolean':
      return memoized((cell) => {
        const word = cell.trim().toLowerCase();
        if (TRUE_WORDS.has(word)) return 'true';
        if (FALSE_WORDS.has(word)) return 'false';
        return problem('cell.notBoolean', [cell]);
      });
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const parse = numberParser(options.locale);
      const scale = type === 'int' ? 0 : field.scale;
      const wholeDigits = type === 'int' ? field.precision || 18 : field.precision - field.scale;
      const limit = 10 ** Math.max(wholeDigits, 0);
      const { decimal } = numberSeparators(options.locale);
      return (cell) => {
        const value = parse(cell.trim());
        if (value === undefined) {
          const decimalComma = decimal === '.' && /^[+-]?\d+,\d+$/.test(cell.trim());
          return problem(decimalComma ? 'cell.notNumberDecimalComma' : 'cell.notNumber', [cell]);
        }
        if (type === 'int' && !Number.isInteger(value)) return problem('cell.notWholeNumber', [cell]);
        if (Math.abs(value) >= limit) return problem('cell.tooLarge', [value, wholeDigits]);
        if (range && (value < range.min || value > range.max)) {
          return problem('cell.outOfRange', [value, range.min, range.max]);
        }
        const rounded = Number(value.toFixed(scale));
        return String(rounded);
      };
    }
    case 'date': {
      const parse = dateParser(options.dateFormat);
      const ascii = asciiDigits(options.locale);
      const format = options.dateFormat;
      return memoized(
        (cell) =>
          parse(ascii(cell.trim())) ??
          (format ? problem('cell.notDateInFormat', [cell, format]) : problem('cell.notIsoDate', [cell]))
      );
    }
    case 'datetime':
      return (cell) => {
        const text = cell.trim();
        if (
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text) &&
          !Number.isNaN(Date.parse(text))
        ) {
          return text;
        }
        return problem('cell.notDateTime', [cell]);
      };
    case 'picklist':
    case 'multipicklist': {
      const lookup = new Map(picklistLabels ?? []);
      const active = (field.picklistValues ?? []).filter((entry) => entry.active);
      for (const entry of active) {
        lookup.set(normalizeLabel(entry.value), entry.value);
        if (!lookup.has(normalizeLabel(entry.label))) lookup.set(normalizeLabel(entry.label), entry.value);
      }
      const allowed = active.map((entry) => entry.value);
      const restricted = field.restrictedPicklist !== false && allowed.length > 0;
      const one = (text: string): string | CellProblem => {
        const value = lookup.get(normalizeLabel(unneutralize(text)));
        if (value !== undefined && (allowed.length === 0 || allowed.includes(value))) return value;
        if (!restricted) return text.trim();
        return problem('cell.notPicklistValue', [text, describeAllowed(allowed)]);
      };
      if (type === 'picklist') return memoized(one);
      return memoized((cell) => {
        const values: string[] = [];
        for (const part of cell.split(';')) {
          const value = one(part);
          if (value instanceof CellProblem) return value;
          values.push(value);
        }
        return values.join(';');
      });
    }
    case 'email':
      return (cell) => {
        // "-sales@…" and "+alias@…" are addresses an export neutralizes like formulas.
        const text = unneutralize(cell.trim());
        if (!EMAIL.test(text)) return problem('cell.notEmail', [cell]);
        return text.length > field.length ? problem('cell.tooLong', [text.length, field.length]) : text;
      };
    case 'reference':
    case 'id':
      return (cell) => (SALESFORCE_ID.test(cell.trim()) ? cell.trim() : problem('cell.notId', [cell]));
    default: {
      // string, textarea, phone, url, encryptedstring, combobox: only the length can be wrong.
      const maxLength = field.length || Number.MAX_SAFE_INTEGER;
      return (cell) => {
        const text = unneutralize(cell);
        return text.length > maxLength ? problem('cell.tooLong', [text.length, maxLength]) : text;
      };
    }
  }
}

/** A field the file must fill: not nillable, not defaulted by the org, and not a checkbox. */
export function isRequiredField(field: FieldDescribe): boolean {
  return !field.nillable && field.createable && !field.defaultedOnCreate && field.type !== 'boolean';
}
