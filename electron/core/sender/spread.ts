import {
  openMillisBetween,
  spreadRate,
  type QuietWindow,
  type SpreadGroup,
} from '../../../shared/domain/pacing';
import type { GateState, QuietGroup } from './quiet-hours';

/**
 * How spreading combines with quiet hours: each country has only the hours it is awake before the
 * deadline, so its rate is what it has left over its own open time, and the campaign's rate is the
 * sum over the countries awake now. A country asleep now adds nothing until it wakes; one that
 * never wakes before the deadline waits for its window and then goes at the account's rate.
 *
 * Null when nobody can be sent now (all sent, or all asleep): there is nothing to pace, and a
 * near-zero rate there would keep the loop waiting for a token instead of finding out that the
 * campaign is finished or that everyone left waits for quiet hours (the "50 of 50 handled · 0/s"
 * campaign that never completed).
 */
export function spreadRateNow(options: {
  now: number;
  deadline: number;
  maxRate: number;
  window: QuietWindow | null;
  groups: readonly QuietGroup[];
  gate: GateState | null;
  /** Pending recipients per group key; the total under the key '*' without quiet hours. */
  pending: ReadonlyMap<string, number>;
}): number | null {
  const { now, deadline, maxRate, window } = options;
  if (!window || !options.gate) {
    let total = 0;
    for (const n of options.pending.values()) total += n;
    if (total <= 0) return null;
    return spreadRate([{ remaining: total, openMs: deadline - now, openNow: true }], maxRate);
  }
  const groups: SpreadGroup[] = options.groups.map((g) => {
    const remaining = options.pending.get(g.key) ?? 0;
    const openNow = !options.gate!.states.get(g.key)?.quiet;
    // Only the groups sent now matter, and only those need the (Intl-heavy) open-time count.
    const openMs =
      !openNow || remaining === 0
        ? 0
        : g.zones.length === 0
          ? deadline - now
          : openMillisBetween(window, g.zones, now, deadline);
    return { remaining, openMs, openNow };
  });
  if (!groups.some((g) => g.openNow && g.remaining > 0)) return null;
  return spreadRate(groups, maxRate);
}
