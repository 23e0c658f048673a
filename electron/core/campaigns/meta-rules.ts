import { suppressedReason } from '../../../shared/domain/pacing';
import { US_MARKETING_SKIP } from '../../../shared/domain/reach';
import type { Store } from '../db/connection';
import { loadCampaignMessages } from '../templates/compose';

/**
 * At start, after the A/B draw: recipients Meta will not deliver to are skipped with their reason
 * instead of being sent and failing (today one rule: marketing templates to US numbers, see
 * shared/domain/reach). Per variant, since variants may use templates of different categories;
 * the rows left out keep no variant, like every other recipient that is not sent. One statement
 * per variant; call it inside the start transaction.
 */
export function skipUndeliverable(store: Store, campaignId: number): number {
  return skipSuppressed(store, campaignId) + skipUsMarketing(store, campaignId);
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
  const loaded = loadCampaignMessages(store, campaignId);
  if (!loaded.ok) return 0;
  const marketing = loaded.value.messages
    .filter((m) => m.template.category.toUpperCase() === 'MARKETING')
    .map((m) => m.variant);
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
