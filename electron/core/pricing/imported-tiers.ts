import { basename } from 'node:path';
import { z } from 'zod';
import { CoreError } from '../../../shared/api';
import { readPriceFile } from './read-price-file';
import type { VolumeTiers } from '../../../shared/domain/pricing';
import type { Store } from '../db/connection';
import { parseVolumeTiers } from './tier-csv';

/** Meta's volume tiers as imported, by the day they apply and their currency, in one setting. */
const SETTINGS_KEY = 'pricing.volumeTiers';
const MAX_SETS = 40;

export interface TierSet {
  effectiveDate: string;
  currency: string;
  source: string;
  tiers: VolumeTiers;
}

const tier = z.object({
  from: z.number().int().min(1),
  to: z.number().int().min(1).nullable(),
  price: z.number().min(0),
});
const stored = z.array(
  z.object({
    effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    currency: z.string().regex(/^[A-Z]{3}$/),
    source: z.string(),
    tiers: z.record(
      z.string(),
      z.object({ UTILITY: z.array(tier).optional(), AUTHENTICATION: z.array(tier).optional() }),
    ),
  }),
);

export function loadTierSets(store: Store): TierSet[] {
  const row = store.sqlite
    .prepare('SELECT value_json FROM settings WHERE key = ?')
    .get(SETTINGS_KEY) as { value_json: string } | undefined;
  if (!row) return [];
  try {
    const parsed = stored.safeParse(JSON.parse(row.value_json));
    // A damaged setting prices at list rates rather than blocking every estimate.
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The tiers in force on `day` for a card in `currency`: the newest set on or before it. */
export function tiersInForce(store: Store, day: string, currency: string): TierSet | undefined {
  return loadTierSets(store)
    .filter((s) => s.currency === currency && s.effectiveDate <= day)
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate))
    .at(-1);
}

export function importTierSet(
  store: Store,
  input: {
    path: string;
    fileName?: string | undefined;
    effectiveDate?: string | undefined;
    currency?: string | undefined;
  },
  now: number,
): TierSet {
  const text = readPriceFile(
    input.path,
    input.fileName || input.path,
    'a tier file',
    'the volume tiers',
  );
  // Meta's tier file does not say its date or currency in a way we know: both are asked for.
  if (!input.effectiveDate || !input.currency)
    throw new CoreError(
      'VALIDATION',
      'Say from when these tiers apply and in which currency (for example 2026-10-01 and USD), as on Meta’s pricing page.',
    );
  const set: TierSet = {
    effectiveDate: input.effectiveDate,
    currency: input.currency.toUpperCase(),
    source: `Imported from ${input.fileName || basename(input.path)} on ${new Date(now).toISOString().slice(0, 10)}`,
    tiers: parseVolumeTiers(text),
  };
  const kept = loadTierSets(store).filter(
    (s) => !(s.effectiveDate === set.effectiveDate && s.currency === set.currency),
  );
  if (kept.length >= MAX_SETS)
    throw new CoreError(
      'CONFLICT',
      `You have ${kept.length} imported tier files; that is the most kept.`,
    );
  const value_json = JSON.stringify([...kept, set]);
  store.tx(() =>
    store.run(
      store.q
        .insertInto('settings')
        .values({ key: SETTINGS_KEY, value_json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value_json })),
    ),
  );
  return set;
}
