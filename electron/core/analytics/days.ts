/** Meta's template analytics are per UTC day (cloud-api.md §5); so is everything we compare them with. */
export const DAY_MS = 86_400_000;

/** Meta keeps template analytics for 90 days. */
export const LOOKBACK_DAYS = 90;

/** 00:00 UTC of the day `ms` falls in (Unix ms), also for times before 1970. */
export const utcDay = (ms: number): number => ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);

/** Every 00:00 UTC from the day of `from` to the day of `to`, both included; at most `max` days. */
export function utcDays(from: number, to: number, max = LOOKBACK_DAYS + 1): number[] {
  const days: number[] = [];
  for (let d = utcDay(from); d <= utcDay(to) && days.length < max; d += DAY_MS) days.push(d);
  return days;
}

/** The first day Meta still has figures for. */
export const oldestFetchableDay = (now: number): number => utcDay(now) - LOOKBACK_DAYS * DAY_MS;

/** True when `ms` is within `marginMs` of a UTC midnight (a send there may be filed under either day). */
export const nearMidnight = (ms: number, marginMs: number): boolean => {
  const into = ms - utcDay(ms);
  return into < marginMs || DAY_MS - into <= marginMs;
};

export const isoDay = (day: number): string => new Date(day).toISOString().slice(0, 10);
