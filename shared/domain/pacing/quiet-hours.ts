import { formatClockTime, parseClockTime } from './clock-time';
import { DAY_MINUTES, DAY_MS, instantsOfLocal, localTime } from './zone-time';

/**
 * Quiet hours: a daily window of local time in which nobody is messaged, e.g. 21:00–08:00. The
 * window starts at `from` (included) and ends at `to` (excluded); it crosses midnight when
 * to < from. Minutes since midnight; `to` may be 1440 (24:00).
 */
export interface QuietWindow {
  from: number;
  to: number;
}

export type QuietWindowParse = { ok: true; window: QuietWindow } | { ok: false; message: string };

/**
 * A window the sender can honour: not empty (from = to reads as either nothing or the whole day, so
 * it is refused rather than guessed) and not the whole day (nothing would ever be sent).
 */
export function parseQuietWindow(fromRaw: string, toRaw: string): QuietWindowParse {
  const from = parseClockTime(fromRaw);
  if (!from.ok) return from;
  const to = parseClockTime(toRaw);
  if (!to.ok) return to;
  if (from.minutes === DAY_MINUTES)
    return { ok: false, message: 'Quiet hours cannot start at 24:00: write 00:00.' };
  const length = windowLength({ from: from.minutes, to: to.minutes });
  if (length >= DAY_MINUTES) {
    return {
      ok: false,
      message:
        'Quiet hours cannot cover the whole day: nothing would ever be sent. Shorten them, or turn them off.',
    };
  }
  if (length === 0) {
    return {
      ok: false,
      message: `Quiet hours from ${formatClockTime(from.minutes)} to ${formatClockTime(to.minutes)} are empty: choose an end time different from the start, or turn quiet hours off.`,
    };
  }
  return { ok: true, window: { from: from.minutes, to: to.minutes } };
}

/** Minutes of quiet per day (0 for from = to, 1440 for 00:00–24:00). */
export function windowLength(w: QuietWindow): number {
  if (w.from === 0 && w.to === DAY_MINUTES) return DAY_MINUTES;
  return (((w.to - w.from) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

export function describeWindow(w: QuietWindow): string {
  return `${formatClockTime(w.from)}–${formatClockTime(w.to)}`;
}

function quietAtMinute(w: QuietWindow, minute: number): boolean {
  const length = windowLength(w);
  if (length === 0) return false;
  if (length >= DAY_MINUTES) return true;
  const into = (((minute - w.from) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return into < length;
}

/** Whether `at` falls in quiet hours on the wall clock of `zone`. */
export function isQuietIn(w: QuietWindow, zone: string, at: number): boolean {
  return quietAtMinute(w, localTime(zone, at).minuteOfDay);
}

/**
 * The next instant ≥ at when the wall clock of `zone` shows `minute` (minutes after midnight),
 * found from the local date, so daylight-saving days (23 or 25 hours) land on the right instant.
 */
function nextLocalMinute(zone: string, at: number, minute: number): number {
  const local = localTime(zone, at);
  // Today's occurrence if it is still ahead, else tomorrow's; a few more days cover odd DST cases.
  for (let dayOffset = local.minuteOfDay < minute ? 0 : 1; dayOffset <= 3; dayOffset++) {
    const t = instantsOfLocal(zone, local.year, local.month, local.day + dayOffset, minute).find(
      (i) => i > at,
    );
    if (t !== undefined) return t;
  }
  return at + DAY_MS;
}

/** When quiet hours end in `zone`: `at` itself when it is not quiet now, null for a window covering the day. */
export function nextOpeningIn(w: QuietWindow, zone: string, at: number): number | null {
  if (!isQuietIn(w, zone, at)) return at;
  if (windowLength(w) >= DAY_MINUTES) return null;
  return nextLocalMinute(zone, at, w.to % DAY_MINUTES);
}

/** When quiet hours next begin in `zone`: `at` itself when it is quiet now, null for an empty window. */
export function nextClosingIn(w: QuietWindow, zone: string, at: number): number | null {
  if (isQuietIn(w, zone, at)) return at;
  if (windowLength(w) === 0) return null;
  return nextLocalMinute(zone, at, w.from);
}

/** How far ahead an opening is looked for before it is called "never" (wide countries, long windows). */
export const OPENING_HORIZON_MS = 8 * DAY_MS;
const MAX_STEPS = 256;

/**
 * Several zones together (a country whose zone was not chosen): quiet while it is quiet in ANY of
 * them, the safe reading. Open only when every zone is open.
 */
export function isQuietInAny(w: QuietWindow, zones: readonly string[], at: number): boolean {
  return zones.some((z) => isQuietIn(w, z, at));
}

/**
 * The first instant ≥ at when every zone is open, or null when there is none within the horizon
 * (the zones are so far apart that one of them is always in quiet hours). Each step jumps to the
 * latest opening among the zones quiet at t: no earlier instant can have them all open.
 */
export function nextOpeningInAll(
  w: QuietWindow,
  zones: readonly string[],
  at: number,
): number | null {
  let t = at;
  for (let step = 0; step < MAX_STEPS && t - at <= OPENING_HORIZON_MS; step++) {
    let latest = t;
    for (const z of zones) {
      const open = nextOpeningIn(w, z, t);
      if (open === null) return null;
      latest = Math.max(latest, open);
    }
    if (latest === t) return t;
    t = latest;
  }
  return null;
}

/** The first instant ≥ at when any zone is quiet (null: never, for an empty window or no zones). */
export function nextClosingInAny(
  w: QuietWindow,
  zones: readonly string[],
  at: number,
): number | null {
  let first: number | null = null;
  for (const z of zones) {
    const c = nextClosingIn(w, z, at);
    if (c !== null && (first === null || c < first)) first = c;
  }
  return first;
}

/**
 * Milliseconds of [from, to) in which every zone is open: the time a spread campaign really has for
 * these recipients. Bounded: stops after MAX_STEPS openings (over four months of daily windows).
 */
export function openMillisBetween(
  w: QuietWindow,
  zones: readonly string[],
  from: number,
  to: number,
): number {
  let open = 0;
  let t = from;
  for (let step = 0; step < MAX_STEPS && t < to; step++) {
    const opening = nextOpeningInAll(w, zones, t);
    if (opening === null || opening >= to) break;
    const closing = nextClosingInAny(w, zones, opening);
    const end = closing === null ? to : Math.min(closing, to);
    open += end - opening;
    // A closing at the opening instant itself cannot happen (open there), but never stall.
    t = Math.max(end, opening + 1);
  }
  return open;
}
