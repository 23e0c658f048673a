import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { RECIPIENT_STATES, type RecipientCounts, type RecipientState } from '../../../shared/api';

/** A recipient claimed for sending: marked `sending` in the database before its request goes out. */
export interface Claimed {
  id: number;
  phone: string;
  fieldsJson: string;
  attempts: number;
  /** The A/B variant assigned at start; null (or absent) when the campaign is not split. */
  variant?: string | null;
}

export type SendResult =
  | { id: number; kind: 'sent'; wamid: string; waId: string | null; at: number }
  | { id: number; kind: 'failed'; code: number | null; title: string; at: number; suppress?: { phone: string; reason: string } }
  /** Back in the queue until nextAt; `uncount` when the try never left the machine (offline). */
  | { id: number; kind: 'retry'; nextAt: number; uncount: boolean }
  | { id: number; kind: 'unknown'; code: number | null; title: string; at: number }
  | { id: number; kind: 'skipped'; reason: string }
  /** Not sent at all (the campaign paused before or because of it): back in the queue as it was. */
  | { id: number; kind: 'requeue' };

/**
 * The sender's SQL, prepared once. Claims and results are small batched transactions, so the
 * loop never holds the write lock for long and other writers (an import, the UI) interleave.
 */
export function createSendRepo(db: SqliteDatabase) {
  const selectDue = db.prepare<[number, number, number]>(
    `SELECT id, phone, fields_json AS fieldsJson, attempts, variant FROM recipients
     WHERE campaign_id = ? AND state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
     ORDER BY id LIMIT ?`,
  );
  const markSending = db.prepare<[number, number]>(
    "UPDATE recipients SET state = 'sending', sending_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
  );
  const stmts: Record<SendResult['kind'], Statement<unknown[]>> = {
    sent: db.prepare(
      "UPDATE recipients SET state = 'sent', wamid = ?, wa_id = ?, sent_at = ?, next_attempt_at = NULL, error_code = NULL, error_title = NULL WHERE id = ? AND state = 'sending'",
    ),
    failed: db.prepare(
      "UPDATE recipients SET state = 'failed', error_code = ?, error_title = ?, failed_at = ?, next_attempt_at = NULL WHERE id = ? AND state = 'sending'",
    ),
    retry: db.prepare(
      "UPDATE recipients SET state = 'pending', next_attempt_at = ?, attempts = attempts - ? WHERE id = ? AND state = 'sending'",
    ),
    unknown: db.prepare(
      "UPDATE recipients SET state = 'unknown', error_code = ?, error_title = ?, failed_at = ? WHERE id = ? AND state = 'sending'",
    ),
    skipped: db.prepare("UPDATE recipients SET state = 'skipped', skip_reason = ? WHERE id = ? AND state = 'sending'"),
    requeue: db.prepare("UPDATE recipients SET state = 'pending', attempts = MAX(attempts - 1, 0) WHERE id = ? AND state = 'sending'"),
  };
  const suppress = db.prepare(
    "INSERT OR IGNORE INTO suppression (phone, reason, source, detail, created_at) VALUES (?, ?, 'send', ?, ?)",
  );
  const countStates = db.prepare<[number]>('SELECT state, count(*) AS n FROM recipients WHERE campaign_id = ? GROUP BY state');
  const nextDue = db.prepare<[number]>(
    "SELECT min(next_attempt_at) AS at FROM recipients WHERE campaign_id = ? AND state = 'pending'",
  );
  const anyPendingNow = db.prepare<[number]>(
    "SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND state = 'pending' AND next_attempt_at IS NULL",
  );

  return {
    claim: db.transaction((campaignId: number, now: number, limit: number): Claimed[] => {
      const rows = selectDue.all(campaignId, now, limit) as Claimed[];
      for (const r of rows) markSending.run(now, r.id);
      return rows;
    }),

    apply: db.transaction((results: readonly SendResult[]) => {
      for (const r of results) {
        switch (r.kind) {
          case 'sent':
            stmts.sent.run(r.wamid, r.waId, r.at, r.id);
            break;
          case 'failed':
            stmts.failed.run(r.code, r.title, r.at, r.id);
            if (r.suppress) suppress.run(r.suppress.phone, r.suppress.reason, `error ${r.code ?? ''}`.trim(), r.at);
            break;
          case 'retry':
            stmts.retry.run(r.nextAt, r.uncount ? 1 : 0, r.id);
            break;
          case 'unknown':
            stmts.unknown.run(r.code, r.title, r.at, r.id);
            break;
          case 'skipped':
            stmts.skipped.run(r.reason, r.id);
            break;
          case 'requeue':
            stmts.requeue.run(r.id);
            break;
        }
      }
    }),

    counts(campaignId: number): RecipientCounts {
      const counts = Object.fromEntries(RECIPIENT_STATES.map((s) => [s, 0])) as Record<RecipientState, number>;
      let total = 0;
      for (const row of countStates.all(campaignId) as { state: RecipientState; n: number }[]) {
        counts[row.state] = row.n;
        total += row.n;
      }
      return { ...counts, total };
    },

    /** When the earliest waiting retry is due, or null when nothing is pending. */
    nextDueAt(campaignId: number): number | null {
      if ((anyPendingNow.get(campaignId) as { n: number }).n > 0) return 0;
      return (nextDue.get(campaignId) as { at: number | null }).at;
    },
  };
}

export type SendRepo = ReturnType<typeof createSendRepo>;

/**
 * After a crash, recipients left `sending` may or may not have reached Meta. They become
 * `unknown`, never silently re-sent; the user may choose to re-send them.
 */
export function recoverAbandoned(db: SqliteDatabase, accountId: number, now: number): number {
  return db
    .prepare(
      `UPDATE recipients SET state = 'unknown', error_title = 'Interrupted while sending: it may or may not have been delivered.', failed_at = ?
       WHERE state = 'sending' AND campaign_id IN (SELECT id FROM campaigns WHERE account_id = ?)`,
    )
    .run(now, accountId).changes;
}
