import type { Store } from '../../db/connection';

/**
 * The state a run that found nobody left to send writes: `completed`, or, while recipients WhatsApp
 * limited wait for their next try, `scheduled` again at the first one's time (with started_at kept:
 * that is how "Waiting for retries" differs from a campaign never started). The sender's tick starts
 * it when due, also at the next start of the app after it was closed.
 */
export function endState(store: Store, campaignId: number, now: number) {
  const left = store.sqlite
    .prepare(
      "SELECT count(*) AS n, min(next_attempt_at) AS at FROM recipients WHERE campaign_id = ? AND state = 'pending'",
    )
    .get(campaignId) as { n: number; at: number | null };
  if (left.n > 0)
    return { state: 'scheduled' as const, scheduled_at: Math.max(left.at ?? now, now) };
  return { state: 'completed' as const, completed_at: now };
}
