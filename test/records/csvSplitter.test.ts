import { describe, it, expect } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { CsvSplitter, MAX_QUOTED_FIELD_LENGTH } from '../../src/records/csvSplitter.js';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
}

/** A record as the splitter gives it; a quote that never closes is shown before the cells. */
type Split = Array<string[] | { unclosed: string; column: number; cells: string[] }>;

function split(text: string, delimiter: string, chunkSizes: () => number, maxQuotedLength?: number): Split {
  const splitter = new CsvSplitter(delimiter, maxQuotedLength);
  const records: Split = [];
  const take = (batch: string[][]): void => {
    const unclosed = new Map(splitter.unclosedQuotes.map((quote) => [quote.record, quote]));
    batch.forEach((cells, index) => {
      const quote = unclosed.get(index);
      records.push(quote ? { unclosed: quote.reason, column: quote.column, cells } : cells);
    });
  };
  for (let position = 0; position < text.length;) {
    const size = chunkSizes();
    take(splitter.push(text.slice(position, position + size)));
    position += size;
  }
  take(splitter.end());
  return records;
}

function csvParse(text: string, delimiter: string): string[][] | 'unclosed' {
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (error) {
    if ((error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED') return 'unclosed';
    throw error;
  }
}

function randomText(next: () => number, pieces: string[], maxLength: number): string {
  let text = '';
  const length = Math.floor(next() * maxLength);
  for (let index = 0; index < length; index++) text += pieces[Math.floor(next() * pieces.length)];
  return text;
}

describe('CsvSplitter', () => {
  it('splits plain, quoted, multi-line and escaped fields', () => {
    expect(split('a,b\n"c,d","e""f"\n"g\nh",\n', ',', () => 1000)).toEqual([
      ['a', 'b'],
      ['c,d', 'e"f'],
      ['g\nh', ''],
    ]);
  });

  it('reads any text exactly as csv-parse does, whatever the chunk boundaries', () => {
    const next = random(20_261_122);
    const pieces = ['a', 'b', ',', ';', '"', '""', '\r', '\n', '\r\n', ' '];
    const mismatches: string[] = [];
    let unclosed = 0;
    for (let round = 0; round < 20_000; round++) {
      const text = randomText(next, pieces, 24);
      const delimiter = next() < 0.8 ? ',' : ';';
      const parsed = csvParse(text, delimiter);
      const whole = split(text, delimiter, () => text.length + 1);
      const chunked = split(text, delimiter, () => 1 + Math.floor(next() * 4));
      // Where csv-parse gives up on a quote that never closes, the splitter reports it and reads on.
      const expected =
        parsed === 'unclosed'
          ? whole.some((record) => !Array.isArray(record))
          : JSON.stringify(whole) === JSON.stringify(parsed);
      if (parsed === 'unclosed') unclosed++;
      if (!expected || JSON.stringify(chunked) !== JSON.stringify(whole)) mismatches.push(JSON.stringify(text));
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(unclosed).toBeGreaterThan(1000);
  });

  it('cuts quotes at the maximum length the same way whatever the chunk boundaries', () => {
    const next = random(7_011_2026);
    const pieces = ['a', ',', '"', '""', '\r', '\n', '\r\n'];
    const mismatches: string[] = [];
    let cut = 0;
    for (let round = 0; round < 20_000; round++) {
      const text = randomText(next, pieces, 30);
      const maxQuotedLength = 1 + Math.floor(next() * 6);
      const whole = JSON.stringify(split(text, ',', () => text.length + 1, maxQuotedLength));
      const chunked = JSON.stringify(split(text, ',', () => 1 + Math.floor(next() * 4), maxQuotedLength));
      if (whole.includes('too-long')) cut++;
      // Quotes that close within the maximum length read as csv-parse reads them.
      const unchanged = whole.includes('"unclosed"') || whole === JSON.stringify(csvParse(text, ','));
      if (chunked !== whole || !unchanged) mismatches.push(`${maxQuotedLength} ${JSON.stringify(text)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(cut).toBeGreaterThan(1000);
  });

  it('a quote open at the end of the text costs its own row only: the next lines are read', () => {
    const text = 'a,b,c\r\n1,"x,y\r\n2,z\r\n\r\n3,w\r\n';
    expect(csvParse(text, ',')).toBe('unclosed');
    for (const chunk of [1, 2, 5, 1000]) {
      expect(split(text, ',', () => chunk)).toEqual([
        ['a', 'b', 'c'],
        { unclosed: 'end-of-file', column: 1, cells: ['1', '"x', 'y'] },
        ['2', 'z'],
        ['3', 'w'],
      ]);
      expect(split('a\n4,"v', ',', () => chunk)).toEqual([
        ['a'],
        { unclosed: 'end-of-file', column: 1, cells: ['4', '"v'] },
      ]);
    }
  });

  it('keeps the cells before the quote, including quoted ones over several lines', () => {
    const text = '"p\nq",r,"s;t\r\nnext,row\r\n';
    expect(split(text, ',', () => 3)).toEqual([
      { unclosed: 'end-of-file', column: 2, cells: ['p\nq', 'r', '"s;t'] },
      ['next', 'row'],
    ]);
  });

  it('gives up on a 10 MB quoted field at the maximum length, holding no more than that', () => {
    const splitter = new CsvSplitter(',');
    const chunk = 'x'.repeat(64 * 1024);
    const records: string[][] = [];
    const unclosed: number[] = [];
    const take = (batch: string[][]): void => {
      for (const quote of splitter.unclosedQuotes) unclosed.push(records.length + quote.record);
      records.push(...batch);
    };
    take(splitter.push('Key,Text\nK-1,one\nK-2,"'));
    for (let sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) {
      take(splitter.push(chunk));
      expect(splitter.unclosedQuotes.every((quote) => quote.reason === 'too-long')).toBe(true);
    }
    take(splitter.push('"\nK-3,three\n'));
    take(splitter.end());

    expect(records.map((cells) => cells[0])).toEqual(['Key', 'K-1', 'K-2', 'K-3']);
    expect(unclosed).toEqual([2]);
    // The bad row keeps the opening quote and the text up to the maximum length, no more.
    expect(records[2][1]).toHaveLength(MAX_QUOTED_FIELD_LENGTH + 1);
    expect(records[2][1].startsWith('"xxx')).toBe(true);
    expect(records[3]).toEqual(['K-3', 'three']);
    // Held between chunks: the unfinished record ("K-2," and the quoted text), never the 10 MB.
    expect(splitter.pendingHighWater).toBeLessThanOrEqual(MAX_QUOTED_FIELD_LENGTH + 8);
  });

  it('reads on at the line after an overlong quoted field when the field has line breaks', () => {
    const text = `a,"${'y'.repeat(20)}\n${'z'.repeat(20)}\nb,c\n`;
    expect(split(text, ',', () => 7, 10)).toEqual([
      { unclosed: 'too-long', column: 1, cells: ['a', `"${'y'.repeat(10)}`] },
      ['z'.repeat(20)],
      ['b', 'c'],
    ]);
  });
});
