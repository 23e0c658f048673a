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

/** SQLite's write lock held by another connection: normal beside an import, worth a word only when long. */
export function isLockBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** How long the lock may stay out of reach before the sender says so in the log. */
export const BUSY_WARN_AFTER_MS = 2000;

/**
 * Decides when a failing write is worth a log line: any error other than a busy lock at once; a
 * busy lock only once it has lasted BUSY_WARN_AFTER_MS (a few tries a second at an import's
 * chunks are expected, and a line each time alarmed users for nothing). Says "again" only after
 * it said something.
 */
export function createWriteTrouble(monotonic: () => number) {
  let since: number | null = null;
  let told = false;
  return {
    /** Returns whether to log this failure now. */
    failed(e: unknown): boolean {
      const now = monotonic();
      since ??= now;
      if (told) return false;
      if (isLockBusy(e) && now - since < BUSY_WARN_AFTER_MS) return false;
      told = true;
      return true;
    },
    /** Returns whether to log that writes work again. */
    recovered(): boolean {
      const said = told;
      since = null;
      told = false;
      return said;
    },
  };
}
