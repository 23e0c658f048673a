import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  OFFER_ENDED,
  offerEndsAt,
  readDelivery,
  stopAfterAt,
} from '../../../shared/domain/delivery';
import { parseSettingsJson } from '../campaigns/settings';
import { writeTransaction } from '../db/tx';

/** Rows closed per transaction, so other writers interleave with a large campaign's close. */
const CHUNK = 2000;
/** Settings change only while paused, and a run starts after a resume: a short cache is enough. */
const REREAD_MS = 5000;

/**
 * A campaign's "stop after" (issue 17 item 3): once it has passed, nothing is sent or retried. The
 * recipients still waiting are closed in chunks: never-sent ones are skipped ("Not sent — offer
 * ended"), and those WhatsApp had limited keep that failure (their first try was answered) with a
 * title that says the offer ended before the next try. Time comes from the core's clock.
 */
export function createStopAfterGate(db: SqliteDatabase, campaignId: number) {
  const read = db.prepare<[number]>(
    'SELECT settings_json AS s, mapping_json AS m, started_at AS t FROM campaigns WHERE id = ?',
  );
  const skipSome = db.prepare(
    `UPDATE recipients SET state = 'skipped', skip_reason = @reason, next_attempt_at = NULL
     WHERE id IN (SELECT id FROM recipients WHERE campaign_id = @campaignId AND state = 'pending' AND limited_at IS NULL LIMIT @n)`,
  );
  const failSome = db.prepare(
    `UPDATE recipients SET state = 'failed', failed_at = @now, next_attempt_at = NULL,
       error_title = 'Limited by WhatsApp, and the offer ended before the next try.'
     WHERE id IN (SELECT id FROM recipients WHERE campaign_id = @campaignId AND state = 'pending' AND limited_at IS NOT NULL LIMIT @n)`,
  );
  const closeChunk = writeTransaction(db, (now: number): number => {
    const args = { campaignId, n: CHUNK, reason: `${OFFER_ENDED}.`, now };
    const skipped = skipSome.run(args).changes;
    return skipped + (skipped < CHUNK ? failSome.run(args).changes : 0);
  });
  let cached: { at: number | null; readAt: number } | null = null;
  const stopAt = (now: number): number | null => {
    if (!cached || now - cached.readAt >= REREAD_MS || now < cached.readAt) {
      const row = read.get(campaignId) as
        { s: string; m: string | null; t: number | null } | undefined;
      const delivery = readDelivery(parseSettingsJson(row?.s).delivery);
      const at = stopAfterAt(delivery.stopAfter, row?.t ?? null, offerEndsAt(row?.m));
      cached = { at, readAt: now };
    }
    return cached.at;
  };
  return {
    stopAt,
    /** Whether the campaign's stop-after has passed at `now`. */
    passed(now: number): boolean {
      const at = stopAt(now);
      return at !== null && now >= at;
    },
    /** Closes one chunk of what is left; 0 when nothing was (the campaign may finish). */
    closeSome: (now: number): number => closeChunk(now),
  };
}

export type StopAfterGate = ReturnType<typeof createStopAfterGate>;
