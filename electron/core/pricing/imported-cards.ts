import { basename } from 'node:path';
import { z } from 'zod';
import { CoreError } from '../../../shared/api';
import { readPriceFile } from './read-price-file';
import type { RateCard } from '../../../shared/domain/pricing';
import type { Store } from '../db/connection';
import { parseMetaRateCard } from './meta-card-csv';

/** Cards the user imported from Meta's pricing page, kept whole in one setting. */
const SETTINGS_KEY = 'pricing.importedCards';
/** A card a quarter for ten years is far more than anyone keeps. */
const MAX_CARDS = 40;

const price = z.number().min(0);
const storedCards = z.array(
  z.object({
    effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    currency: z.string().regex(/^[A-Z]{3}$/),
    source: z.string(),
    markets: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          countries: z.array(z.string()),
          prices: z.object({ MARKETING: price, UTILITY: price, AUTHENTICATION: price }),
        }),
      )
      .min(1),
  }),
);

export function loadImportedCards(store: Store): RateCard[] {
  const row = store.sqlite
    .prepare('SELECT value_json FROM settings WHERE key = ?')
    .get(SETTINGS_KEY) as { value_json: string } | undefined;
  if (!row) return [];
  try {
    const parsed = storedCards.safeParse(JSON.parse(row.value_json));
    // A damaged setting falls back to the bundled card rather than blocking every estimate.
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function save(store: Store, cards: RateCard[]) {
  const value_json = JSON.stringify(cards);
  store.tx(() =>
    store.run(
      store.q
        .insertInto('settings')
        .values({ key: SETTINGS_KEY, value_json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value_json })),
    ),
  );
}

/** Reads Meta's CSV and keeps it; a card of the same day and currency is replaced. */
export function importRateCard(
  store: Store,
  input: {
    path: string;
    fileName?: string | undefined;
    effectiveDate?: string | undefined;
    currency?: string | undefined;
  },
  now: number,
): RateCard {
  const text = readPriceFile(
    input.path,
    input.fileName || input.path,
    'a rate card',
    'the rate card',
  );
  const card = parseMetaRateCard(text, {
    effectiveDate: input.effectiveDate,
    currency: input.currency,
    source: `Imported from ${input.fileName || basename(input.path)} on ${new Date(now).toISOString().slice(0, 10)}`,
  });
  const kept = loadImportedCards(store).filter(
    (c) => !(c.effectiveDate === card.effectiveDate && c.currency === card.currency),
  );
  if (kept.length >= MAX_CARDS)
    throw new CoreError(
      'CONFLICT',
      `You have ${kept.length} imported rate cards; remove an old one first.`,
    );
  save(store, [...kept, card]);
  return card;
}

export function removeRateCard(
  store: Store,
  input: { effectiveDate: string; currency?: string | undefined },
): number {
  const cards = loadImportedCards(store);
  const kept = cards.filter(
    (c) =>
      !(
        c.effectiveDate === input.effectiveDate &&
        (input.currency === undefined || c.currency === input.currency.toUpperCase())
      ),
  );
  if (kept.length === cards.length)
    throw new CoreError(
      'NOT_FOUND',
      `No imported rate card took effect on ${input.effectiveDate}. The bundled card cannot be removed.`,
    );
  save(store, kept);
  return cards.length - kept.length;
}
