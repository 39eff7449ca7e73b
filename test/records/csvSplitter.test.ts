import { describe, it, expect } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { CsvSplitter, UnclosedQuoteError } from '../../src/records/csvSplitter.js';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
}

function split(text: string, delimiter: string, chunkSizes: () => number): string[][] | 'unclosed' {
  const splitter = new CsvSplitter(delimiter);
  const records: string[][] = [];
  try {
    for (let position = 0; position < text.length;) {
      const size = chunkSizes();
      records.push(...splitter.push(text.slice(position, position + size)));
      position += size;
    }
    records.push(...splitter.end());
    return records;
  } catch (error) {
    if (error instanceof UnclosedQuoteError) return 'unclosed';
    throw error;
  }
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
    for (let round = 0; round < 20_000; round++) {
      let text = '';
      const length = Math.floor(next() * 24);
      for (let index = 0; index < length; index++) text += pieces[Math.floor(next() * pieces.length)];
      const delimiter = next() < 0.8 ? ',' : ';';
      const expected = JSON.stringify(csvParse(text, delimiter));
      const whole = JSON.stringify(split(text, delimiter, () => text.length + 1));
      const chunked = JSON.stringify(split(text, delimiter, () => 1 + Math.floor(next() * 4)));
      if (whole !== expected || chunked !== expected) mismatches.push(JSON.stringify(text));
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('names the record an unclosed quote opens in', () => {
    const splitter = new CsvSplitter(',');
    expect(splitter.push('a,b\nc,"d\ne,f\n')).toEqual([['a', 'b']]);
    expect(() => splitter.end()).toThrow(new UnclosedQuoteError(2));
  });
});
