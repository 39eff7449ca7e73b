import { describe, it, expect } from '@jest/globals';
import { average, change, lowest, netPromoterScore, percent, round } from '../../src/reports/metrics.js';

describe('report metrics', () => {
  it('rounds half away from zero, as ROUND() in a formula', () => {
    expect(round(2.675, 2)).toBe(2.68);
    expect(round(4.125, 2)).toBe(4.13);
    expect(round(-0.125, 2)).toBe(-0.13);
    expect(round(66.66666, 0)).toBe(67);
    expect(round(-0.001, 2)).toBe(0);
    expect(Object.is(round(-0.001, 2), -0)).toBe(false);
  });

  it('computes NPS from promoters and detractors among respondents', () => {
    expect(netPromoterScore(2, 1, 3)).toBe(33);
    expect(netPromoterScore(0, 3, 3)).toBe(-100);
    expect(netPromoterScore(1, 2, 4)).toBe(-25);
    expect(netPromoterScore(0, 0, 0)).toBeNull();
  });

  it('gives percentages and averages only when there is something to divide by', () => {
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 10)).toBe(0);
    expect(percent(1, 0)).toBeNull();
    expect(average(13, 3)).toBe(4.33);
    expect(average(0, 0)).toBeNull();
  });

  it('finds the lowest value, first on a tie, skipping blanks', () => {
    expect(
      lowest([
        ['a', 3],
        ['b', null],
        ['c', 2],
        ['d', 2],
      ])
    ).toBe('c');
    expect(lowest([['a', null]])).toBeUndefined();
    expect(change(3, null)).toBeNull();
    expect(change(4, 4.13)).toBe(0.13);
  });
});
