import { z } from 'zod';
import { CoreError, type CostEstimate, type EffectiveRateCard } from '../../../shared/api';
import {
  applyRateEdits,
  BUNDLED_RATE_CARD,
  estimateCost,
  PRICED_CATEGORIES,
  type RateEdits,
} from '../../../shared/domain/pricing';
import type { Store } from '../db/connection';

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

export function effectiveRateCard(store: Store): EffectiveRateCard {
  const edits = loadRateEdits(store);
  const card = applyRateEdits(BUNDLED_RATE_CARD, edits);
  const editedMarkets = card.markets
    .filter((m) => {
      const original = BUNDLED_RATE_CARD.markets.find((b) => b.id === m.id);
      return (
        original !== undefined && PRICED_CATEGORIES.some((c) => original.prices[c] !== m.prices[c])
      );
    })
    .map((m) => m.id);
  return { ...card, edited: editedMarkets.length > 0, editedMarkets };
}

export function setRates(
  store: Store,
  input: { prices?: RateEdits | undefined; reset?: boolean | undefined },
): EffectiveRateCard {
  const known = new Set(BUNDLED_RATE_CARD.markets.map((m) => m.id));
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
  return effectiveRateCard(store);
}

export function costEstimate(
  store: Store,
  args: {
    campaignId: number;
    category: string | null;
    validByCountry: ReadonlyMap<string | null, number>;
    excluded: number;
    unavailable: string | null;
  },
): CostEstimate {
  const card = effectiveRateCard(store);
  const byCountry = [...args.validByCountry].map(([country, messages]) => ({ country, messages }));
  const breakdown = estimateCost(card, args.category ?? 'MARKETING', byCountry);
  return {
    ...breakdown,
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
