import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  applyStatus,
  observationKey,
  parseCallback,
  settledTrack,
  type InboundObservation,
  type Observation,
  type StatusObservation,
} from '../../../shared/domain/status';
import { createEffects } from './effects';
import { canSettle, describeFailure, recipientStatements, seenBit, trackOf, type RecipientRow } from './recipient-track';

/** A cursor written in the same transaction as the observations it covers: no loss, no double work. */
export interface CursorWrite {
  accountId: number;
  source: string;
  cursor: string | null;
  scope: string | null;
}

export interface Batch {
  /** Recorded on every event: 'relay', 'sandbox', 'history', 'bench', … */
  source: string;
  /** The account whose source produced the batch (template events without a WABA id fall back to it). */
  accountId: number | null;
  receivedAt: number;
  observations: readonly Observation[];
  cursor?: CursorWrite;
}

export interface ApplyOutcome {
  observations: number;
  applied: number;
  unchanged: number;
  duplicates: number;
  unmatched: number;
  settled: number;
  suppressed: number;
  pausedCampaigns: number[];
  /** Campaigns whose recipients changed (for db.changed). */
  campaigns: Set<number>;
  inbound: InboundObservation[];
}

export const emptyOutcome = (): ApplyOutcome => ({
  observations: 0,
  applied: 0,
  unchanged: 0,
  duplicates: 0,
  unmatched: 0,
  settled: 0,
  suppressed: 0,
  pausedCampaigns: [],
  campaigns: new Set(),
  inbound: [],
});

export function addOutcome(into: ApplyOutcome, o: ApplyOutcome): ApplyOutcome {
  into.observations += o.observations;
  into.applied += o.applied;
  into.unchanged += o.unchanged;
  into.duplicates += o.duplicates;
  into.unmatched += o.unmatched;
  into.settled += o.settled;
  into.suppressed += o.suppressed;
  into.pausedCampaigns.push(...o.pausedCampaigns);
  for (const c of o.campaigns) into.campaigns.add(c);
  into.inbound.push(...o.inbound);
  return into;
}

// The ladder is order-independent, so a batch may be applied in any order: by wamid, then Meta's time.
// Looking wamids up in index order instead of arrival order keeps the B-tree walk on pages it just
// read, which roughly halves the cost of a batch (tests/bench/RESULTS-status.md).
const wamidOf = (o: Observation) => (o.kind === 'status' ? o.wamid : '');
const byWamid = (a: Observation, b: Observation) => {
  const x = wamidOf(a);
  const y = wamidOf(b);
  return x < y ? -1 : x > y ? 1 : a.at - b.at;
};

/**
 * Applies observations idempotently, one transaction per batch. Every new observation is kept raw in
 * status_events with its idempotency key; a repeat changes nothing (see migration 50 for how repeats
 * are recognised). Recipients are found by wamid, or, for sends whose outcome was unknown, by our
 * callback data.
 */
export function createReconciler(db: SqliteDatabase, deps: { now: () => number; onPause?: (campaignId: number) => void }) {
  const rows = recipientStatements(db);
  const effects = createEffects(db, deps.now);
  const insertEvent = db.prepare(
    `INSERT OR IGNORE INTO status_events (source, kind, dedupe_key, wamid, status, meta_ts, callback, recipient_id, payload_json, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const matchEvent = db.prepare('UPDATE status_events SET recipient_id = ? WHERE id = ?');
  const saveCursor = db.prepare(
    `INSERT INTO status_sources (account_id, source, cursor, cursor_scope) VALUES (?, ?, ?, ?)
     ON CONFLICT(account_id, source) DO UPDATE SET cursor = excluded.cursor, cursor_scope = excluded.cursor_scope`,
  );

  const record = (b: Batch, o: Observation, recipientId: number | null): boolean => {
    const wamid = o.kind === 'status' ? o.wamid : o.kind === 'inbound' ? o.messageId : null;
    const status = o.kind === 'status' ? o.status : o.kind === 'template' ? o.event : o.kind === 'preference' ? o.value : o.type;
    const callback = o.kind === 'status' ? o.callback : null;
    return insertEvent.run(b.source, o.kind, observationKey(o), wamid, status, o.at, callback, recipientId, JSON.stringify(o.raw ?? null), b.receivedAt).changes === 1;
  };

  /** Moves one recipient for a status; shared by first sight and later re-matching. */
  const applyToRecipient = (row: RecipientRow, o: StatusObservation, settle: boolean, source: string, out: ApplyOutcome): void => {
    const bit = seenBit(o);
    if (!settle && (row.status_seen & bit) !== 0) {
      out.duplicates++;
      return;
    }
    const base = settle ? settledTrack(null) : trackOf(row);
    if (!base) {
      out.unchanged++;
      return;
    }
    const next = applyStatus(base, o, describeFailure);
    let changed: boolean;
    if (settle) {
      // A status proves the ambiguous send arrived: it takes this wamid and leaves the re-send queue.
      changed = rows.settle(row.id, next ?? base, bit, o.wamid, o.waId);
      if (changed) out.settled++;
    } else {
      // Written even when the track stays the same, so a repeat of this status is known as one.
      rows.write(row.id, base, next, bit);
      changed = next !== null;
    }
    if (changed) {
      out.applied++;
      out.campaigns.add(row.campaign_id);
    } else {
      out.unchanged++;
    }
    if (o.status === 'failed') {
      const fx = effects.failure(o.error?.code ?? null, { waId: o.waId ?? row.wa_id, phone: row.phone }, source);
      out.suppressed += fx.suppressed;
      if (fx.pause && effects.pauseCampaign(row.campaign_id, fx.pause.code, fx.pause.reason)) {
        out.pausedCampaigns.push(row.campaign_id);
        deps.onPause?.(row.campaign_id);
      }
    }
  };

  /** The recipient a status is about, whether it may be settled, and the row to file the event under. */
  const locate = (o: StatusObservation): { row: RecipientRow | null; settle: boolean; fileUnder: number | null } => {
    const byWamid = rows.byWamid(o.wamid);
    if (byWamid) return { row: byWamid, settle: false, fileUnder: byWamid.id };
    const cb = parseCallback(o.callback);
    const candidate = cb ? rows.byId(cb.recipientId) : undefined;
    if (!cb || !candidate || candidate.campaign_id !== cb.campaignId) return { row: null, settle: false, fileUnder: null };
    if (canSettle(candidate)) return { row: candidate, settle: true, fileUnder: candidate.id };
    // Ours but sent again under another wamid since: filed, changes nothing. Still `sending`: retried later.
    if (candidate.wamid !== null) return { row: null, settle: false, fileUnder: candidate.id };
    return { row: null, settle: false, fileUnder: null };
  };

  const applyStatusObservation = (b: Batch, o: StatusObservation, out: ApplyOutcome) => {
    const { row, settle, fileUnder } = locate(o);
    // A repeat for one of our recipients is known from its row; nothing is written for it.
    if (row && !settle && (row.status_seen & seenBit(o)) !== 0) {
      out.duplicates++;
      return;
    }
    // Unmatched ones are refused by the unique key instead (recipient_id NULL).
    if (!record(b, o, fileUnder)) {
      out.duplicates++;
      return;
    }
    if (row) return applyToRecipient(row, o, settle, b.source, out);
    if (fileUnder !== null) {
      out.unchanged++;
      return;
    }
    out.unmatched++;
    // An opt-out is the customer's wish whoever sent the message: honour it on first sight.
    if (o.status === 'failed') out.suppressed += effects.failure(o.error?.code ?? null, { waId: o.waId, phone: null }, b.source).suppressed;
  };

  const applyOne = (b: Batch, o: Observation, out: ApplyOutcome) => {
    if (o.kind === 'status') return applyStatusObservation(b, o, out);
    if (!record(b, o, null)) {
      out.duplicates++;
      return;
    }
    out.applied++;
    if (o.kind === 'template') {
      const fx = effects.template(o, b.accountId);
      out.pausedCampaigns.push(...fx.pausedCampaigns);
      fx.pausedCampaigns.forEach((id) => deps.onPause?.(id));
    } else if (o.kind === 'preference') {
      out.suppressed += effects.preference(o).suppressed;
    } else {
      out.inbound.push(o);
    }
  };

  const apply = db.transaction((b: Batch): ApplyOutcome => {
    const out = emptyOutcome();
    out.observations = b.observations.length;
    for (const o of [...b.observations].sort(byWamid)) applyOne(b, o, out);
    if (b.cursor) saveCursor.run(b.cursor.accountId, b.cursor.source, b.cursor.cursor, b.cursor.scope);
    return out;
  });

  return {
    apply: (b: Batch): ApplyOutcome => apply(b),
    /** For re-matching events stored unmatched (see maintenance.ts). */
    internals: { rows, effects, applyToRecipient, locate, matchEvent },
  };
}

export type Reconciler = ReturnType<typeof createReconciler>;
