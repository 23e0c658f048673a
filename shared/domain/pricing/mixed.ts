import {
  estimateCost,
  type CostBreakdown,
  type CountryCost,
  type MonthVolume,
  type VolumeUse,
} from './estimate';
import type { RateCard } from './rate-card';

const MICRO = 1_000_000;
const micro = (usd: number): number => Math.round(usd * MICRO);

export interface PricedPart {
  /** The template category this part is priced at (one A/B variant's template). */
  category: string;
  byCountry: readonly { country: string | null; messages: number }[];
}

/**
 * Several groups of messages priced at their own categories (the variants of an A/B split), added up
 * per country in millionths of a dollar so totals stay exact. A country whose parts differ in category
 * shows the average price per message. `category` is the first part's, `categoryAssumed` true if any
 * part's category was not one Meta prices.
 */
export function estimateMixedCost(
  card: RateCard,
  parts: readonly PricedPart[],
  monthVolume?: MonthVolume,
): CostBreakdown & { parts: CostBreakdown[] } {
  // Parts of one tiered category accrue together: each starts where the previous one left off.
  const used = new Map<string, number>();
  const priced = parts.map((p) => {
    const e = estimateCost(card, p.category, p.byCountry, (market, category) => {
      const k = `${market}\u0000${category}`;
      return (monthVolume?.(market, category) ?? 0) + (used.get(k) ?? 0);
    });
    for (const v of e.volume ?? []) {
      const k = `${v.marketId}\u0000${e.category}`;
      used.set(k, (used.get(k) ?? 0) + v.messages);
    }
    return e;
  });
  const volume = mergeVolume(priced);
  const byCountry = new Map<string | null, { row: CountryCost; costMicro: number }>();
  let totalMicro = 0;
  for (const part of priced) {
    totalMicro += micro(part.total);
    for (const c of part.countries) {
      const entry = byCountry.get(c.country) ?? {
        row: { ...c, messages: 0, cost: 0 },
        costMicro: 0,
      };
      entry.row.messages += c.messages;
      entry.costMicro += micro(c.cost);
      byCountry.set(c.country, entry);
    }
  }
  const countries = [...byCountry.values()]
    .map(({ row, costMicro }) => ({
      ...row,
      cost: costMicro / MICRO,
      unitPrice: Math.round(costMicro / row.messages) / MICRO,
    }))
    .sort(
      (a, b) =>
        b.cost - a.cost ||
        b.messages - a.messages ||
        String(a.country).localeCompare(String(b.country)),
    );
  return {
    category: priced[0]?.category ?? 'MARKETING',
    categoryAssumed: priced.some((p) => p.categoryAssumed),
    messages: priced.reduce((n, p) => n + p.messages, 0),
    total: totalMicro / MICRO,
    countries,
    ...(volume.length > 0 && { volume }),
    parts: priced,
  };
}

/** The volume tier use of all parts, per market, from the first part's starting count. */
function mergeVolume(priced: readonly CostBreakdown[]): VolumeUse[] {
  const byMarket = new Map<string, VolumeUse>();
  for (const p of priced)
    for (const v of p.volume ?? []) {
      const seen = byMarket.get(v.marketId);
      if (seen) seen.messages += v.messages;
      else byMarket.set(v.marketId, { ...v });
    }
  return [...byMarket.values()];
}
