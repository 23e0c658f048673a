import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  observationKey,
  type InboundObservation,
  type Observation,
  type StatusObservation,
  type TierObservation,
} from '../../../shared/domain/status';
import { byWamidRuns, createStatusApplier } from './apply-statuses';
import { createEffects } from './effects';
import { recipientStatements, type RecipientRow } from './recipient-track';
import { writeTransaction } from '../db/tx';
import { createTierRecorder } from '../pricing/volume';
import { createAnswerStore } from '../replies/answer-store';
import { createReplyRecorder } from '../replies/record';

/** A cursor written in the same transaction as the observations it covers: no loss, no double work. */
export interface CursorWrite {
  accountId: number;
  source: string;
  cursor: string | null;
  scope: string | null;
}

/** Observations kept in status_events (volume tier switches have their own table). */
type Logged = Exclude<Observation, TierObservation>;

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
  /** Recipients WhatsApp limited that wait for their next try instead of failing (issue 17). */
  deferred: number;
  pausedCampaigns: number[];
  /** Campaigns whose recipients changed (for db.changed). */
  campaigns: Set<number>;
  inbound: InboundObservation[];
  /** Inbound messages newly kept as replies, and answers whose status moved (issue 19). */
  replies: number;
}

export const emptyOutcome = (): ApplyOutcome => ({
  observations: 0,
  applied: 0,
  unchanged: 0,
  duplicates: 0,
  unmatched: 0,
  settled: 0,
  suppressed: 0,
  deferred: 0,
  pausedCampaigns: [],
  campaigns: new Set(),
  inbound: [],
  replies: 0,
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
  into.replies += o.replies;
  return into;
}

// The ladder is order-independent, so a batch may be applied in any order: by wamid, then Meta's time.
// That brings a recipient's statuses together (one lookup, one write for all of them) and walks the
// wamid index in order instead of jumping around it (BENCHMARKS.md, status reconciliation).
const byWamid = (a: StatusObservation, b: StatusObservation) =>
  a.wamid < b.wamid ? -1 : a.wamid > b.wamid ? 1 : a.at - b.at;

/**
 * Applies observations idempotently, one transaction per batch. Every new observation is kept raw in
 * status_events with its idempotency key; a repeat changes nothing (see migration 50 for how repeats
 * are recognised). Recipients are found by wamid, or, for sends whose outcome was unknown, by our
 * callback data.
 */
const EVENTS_PER_INSERT = 100;
const EVENT_COLUMNS = 10;

export function createReconciler(
  db: SqliteDatabase,
  deps: { now: () => number; onPause?: (campaignId: number) => void },
) {
  const rows = recipientStatements(db);
  const effects = createEffects(db, deps.now);
  const replies = createReplyRecorder(db, deps.now);
  const answers = createAnswerStore(db);
  const applier = createStatusApplier(rows, effects, deps.onPause);
  const recordTier = createTierRecorder(db);
  const insertEvent = db.prepare(
    `INSERT OR IGNORE INTO status_events (source, kind, dedupe_key, wamid, status, meta_ts, callback, recipient_id, payload_json, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Events of statuses we matched to a recipient cannot be repeats at the database's level (a repeat is
  // known from the recipient's status_seen bits; the unique key index holds only unmatched events), so
  // they are written EVENTS_PER_INSERT to a statement at the end of the batch: a tenth of the
  // statements for the largest table of the hot path (BENCHMARKS.md, status reconciliation).
  const insertEvents = db.prepare(
    `INSERT INTO status_events (source, kind, dedupe_key, wamid, status, meta_ts, callback, recipient_id, payload_json, received_at)
     VALUES ${Array.from({ length: EVENTS_PER_INSERT }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
  );
  const matchEvent = db.prepare('UPDATE status_events SET recipient_id = ? WHERE id = ?');
  const saveCursor = db.prepare(
    `INSERT INTO status_sources (account_id, source, cursor, cursor_scope) VALUES (?, ?, ?, ?)
     ON CONFLICT(account_id, source) DO UPDATE SET cursor = excluded.cursor, cursor_scope = excluded.cursor_scope`,
  );

  const eventValues = (b: Batch, o: Logged, recipientId: number | null): unknown[] => {
    const wamid = o.kind === 'status' ? o.wamid : o.kind === 'inbound' ? o.messageId : null;
    const status =
      o.kind === 'status'
        ? o.status
        : o.kind === 'template'
          ? o.event
          : o.kind === 'preference'
            ? o.value
            : o.type;
    const callback = o.kind === 'status' ? o.callback : null;
    return [
      b.source,
      o.kind,
      observationKey(o),
      wamid,
      status,
      o.at,
      callback,
      recipientId,
      JSON.stringify(o.raw ?? null),
      b.receivedAt,
    ];
  };
  const record = (b: Batch, o: Logged, recipientId: number | null): boolean =>
    insertEvent.run(...eventValues(b, o, recipientId)).changes === 1;

  /** Matched events of one batch, written in groups; flush() writes the rest (inside the batch's transaction). */
  const eventBuffer = (b: Batch) => {
    let values: unknown[] = [];
    let count = 0;
    return {
      add(o: StatusObservation, recipientId: number): void {
        values.push(...eventValues(b, o, recipientId));
        if (++count === EVENTS_PER_INSERT) {
          insertEvents.run(values);
          values = [];
          count = 0;
        }
      },
      flush(): void {
        for (let i = 0; i < count; i++)
          insertEvent.run(values.slice(i * EVENT_COLUMNS, (i + 1) * EVENT_COLUMNS));
        values = [];
        count = 0;
      },
    };
  };

  /** Template changes, opt-outs and replies: kept under their key (a repeat is refused), then acted on. */
  const applyOther = (b: Batch, o: Exclude<Logged, StatusObservation>, out: ApplyOutcome) => {
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
      const fx = effects.inbound(o, b.accountId);
      out.suppressed += fx.suppressed;
      if (replies.record(o, b.accountId, fx.phones, b.receivedAt).stored) out.replies++;
      out.inbound.push(o);
    }
  };

  const apply = writeTransaction(db, (b: Batch): ApplyOutcome => {
    const out = emptyOutcome();
    out.observations = b.observations.length;
    const statuses: StatusObservation[] = [];
    for (const o of b.observations) {
      if (o.kind === 'status') statuses.push(o);
      // Meta's volume tier switches are kept apart: its key refuses repeats, keeping the earliest.
      else if (o.kind === 'tier')
        out.applied += Math.min(1, recordTier(o, b.accountId, b.receivedAt));
      else applyOther(b, o, out);
    }
    const matched = eventBuffer(b);
    const keep = (o: StatusObservation, recipientId: number | null): boolean => {
      if (recipientId === null) return record(b, o, null);
      matched.add(o, recipientId);
      return true;
    };
    // Recipients are found by wamid in wamid order (the index is walked in order), then written in
    // recipient order, so their rows and status_events' recipient_id index are written front to back
    // rather than at random. Runs whose wamid we do not know (yet) may settle an ambiguous send by its
    // callback data: they go after, each located afresh, in wamid order as before.
    const known: { run: StatusObservation[]; row: RecipientRow }[] = [];
    const unknown: StatusObservation[][] = [];
    for (const run of byWamidRuns(statuses.sort(byWamid))) {
      const row = rows.byWamid(run[0]!.wamid);
      if (row) known.push({ run, row });
      else unknown.push(run);
    }
    known.sort((x, y) => x.row.id - y.row.id);
    for (const { run, row } of known)
      applier.applyGroup(run, b.source, keep, out, { row, settle: false, fileUnder: row.id });
    for (const run of unknown) {
      // Statuses of the answers written to customers (issue 19): they are no campaign's recipients.
      for (const o of run) if (answers.applyStatus(o.wamid, o.status, o.at, o.error)) out.replies++;
      applier.applyGroup(run, b.source, keep, out);
    }
    matched.flush();
    if (b.cursor)
      saveCursor.run(b.cursor.accountId, b.cursor.source, b.cursor.cursor, b.cursor.scope);
    return out;
  });

  return {
    apply: (b: Batch): ApplyOutcome => apply(b),
    /** For re-matching events stored unmatched (see maintenance.ts). */
    internals: { rows, applier, matchEvent },
  };
}

export type Reconciler = ReturnType<typeof createReconciler>;
