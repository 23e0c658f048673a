import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { describeError, lookupCode } from '../../../shared/domain/errors';
import { createDeferrer } from '../sender/deferral';
import {
  isTrackState,
  type StatusObservation,
  type StatusPricing,
  type Track,
} from '../../../shared/domain/status';

/** A recipient as the reconciler reads it. */
export interface RecipientRow {
  id: number;
  campaign_id: number;
  phone: string;
  state: string;
  wamid: string | null;
  wa_id: string | null;
  attempts: number;
  sent_at: number | null;
  delivered_at: number | null;
  read_at: number | null;
  failed_at: number | null;
  status_ts: number | null;
  error_code: number | null;
  error_title: string | null;
  status_seen: number;
  /** Set while WhatsApp holds the message for quality review (template pacing). */
  held_at: number | null;
}

const COLUMNS =
  'id, campaign_id, phone, state, wamid, wa_id, attempts, sent_at, delivered_at, read_at, failed_at, status_ts, error_code, error_title, status_seen, held_at';

/** recipients.status_seen: which statuses were applied, so a repeat is known from the row alone. */
export function seenBit(o: Pick<StatusObservation, 'status' | 'error'>): number {
  switch (o.status) {
    case 'sent':
      return 1;
    case 'delivered':
      return 2;
    case 'read':
      return 4;
    case 'failed':
      return o.error?.code == null ? 16 : 8;
  }
}

export function trackOf(r: RecipientRow): Track | null {
  if (!isTrackState(r.state)) return null;
  return {
    state: r.state,
    sentAt: r.sent_at,
    deliveredAt: r.delivered_at,
    readAt: r.read_at,
    // Only a standing failure counts; the ladder clears failed_at when delivery overrides it.
    failedAt: r.state === 'failed' ? r.failed_at : null,
    statusTs: r.status_ts,
    errorCode: r.error_code,
    errorTitle: r.error_title,
  };
}

/**
 * The catalogue's plain-language title for Meta's code (USERS.md #1: "131049" means nothing to a shop
 * owner); Meta's own words only for a code the catalogue does not know, or when there is no code.
 */
export function describeFailure(code: number | null, fallback: string): string {
  if (code === null) return fallback.trim() || 'The message could not be delivered.';
  return lookupCode(code)?.title ?? describeError(code, fallback).title;
}

/**
 * A recipient whose send was ambiguous and that a status (carrying our callback data) proves was sent:
 * `unknown`, or `unknown` put back in the queue by "re-send the unknown ones" and not yet claimed.
 * A row being sent right now (`sending`) is left alone: the sender is about to write its own result.
 */
export const canSettle = (r: RecipientRow): boolean =>
  r.wamid === null && (r.state === 'unknown' || (r.state === 'pending' && r.attempts > 0));

const TRACK_COLUMNS = [
  ['state', 'state'],
  ['sent_at', 'sentAt'],
  ['delivered_at', 'deliveredAt'],
  ['read_at', 'readAt'],
  ['failed_at', 'failedAt'],
  ['status_ts', 'statusTs'],
  ['error_code', 'errorCode'],
  ['error_title', 'errorTitle'],
] as const;

/** The recipient SQL of the reconciler, prepared once (the hot path of 1,000,000 observations). */
export function recipientStatements(db: SqliteDatabase) {
  const byWamid = db.prepare<[string]>(`SELECT ${COLUMNS} FROM recipients WHERE wamid = ?`);
  const byId = db.prepare<[number]>(`SELECT ${COLUMNS} FROM recipients WHERE id = ?`);
  // Only the columns that changed are SET: SQLite maintains every index of a SET column, so writing
  // an unchanged sent_at would rewrite two index entries per status for nothing.
  const updates = new Map<string, Statement<unknown[]>>();
  const update = (columns: string[]) => {
    const key = columns.join(',');
    let stmt = updates.get(key);
    if (!stmt) {
      stmt = db.prepare(
        // Any status ends a hold: the message was released (sent, delivered…) or dropped (132015).
        `UPDATE recipients SET ${[...columns.map((c) => `${c} = ?`), 'status_seen = status_seen | ?', 'held_at = NULL'].join(', ')} WHERE id = ?`,
      );
      updates.set(key, stmt);
    }
    return stmt;
  };
  // Guarded like the sender's own writes: if the sender claimed the row meanwhile, nothing happens.
  const settle = db.prepare(
    `UPDATE recipients SET state = ?, sent_at = ?, delivered_at = ?, read_at = ?, failed_at = ?, status_ts = ?, error_code = ?, error_title = ?,
       status_seen = ?, wamid = ?, wa_id = coalesce(?, wa_id), next_attempt_at = NULL
     WHERE id = ? AND wamid IS NULL AND state IN ('unknown', 'pending')`,
  );
  const charge = db.prepare<[number | null, string | null, string | null, number]>(
    'UPDATE recipients SET billable = ?, billing_type = ?, billing_category = ? WHERE id = ?',
  );
  const deferrer = createDeferrer(db);
  return {
    /**
     * A failure that is WhatsApp's per-user marketing limit (or a held message dropped) puts the
     * recipient back in the queue for a day later, when its campaign retries it (sender/deferral.ts).
     */
    defer: (id: number, code: number | null, at: number, wasHeld: boolean) =>
      deferrer.apply(id, code, at, 'failed', wasHeld).kind === 'defer',
    /** Meta's word on what the message costs (the status webhook's `pricing`). */
    charge: (id: number, p: StatusPricing) =>
      charge.run(p.billable === null ? null : p.billable ? 1 : 0, p.type, p.category, id),
    byWamid: (wamid: string) => byWamid.get(wamid) as RecipientRow | undefined,
    byId: (id: number) => byId.get(id) as RecipientRow | undefined,
    /** Writes what changed between `before` and `after` (null: nothing did) and marks the status seen. */
    write(id: number, before: Track, after: Track | null, seen: number): void {
      const changed = after ? TRACK_COLUMNS.filter(([, k]) => before[k] !== after[k]) : [];
      update(changed.map(([c]) => c)).run(...changed.map(([, k]) => after![k]), seen, id);
    },
    settle: (id: number, t: Track, seen: number, wamid: string, waId: string | null) =>
      settle.run(
        t.state,
        t.sentAt,
        t.deliveredAt,
        t.readAt,
        t.failedAt,
        t.statusTs,
        t.errorCode,
        t.errorTitle,
        seen,
        wamid,
        waId,
        id,
      ).changes === 1,
  };
}

export type RecipientStatements = ReturnType<typeof recipientStatements>;
