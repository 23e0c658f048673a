/**
 * Dates and times in the user's locale and time zone (or a named zone: a recipient's, a
 * report's). Unknown zones fall back to the user's own rather than throw in the middle of a table.
 */

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormat(
  locale: string,
  timeZone: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) });
    } catch {
      f = new Intl.DateTimeFormat(locale, options);
    }
    cache.set(key, f);
  }
  return f;
}

export type DateStyle =
  'date' | 'time' | 'dateTime' | 'timeSeconds' | 'dateTimeSeconds' | 'weekdayTime';

const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  time: { hour: 'numeric', minute: '2-digit' },
  timeSeconds: { hour: 'numeric', minute: '2-digit', second: '2-digit' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  dateTimeSeconds: { dateStyle: 'short', timeStyle: 'medium' },
  weekdayTime: { weekday: 'short', hour: 'numeric', minute: '2-digit' },
};

/** Epoch milliseconds in one of the app's styles; "—" for a missing or impossible instant. */
export function formatDate(
  locale: string,
  ms: number | null | undefined,
  style: DateStyle = 'dateTime',
  timeZone?: string,
): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  return dateFormat(locale, timeZone, STYLES[style]).format(d);
}
