import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  isLimitAnswer,
  LIMITED_LABEL,
  planDeferral,
  readDelivery,
  offerEndsAt,
  stopAfterAt,
  type DeferDecision,
} from '../../../shared/domain/delivery';
import { parseSettingsJson } from '../campaigns/settings';

interface Row {
  id: number;
  phone: string;
  country: string | null;
  deferrals: number;
  heldAt: number | null;
  campaignId: number;
  settings: string;
  mapping: string | null;
  startedAt: number | null;
  campaignState: string;
}

/**
 * Turns a per-user marketing limit answer (131049, or a held message dropped with 132015) into a
 * deferred recipient: `pending` again, not before a day later (shared/domain/delivery/defer.ts has
 * the rule and what of it is verified). Both places an answer arrives use it: the sender's own
 * write of a send's answer, and the reconciler's of a failed status. Runs inside their write
 * transactions; every UPDATE is guarded by the state the caller saw, so a pause, a cancel or a
 * late repeat never undoes anything.
 *
 * The row goes back to the queue as if never sent (its status bits, times and tries cleared), so
 * the next try is a new send under the sender's crash-safety protocol (README.md): claimed, marked
 * `sending`, and given its own wamid; the old wamid stays on the row until then, so a repeat of the
 * old failure finds a `pending` row and changes nothing. A campaign that had completed waits for
 * the retries (`scheduled` again, at the first one's time: the sender's tick starts it then, also
 * after a restart), so it never counts as finished while people wait.
 */
export function createDeferrer(db: SqliteDatabase) {
  const read = db.prepare<[number]>(
    `SELECT r.id, r.phone, r.country, r.deferrals, r.held_at AS heldAt, r.campaign_id AS campaignId,
            c.settings_json AS settings, c.mapping_json AS mapping, c.started_at AS startedAt, c.state AS campaignState
     FROM recipients r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = ?`,
  );
  const defer = db.prepare(
    `UPDATE recipients SET state = 'pending', next_attempt_at = @nextAt, limited_at = @now,
       deferrals = deferrals + 1, attempts = 0, status_seen = 0, sending_at = NULL, sent_at = NULL,
       delivered_at = NULL, read_at = NULL, failed_at = NULL, status_ts = NULL, held_at = NULL,
       error_code = @code, error_title = @title
     WHERE id = @id AND state = @from`,
  );
  const reopen = db.prepare(
    `UPDATE campaigns SET state = 'scheduled', scheduled_at = @nextAt, completed_at = NULL, updated_at = @now
     WHERE id = @campaignId AND state = 'completed'`,
  );
  const earlier = db.prepare(
    `UPDATE campaigns SET scheduled_at = min(coalesce(scheduled_at, @nextAt), @nextAt), updated_at = @now
     WHERE id = @campaignId AND state = 'scheduled' AND started_at IS NOT NULL`,
  );

  return {
    /**
     * Defers the recipient when this failure is a per-user limit answer its campaign retries.
     * `from`: the state the row must still be in (`sending` for the sender, `failed` for a status).
     */
    apply(
      recipientId: number,
      code: number | null,
      now: number,
      from: 'sending' | 'failed',
      /** Whether the message was held before this answer (the reconciler clears held_at first). */
      wasHeldBefore?: boolean,
    ): DeferDecision {
      if (code !== 131049 && code !== 132015) return { kind: 'not_limited' };
      const row = read.get(recipientId) as Row | undefined;
      const wasHeld = wasHeldBefore ?? (row !== undefined && row.heldAt !== null);
      if (!row || !isLimitAnswer(code, wasHeld)) return { kind: 'not_limited' };
      if (row.campaignState === 'cancelled' || row.campaignState === 'draft')
        return { kind: 'final', why: 'The campaign was cancelled.' };
      const delivery = readDelivery(parseSettingsJson(row.settings).delivery);
      const decision = planDeferral({
        code,
        wasHeld,
        phone: row.phone,
        country: row.country,
        deferrals: row.deferrals,
        deferDays: delivery.deferDays,
        stopAt: stopAfterAt(delivery.stopAfter, row.startedAt, offerEndsAt(row.mapping)),
        now,
      });
      if (decision.kind !== 'defer') return decision;
      const title = `${LIMITED_LABEL}: ${code === 131049 ? 'this person has received enough marketing messages for now' : 'WhatsApp held the message, then dropped it'}; tried again ${row.deferrals === 0 ? 'a day later' : 'the next day'}.`;
      const changed = defer.run({
        id: recipientId,
        nextAt: decision.nextAt,
        now,
        code,
        title,
        from,
      });
      if (changed.changes === 0) return { kind: 'not_limited' };
      const args = { campaignId: row.campaignId, nextAt: decision.nextAt, now };
      if (reopen.run(args).changes === 0) earlier.run(args);
      return decision;
    },
  };
}
