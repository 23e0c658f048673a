import {
  OTHER_MARKET_ID,
  PRICED_CATEGORIES,
  type Market,
  type PricedCategory,
  type Prices,
  type RateCard,
} from './rate-card';
import { graduatedMicro, isTiered, type TieredCategory } from './volume-tiers';

/** The user's own prices, by market id, layered over the bundled card. */
export type RateEdits = Record<string, Partial<Prices>>;

export interface CountryCost {
  /** ISO alpha-2, or null for numbers without a country (e.g. +800 international numbers). */
  country: string | null;
  marketId: string;
  marketName: string;
  messages: number;
  unitPrice: number;
  cost: number;
}

export interface CostBreakdown {
  category: PricedCategory;
  /** True when the template's category is not one Meta prices, so marketing rates were assumed. */
  categoryAssumed: boolean;
  messages: number;
  total: number;
  countries: CountryCost[];
  /** Markets priced on Meta's volume tiers: how many were charged this month before these. */
  volume?: VolumeUse[];
}

export interface VolumeUse {
  marketId: string;
  marketName: string;
  /** Charged messages of the month in this market and category before this campaign's. */
  already: number;
  messages: number;
}

/** The month's count so far, per market and tiered category (our own sends, Meta's tier webhook). */
export type MonthVolume = (marketId: string, category: TieredCategory) => number;

/** Applies edits; unknown market ids and negative or non-finite prices are ignored, never trusted. */
export function applyRateEdits(card: RateCard, edits: RateEdits): RateCard {
  return {
    ...card,
    markets: card.markets.map((market) => {
      const edit = edits[market.id];
      if (!edit) return market;
      const prices: Prices = { ...market.prices };
      for (const c of PRICED_CATEGORIES) {
        const v = edit[c];
        if (typeof v === 'number' && Number.isFinite(v) && v >= 0) prices[c] = v;
      }
      return { ...market, prices };
    }),
  };
}

/** The market a country is billed in; countries the card does not list go to the catch-all row. */
export function marketFor(card: RateCard, country: string | null): Market {
  const upper = country?.toUpperCase();
  const listed = upper ? card.markets.find((m) => m.countries.includes(upper)) : undefined;
  const other =
    card.markets.find((m) => m.id === OTHER_MARKET_ID) ?? card.markets[card.markets.length - 1];
  if (!listed && !other) throw new Error('A rate card needs at least one market.');
  return (listed ?? other) as Market;
}

export function pricedCategory(category: string): { category: PricedCategory; assumed: boolean } {
  const upper = category.toUpperCase();
  const known = PRICED_CATEGORIES.find((c) => c === upper);
  // Meta may re-categorise a template; the most expensive common category keeps an estimate honest.
  return known ? { category: known, assumed: false } : { category: 'MARKETING', assumed: true };
}

// Money is added up in millionths of a dollar, so a million messages at $0.0529 total exactly.
const MICRO = 1_000_000;
const toMicro = (usd: number): number => Math.round(usd * MICRO);

/**
 * What sending costs if every message is delivered (Meta charges delivered template messages only,
 * so this is an upper bound), by country, most expensive first.
 */
export function estimateCost(
  card: RateCard,
  templateCategory: string,
  byCountry: readonly { country: string | null; messages: number }[],
  /** Without it, or on a card without tiers, every message is at the list rate. */
  monthVolume?: MonthVolume,
): CostBreakdown {
  const { category, assumed } = pricedCategory(templateCategory);
  const countries: CountryCost[] = [];
  const volume = new Map<string, VolumeUse>();
  let totalMicro = 0;
  let messages = 0;
  for (const row of byCountry) {
    if (row.messages <= 0) continue;
    const market = marketFor(card, row.country);
    const list = toMicro(market.prices[category]);
    const tiers = isTiered(category) ? card.tiers?.[market.id]?.[category] : undefined;
    let costMicro = list * row.messages;
    if (tiers && tiers.length > 0 && isTiered(category)) {
      // Tiers count per market: the countries of one region accrue together, in the order given.
      const use = volume.get(market.id) ?? {
        marketId: market.id,
        marketName: market.name,
        already: Math.max(0, Math.floor(monthVolume?.(market.id, category) ?? 0)),
        messages: 0,
      };
      costMicro = graduatedMicro(list, tiers, use.already + use.messages, row.messages);
      use.messages += row.messages;
      volume.set(market.id, use);
    }
    totalMicro += costMicro;
    messages += row.messages;
    countries.push({
      country: row.country,
      marketId: market.id,
      marketName: market.name,
      messages: row.messages,
      unitPrice: Math.round(costMicro / row.messages) / MICRO,
      cost: costMicro / MICRO,
    });
  }
  countries.sort(
    (a, b) =>
      b.cost - a.cost ||
      b.messages - a.messages ||
      String(a.country).localeCompare(String(b.country)),
  );
  return {
    category,
    categoryAssumed: assumed,
    messages,
    total: totalMicro / MICRO,
    countries,
    ...(volume.size > 0 && { volume: [...volume.values()] }),
  };
}
