import { describe, it, expect } from '@jest/globals';
import { daysUntilMonthsLater, parseExpiryWindow } from '../../src/reports/expiryWindow.js';

// Local calendar days (the parser reads the local date, as a manager's "today").
const NOV_30_2026 = new Date(2026, 10, 30, 15, 0);
const JAN_31_2028 = new Date(2028, 0, 31, 9, 0);

describe('parseExpiryWindow', () => {
  it('reads a number alone as days, and days with or without a unit word', () => {
    for (const input of ['60', '60d', '60D', ' 60 d ', '60 days', '60day']) {
      expect(parseExpiryWindow(input, NOV_30_2026)).toEqual({ amount: 60, unit: 'days', days: 60 });
    }
  });

  it('reads weeks as seven days each', () => {
    for (const input of ['8w', '8W', '8 weeks', '8wk', '8 week']) {
      expect(parseExpiryWindow(input, NOV_30_2026)).toEqual({ amount: 8, unit: 'weeks', days: 56 });
    }
    // The old Flags.duration read "2w" as 2 days.
    expect(parseExpiryWindow('2w', NOV_30_2026)?.days).toBe(14);
  });

  it('reads months as calendar months from today, clamped to the end of a shorter month', () => {
    // 30 Nov 2026 + 3 months = 28 Feb 2027 (no 30 February): 90 days.
    expect(parseExpiryWindow('3mo', NOV_30_2026)).toEqual({ amount: 3, unit: 'months', days: 90 });
    expect(parseExpiryWindow('3 months', NOV_30_2026)?.days).toBe(90);
    expect(parseExpiryWindow('1 month', NOV_30_2026)?.days).toBe(30);
    // 31 Jan 2028 + 1 month = 29 Feb 2028 (a leap year): 29 days.
    expect(parseExpiryWindow('1mo', JAN_31_2028)?.days).toBe(29);
  });

  it('reads years as twelve calendar months', () => {
    expect(parseExpiryWindow('1y', NOV_30_2026)).toEqual({ amount: 1, unit: 'years', days: 365 });
    // 31 Jan 2028 → 31 Jan 2030, across 29 Feb 2028.
    expect(parseExpiryWindow('2 years', JAN_31_2028)?.days).toBe(366 + 365);
  });

  it('refuses a bare "m", other units, fractions, signs, zero and windows over 100 years', () => {
    for (const input of ['3m', '10min', '2h', '1.5w', '-5', '+5', '0', '0d', 'd', '', 'soon', '60 d ays', '101y']) {
      expect(parseExpiryWindow(input, NOV_30_2026)).toBeUndefined();
    }
    expect(parseExpiryWindow('36500', NOV_30_2026)?.days).toBe(36_500);
    expect(parseExpiryWindow('36501', NOV_30_2026)).toBeUndefined();
  });
});

describe('daysUntilMonthsLater', () => {
  it('counts across year ends and month lengths', () => {
    expect(daysUntilMonthsLater(new Date(2026, 11, 15), 1)).toBe(31);
    expect(daysUntilMonthsLater(new Date(2026, 0, 31), 1)).toBe(28);
    expect(daysUntilMonthsLater(new Date(2026, 2, 31), 1)).toBe(30);
    expect(daysUntilMonthsLater(new Date(2026, 5, 1), 12)).toBe(365);
  });
});
