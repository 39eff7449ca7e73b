// A small RFC 4180 CSV reader that remembers where each row starts and ends, so result files can
// repeat the caller's original row text verbatim (as Salesforce does) without keeping parsed
// copies. Hand-written rather than csv-parse: Bulk ingest must sustain ≥ 100,000 rows/s and this
// reader is several times faster on the same input.

export const COLUMN_DELIMITERS: Record<string, string> = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
};

export class CsvError extends Error {
  public constructor(
    message: string,
    public readonly row: number
  ) {
    super(`${message} (row ${row})`);
    this.name = 'CsvError';
  }
}

export class CsvCursor {
  private pos = 0;
  private readonly delimiter: number;
  private readonly delimiterChar: string;
  /** 1-based number of the last row read (the header is row 1) */
  public rowNumber = 0;
  /** offsets of the last row read, without its line terminator */
  public rowStart = 0;
  public rowEnd = 0;

  public constructor(
    public readonly text: string,
    delimiter = ','
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.delimiterChar = delimiter;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** The next row's fields, or undefined at the end. Blank lines are skipped. */
  public next(): string[] | undefined {
    const text = this.text;
    const length = text.length;
    // skip blank lines
    while (this.pos < length) {
      const c = text.charCodeAt(this.pos);
      if (c === 10) this.pos++;
      else if (c === 13 && text.charCodeAt(this.pos + 1) === 10) this.pos += 2;
      else break;
    }
    if (this.pos >= length) return undefined;
    this.rowNumber++;
    this.rowStart = this.pos;
    const fields: string[] = [];
    const delimiter = this.delimiterChar;
    let i = this.pos;
    // End of the physical line; recomputed when a quoted field spans lines.
    let newline = text.indexOf('\n', i);
    if (newline < 0) newline = length;
    for (;;) {
      if (text.charCodeAt(i) === 34) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const quote = text.indexOf('"', j);
          if (quote < 0) throw new CsvError('Unterminated quoted field', this.rowNumber);
          if (text.charCodeAt(quote + 1) === 34) {
            value += text.slice(j, quote + 1);
            j = quote + 2;
          } else {
            value += text.slice(j, quote);
            i = quote + 1;
            break;
          }
        }
        fields.push(value);
        if (i > newline) {
          newline = text.indexOf('\n', i);
          if (newline < 0) newline = length;
        }
        const after = text.charCodeAt(i);
        if (i < length && after !== this.delimiter && after !== 10 && after !== 13) {
          throw new CsvError('Unexpected text after a closing quote', this.rowNumber);
        }
      } else {
        // native indexOf finds the field's end much faster than a character loop
        let end = text.indexOf(delimiter, i);
        if (end < 0 || end > newline) end = newline > i && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
        fields.push(text.slice(i, end));
        i = end;
      }
      if (i >= length) {
        this.rowEnd = length;
        this.pos = length;
        return fields;
      }
      const c = text.charCodeAt(i);
      if (c === this.delimiter) {
        i++;
        continue;
      }
      this.rowEnd = i;
      this.pos = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      return fields;
    }
  }

  /** The original text of the last row read. */
  public rowText(): string {
    return this.text.slice(this.rowStart, this.rowEnd);
  }
}

/** One CSV field, always quoted (Salesforce quotes its own sf__ columns and query results). */
export function quoted(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}
