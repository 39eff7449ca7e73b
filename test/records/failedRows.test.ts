// FailedRows: a compact Map<string, string> of failed upsert keys → reasons.
import { describe, it, expect } from '@jest/globals';
import { FailedRows } from '../../src/records/failedRows.js';

describe('FailedRows', () => {
  it('answers as a Map: get, has, size, delete, set again, insertion order, forEach', () => {
    const rows = new FailedRows();
    rows.set('tr-1', 'REQUIRED_FIELD_MISSING').set('tr-10', 'DUPLICATE_VALUE').set('', 'no key');
    rows.set('ærø 台湾 😀', 'REQUIRED_FIELD_MISSING');
    expect(rows.size).toBe(4);
    expect(rows.get('tr-1')).toBe('REQUIRED_FIELD_MISSING');
    expect(rows.get('tr-10')).toBe('DUPLICATE_VALUE');
    expect(rows.get('tr')).toBeUndefined();
    expect(rows.has('')).toBe(true);
    expect(rows.get('ærø 台湾 😀')).toBe('REQUIRED_FIELD_MISSING');
    expect(rows.delete('tr-1')).toBe(true);
    expect(rows.delete('tr-1')).toBe(false);
    expect(rows.has('tr-1')).toBe(false);
    expect(rows.size).toBe(3);
    rows.set('tr-10', 'STRING_TOO_LONG');
    rows.set('tr-1', 'back');
    expect(rows.size).toBe(4);
    // In a Map's order: a key set again keeps its place, one set again after a delete goes last.
    expect([...rows]).toEqual([
      ['tr-10', 'STRING_TOO_LONG'],
      ['', 'no key'],
      ['ærø 台湾 😀', 'REQUIRED_FIELD_MISSING'],
      ['tr-1', 'back'],
    ]);
    expect([...rows.keys()]).toEqual(['tr-10', '', 'ærø 台湾 😀', 'tr-1']);
    expect([...rows.values()]).toEqual(['STRING_TOO_LONG', 'no key', 'REQUIRED_FIELD_MISSING', 'back']);
    const seen: string[] = [];
    rows.forEach((reason, key) => seen.push(`${key}=${reason}`));
    expect(seen).toHaveLength(4);
    rows.clear();
    expect(rows.size).toBe(0);
    expect(rows.get('tr-10')).toBeUndefined();
    expect([...rows]).toEqual([]);
  });

  it('agrees with a Map over 200,000 random sets, gets and deletes across many growths', () => {
    let seed = 7;
    const random = (limit: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % limit;
    };
    const reasons = ['FIELD_CUSTOM_VALIDATION_EXCEPTION:Enter the date', 'DUPLICATE_VALUE', 'ENTITY_IS_DELETED'];
    const rows = new FailedRows();
    const model = new Map<string, string>();
    const disagreements: string[] = [];
    for (let step = 0; step < 200_000; step++) {
      const key = `k-${random(60_000)}${random(10) === 0 ? 'ø' : ''}`;
      const action = random(10);
      if (action < 6) {
        const reason = random(20) === 0 ? `STRING_TOO_LONG:${step}` : reasons[random(reasons.length)];
        rows.set(key, reason);
        model.set(key, reason);
      } else if (action < 8) {
        if (rows.delete(key) !== model.delete(key)) disagreements.push(`delete ${key} at ${step}`);
      } else if (rows.get(key) !== model.get(key)) {
        disagreements.push(`get ${key} at ${step}`);
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(rows.size).toBe(model.size);
    expect([...rows]).toEqual([...model]);
  });
});
