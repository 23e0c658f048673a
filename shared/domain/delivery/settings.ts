import { z } from 'zod';

/**
 * The `delivery` key of campaigns.settings_json (issue 17 items 2–3): how many days a recipient
 * WhatsApp refused for its per-user marketing limit is tried again, and when the campaign stops
 * sending ("stop after"). Validated here so the core, the CLI and the UI refuse the same things.
 */

/**
 * One provider reports most of the gain of daily retries within a few days and Meta asks for at
 * least 24 h between tries (cloud-api.md §9): three days by default, a week at most.
 */
export const DEFER_DAYS_DEFAULT = 3;
export const DEFER_DAYS_MAX = 7;
/** A stop-after duration is counted from the campaign's start: a minute to 30 days. */
export const STOP_AFTER_MAX_MINUTES = 30 * 1440;

export const deferDaysSetting = z
  .number()
  .int('Use a whole number of days.')
  .min(1, 'Retry for at least 1 day, or turn retries off.')
  .max(DEFER_DAYS_MAX, `WhatsApp's limit is retried for at most ${DEFER_DAYS_MAX} days.`);

export const stopAfterSetting = z.union([
  z.object({ at: z.number().int().positive() }).strict(),
  z
    .object({
      afterMinutes: z
        .number()
        .int('Use whole minutes.')
        .min(1, 'Stop after at least a minute.')
        .max(STOP_AFTER_MAX_MINUTES, 'Stop after at most 30 days from the start.'),
    })
    .strict(),
]);
export type StopAfterSetting = z.infer<typeof stopAfterSetting>;

export const deliverySetting = z
  .object({
    /** null: a limited recipient fails at once (no retries). */
    deferDays: deferDaysSetting.nullable(),
    /** null: no end. */
    stopAfter: stopAfterSetting.nullable(),
  })
  .strict();
export type DeliverySetting = z.infer<typeof deliverySetting>;

export const DELIVERY_DEFAULT: DeliverySetting = { deferDays: DEFER_DAYS_DEFAULT, stopAfter: null };

/** The stored value, tolerant of old or damaged JSON: anything unreadable is the default. */
export function readDelivery(raw: unknown): DeliverySetting {
  const parsed = deliverySetting.safeParse(raw);
  return parsed.success ? parsed.data : DELIVERY_DEFAULT;
}

/**
 * When sending stops (Unix ms), or null; a duration counts from the start (unknown before it).
 * Without a stop-after of its own a limited-time offer's campaign stops when the offer ends
 * (`offerEnd`, offer-stop.ts).
 */
export function stopAfterAt(
  s: StopAfterSetting | null,
  startedAt: number | null,
  offerEnd: number | null = null,
): number | null {
  if (!s) return offerEnd;
  if ('at' in s) return s.at;
  return startedAt === null ? null : startedAt + s.afterMinutes * 60_000;
}

export const STOP_AFTER_PAST = 'Stop after must be in the future.';

export type StopAfterParse =
  { ok: true; value: StopAfterSetting | null } | { ok: false; message: string };

/**
 * "48h", "90m", "2d", "1d12h", an ISO date-time, or "off" (the CLI's and the form's words). With
 * `now` null the date is not compared with the present: the CLI leaves that to the core, whose clock
 * may differ from this process's (a test clock, or a `serve` host the CLI talks to).
 */
export function parseStopAfter(raw: string, now: number | null): StopAfterParse {
  const text = raw.trim().toLowerCase();
  if (text === 'off' || text === '') return { ok: true, value: null };
  if (/^(\d+(d|h|m|min))+$/.test(text)) {
    let minutes = 0;
    for (const [, n, unit] of text.matchAll(/(\d+)(d|h|min|m)/g))
      minutes += Number(n) * (unit === 'd' ? 1440 : unit === 'h' ? 60 : 1);
    const checked = stopAfterSetting.safeParse({ afterMinutes: minutes });
    return checked.success
      ? { ok: true, value: checked.data }
      : { ok: false, message: checked.error.issues[0]?.message ?? 'Not a valid duration.' };
  }
  // An ISO time without a zone would be read in this machine's zone: ask for one.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(raw.trim()))
    return {
      ok: false,
      message: `"${raw}" is neither a duration (48h, 90m, 2d) nor a date and time with its zone (2026-12-24T18:00Z, 2026-12-24T18:00+01:00), nor "off".`,
    };
  const at = Date.parse(raw.trim());
  if (!Number.isFinite(at)) return { ok: false, message: `"${raw}" is not a real date and time.` };
  if (now !== null && at <= now) return { ok: false, message: STOP_AFTER_PAST };
  return { ok: true, value: { at } };
}
