import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  marketFor,
  OTHER_MARKET_ID,
  regionIdByName,
  type MonthVolume,
  type RateCard,
  type TieredCategory,
} from '../../../shared/domain/pricing';
import type { TierObservation } from '../../../shared/domain/status';
import { countryByName } from './meta-card-csv';

/**
 * Where the business stands in Meta's volume tiers for a month (see shared/domain/pricing/
 * volume-tiers.ts): the larger of what our own sends say (delivered messages Meta reported as
 * billable, counted per market) and what Meta's tier webhooks say (reaching tier "A:B" means A-1
 * charged messages before). Meta counts per business portfolio, so every account of the
 * campaign's portfolio counts; an account without a known portfolio counts alone.
 * ASSUMED: the month is a UTC calendar month (Meta uses the WABA's time zone). Messages whose
 * report had no pricing are not counted: the estimate stays an upper bound.
 */

/** Stores Meta's tier webhook for each account of its WABA (or the batch's account). */
export function createTierRecorder(db: SqliteDatabase) {
  const accountsOfWaba = db.prepare<[string]>('SELECT id FROM accounts WHERE waba_id = ?');
  const upsert = db.prepare(
    `INSERT INTO volume_tiers (account_id, month, category, region, tier_from, tier_to, reached_at, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, month, category, region, tier_from) DO UPDATE SET
       reached_at = min(reached_at, excluded.reached_at)`,
  );
  return (o: TierObservation, batchAccount: number | null, receivedAt: number): number => {
    const ids = o.wabaId ? (accountsOfWaba.all(o.wabaId) as { id: number }[]).map((a) => a.id) : [];
    const accounts = ids.length > 0 ? ids : batchAccount !== null ? [batchAccount] : [];
    for (const id of accounts)
      upsert.run(id, o.month, o.category, o.region, o.tierFrom, o.tierTo, o.at * 1000, receivedAt);
    return accounts.length;
  };
}

/** The market id a webhook's `region` names on this card ("India" → IN, "Rest of Africa" → …). */
export function marketOfRegion(card: RateCard, region: string): string | null {
  const regionId = regionIdByName(region);
  if (regionId) return regionId;
  const lower = region.trim().toLowerCase();
  if (lower === 'other' || lower === 'rest of the world') return OTHER_MARKET_ID;
  const country = countryByName(region);
  return country ? marketFor(card, country).id : null;
}

const monthOf = (at: number): string => new Date(at).toISOString().slice(0, 7);
const monthStart = (at: number): number => {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};

const BILLED_AS: Record<TieredCategory, readonly string[]> = {
  UTILITY: ['utility'],
  AUTHENTICATION: ['authentication', 'authentication_international'],
};

/** The month-so-far counts for a send of `accountId` at `at`, priced on `card`. */
export function monthVolume(
  db: SqliteDatabase,
  accountId: number | null,
  at: number,
  card: RateCard,
): MonthVolume {
  if (accountId === null) return () => 0;
  const accounts = (
    db
      .prepare(
        `SELECT b.id FROM accounts a JOIN accounts b
           ON b.id = a.id OR (a.business_portfolio_id IS NOT NULL AND b.business_portfolio_id = a.business_portfolio_id)
         WHERE a.id = ?`,
      )
      .all(accountId) as { id: number }[]
  ).map((a) => a.id);
  const marks = accounts.map(() => '?').join(', ');
  const own = db
    .prepare(
      `SELECT r.country, r.billing_category AS category, count(*) AS n
       FROM campaigns c JOIN recipients r ON r.campaign_id = c.id
       WHERE c.account_id IN (${marks}) AND r.billable = 1 AND r.state IN ('delivered', 'read')
         AND r.delivered_at >= ? AND r.delivered_at < ?
       GROUP BY 1, 2`,
    )
    .all(...accounts, monthStart(at), at) as {
    country: string | null;
    category: string | null;
    n: number;
  }[];
  const webhook = db
    .prepare(
      `SELECT category, region, max(tier_from) AS tier_from FROM volume_tiers
       WHERE account_id IN (${marks}) AND month = ? GROUP BY 1, 2`,
    )
    .all(...accounts, monthOf(at)) as { category: string; region: string; tier_from: number }[];
  const counts = new Map<string, number>();
  const key = (market: string, category: TieredCategory) => `${market}\u0000${category}`;
  for (const category of ['UTILITY', 'AUTHENTICATION'] as const) {
    for (const r of own) {
      if (!BILLED_AS[category].includes(r.category ?? '')) continue;
      const k = key(marketFor(card, r.country).id, category);
      counts.set(k, (counts.get(k) ?? 0) + r.n);
    }
    for (const w of webhook) {
      if (w.category !== category) continue;
      const market = marketOfRegion(card, w.region);
      if (!market) continue;
      const k = key(market, category);
      counts.set(k, Math.max(counts.get(k) ?? 0, w.tier_from - 1));
    }
  }
  return (market, category) => counts.get(key(market, category)) ?? 0;
}
