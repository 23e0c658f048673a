/**
 * Spreading a campaign over a duration ("over the next 6 hours") instead of sending at the
 * account's full rate: the rate becomes what is left divided by the time left, recomputed as the
 * campaign goes, never above the account's rate.
 */

export const SPREAD_MIN_MINUTES = 5;
export const SPREAD_MAX_MINUTES = 14 * 24 * 60;

export type DurationParse = { ok: true; minutes: number } | { ok: false; message: string };

const UNIT_MINUTES: Record<string, number> = { d: 1440, h: 60, m: 1, min: 1 };

/** "6h", "90m", "1h30m", "2d", "1d 12h" → minutes. */
export function parseDuration(raw: string): DurationParse {
  const text = raw.trim().toLowerCase().replace(/\s+/g, '');
  const bad = {
    ok: false as const,
    message: `"${raw}" is not a duration: write it like 6h, 90m, 1h30m or 2d.`,
  };
  if (!/^(\d+(d|h|min|m))+$/.test(text)) return bad;
  let minutes = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(d|h|min|m)/g))
    minutes += Number(n) * (UNIT_MINUTES[unit ?? ''] ?? NaN);
  if (!Number.isFinite(minutes)) return bad;
  const problem = durationProblem(minutes);
  return problem ? { ok: false, message: problem } : { ok: true, minutes };
}

export function durationProblem(minutes: number): string | null {
  if (!Number.isInteger(minutes) || minutes < SPREAD_MIN_MINUTES)
    return `Spread a campaign over at least ${SPREAD_MIN_MINUTES} minutes.`;
  if (minutes > SPREAD_MAX_MINUTES)
    return `Spread a campaign over at most ${SPREAD_MAX_MINUTES / 1440} days.`;
  return null;
}

export function formatDuration(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return (
    [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min'
  );
}

/** A set of recipients that share their sending windows (a country, or the whole audience). */
export interface SpreadGroup {
  remaining: number;
  /** Milliseconds until the deadline in which these recipients may be sent (quiet hours taken out). */
  openMs: number;
  /** Whether they may be sent right now. */
  openNow: boolean;
}

/** Below this much time left, a group is sent at the full rate: dividing by almost nothing means nothing. */
const LAST_SECOND_MS = 1000;

/**
 * Messages per second so that every group still to send finishes by the deadline: the sum, over
 * the groups open now, of what they have left over the open time they have left. Groups in quiet
 * hours now contribute nothing until they open; past the deadline (or with no open time left) a
 * group goes at the full rate. Never above maxRate, never below a small positive floor.
 */
export function spreadRate(groups: readonly SpreadGroup[], maxRate: number): number {
  let rate = 0;
  for (const g of groups) {
    if (!g.openNow || g.remaining <= 0) continue;
    if (g.openMs < LAST_SECOND_MS) return maxRate;
    rate += g.remaining / (g.openMs / 1000);
  }
  // A floor keeps the token bucket valid (it needs a positive rate) when nothing is open.
  return Math.min(maxRate, Math.max(rate, 1e-6));
}
