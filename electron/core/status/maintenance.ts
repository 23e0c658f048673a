import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  AUTHENTICATION_TTL_MS,
  DEFAULT_TTL_MS,
  isLadderStatus,
  type StatusObservation,
} from '../../../shared/domain/status';
import { emptyOutcome, type ApplyOutcome, type Reconciler } from './reconciler';
import { writeTransaction } from '../db/tx';

/** A status for a wamid we have not recorded yet (the sender writes its results every 100 ms) is retried this long. */
export const UNMATCHED_RETRY_MS = 15 * 60_000;
const REMATCH_LIMIT = 1000;
const UNKNOWN_SWEEP_LIMIT = 500;
const EXPIRE_CHUNK = 5000;

interface StoredEvent {
  id: number;
  source: string;
  wamid: string | null;
  status: string | null;
  meta_ts: number | null;
  callback: string | null;
  payload_json: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Rebuilds a status observation from its stored row (a webhook `statuses[]` item or a history event). */
export function fromStored(e: StoredEvent): StatusObservation | null {
  if (e.wamid === null || e.status === null || e.meta_ts === null || !isLadderStatus(e.status))
    return null;
  let raw: unknown = null;
  try {
    raw = JSON.parse(e.payload_json) as unknown;
  } catch {
    // Kept as text only; the columns are enough to apply it.
  }
  const p = isRecord(raw) ? raw : {};
  const firstError = Array.isArray(p.errors) && isRecord(p.errors[0]) ? p.errors[0] : null;
  const code = firstError && typeof firstError.code === 'number' ? firstError.code : null;
  const title =
    firstError && typeof firstError.title === 'string'
      ? firstError.title
      : typeof p.errorDescription === 'string'
        ? p.errorDescription
        : 'The message could not be delivered.';
  return {
    kind: 'status',
    wamid: e.wamid,
    status: e.status,
    at: e.meta_ts,
    waId: typeof p.recipient_id === 'string' ? p.recipient_id : null,
    callback: e.callback,
    error: e.status === 'failed' ? { code, title, details: null } : null,
    phoneNumberId: null,
    raw,
  };
}

/**
 * Upkeep between polls: statuses stored unmatched are tried again (the sender had not written the
 * wamid yet, or a crashed send became `unknown` later), and messages past Meta's TTL expire.
 */
export function createMaintenance(db: SqliteDatabase, reconciler: Reconciler) {
  const { applier, matchEvent } = reconciler.internals;
  const columns = 'id, source, wamid, status, meta_ts, callback, payload_json';
  const recentUnmatched = db.prepare<[number, number]>(
    `SELECT ${columns} FROM status_events WHERE recipient_id IS NULL AND kind = 'status' AND received_at > ? ORDER BY received_at LIMIT ?`,
  );
  const unknownRecipients = db.prepare<[number]>(
    `SELECT r.id, r.campaign_id FROM campaigns c JOIN recipients r ON r.campaign_id = c.id AND r.state = 'unknown'
     WHERE c.state != 'draft' LIMIT ?`,
  );
  const unmatchedByCallback = db.prepare<[string]>(
    `SELECT ${columns} FROM status_events WHERE callback = ? AND recipient_id IS NULL ORDER BY meta_ts`,
  );
  const expireStmt = (auth: boolean) =>
    db.prepare<[number, number]>(
      `UPDATE recipients SET state = 'expired' WHERE id IN (
         SELECT r.id FROM recipients r JOIN campaigns c ON c.id = r.campaign_id LEFT JOIN templates t ON t.id = c.template_id
         WHERE r.state = 'sent' AND r.sent_at < ? AND (upper(coalesce(t.category, '')) = 'AUTHENTICATION') = ${auth ? 1 : 0}
         LIMIT ?)
       RETURNING campaign_id`,
    );
  const expireDefault = expireStmt(false);
  const expireAuth = expireStmt(true);
  // A custom marketing TTL holds on the Marketing Messages API only (electron/sandbox/ttl.ts).
  const expireMarketingTtl = db.prepare<[number, number]>(
    `UPDATE recipients SET state = 'expired' WHERE id IN (
       SELECT r.id FROM recipients r JOIN campaigns c ON c.id = r.campaign_id JOIN templates t ON t.id = c.template_id
       WHERE r.state = 'sent' AND r.route = 'marketing_messages' AND t.message_send_ttl_seconds IS NOT NULL
         AND r.sent_at + t.message_send_ttl_seconds * 1000 < ?
       LIMIT ?)
     RETURNING campaign_id`,
  );

  /** Events stored unmatched, tried again: the recipient's wamid or our callback may be known by now. */
  const retry = (events: StoredEvent[], out: ApplyOutcome) => {
    const byWamid = new Map<string, { o: StatusObservation; id: number; source: string }[]>();
    for (const e of events) {
      const o = fromStored(e);
      if (!o) continue;
      const list = byWamid.get(o.wamid) ?? [];
      list.push({ o, id: e.id, source: e.source });
      byWamid.set(o.wamid, list);
    }
    for (const list of byWamid.values()) {
      const statuses = list.map((x) => x.o);
      const located = applier.locate(statuses.find((o) => o.callback !== null) ?? statuses[0]!);
      if (located.fileUnder === null) continue;
      const eventId = new Map(list.map((x) => [x.o, x.id]));
      // The event is stored already: filing it under the recipient is all that "keeping" means here.
      const keep = (o: StatusObservation, recipientId: number | null) => {
        matchEvent.run(recipientId, eventId.get(o));
        return true;
      };
      applier.applyGroup(statuses, list[0]!.source, keep, out, located);
    }
  };

  return {
    rematch: writeTransaction(db, (now: number, sweepUnknown: boolean): ApplyOutcome => {
      const out = emptyOutcome();
      retry(recentUnmatched.all(now - UNMATCHED_RETRY_MS, REMATCH_LIMIT) as StoredEvent[], out);
      if (sweepUnknown) {
        for (const r of unknownRecipients.all(UNKNOWN_SWEEP_LIMIT) as {
          id: number;
          campaign_id: number;
        }[]) {
          retry(unmatchedByCallback.all(`cd:${r.campaign_id}:${r.id}`) as StoredEvent[], out);
        }
      }
      return out;
    }),

    /** "No delivered before the TTL: assume it was dropped" (cloud-api.md §1.6). Bounded per call. */
    expire: writeTransaction(
      db,
      (
        now: number,
        ttlMs: number = DEFAULT_TTL_MS,
      ): { expired: number; campaigns: Set<number> } => {
        const campaigns = new Set<number>();
        let expired = 0;
        for (const [stmt, ttl] of [
          [expireDefault, ttlMs],
          [expireAuth, AUTHENTICATION_TTL_MS],
          [expireMarketingTtl, 0],
        ] as const) {
          const hit = stmt.all(now - ttl, EXPIRE_CHUNK) as { campaign_id: number }[];
          expired += hit.length;
          for (const h of hit) campaigns.add(h.campaign_id);
        }
        return { expired, campaigns };
      },
    ),
  };
}

export type Maintenance = ReturnType<typeof createMaintenance>;
