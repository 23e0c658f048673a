import type { PricedCategory } from './rate-card';

/**
 * Meta's volume tiers (VERIFIED: "Volume tiers" of its pricing page, updated Mar 30, 2026): lower
 * utility and authentication rates by the number of CHARGED messages a business portfolio sent in
 * a calendar month (WABA time zone), per market and category. Rates are tier-specific: a message is
 * priced at the tier it falls in ("list rate for the first A messages, tier rate 1 for A+1 to B").
 * Marketing has no tiers. The thresholds and rates are in Meta's rate-card files, not on the page,
 * and none were found from here: the bundled card has none, so they come from an imported card.
 */

export const TIERED_CATEGORIES = ['UTILITY', 'AUTHENTICATION'] as const;
export type TieredCategory = (typeof TIERED_CATEGORIES)[number];

export interface VolumeTier {
  /** The first message of the month priced at this tier (1-based, as Meta's "25000001:50000000"). */
  from: number;
  /** The last one, inclusive; null = no upper bound. */
  to: number | null;
  price: number;
}

/** Tiers by market id, then category; a market or category without tiers is priced at list rate. */
export type VolumeTiers = Readonly<
  Record<string, Partial<Record<TieredCategory, readonly VolumeTier[]>>>
>;

export const isTiered = (c: PricedCategory): c is TieredCategory =>
  (TIERED_CATEGORIES as readonly string[]).includes(c);

/**
 * Meta's tier notation, "25000001:50000000" (webhook `volume_tier_info.tier`); "0:MAX" or an upper
 * bound of MAX means none. Null for anything else.
 */
export function parseTierRange(text: string): { from: number; to: number | null } | null {
  const m = /^\s*(\d{1,12})\s*:\s*(\d{1,12}|MAX)\s*$/i.exec(text);
  if (!m) return null;
  const from = Math.max(1, Number(m[1]));
  const to = m[2]!.toUpperCase() === 'MAX' ? null : Number(m[2]);
  if (to !== null && to < from) return null;
  return { from, to };
}

/** Problems with a tier list, in words; empty when it can price. */
export function tierProblems(tiers: readonly VolumeTier[]): string[] {
  const problems: string[] = [];
  const sorted = [...tiers].sort((a, b) => a.from - b.from);
  sorted.forEach((t, i) => {
    if (!Number.isFinite(t.price) || t.price < 0) problems.push(`tier ${t.from}: no valid price`);
    const next = sorted[i + 1];
    if (next && (t.to === null || t.to >= next.from))
      problems.push(`tiers ${t.from} and ${next.from} overlap`);
  });
  return problems;
}

/**
 * What `messages` more messages cost, in millionths, when `already` were charged this month in
 * the same market and category: each message at the tier it falls in, at `listMicro` where no tier
 * covers it. Bounded by the number of tiers, not of messages.
 */
export function graduatedMicro(
  listMicro: number,
  tiers: readonly VolumeTier[],
  already: number,
  messages: number,
): number {
  if (messages <= 0) return 0;
  const first = already + 1;
  const last = already + messages;
  let covered = 0;
  let total = 0;
  for (const t of tiers) {
    const lo = Math.max(first, t.from);
    const hi = Math.min(last, t.to ?? last);
    if (hi < lo) continue;
    const n = hi - lo + 1;
    covered += n;
    total += n * Math.round(t.price * 1_000_000);
  }
  return total + (messages - covered) * listMicro;
}
