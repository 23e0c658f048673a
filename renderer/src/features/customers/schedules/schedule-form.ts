import type { MethodInput } from '../../../../../shared/api';
import { parseClockTime } from '../../../../../shared/domain/pacing/clock-time';
import type { ScheduleRule } from '../../../../../shared/domain/schedule';

export interface ScheduleForm {
  name: string;
  settingsFrom: string | null;
  every: 'daily' | 'weekly' | 'monthly';
  weekday: string;
  day: string;
  time: string;
  timeZone: string;
  graceHours: string;
}

export const userTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const emptyForm = (segmentName: string): ScheduleForm => ({
  name: segmentName,
  settingsFrom: null,
  every: 'weekly',
  weekday: '1',
  day: '1',
  time: '10:00',
  timeZone: userTimeZone(),
  graceHours: '6',
});

/** The form as the contract's input, or the first problem in words for the field it is about. */
export function toInput(
  f: ScheduleForm,
  segmentId: number,
): { ok: true; input: MethodInput<'schedules.create'> } | { ok: false; message: string } {
  if (!f.settingsFrom)
    return {
      ok: false,
      message: 'Choose the campaign whose message and settings each run copies.',
    };
  const clock = parseClockTime(f.time);
  if (!clock.ok || clock.minutes >= 24 * 60)
    return { ok: false, message: clock.ok ? 'Choose a time before 24:00.' : clock.message };
  const grace = Number(f.graceHours);
  if (f.graceHours.trim() === '' || !Number.isFinite(grace) || grace < 0 || grace > 168)
    return { ok: false, message: 'Write the grace window as a number of hours from 0 to 168.' };
  const minute = clock.minutes;
  const rule: ScheduleRule =
    f.every === 'daily'
      ? { kind: 'daily', minute }
      : f.every === 'weekly'
        ? { kind: 'weekly', weekday: Number(f.weekday), minute }
        : { kind: 'monthly', day: Number(f.day), minute };
  return {
    ok: true,
    input: {
      name: f.name,
      segmentId,
      settingsFrom: Number(f.settingsFrom),
      rule,
      timeZone: f.timeZone.trim(),
      graceMinutes: Math.round(grace * 60),
    },
  };
}
