// SOQL date literals (TODAY, LAST_N_DAYS:30, THIS_MONTH …) as closed day ranges, in UTC.

const DAY = 86_400_000;

export interface DayRange {
  /** first day (days since epoch), inclusive */
  from: number;
  /** last day, inclusive */
  to: number;
}

export function todayDays(now = Date.now()): number {
  return Math.floor(now / DAY);
}

export function daysOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

export function daysToDate(days: number): string {
  return new Date(days * DAY).toISOString().slice(0, 10);
}

function monthStart(year: number, month: number): number {
  return Date.UTC(year, month, 1) / DAY;
}

function monthRange(offset: number, count = 1, today = todayDays()): DayRange {
  const d = new Date(today * DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + offset;
  return { from: monthStart(y, m), to: monthStart(y, m + count) - 1 };
}

function weekRange(offset: number, count = 1, today = todayDays()): DayRange {
  // weeks start on Sunday (en_US locale)
  const dow = new Date(today * DAY).getUTCDay();
  const start = today - dow + offset * 7;
  return { from: start, to: start + count * 7 - 1 };
}

function quarterRange(offset: number, count = 1, today = todayDays()): DayRange {
  const d = new Date(today * DAY);
  const q = Math.floor(d.getUTCMonth() / 3) + offset;
  const y = d.getUTCFullYear();
  return { from: monthStart(y, q * 3), to: monthStart(y, (q + count) * 3) - 1 };
}

function yearRange(offset: number, count = 1, today = todayDays()): DayRange {
  const y = new Date(today * DAY).getUTCFullYear() + offset;
  return { from: Date.UTC(y, 0, 1) / DAY, to: Date.UTC(y + count, 0, 1) / DAY - 1 };
}

/** The day range of a literal, or undefined when the literal is not supported. */
export function dateLiteralRange(literal: string, now = Date.now()): DayRange | undefined {
  const today = todayDays(now);
  const upper = literal.toUpperCase();
  const nMatch = /^([A-Z_]+):(\d+)$/.exec(upper);
  if (nMatch) {
    const n = Number(nMatch[2]);
    switch (nMatch[1]) {
      case 'LAST_N_DAYS':
        return { from: today - n, to: today };
      case 'NEXT_N_DAYS':
        return { from: today + 1, to: today + n };
      case 'N_DAYS_AGO':
        return { from: today - n, to: today - n };
      case 'LAST_N_WEEKS':
        return weekRange(-n, n, today);
      case 'NEXT_N_WEEKS':
        return weekRange(1, n, today);
      case 'N_WEEKS_AGO':
        return weekRange(-n, 1, today);
      case 'LAST_N_MONTHS':
        return monthRange(-n, n, today);
      case 'NEXT_N_MONTHS':
        return monthRange(1, n, today);
      case 'N_MONTHS_AGO':
        return monthRange(-n, 1, today);
      case 'LAST_N_QUARTERS':
        return quarterRange(-n, n, today);
      case 'NEXT_N_QUARTERS':
        return quarterRange(1, n, today);
      case 'LAST_N_YEARS':
        return yearRange(-n, n, today);
      case 'NEXT_N_YEARS':
        return yearRange(1, n, today);
      case 'N_YEARS_AGO':
        return yearRange(-n, 1, today);
      default:
        return undefined;
    }
  }
  switch (upper) {
    case 'TODAY':
      return { from: today, to: today };
    case 'YESTERDAY':
      return { from: today - 1, to: today - 1 };
    case 'TOMORROW':
      return { from: today + 1, to: today + 1 };
    case 'LAST_WEEK':
      return weekRange(-1, 1, today);
    case 'THIS_WEEK':
      return weekRange(0, 1, today);
    case 'NEXT_WEEK':
      return weekRange(1, 1, today);
    case 'LAST_MONTH':
      return monthRange(-1, 1, today);
    case 'THIS_MONTH':
      return monthRange(0, 1, today);
    case 'NEXT_MONTH':
      return monthRange(1, 1, today);
    case 'LAST_90_DAYS':
      return { from: today - 90, to: today };
    case 'NEXT_90_DAYS':
      return { from: today + 1, to: today + 90 };
    case 'LAST_QUARTER':
      return quarterRange(-1, 1, today);
    case 'THIS_QUARTER':
      return quarterRange(0, 1, today);
    case 'NEXT_QUARTER':
      return quarterRange(1, 1, today);
    case 'LAST_YEAR':
      return yearRange(-1, 1, today);
    case 'THIS_YEAR':
      return yearRange(0, 1, today);
    case 'NEXT_YEAR':
      return yearRange(1, 1, today);
    default:
      return undefined;
  }
}
