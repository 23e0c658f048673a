import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { writeTransaction } from './tx';
import { MIGRATIONS, checksum, type Migration } from './migrations';

export class DatabaseFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This data was written by a newer version of Campaign Desk (schema ${found}; this version ` +
        `understands up to ${supported}). Update Campaign Desk to open it. Nothing was changed.`,
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export class MigrationChecksumError extends Error {
  constructor(version: number) {
    super(`Migration ${version} differs from the one applied to this database; refusing to start.`);
    this.name = 'MigrationChecksumError';
  }
}

export interface MigrateResult {
  from: number;
  to: number;
  applied: number[];
  backupPath: string | null;
}

export interface MigrateOptions {
  /** Where backups go; no backup is taken for an empty (new) database. */
  backupDir?: string;
  /** Stop at this version (tests migrate to N-1, insert fixtures, then go on to N). */
  target?: number;
  migrations?: readonly Migration[];
  now?: () => number;
}

export function schemaVersion(sqlite: SqliteDatabase): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to date: refuses a newer database, checks applied migrations are
 * unchanged, backs up with VACUUM INTO, then applies every pending migration in ONE
 * transaction, so a failure leaves the database exactly as it was.
 */
export function migrate(sqlite: SqliteDatabase, options: MigrateOptions = {}): MigrateResult {
  const migrations = [...(options.migrations ?? MIGRATIONS)].sort((a, b) => a.version - b.version);
  const latest = migrations.at(-1)?.version ?? 0;
  const target = options.target ?? latest;
  const from = schemaVersion(sqlite);
  if (from > latest) throw new DatabaseFromFutureError(from, latest);

  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = sqlite.prepare('SELECT version, checksum FROM schema_migrations').all() as {
    version: number;
    checksum: string;
  }[];
  for (const row of applied) {
    const m = migrations.find((x) => x.version === row.version);
    if (m && checksum(m) !== row.checksum) throw new MigrationChecksumError(row.version);
  }

  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from, applied: [], backupPath: null };

  let backupPath: string | null = null;
  if (from > 0 && options.backupDir) {
    mkdirSync(options.backupDir, { recursive: true, mode: 0o700 });
    const stamp = new Date(options.now?.() ?? Date.now()).toISOString().replace(/[:.]/g, '-');
    backupPath = join(options.backupDir, `campaign-desk-schema${from}-${stamp}.sqlite`);
    if (existsSync(backupPath)) throw new Error(`Backup ${backupPath} already exists.`);
    sqlite.prepare('VACUUM INTO ?').run(backupPath);
    // A copy of every customer's data: the owner's alone, as the database (VACUUM INTO uses the umask).
    if (process.platform !== 'win32') chmodSync(backupPath, 0o600);
  }

  const record = sqlite.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  writeTransaction(sqlite, () => {
    for (const m of pending) {
      sqlite.exec(m.sql);
      record.run(m.version, m.name, checksum(m), options.now?.() ?? Date.now());
    }
    // user_version is part of the database header and is covered by the transaction.
    sqlite.pragma(`user_version = ${pending.at(-1)!.version}`);
  })();
  return { from, to: pending.at(-1)!.version, applied: pending.map((m) => m.version), backupPath };
}
