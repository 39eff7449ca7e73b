/*
 * Splitting decoded CSV text into records, fast: a line without a quote is one `split`, and only
 * lines with quotes go through the character-by-character path. It reads CSV exactly as csv-parse
 * does with { relax_quotes, relax_column_count, skip_empty_lines } (a test compares the two on
 * random text): the record delimiter is the first line break met (\r\n, \n or \r) and only that
 * one ends records; a quote inside an unquoted field is kept; a quoted field followed by anything
 * but a delimiter is kept as written, quotes included; empty lines are skipped.
 */

/** The text ended inside a quoted field that opened in record `record` (1-based). */
export class UnclosedQuoteError extends Error {
  public constructor(public readonly record: number) {
    super(`a quoted field opens in record ${record} and is never closed`);
    this.name = 'UnclosedQuoteError';
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Feed text with push(), then end(); each call returns the records completed so far. */
export class CsvSplitter {
  private pending = '';
  private recordDelimiter = '';
  private records = 0;

  public constructor(private readonly delimiter: string) {}

  public push(text: string): string[][] {
    return this.split(this.pending === '' ? text : this.pending + text, false);
  }

  public end(): string[][] {
    const text = this.pending;
    this.pending = '';
    return text === '' ? [] : this.split(text, true);
  }

  private split(text: string, final: boolean): string[][] {
    const out: string[][] = [];
    const length = text.length;
    const delimiter = this.delimiter;
    let position = 0;
    // Where the next quote is, looked up again only once the reading has passed it.
    let nextQuote = -2;
    while (position < length) {
      const recordDelimiter = this.recordDelimiter;
      if (recordDelimiter !== '') {
        let lineEnd = text.indexOf(recordDelimiter, position);
        if (lineEnd === -1) {
          if (!final) break;
          lineEnd = length;
        }
        if (nextQuote !== -1 && nextQuote < position) nextQuote = text.indexOf('"', position);
        if (nextQuote === -1 || nextQuote >= lineEnd) {
          if (lineEnd > position) {
            out.push(text.slice(position, lineEnd).split(delimiter));
            this.records++;
          }
          position = lineEnd + recordDelimiter.length;
          continue;
        }
      }
      const next = this.quotedRecord(text, position, final, out);
      if (next < 0) break;
      position = next;
    }
    this.pending = position < length ? text.slice(position) : '';
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
        let from = position + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) {
            if (final) throw new UnclosedQuoteError(this.records + 1);
            return -1;
          }
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
      if (!(cells.length === 1 && position === start)) {
        out.push(cells);
        this.records++;
      }
      return recordEnd;
    }
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
