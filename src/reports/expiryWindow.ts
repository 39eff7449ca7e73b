/*
 * The certificate expiry window of `training report --within`, as a manager types it: "60",
 * "60d", "8w", "3mo", "1y" (or the words: "8 weeks", "3 months"). The report's query counts days
 * (NEXT_N_DAYS), so every window ends up as a number of days from today.
 *
 * Months are calendar months from today, ending on the same day of the month, or on the month's
 * last day when it has no such day (31 January + 1 month = 28 or 29 February) — as the pack's
 * ADDMONTHS() computes Cert_Expires_On__c. A bare "m" is refused: the sf CLI reads it as minutes
 * in its own duration flags (--wait 10m), so it would mean different things in two commands.
 */

type ExpiryWindowUnit = 'days' | 'weeks' | 'months' | 'years';

export type ExpiryWindow = {
  /** The number as typed. */
  amount: number;
  unit: ExpiryWindowUnit;
  /** Calendar days from today to the window's last day. */
  days: number;
};

/** The longest window: 100 years of days (no certificate is recertified less often than that). */
const MAX_EXPIRY_WINDOW_DAYS = 36_500;

/** The default window: 60 days, the same as the pack's Cert_Status__c "Expiring" (≤ 60 days). */
export const DEFAULT_EXPIRY_WINDOW: Readonly<ExpiryWindow> = { amount: 60, unit: 'days', days: 60 };

const UNIT_WORDS: Readonly<Record<string, ExpiryWindowUnit>> = {
  '': 'days',
  d: 'days',
  day: 'days',
  days: 'days',
  w: 'weeks',
  wk: 'weeks',
  wks: 'weeks',
  week: 'weeks',
  weeks: 'weeks',
  mo: 'months',
  mos: 'months',
  month: 'months',
  months: 'months',
  y: 'years',
  yr: 'years',
  yrs: 'years',
  year: 'years',
  years: 'years',
};

const WINDOW = /^(\d{1,6})\s*([a-z]*)$/;

const DAY_MS = 86_400_000;

/** Days from `today` to the same day `months` calendar months later (clamped to the month's end). */
export function daysUntilMonthsLater(today: Date, months: number): number {
  const year = today.getFullYear();
  const month = today.getMonth();
  const day = today.getDate();
  const lastDayOfTarget = new Date(Date.UTC(year, month + months + 1, 0)).getUTCDate();
  const target = Date.UTC(year, month + months, Math.min(day, lastDayOfTarget));
  return Math.round((target - Date.UTC(year, month, day)) / DAY_MS);
}

/**
 * Reads a window; undefined when the text is not one of the accepted forms, or is zero, or longer
 * than MAX_EXPIRY_WINDOW_DAYS. `today` is the local calendar day (months depend on it).
 */
export function parseExpiryWindow(input: string, today: Date = new Date()): ExpiryWindow | undefined {
  const match = WINDOW.exec(input.trim().toLowerCase());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = UNIT_WORDS[match[2]];
  if (!unit || amount < 1) return undefined;
  let days: number;
  switch (unit) {
    case 'days':
      days = amount;
      break;
    case 'weeks':
      days = amount * 7;
      break;
    case 'months':
      days = daysUntilMonthsLater(today, amount);
      break;
    case 'years':
      days = daysUntilMonthsLater(today, amount * 12);
      break;
  }
  return days <= MAX_EXPIRY_WINDOW_DAYS ? { amount, unit, days } : undefined;
}
