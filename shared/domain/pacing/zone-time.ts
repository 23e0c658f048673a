/**
 * Wall-clock time in IANA time zones through Intl, which carries the runtime's tz database (and so
 * its daylight-saving rules): no table of offsets of our own to keep up to date.
 */

export const MINUTE_MS = 60_000;
export const DAY_MINUTES = 24 * 60;
export const DAY_MS = DAY_MINUTES * MINUTE_MS;

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** Minutes since local midnight, with fractions for seconds (0 ≤ m < 1440). */
  minuteOfDay: number;
  /** Minutes east of UTC at that instant (e.g. 330 for Asia/Kolkata, −300 for New York in winter). */
  offset: number;
}

// One formatter per zone: building one costs far more than formatting with it.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Whether this runtime knows the zone (names from other tz data versions may be missing). */
export function isKnownTimeZone(zone: string): boolean {
  return formatter(zone) !== null;
}

/** The wall clock in `zone` at `at` (Unix ms). Throws RangeError for a zone the runtime does not know. */
export function localTime(zone: string, at: number): LocalTime {
  const f = formatter(zone);
  if (!f) throw new RangeError(`Unknown time zone "${zone}".`);
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const year = parts.year ?? 1970;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  const hour = parts.hour ?? 0;
  const minute = parts.minute ?? 0;
  const second = parts.second ?? 0;
  const wholeSecond = Math.floor(at / 1000) * 1000;
  const offset = Math.round(
    (Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecond) / MINUTE_MS,
  );
  const ms = at - wholeSecond;
  return {
    year,
    month,
    day,
    minuteOfDay: hour * 60 + minute + (second * 1000 + ms) / MINUTE_MS,
    offset,
  };
}

export function offsetMinutes(zone: string, at: number): number {
  return localTime(zone, at).offset;
}

/**
 * The instants at which the wall clock in `zone` shows `minute` minutes after midnight of the given
 * local date (`minute` may be 1440 or more: it rolls over into the next days), earliest first.
 * - Twice on that date (clocks turned back): both.
 * - Never (clocks jumped over it): the instant of the jump, the first moment the clock is past it.
 * Assumes at most one offset change within a day of the wall time, true of every zone in use.
 */
export function instantsOfLocal(
  zone: string,
  year: number,
  month: number,
  day: number,
  minute: number,
): number[] {
  const wall = Date.UTC(year, month - 1, day, 0, minute);
  const before = offsetMinutes(zone, wall - DAY_MS);
  const after = offsetMinutes(zone, wall + DAY_MS);
  const candidates = [...new Set([wall - before * MINUTE_MS, wall - after * MINUTE_MS])].sort(
    (a, b) => a - b,
  );
  const valid = candidates.filter((c) => c + offsetMinutes(zone, c) * MINUTE_MS === wall);
  if (valid.length > 0) return valid;
  // In a gap: the jump lies between the two readings; find it to the minute (offsets change on whole minutes).
  let lo = candidates[0] ?? wall;
  let hi = candidates.at(-1) ?? wall;
  const offsetBefore = offsetMinutes(zone, lo);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMinutes(zone, mid) === offsetBefore) lo = mid;
    else hi = mid;
  }
  return [hi];
}

/** The first of instantsOfLocal. */
export function instantOfLocal(
  zone: string,
  year: number,
  month: number,
  day: number,
  minute: number,
): number {
  return instantsOfLocal(zone, year, month, day, minute)[0]!;
}
