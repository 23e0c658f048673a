import { randomBytes } from 'node:crypto';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { inChunks } from '../../db/chunks';
import { writeTransaction } from '../../db/tx';

/**
 * An import's batch (migration 100): its rows are written in short IMMEDIATE transactions while
 * invisible, then published at once by deleting the batch row, or removed in chunks when the
 * import fails, is cancelled, or its process died.
 */

/** Rows per write transaction: ~10–20 ms of work, so a sender's flush waits at most that long. */
export const CHUNK_ROWS = 2000;
/** Rows per delete transaction when a batch is removed. */
const DISCARD_ROWS = 5000;
/** A batch whose heartbeat is older than this is stale even if a process of that pid lives. */
export const STALE_MS = 10 * 60 * 1000;

/** "<pid>-<random>": the pid tells whether the writer lives; the rest tells two lives apart. */
export function batchOwner(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

// The same test as the sender's lease (sender/lease.ts): EPERM means alive but not ours.
function ownerAlive(owner: string): boolean {
  const pid = Number(owner.split('-')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface BatchRow {
  id: number;
  campaign_id: number;
  owner: string;
  first_recipient_id: number;
  heartbeat_at: number;
}

/** Records the batch of an import whose `imports` row was just written, in the caller's transaction. */
export function insertBatch(
  db: SqliteDatabase,
  importId: number,
  campaignId: number,
  owner: string,
  now: number,
): void {
  db.prepare(
    `INSERT INTO import_batches (id, campaign_id, owner, first_recipient_id, started_at, heartbeat_at)
     VALUES (?, ?, ?, (SELECT coalesce(max(id), 0) + 1 FROM recipients), ?, ?)`,
  ).run(importId, campaignId, owner, now, now);
}

/** The batch still being written into this campaign, if any. */
export function liveBatch(db: SqliteDatabase, campaignId: number): BatchRow | undefined {
  return db
    .prepare(
      'SELECT id, campaign_id, owner, first_recipient_id, heartbeat_at FROM import_batches WHERE campaign_id = ?',
    )
    .get(campaignId) as BatchRow | undefined;
}

/**
 * Removes a batch: its recipients and rejected rows in chunks of short transactions (other
 * writers go between them), then the import and batch rows. Until the last step the rows stay
 * invisible, so a reader never sees part of a batch. Returns the recipients removed.
 */
export function discardBatch(db: SqliteDatabase, batchId: number): number {
  const batch = db
    .prepare('SELECT first_recipient_id FROM import_batches WHERE id = ?')
    .get(batchId) as { first_recipient_id: number } | undefined;
  if (!batch) return 0;
  const nextIds = db
    .prepare(
      'SELECT id FROM recipients WHERE id >= ? AND import_batch = ? ORDER BY id LIMIT ' +
        DISCARD_ROWS,
    )
    .pluck();
  const removeRows = db.prepare(
    'DELETE FROM recipients WHERE id BETWEEN ? AND ? AND import_batch = ?',
  );
  const removeRejects = db.prepare(
    `DELETE FROM import_rejects WHERE id IN (SELECT id FROM import_rejects WHERE import_id = ? LIMIT ${DISCARD_ROWS})`,
  );
  let removed = 0;
  let from = batch.first_recipient_id;
  // Bounded: every round removes at least one row or stops.
  inChunks(
    writeTransaction(db, () => {
      const ids = nextIds.all(from, batchId) as number[];
      const last = ids.at(-1);
      if (last === undefined) return false;
      from = last + 1;
      const n = removeRows.run(ids[0], last, batchId).changes;
      removed += n;
      return n > 0;
    }),
  );
  inChunks(writeTransaction(db, () => removeRejects.run(batchId).changes > 0));
  writeTransaction(db, () => {
    db.prepare('DELETE FROM import_batches WHERE id = ?').run(batchId);
    db.prepare('DELETE FROM imports WHERE id = ?').run(batchId);
  })();
  return removed;
}

/**
 * At start: removes the batches whose writer is gone (its process died mid-import, or it has
 * not written for STALE_MS). Returns the ids of the batches removed.
 */
export function discardStaleBatches(
  db: SqliteDatabase,
  now: number,
  alive: (owner: string) => boolean = ownerAlive,
): number[] {
  const batches = db
    .prepare('SELECT id, owner, heartbeat_at FROM import_batches ORDER BY id')
    .all() as Pick<BatchRow, 'id' | 'owner' | 'heartbeat_at'>[];
  const stale = batches.filter((b) => !alive(b.owner) || now - b.heartbeat_at > STALE_MS);
  for (const b of stale) discardBatch(db, b.id);
  return stale.map((b) => b.id);
}

/** This process's batches for a campaign: what a crashed import worker left behind. */
export function discardOwnBatches(db: SqliteDatabase, campaignId: number): number[] {
  const pid = `${process.pid}-`;
  const own = (
    db.prepare('SELECT id, owner FROM import_batches WHERE campaign_id = ?').all(campaignId) as {
      id: number;
      owner: string;
    }[]
  ).filter((b) => b.owner.startsWith(pid));
  for (const b of own) discardBatch(db, b.id);
  return own.map((b) => b.id);
}
