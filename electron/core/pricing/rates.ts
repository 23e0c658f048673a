import { z } from 'zod';
import { CoreError, type CostEstimate, type EffectiveRateCard } from '../../../shared/api';
import {
  applyRateEdits,
  BUNDLED_RATE_CARDS,
  cardInForce,
  cardOnDay,
  caveatsFor,
  estimateCost,
  PRICED_CATEGORIES,
  PRICING_CHANGES,
  reportedRuleCaveats,
  type CostBreakdown,
  type MonthVolume,
  type RateCard,
  type RateEdits,
} from '../../../shared/domain/pricing';
import type { Store } from '../db/connection';
import { loadImportedCards } from './imported-cards';
import { tiersInForce } from './imported-tiers';
import { monthVolume } from './volume';

/**
 * The user's price edits live in the settings table under one key, layered over the bundled card.
 * Only the edits are stored, so a newer bundled card still reaches every market the user left alone.
 */
const SETTINGS_KEY = 'pricing.rateEdits';

const storedEdits = z.record(
  z.string(),
  z.object({
    MARKETING: z.number().min(0).optional(),
    UTILITY: z.number().min(0).optional(),
    AUTHENTICATION: z.number().min(0).optional(),
  }),
);

export function loadRateEdits(store: Store): RateEdits {
  const row = store.first(
    store.q.selectFrom('settings').select('value_json').where('key', '=', SETTINGS_KEY),
  );
  if (!row) return {};
  try {
    const parsed = storedEdits.safeParse(JSON.parse(row.value_json));
    // A damaged setting falls back to the bundled card rather than blocking estimates.
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Every card the app knows, bundled and imported, oldest first. */
export function allRateCards(store: Store): (RateCard & { imported: boolean })[] {
  return [
    ...BUNDLED_RATE_CARDS.map((c) => ({ ...c, imported: false })),
    ...loadImportedCards(store).map((c) => ({ ...c, imported: true })),
  ].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
}

/** The UTC day of an instant: which card was in force (see cardInForce). */
export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);

/**
 * The card in force on the day of `at` (the send date; now for a draft), with the user's edits.
 * An imported card of the same day replaces the bundled one (it comes later in the sort).
 */
export function effectiveRateCard(store: Store, at: number = Date.now()): EffectiveRateCard {
  const cards = allRateCards(store);
  const base = cardInForce(cards, dayOf(at));
  const { imported: _imported, ...dated } = base as RateCard & { imported?: boolean };
  const { card: structured, caveats, structureAsOf } = cardOnDay(dated, dayOf(at));
  const tierSet = tiersInForce(store, dayOf(at), structured.currency);
  const plain = tierSet ? { ...structured, tiers: tierSet.tiers } : structured;
  const card = applyRateEdits(plain, loadRateEdits(store));
  const editedMarkets = card.markets
    .filter((m) => {
      const original = plain.markets.find((b) => b.id === m.id);
      return (
        original !== undefined && PRICED_CATEGORIES.some((c) => original.prices[c] !== m.prices[c])
      );
    })
    .map((m) => m.id);
  return {
    ...card,
    edited: editedMarkets.length > 0,
    editedMarkets,
    inForceOn: dayOf(at),
    cards: cards.map((c) => ({
      effectiveDate: c.effectiveDate,
      currency: c.currency,
      source: c.source,
      imported: c.imported,
      markets: c.markets.length,
    })),
    structureAsOf,
    caveats,
    tiersFrom: tierSet ? { effectiveDate: tierSet.effectiveDate, source: tierSet.source } : null,
  };
}

/** Where the campaign's portfolio stands in Meta's volume tiers for its send month. */
export function campaignMonthVolume(
  store: Store,
  campaignId: number,
  at: number,
  card: RateCard,
): MonthVolume {
  const row = store.sqlite
    .prepare('SELECT account_id FROM campaigns WHERE id = ?')
    .get(campaignId) as { account_id: number | null } | undefined;
  return monthVolume(store.sqlite, row?.account_id ?? null, at, card);
}

/** When a campaign sends (or sent): the card of that day prices it. */
export function sendTimeOf(store: Store, campaignId: number, now: number): number {
  const row = store.sqlite
    .prepare('SELECT started_at, scheduled_at FROM campaigns WHERE id = ?')
    .get(campaignId) as { started_at: number | null; scheduled_at: number | null } | undefined;
  return row?.started_at ?? row?.scheduled_at ?? now;
}

export function setRates(
  store: Store,
  input: { prices?: RateEdits | undefined; reset?: boolean | undefined },
  now: number = Date.now(),
): EffectiveRateCard {
  const known = new Set([
    ...allRateCards(store).flatMap((c) => c.markets.map((m) => m.id)),
    // Countries Meta moved onto their own rows: a price can be given before a card lists them.
    ...PRICING_CHANGES.flatMap((c) => c.moves.filter((m) => m.to === 'own').map((m) => m.country)),
  ]);
  for (const id of Object.keys(input.prices ?? {})) {
    if (!known.has(id))
      throw new CoreError(
        'VALIDATION',
        `The rate card has no market "${id}". Markets: ${[...known].join(', ')}.`,
      );
  }
  store.tx(() => {
    const edits: RateEdits = input.reset ? {} : loadRateEdits(store);
    for (const [id, prices] of Object.entries(input.prices ?? {}))
      edits[id] = { ...edits[id], ...prices };
    const value_json = JSON.stringify(edits);
    store.run(
      store.q
        .insertInto('settings')
        .values({ key: SETTINGS_KEY, value_json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value_json })),
    );
  });
  return effectiveRateCard(store, now);
}

export function costEstimate(
  store: Store,
  args: {
    campaignId: number;
    category: string | null;
    validByCountry: ReadonlyMap<string | null, number>;
    excluded: number;
    unavailable: string | null;
    /** When it sends: the card in force that day prices it. */
    at: number;
  },
): CostEstimate {
  const card = effectiveRateCard(store, args.at);
  const byCountry = [...args.validByCountry].map(([country, messages]) => ({ country, messages }));
  const breakdown = estimateCost(
    card,
    args.category ?? 'MARKETING',
    byCountry,
    campaignMonthVolume(store, args.campaignId, args.at, card),
  );
  return {
    ...breakdown,
    caveats: estimateCaveats(card, breakdown),
    campaignId: args.campaignId,
    currency: card.currency,
    rateCardDate: card.effectiveDate,
    rateCardEdited: card.edited,
    excluded: args.excluded,
    note:
      `An estimate from the rate card dated ${card.effectiveDate}${card.edited ? ' with your own prices' : ''}, not an invoice. ` +
      'Meta charges per delivered template message, by template category and the recipient’s country code; ' +
      'messages that are not delivered cost nothing, and Meta changes its rates every quarter.',
    unavailable: args.unavailable,
  };
}

/** The card's caveats (and partner-reported rule changes) that concern this estimate's markets. */
export function estimateCaveats(
  card: EffectiveRateCard,
  breakdown: Pick<CostBreakdown, 'category' | 'countries'>,
): string[] {
  const markets = new Set(breakdown.countries.map((c) => c.marketId));
  return caveatsFor(
    [...card.caveats, ...reportedRuleCaveats(card.inForceOn)],
    markets,
    breakdown.category,
  );
}
