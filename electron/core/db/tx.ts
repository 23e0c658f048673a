import type { Database as SqliteDatabase, Transaction } from 'better-sqlite3';

type Body = Parameters<SqliteDatabase['transaction']>[0];

/**
 * The one way to write: a transaction that starts IMMEDIATE. A plain (deferred) BEGIN reads
 * first and asks for the write lock at its first write; if another connection committed in
 * between, SQLite answers SQLITE_BUSY_SNAPSHOT at once, without waiting for busy_timeout. Taking
 * the lock up front makes the wait happen at BEGIN, where busy_timeout covers it. Nested calls
 * become savepoints, as with db.transaction. tests/unit/immediate-transactions.test.ts keeps
 * every other way of opening a write transaction out of electron/.
 */
export function writeTransaction<F extends Body>(
  db: SqliteDatabase,
  fn: F,
): Transaction<F>['immediate'] {
  const tx = db.transaction(fn);
  return (...args) => tx.immediate(...args);
}
