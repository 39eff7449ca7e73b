import { describe, it, expect } from '@jest/globals';
import { chunkByGroups } from '../../src/reports/aggregateChunks.js';

describe('chunkByGroups', () => {
  it('keeps every key in order, in chunks whose groups stay within the bound', () => {
    const groups: Record<string, number> = { a: 800, b: 800, c: 800, d: 100, e: 2500, f: 1 };
    expect(chunkByGroups(Object.keys(groups), (key) => groups[key], 2000)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      // More groups than the bound on its own: a chunk of its own, nothing smaller to ask for.
      ['e'],
      ['f'],
    ]);
  });

  it('also caps the keys per chunk, so the IN list stays short', () => {
    const keys = Array.from({ length: 7 }, (_, index) => `k${index}`);
    expect(chunkByGroups(keys, () => 1, 2000, 3).map((chunk) => chunk.length)).toEqual([3, 3, 1]);
  });

  it('gives no chunk for no keys', () => {
    expect(chunkByGroups([], () => 1)).toEqual([]);
  });
});
