import type { Database as SqliteDatabase } from 'better-sqlite3';
import { writeTransaction } from '../db/tx';

/** A lease older than this belongs to a process that died (heartbeats come every few seconds). */
export const LEASE_STALE_MS = 15_000;

export type LeaseResult = { held: true; tookOver: boolean } | { held: false; owner: string };

/**
 * Owners are "<pid>-<random>". The data folder is local, so a pid that no longer exists on this
 * machine means its lease is abandoned now, not only when its heartbeat goes stale.
 */
function processAlive(owner: string): boolean {
  const pid = Number(owner.split('-')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time sends for an account: the desktop app, the browser shell, or
 * `campaigns send --wait`. Taking over a stale lease means the previous owner crashed.
 */
export function acquireLease(
  db: SqliteDatabase,
  accountId: number,
  owner: string,
  now: number,
): LeaseResult {
  return writeTransaction(db, (): LeaseResult => {
    const row = db
      .prepare('SELECT owner, heartbeat_at FROM sender_leases WHERE account_id = ?')
      .get(accountId) as { owner: string; heartbeat_at: number } | undefined;
    if (
      row &&
      row.owner !== owner &&
      now - row.heartbeat_at < LEASE_STALE_MS &&
      processAlive(row.owner)
    ) {
      return { held: false, owner: row.owner };
    }
    db.prepare(
      'INSERT INTO sender_leases (account_id, owner, heartbeat_at) VALUES (?, ?, ?) ON CONFLICT(account_id) DO UPDATE SET owner = excluded.owner, heartbeat_at = excluded.heartbeat_at',
    ).run(accountId, owner, now);
    return { held: true, tookOver: row === undefined || row.owner !== owner };
  })();
}

export function renewLease(
  db: SqliteDatabase,
  accountId: number,
  owner: string,
  now: number,
): boolean {
  return (
    db
      .prepare('UPDATE sender_leases SET heartbeat_at = ? WHERE account_id = ? AND owner = ?')
      .run(now, accountId, owner).changes === 1
  );
}

export function releaseLease(db: SqliteDatabase, accountId: number, owner: string): void {
  db.prepare('DELETE FROM sender_leases WHERE account_id = ? AND owner = ?').run(accountId, owner);
}
