import type { ChargedCost } from '../../../shared/api';
import { estimateCost } from '../../../shared/domain/pricing';
import type { Store } from '../db/connection';
import { effectiveRateCard } from './rates';

/**
 * Meta's billing categories (status `pricing.category`) as the rate card's columns. marketing_lite
 * (the Marketing Messages API) is priced as marketing, authentication_international as
 * authentication: assumed, the card has no separate column for either.
 */
const CARD_CATEGORY: Record<string, string> = {
  marketing: 'MARKETING',
  marketing_lite: 'MARKETING',
  utility: 'UTILITY',
  authentication: 'AUTHENTICATION',
  authentication_international: 'AUTHENTICATION',
};

interface Row {
  delivered: number;
  billable: number | null;
  type: string | null;
  category: string | null;
  country: string | null;
  n: number;
}

/**
 * What the delivery reports say a campaign is charged; null while none carried pricing. Meta puts
 * `billable: true` on `sent` already, but charges a template message only once it is delivered
 * (cloud-api.md §10): a billable message not delivered (yet) is counted apart, never as charged.
 * `category` is the template's, for the estimate of the delivered messages beside it.
 */
export function chargedCost(
  store: Store,
  campaignId: number,
  category: string | null,
  /** When the campaign sent: the card in force that day estimates the delivered messages. */
  at: number,
): ChargedCost | null {
  const rows = store.sqlite
    .prepare(
      `SELECT state IN ('delivered', 'read') AS delivered, billable, billing_type AS type,
         billing_category AS category, country, count(*) AS n
       FROM recipients WHERE campaign_id = ? AND (billable IS NOT NULL OR billing_type IS NOT NULL)
       GROUP BY 1, 2, 3, 4, 5`,
    )
    .all(campaignId) as Row[];
  const deliveredByCountry = store.sqlite
    .prepare(
      `SELECT country, count(*) AS messages FROM recipients
       WHERE campaign_id = ? AND state IN ('delivered', 'read') GROUP BY country`,
    )
    .all(campaignId) as { country: string | null; messages: number }[];
  const { unreported } = store.sqlite
    .prepare(
      `SELECT count(*) AS unreported FROM recipients
       WHERE campaign_id = ? AND state IN ('delivered', 'read') AND billable IS NULL AND billing_type IS NULL`,
    )
    .get(campaignId) as { unreported: number };
  const card = effectiveRateCard(store, at);
  const delivered = estimateCost(card, category ?? 'MARKETING', deliveredByCountry);
  const base = {
    ...empty(),
    unreported,
    delivered: delivered.messages,
    estimatedForDelivered: delivered.total,
  };
  if (rows.length === 0) return unreported > 0 ? base : null;

  const out = base;
  const billableByCategory = new Map<string, { country: string | null; messages: number }[]>();
  for (const r of rows) {
    out.reported += r.n;
    // Meta's type says why a message is free; `billable: false` alone (older payloads) is "other".
    if (r.type === 'free_customer_service') out.free.customerService += r.n;
    else if (r.type === 'free_entry_point') out.free.entryPoint += r.n;
    else if (r.billable === 0 || r.category === 'service') out.free.other += r.n;
    else if (!r.delivered) out.awaitingDelivery += r.n;
    else {
      out.billable += r.n;
      const key = r.category ?? 'marketing';
      const list = billableByCategory.get(key) ?? [];
      list.push({ country: r.country, messages: r.n });
      billableByCategory.set(key, list);
    }
  }
  for (const [billed, byCountry] of billableByCategory) {
    const priced = estimateCost(card, CARD_CATEGORY[billed] ?? 'MARKETING', byCountry);
    out.byCategory.push({ category: billed, messages: priced.messages, cost: priced.total });
  }
  out.byCategory.sort((a, b) => b.cost - a.cost);
  // Added in millionths, as the estimate is, so the total is exact.
  out.cost = out.byCategory.reduce((sum, c) => sum + Math.round(c.cost * 1e6), 0) / 1e6;
  return out;
}

const empty = (): ChargedCost => ({
  reported: 0,
  billable: 0,
  free: { customerService: 0, entryPoint: 0, other: 0 },
  byCategory: [],
  cost: 0,
  unreported: 0,
  awaitingDelivery: 0,
  delivered: 0,
  estimatedForDelivered: 0,
});
