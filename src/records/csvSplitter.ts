/*
 * Splitting decoded CSV text into records, fast: a line without a quote is one `split`, and only
 * lines with quotes go through the character-by-character path. It reads CSV exactly as csv-parse
 * does with { relax_quotes, relax_column_count, skip_empty_lines } (a test compares the two on
 * random text): the record delimiter is the first line break met (\r\n, \n or \r) and only that
 * one ends records; a quote inside an unquoted field is kept; a quoted field followed by anything
 * but a delimiter is kept as written, quotes included; empty lines are skipped.
 *
 * Where csv-parse gives up — a quoted field that never closes — the splitter recovers instead: the
 * record becomes a bad record of the cells before the quote and the rest of the quote's line split
 * as plain text, and reading goes on at the next line, so one stray quote costs one row, not the
 * rest of the file.
 */

/**
 * How far a quoted field may run, from its opening quote, before the splitter decides its quote
 * never closes. The longest text a Salesforce field holds is a LongTextArea's 131,072 characters;
 * written as CSV, each of its quotes is doubled and each line break may be \r\n, so the longest
 * real field is 262,146 characters with its own quotes, and the rest is margin. No field the org
 * can hold is cut. Past it the quote is a stray one, and waiting longer would hold the rest of
 * the file in memory and lose every row in it.
 */
export const MAX_QUOTED_FIELD_LENGTH = 300_000;

/** A record whose quoted field never closes. */
export type UnclosedQuote = {
  /** Index of the record in the array push() or end() returned. */
  record: number;
  /** 0-based cell the quote opens. */
  column: number;
  /** 'end-of-file': the text ended first; 'too-long': no closing quote within the maximum length. */
  reason: 'end-of-file' | 'too-long';
};

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Feed text with push(), then end(); each call returns the records completed so far. */
export class CsvSplitter {
  private pending = '';
  private recordDelimiter = '';
  /** After a quote that never closes: the rest of its line is dropped up to the next line break. */
  private skippingLine = false;
  private unclosed: UnclosedQuote[] = [];
  private highWater = 0;

  public constructor(
    private readonly delimiter: string,
    private readonly maxQuotedLength = MAX_QUOTED_FIELD_LENGTH
  ) {}

  /** The records with a quote that never closes among those the last push() or end() returned. */
  public get unclosedQuotes(): readonly UnclosedQuote[] {
    return this.unclosed;
  }

  /**
   * The most text ever kept between calls: the unfinished record, so it is never more than the
   * longest record, and never more than the maximum quoted length for a quote that does not close.
   */
  public get pendingHighWater(): number {
    return this.highWater;
  }

  public push(text: string): string[][] {
    return this.split(this.pending === '' ? text : this.pending + text, false);
  }

  public end(): string[][] {
    const text = this.pending;
    this.pending = '';
    if (text !== '') return this.split(text, true);
    if (this.unclosed.length > 0) this.unclosed = [];
    return [];
  }

  private split(text: string, final: boolean): string[][] {
    const out: string[][] = [];
    if (this.unclosed.length > 0) this.unclosed = [];
    const length = text.length;
    const delimiter = this.delimiter;
    let position = this.skippingLine ? this.skipLine(text, 0, final) : 0;
    // Where the next quote is, looked up again only once the reading has passed it.
    let nextQuote = -2;
    while (position < length && !this.skippingLine) {
      const recordDelimiter = this.recordDelimiter;
      if (recordDelimiter !== '') {
        let lineEnd = text.indexOf(recordDelimiter, position);
        if (nextQuote !== -1 && nextQuote < position) nextQuote = text.indexOf('"', position);
        if (lineEnd === -1) {
          // A quote goes on to quotedRecord even before the line ends: it decides when to give up on it.
          if (!final && nextQuote === -1) break;
          lineEnd = length;
        }
        if (nextQuote === -1 || nextQuote >= lineEnd) {
          if (lineEnd > position) out.push(text.slice(position, lineEnd).split(delimiter));
          position = lineEnd + recordDelimiter.length;
          continue;
        }
      }
      const next = this.quotedRecord(text, position, final, out);
      if (next < 0) break;
      position = this.skippingLine ? this.skipLine(text, next, final) : next;
    }
    this.pending = position < length ? text.slice(position) : '';
    if (this.pending.length > this.highWater) this.highWater = this.pending.length;
    return out;
  }

  /**
   * One record that has a quote, or any record before the line break is known. Returns where the
   * next record starts, or -1 when the text ends first and more is coming.
   */
  private quotedRecord(text: string, start: number, final: boolean, out: string[][]): number {
    const length = text.length;
    const delimiter = this.delimiter;
    const cells: string[] = [];
    let position = start;
    for (;;) {
      // One field starting at `position`.
      let value = '';
      let quotedOk = false;
      if (text.charCodeAt(position) === QUOTE) {
        const open = position;
        // The last place the closing quote may be. Whether it is there depends only on the text up
        // to it, so the outcome is the same however the text is cut into chunks.
        const limit = open + this.maxQuotedLength;
        let from = position + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) {
            if (final || length > limit + 1) return this.unclosedQuote(text, open, final, cells, out);
            return -1;
          }
          if (quote > limit) return this.unclosedQuote(text, open, final, cells, out);
          value += text.slice(from, quote);
          if (quote + 1 >= length && !final) return -1;
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += '"';
            from = quote + 2;
            continue;
          }
          position = quote + 1;
          break;
        }
        const ending = this.fieldEnd(text, position, final);
        if (ending === undefined) return -1;
        if (ending !== 'more') quotedOk = true;
        // Anything else after the closing quote: the field is kept as written (csv-parse's relax_quotes).
        else value = `"${value}"`;
      }
      if (!quotedOk) {
        for (;;) {
          const ending = this.fieldEnd(text, position, final);
          if (ending === undefined) return -1;
          if (ending !== 'more') break;
          // Up to the next character that could end the field.
          let stop = position + 1;
          while (stop < length) {
            const code = text.charCodeAt(stop);
            if (code === CR || code === LF || text.startsWith(delimiter, stop)) break;
            stop++;
          }
          value += text.slice(position, stop);
          position = stop;
        }
      }
      cells.push(value);
      const ending = this.fieldEnd(text, position, final)!;
      if (ending === 'field') {
        position += delimiter.length;
        continue;
      }
      const recordEnd = ending === 'end' ? length : position + this.recordDelimiter.length;
      if (!(cells.length === 1 && position === start)) out.push(cells);
      return recordEnd;
    }
  }

  /**
   * The record of a quote at `open` that does not close within the maximum length: the cells
   * before it, then the rest of the quote's line split as plain text (quote kept), cut at the
   * maximum length. Returns where reading goes on: the next line, or where the rest of this line
   * is dropped from (skippingLine set) when it runs past the maximum length.
   *
   * It is called only once the text reaches past `open + maxQuotedLength + 1` or has ended, so the
   * line break looked for below, and what follows it, are always in `text`.
   */
  private unclosedQuote(text: string, open: number, final: boolean, cells: string[], out: string[][]): number {
    const length = text.length;
    const cut = Math.min(length, open + this.maxQuotedLength + 1);
    const lineBreak = this.lineBreak(text, open + 1, cut, final);
    const lineEnd = lineBreak < 0 ? cut : lineBreak;
    this.unclosed.push({
      record: out.length,
      column: cells.length,
      reason: length > open + this.maxQuotedLength + 1 ? 'too-long' : 'end-of-file',
    });
    out.push(cells.concat(text.slice(open, lineEnd).split(this.delimiter)));
    if (lineBreak >= 0) return lineBreak + this.recordDelimiter.length;
    if (cut < length || !final) this.skippingLine = true;
    return cut;
  }

  /**
   * Past the next line break at or after `from` (skippingLine cleared). While the text has none,
   * returns where the text to keep for the next push starts: its end, or a last \r that may be
   * the start of a \r\n.
   */
  private skipLine(text: string, from: number, final: boolean): number {
    const length = text.length;
    const lineBreak = this.lineBreak(text, from, length, final);
    if (lineBreak >= 0) {
      this.skippingLine = false;
      return lineBreak + this.recordDelimiter.length;
    }
    if (final) {
      this.skippingLine = false;
      return length;
    }
    const maybeCrLf = this.recordDelimiter !== '\n' && this.recordDelimiter !== '\r';
    return maybeCrLf && text.charCodeAt(length - 1) === CR ? length - 1 : length;
  }

  /**
   * Where the first record delimiter starting in [from, to) is, or -1. While the file's record
   * delimiter is not known yet, the first line break found decides it, as in fieldEnd.
   */
  private lineBreak(text: string, from: number, to: number, final: boolean): number {
    if (this.recordDelimiter !== '') {
      const found = text.indexOf(this.recordDelimiter, from);
      return found >= 0 && found < to ? found : -1;
    }
    for (let position = from; position < to; position++) {
      const code = text.charCodeAt(position);
      if (code === LF) {
        this.recordDelimiter = '\n';
        return position;
      }
      if (code === CR) {
        if (position + 1 >= text.length && !final) return -1;
        this.recordDelimiter = text.charCodeAt(position + 1) === LF ? '\r\n' : '\r';
        return position;
      }
    }
    return -1;
  }

  /**
   * What is at `position` after a field's text: a field delimiter, a record delimiter ('record',
   * learning which one the file uses at the first line break), the end of the text ('end'), or
   * 'more' text of the field. undefined when it cannot be told before more text comes.
   */
  private fieldEnd(text: string, position: number, final: boolean): 'field' | 'record' | 'end' | 'more' | undefined {
    const length = text.length;
    if (position >= length) return final ? 'end' : undefined;
    if (text.startsWith(this.delimiter, position)) return 'field';
    if (!final && position + this.delimiter.length > length && this.delimiter.startsWith(text.slice(position))) {
      return undefined;
    }
    const code = text.charCodeAt(position);
    if (this.recordDelimiter === '') {
      if (code === LF) {
        this.recordDelimiter = '\n';
        return 'record';
      }
      if (code === CR) {
        if (position + 1 >= length && !final) return undefined;
        this.recordDelimiter = text.charCodeAt(position + 1) === LF ? '\r\n' : '\r';
        return 'record';
      }
      return 'more';
    }
    if (text.startsWith(this.recordDelimiter, position)) return 'record';
    if (!final && this.recordDelimiter === '\r\n' && code === CR && position + 1 >= length) return undefined;
    return 'more';
  }
}
