import { DAY_MINUTES } from './zone-time';

/** "HH:MM" on a 24-hour clock; "24:00" is accepted as the end of the day. */
const CLOCK = /^([01]?\d|2[0-4]):([0-5]\d)$/;

export type ClockParse = { ok: true; minutes: number } | { ok: false; message: string };

export function parseClockTime(raw: string): ClockParse {
  const m = CLOCK.exec(raw.trim());
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || minutes > DAY_MINUTES)
    return {
      ok: false,
      message: `"${raw}" is not a time of day: write it as HH:MM on a 24-hour clock, e.g. 21:00.`,
    };
  return { ok: true, minutes };
}

export function formatClockTime(minutes: number): string {
  const m = Math.round(minutes);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "7:05" → "07:05"; a value that is not a time stays as it is (validation reports it). */
export function normalizeClockTime(raw: string): string {
  const p = parseClockTime(raw);
  return p.ok ? formatClockTime(p.minutes) : raw;
}
