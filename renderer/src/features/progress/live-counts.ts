import type { RecipientCounts } from '../../../../shared/api';
import { figureCount } from './figures';

/**
 * The counters' one source while a campaign sends. The sender's pushes know what it changes itself
 * (waiting, in flight, skipped, accepted) but not the delivery reports that land meanwhile; SQLite's
 * counts (re-read on every db.changed, as the chart is) know those. Each figure is taken from the
 * side that writes it, so the counters never lag the chart beside them (issue 15: "Delivered 1"
 * beside a chart at 40).
 */
export function liveCounts(
  push: RecipientCounts | undefined,
  db: RecipientCounts,
): RecipientCounts {
  if (!push) return db;
  const moved = db.delivered + db.read + db.expired;
  // Accepted messages that have not moved on yet: what the sender accepted, less what reports moved.
  const accepted = Math.max(push.sent + push.delivered + push.read + push.expired, db.sent + moved);
  return {
    ...push,
    sent: Math.max(0, accepted - moved),
    delivered: db.delivered,
    read: db.read,
    expired: db.expired,
    failed: Math.max(push.failed, db.failed),
  };
}

/** One vocabulary, said once: the finished screen's figures (figures.ts), as in the chart. */
export const COUNTER_TOTALS = {
  accepted: (c: RecipientCounts) => figureCount('sent', c),
  delivered: (c: RecipientCounts) => figureCount('delivered', c),
};
