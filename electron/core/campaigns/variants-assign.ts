import { CoreError, type VariantsSetting } from '../../../shared/api';
import { variantOf, type VariantId } from '../../../shared/domain/variants';
import type { Store } from '../db/connection';
import { readVariants } from './variants-settings';

export type AssignedCounts = Partial<Record<VariantId, number>>;

/**
 * The start step of an A/B split: every recipient still pending gets recipients.variant from the
 * seeded draw, so what the draft showed is what is sent, and the sender, the comparison and the report
 * read one column. One synchronous transaction with one prepared UPDATE: never an await inside it, and
 * a million recipients are one short write. Recipients no longer pending (excluded, suppressed) keep no
 * variant, also when an earlier start that did not go through had given them one.
 * Returns the counts per variant, or null when the campaign is not split.
 */
export function assignVariants(store: Store, campaignId: number): AssignedCounts | null {
  const { setting, damaged } = readVariants(store, campaignId);
  if (damaged) throw new CoreError('CONFLICT', damaged);
  if (!setting || setting.variants.length < 2) return null;
  return assignWith(store, campaignId, setting);
}

export function assignWith(
  store: Store,
  campaignId: number,
  setting: VariantsSetting,
): AssignedCounts {
  const db = store.sqlite;
  const pending = db
    .prepare("SELECT id FROM recipients WHERE campaign_id = ? AND state = 'pending' ORDER BY id")
    .pluck();
  const clear = db.prepare(
    "UPDATE recipients SET variant = NULL WHERE campaign_id = ? AND variant IS NOT NULL AND state != 'pending'",
  );
  const set = db.prepare('UPDATE recipients SET variant = ? WHERE id = ?');
  return store.tx(() => {
    const counts: AssignedCounts = {};
    clear.run(campaignId);
    for (const id of pending.all(campaignId) as number[]) {
      const v = variantOf(setting, id);
      set.run(v, id);
      counts[v] = (counts[v] ?? 0) + 1;
    }
    return counts;
  });
}

/** Clears every assignment of a draft: a changed split must not leave variants from an earlier start. */
export function clearAssignments(store: Store, campaignId: number): void {
  store.sqlite
    .prepare('UPDATE recipients SET variant = NULL WHERE campaign_id = ? AND variant IS NOT NULL')
    .run(campaignId);
}
