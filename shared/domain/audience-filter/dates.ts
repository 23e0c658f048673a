import { FILTER_LIMITS, type DateOrder } from './types';

/**
 * Reads a cell as a calendar day. Dates are compared as days, as written: a time after the date
 * (and its zone) is accepted and ignored, so "2026-03-14T23:30:00-05:00" is 14 March.
 *
 * Accepted: ISO 2026-03-14 (optionally with a time), year first with / or . (2026/03/14),
 * day/month/year or month/day/year with / . or - as the filter's `dateOrder` says (never guessed
 * from the cell: 03/04/2026 is 3 April day-first and 4 March month-first, and 14/03/2026 is
 * unreadable month-first), and English month names (14 Mar 2026, 14-Mar-26, March 14, 2026).
 * Two-digit years follow Excel: 00–29 are 2000–2029, 30–99 are 1930–1999.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const TIME = String.raw`(?:(?:T|\s+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(am|pm)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?`;

const ISO = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${TIME}$`, 'i');
const YEAR_FIRST = new RegExp(`^(\\d{4})([/.])(\\d{1,2})\\2(\\d{1,2})\\.?${TIME}$`, 'i');
const YEAR_LAST = new RegExp(`^(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${TIME}$`, 'i');
const DAY_MONTH_NAME = new RegExp(
  `^(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+${MONTH_NAME}[\\s,-]+(\\d{4}|\\d{2})${TIME}$`,
  'i',
);
const MONTH_NAME_DAY = new RegExp(
  `^${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}$`,
  'i',
);

const MS_PER_DAY = 86_400_000;

function fullYear(raw: string): number {
  if (raw.length === 4) return Number(raw);
  const yy = Number(raw);
  return yy < 30 ? 2000 + yy : 1900 + yy;
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Days since 1970-01-01 for a real calendar date, or null (31 April, 29 February 2025…). */
export function dayNumber(year: number, month: number, day: number): number | null {
  if (
    !Number.isInteger(year) ||
    year < 1000 ||
    year > 9999 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31
  )
    return null;
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return null;
  return t / MS_PER_DAY;
}

function validTime(
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  ampm: string | undefined,
): boolean {
  if (hour === undefined) return true;
  const h = Number(hour);
  if (Number(minute) > 59 || (second !== undefined && Number(second) > 59)) return false;
  return ampm ? h >= 1 && h <= 12 : h <= 24;
}

/** The cell's calendar day (days since 1970-01-01), or null when it cannot be read as a date. */
export function parseDate(raw: string, order: DateOrder): number | null {
  const s = raw.trim();
  if (s === '' || s.length > FILTER_LIMITS.cellParseLength) return null;
  let m = ISO.exec(s);
  if (m)
    return validTime(m[4], m[5], m[6], m[7])
      ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3]))
      : null;
  m = YEAR_FIRST.exec(s);
  if (m)
    return validTime(m[5], m[6], m[7], m[8])
      ? dayNumber(Number(m[1]), Number(m[3]), Number(m[4]))
      : null;
  m = YEAR_LAST.exec(s);
  if (m) {
    if (!validTime(m[5], m[6], m[7], m[8])) return null;
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = fullYear(m[4]!);
    return order === 'dmy' ? dayNumber(year, b, a) : dayNumber(year, a, b);
  }
  m = DAY_MONTH_NAME.exec(s);
  if (m)
    return validTime(m[4], m[5], m[6], m[7])
      ? dayNumber(fullYear(m[3]!), monthOf(m[2]!), Number(m[1]))
      : null;
  m = MONTH_NAME_DAY.exec(s);
  if (m)
    return validTime(m[4], m[5], m[6], m[7])
      ? dayNumber(Number(m[3]), monthOf(m[1]!), Number(m[2]))
      : null;
  return null;
}

/** A condition's own date: strictly YYYY-MM-DD, so what the user typed is what is stored. */
export function parseIsoDay(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** 2026-03-14 → "14 Mar 2026": unambiguous in every country. */
export function formatDay(value: string): string {
  const day = parseIsoDay(value);
  if (day === null) return value;
  const d = new Date(day * MS_PER_DAY);
  const month = MONTHS[d.getUTCMonth()]!;
  return `${d.getUTCDate()} ${month[0]!.toUpperCase()}${month.slice(1)} ${d.getUTCFullYear()}`;
}
