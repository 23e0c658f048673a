import type { QuietCountry, QuietWaiting } from '../../../shared/api';
import {
  countryName,
  isQuietInAny,
  nextClosingInAny,
  nextOpeningInAll,
  zoneRule,
  type QuietWindow,
} from '../../../shared/domain/pacing';

/**
 * Quiet hours in the send loop. Recipients are grouped by country (the unit a zone is known for);
 * each group is quiet or open at a given instant, and the loop claims only from open groups.
 */
export interface QuietGroup {
  /** The country code, or '' for numbers without a country. */
  key: string;
  country: string | null;
  rule: QuietCountry['rule'];
  /** The zones that must all be open for these recipients to be sent (none: never held back). */
  zones: string[];
  /** The one zone they are timed by, when there is one (for display). */
  zone: string | null;
}

export function quietGroup(
  country: string | null,
  chosen: Readonly<Record<string, string>>,
  fallbackCountry: string | null,
): QuietGroup {
  const key = country ?? '';
  const own = zoneRule(country, chosen);
  if (own.kind !== 'none')
    return {
      key,
      country,
      rule: own.kind,
      zones: own.zones,
      zone: own.zones.length === 1 ? own.zones[0] : null,
    };
  // No country of its own (or one without zones): timed like the campaign's or account's country.
  const fallback = zoneRule(fallbackCountry, chosen);
  if (fallback.kind !== 'none')
    return {
      key,
      country,
      rule: 'fallback',
      zones: fallback.zones,
      zone: fallback.zones.length === 1 ? fallback.zones[0] : null,
    };
  return { key, country, rule: 'none', zones: [], zone: null };
}

export interface GroupState {
  quiet: boolean;
  /** Now when open; null when it never opens (zones too far apart for the window). */
  opensAt: number | null;
  /** When it next falls quiet (now when quiet); null when never. */
  closesAt: number | null;
}

export function groupState(window: QuietWindow | null, g: QuietGroup, now: number): GroupState {
  if (!window || g.zones.length === 0) return { quiet: false, opensAt: now, closesAt: null };
  if (isQuietInAny(window, g.zones, now))
    return { quiet: true, opensAt: nextOpeningInAll(window, g.zones, now), closesAt: now };
  return { quiet: false, opensAt: now, closesAt: nextClosingInAny(window, g.zones, now) };
}

export interface GateState {
  anyQuiet: boolean;
  /** Keys of the open groups, the ones falling quiet soonest first. */
  open: string[];
  /** Keys of the quiet groups. */
  quiet: string[];
  states: ReadonlyMap<string, GroupState>;
}

/** Even when no change is due, states are recomputed this often (a safety net for odd DST rules). */
const RECHECK_MS = 60_000;

/**
 * The groups' states at an instant, cached until the next opening or closing of any group (or a
 * minute), so the loop pays for Intl only when something can have changed.
 */
export function createQuietGate(window: QuietWindow | null, groups: readonly QuietGroup[]) {
  let cached: { at: number; validUntil: number; state: GateState } | null = null;
  const compute = (now: number): GateState => {
    const states = new Map<string, GroupState>();
    let next = now + RECHECK_MS;
    for (const g of groups) {
      const s = groupState(window, g, now);
      states.set(g.key, s);
      const change = s.quiet ? s.opensAt : s.closesAt;
      if (change !== null && change > now) next = Math.min(next, change);
    }
    const open = groups.filter((g) => !states.get(g.key)!.quiet);
    open.sort(
      (a, b) =>
        (states.get(a.key)!.closesAt ?? Infinity) - (states.get(b.key)!.closesAt ?? Infinity),
    );
    const quiet = groups.filter((g) => states.get(g.key)!.quiet).map((g) => g.key);
    cached = {
      at: now,
      validUntil: next,
      state: { anyQuiet: quiet.length > 0, open: open.map((g) => g.key), quiet, states },
    };
    return cached.state;
  };
  return {
    enabled: window !== null,
    at(now: number): GateState {
      // A clock that stepped back invalidates the cache too.
      if (cached && now >= cached.at && now < cached.validUntil) return cached.state;
      return compute(now);
    },
  };
}

/** Who waits for quiet hours to end, by group, from the pending counts per country. */
export function quietWaiting(
  groups: readonly QuietGroup[],
  state: GateState,
  pending: ReadonlyMap<string, number>,
): QuietWaiting | null {
  const waiting = groups
    .filter((g) => state.states.get(g.key)?.quiet && (pending.get(g.key) ?? 0) > 0)
    .map((g) => ({
      country: g.country,
      name: g.country ? countryName(g.country) : 'No country',
      zone: g.zone,
      recipients: pending.get(g.key) ?? 0,
      until: state.states.get(g.key)?.opensAt ?? null,
    }))
    .sort((a, b) => (a.until ?? Infinity) - (b.until ?? Infinity) || b.recipients - a.recipients);
  if (waiting.length === 0) return null;
  const opens = waiting.map((w) => w.until).filter((u): u is number => u !== null);
  return {
    recipients: waiting.reduce((n, w) => n + w.recipients, 0),
    until: opens.length ? Math.min(...opens) : null,
    groups: waiting,
  };
}
