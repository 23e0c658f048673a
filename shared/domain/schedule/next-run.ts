import { instantsOfLocal, localTime } from '../pacing/zone-time';
import type { ScheduleRule } from './rule';

/** Local dates looked at before giving up: more than a year, so every rule finds its next day. */
const MAX_DAYS = 400;

/** Days in a month (month 1–12), leap years included. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function matches(rule: ScheduleRule, year: number, month: number, day: number): boolean {
  if (rule.kind === 'daily') return true;
  if (rule.kind === 'weekly')
    return new Date(Date.UTC(year, month - 1, day)).getUTCDay() === rule.weekday;
  // The 29th–31st fall on the last day of a shorter month: "on the 31st" still runs monthly.
  return day === Math.min(rule.day, daysInMonth(year, month));
}

/**
 * The first occurrence of `rule` strictly after `after` (Unix ms), on the wall clock of `zone`.
 * Daylight saving: a time the clocks skip runs at the jump (02:30 on a spring-forward night runs
 * at 03:00); a time that happens twice (autumn) runs once, at the first. Throws RangeError for a
 * zone the runtime does not know.
 */
export function nextOccurrence(rule: ScheduleRule, zone: string, after: number): number {
  const start = localTime(zone, after);
  for (let i = 0; i < MAX_DAYS; i++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    if (!matches(rule, y, m, d)) continue;
    // Only the first instant: the second 01:30 of an autumn night is the same occurrence.
    const at = instantsOfLocal(zone, y, m, d, rule.minute)[0];
    if (at !== undefined && at > after) return at;
  }
  throw new RangeError('No occurrence of this schedule within a year.');
}
