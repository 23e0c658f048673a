import { z } from 'zod';
import { DAY_MINUTES } from '../pacing/zone-time';
import { formatClockTime, parseClockTime } from '../pacing/clock-time';

/**
 * When a recurring campaign runs, on the wall clock of the schedule's time zone: every day, one
 * day of the week, or one day of the month. `minute` is minutes after local midnight.
 */
export const scheduleRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily'), minute: z.number().int().min(0).lt(DAY_MINUTES) }).strict(),
  z
    .object({
      kind: z.literal('weekly'),
      /** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. */
      weekday: z.number().int().min(0).max(6),
      minute: z.number().int().min(0).lt(DAY_MINUTES),
    })
    .strict(),
  z
    .object({
      kind: z.literal('monthly'),
      /** 29–31 fall on the month's last day in shorter months (see nextOccurrence). */
      day: z.number().int().min(1).max(31),
      minute: z.number().int().min(0).lt(DAY_MINUTES),
    })
    .strict(),
]);
export type ScheduleRule = z.infer<typeof scheduleRule>;

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

/** "every Monday at 10:00", "on the 1st of each month at 09:00", "every day at 18:00". */
export function describeRule(rule: ScheduleRule): string {
  const at = `at ${formatClockTime(rule.minute)}`;
  if (rule.kind === 'daily') return `every day ${at}`;
  if (rule.kind === 'weekly') return `every ${WEEKDAYS[rule.weekday]} ${at}`;
  const last = rule.day > 28 ? ' (the last day in shorter months)' : '';
  return `on the ${ordinal(rule.day)} of each month ${at}${last}`;
}

export type RuleParse = { ok: true; rule: ScheduleRule } | { ok: false; message: string };

const EXAMPLES = "Write it as 'daily 18:00', 'mon 10:00' or '1st 09:00'.";

/**
 * The CLI's `--every`: "daily 18:00" (or "day"), a weekday's name or its first three letters and
 * a time ("mon 10:00"), or a day of the month ("1st 09:00", "15 09:00").
 */
export function parseRuleText(raw: string): RuleParse {
  const parts = raw.trim().toLowerCase().split(/\s+/);
  if (parts.length !== 2) return { ok: false, message: `"${raw}" is not a schedule. ${EXAMPLES}` };
  const [when = '', time = ''] = parts;
  const clock = parseClockTime(time);
  if (!clock.ok || clock.minutes >= DAY_MINUTES)
    return { ok: false, message: `"${time}" is not a time of day. ${EXAMPLES}` };
  const minute = clock.minutes;
  if (when === 'daily' || when === 'day' || when === 'every-day')
    return { ok: true, rule: { kind: 'daily', minute } };
  const weekday = WEEKDAYS.findIndex(
    (d) => d.toLowerCase() === when || (when.length === 3 && d.toLowerCase().startsWith(when)),
  );
  if (weekday >= 0) return { ok: true, rule: { kind: 'weekly', weekday, minute } };
  const dayOfMonth = /^(\d{1,2})(st|nd|rd|th)?$/.exec(when);
  const day = dayOfMonth ? Number(dayOfMonth[1]) : NaN;
  if (day >= 1 && day <= 31) return { ok: true, rule: { kind: 'monthly', day, minute } };
  return { ok: false, message: `"${when}" is not a day. ${EXAMPLES}` };
}
