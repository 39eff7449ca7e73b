/* eslint-disable @salesforce/lightning/prefer-i18n-service -- custom components cannot import
   @salesforce/i18n-service; Intl fed with the locale from @salesforce/i18n is the documented way,
   and every Intl call of the pack lives in this one module. */
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';

/** Salesforce locale codes use underscores (da_DK); Intl wants BCP 47 (da-DK). */
export function toBcp47(salesforceLocale) {
  return salesforceLocale ? salesforceLocale.replace(/_/g, '-') : undefined;
}

/** The user's locale, or the given one when it is valid for Intl. */
export function resolveLocale(locale) {
  const candidate = toBcp47(locale) ?? LOCALE;
  try {
    return Intl.getCanonicalLocales(candidate)[0];
  } catch {
    return LOCALE;
  }
}

/**
 * Formats a date-only value (YYYY-MM-DD, as UI API returns Date fields) without shifting it by
 * the browser's time zone.
 */
export function formatDate(isoDate, options = { dateStyle: 'medium' }, locale) {
  if (!isoDate) {
    return '';
  }
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(resolveLocale(locale), { ...options, timeZone: 'UTC' }).format(date);
}

/** Formats an instant (a Date) with Intl options, e.g. in another market's time zone. */
export function formatDateTime(instant, options, locale) {
  return new Intl.DateTimeFormat(resolveLocale(locale), options).format(instant);
}

/** The IANA time zone as Intl knows it, or undefined when it is not a valid one. */
export function resolveTimeZone(timeZone) {
  if (!timeZone) {
    return undefined;
  }
  try {
    return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function formatNumber(value, options = {}, locale) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '';
  }
  return new Intl.NumberFormat(resolveLocale(locale), options).format(value);
}

/** Fills {0}, {1}… in a custom label, as Salesforce labels write their placeholders. */
export function formatLabel(template, ...values) {
  return template.replace(/\{(\d+)\}/g, (match, index) => (values[index] === undefined ? match : values[index]));
}

/** Today as YYYY-MM-DD in the given IANA time zone (the user's own when omitted). */
export function todayIso(timeZone = TIME_ZONE, instant = now()) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type) => parts.find((entry) => entry.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(isoDate, days) {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return date.toISOString().slice(0, 10);
}

/** The current instant; one place to read the clock so tests can fix it with Date.now. */
export function now() {
  return new Date(Date.now());
}
