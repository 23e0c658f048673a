import { suppressedReason } from '../../../shared/domain/pacing';
import { isMarketing, US_MARKETING_SKIP } from '../../../shared/domain/reach';
import type { Store } from '../db/connection';
import { loadCampaignMessages } from '../templates/compose';

/**
 * At start, after the A/B draw: recipients Meta will not deliver to are skipped with their reason
 * instead of being sent and failing (marketing templates to US numbers, see shared/domain/reach),
 * and those who told the business they decline marketing. Per variant, since variants may use templates of different categories;
 * the rows left out keep no variant, like every other recipient that is not sent. One statement
 * per variant; call it inside the start transaction.
 */
export function skipUndeliverable(store: Store, campaignId: number): number {
  return (
    skipSuppressed(store, campaignId) +
    skipDeclinedMarketing(store, campaignId) +
    skipUsMarketing(store, campaignId)
  );
}

/** The A/B variants of this campaign whose template is a marketing one. */
function marketingVariants(store: Store, campaignId: number): string[] {
  const loaded = loadCampaignMessages(store, campaignId);
  if (!loaded.ok) return [];
  return loaded.value.messages
    .filter((m) => isMarketing(m.template.category))
    .map((m) => m.variant);
}

/**
 * Customers whose book record says they declined marketing are left out of a marketing template,
 * each with the record's own words as the reason ("Declined marketing in the Shopify customers
 * export of …"): the owner reads where the "no" came from. Utility templates still reach them.
 */
function skipDeclinedMarketing(store: Store, campaignId: number): number {
  const skip = store.sqlite.prepare(
    `UPDATE recipients SET state = 'skipped', variant = NULL,
       skip_reason = (SELECT coalesce(c.marketing_declined_evidence, 'Declined marketing') FROM customers c WHERE c.phone = recipients.phone)
     WHERE campaign_id = ? AND state = 'pending' AND coalesce(variant, 'A') = ?
       AND phone IN (SELECT phone FROM customers WHERE marketing_declined_at IS NOT NULL)`,
  );
  let skipped = 0;
  for (const variant of marketingVariants(store, campaignId))
    skipped += skip.run(campaignId, variant).changes;
  return skipped;
}

/**
 * Numbers put on the suppression list since the import: skipped now with the list's reason (the
 * sender checks again at claim), so the rule that wins for them is the same as in every count.
 */
function skipSuppressed(store: Store, campaignId: number): number {
  const rows = store.sqlite
    .prepare(
      `SELECT r.id AS id, s.reason AS reason FROM recipients r JOIN suppression s ON s.phone = r.phone
       WHERE r.campaign_id = ? AND r.state = 'pending'`,
    )
    .all(campaignId) as { id: number; reason: string }[];
  const skip = store.sqlite.prepare(
    "UPDATE recipients SET state = 'skipped', skip_reason = ?, variant = NULL WHERE id = ? AND state = 'pending'",
  );
  for (const r of rows) skip.run(suppressedReason(r.reason), r.id);
  return rows.length;
}

function skipUsMarketing(store: Store, campaignId: number): number {
  const marketing = marketingVariants(store, campaignId);
  if (marketing.length === 0) return 0;
  const skip = store.sqlite.prepare(
    `UPDATE recipients SET state = 'skipped', skip_reason = ?, variant = NULL
     WHERE campaign_id = ? AND state = 'pending' AND country = 'US' AND coalesce(variant, 'A') = ?`,
  );
  let skipped = 0;
  for (const variant of marketing)
    skipped += skip.run(US_MARKETING_SKIP, campaignId, variant).changes;
  return skipped;
}
