import type { Database as SqliteDatabase } from 'better-sqlite3';

/**
 * How long the sender's thread waits for SQLite's write lock before giving the turn back to the
 * event loop: requests in flight keep being answered, and the write is tried again a little later.
 * The connection's own busy timeout (5 s) would block every other thing this thread does.
 */
export const WRITE_WAIT_MS = 25;

/** Any error better-sqlite3 raised for the database (busy, locked, full, I/O): the data is still ours. */
export function isSqliteError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/**
 * Runs a write with a short busy timeout and puts the connection's own back afterwards. Nothing else
 * can run on this connection in between: better-sqlite3 is synchronous.
 */
export function writeBriefly<T>(db: SqliteDatabase, fn: () => T, waitMs = WRITE_WAIT_MS): T {
  const before = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${Math.max(0, Math.round(waitMs))}`);
  try {
    return fn();
  } finally {
    db.pragma(`busy_timeout = ${before}`);
  }
}
