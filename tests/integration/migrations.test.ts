import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../electron/core/db/connection';
import {
  DatabaseFromFutureError,
  MigrationChecksumError,
  migrate,
  schemaVersion,
} from '../../electron/core/db/migrate';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../electron/core/db/migrations';
import { DATABASE_FILE, openStore } from '../../electron/core/db/open';
import { tempDir } from '../helpers/tmp';

const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('migrations', () => {
  const dirs: { cleanup(): void }[] = [];
  const dbs: Database.Database[] = [];
  afterEach(() => {
    dbs.splice(0).forEach((d) => d.open && d.close());
    dirs.splice(0).forEach((d) => d.cleanup());
  });
  const fresh = () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openSqlite(join(dir.path, DATABASE_FILE));
    dbs.push(db);
    return { dir: dir.path, db };
  };

  it('are ordered, unique and in steps of 10', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    for (const v of versions) expect(v % 10).toBe(0);
  });

  it('run from empty and create every table the later features need', () => {
    const { db, dir } = fresh();
    const result = migrate(db, { backupDir: join(dir, 'backups') });
    expect(result).toMatchObject({ from: 0, to: LATEST_VERSION, backupPath: null });
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'accounts',
        'templates',
        'campaigns',
        'recipients',
        'status_events',
        'suppression',
        'settings',
      ]),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // No backup for a brand-new database: there is nothing to lose.
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('are idempotent', () => {
    const { db, dir } = fresh();
    migrate(db, { backupDir: join(dir, 'backups') });
    const again = migrate(db, { backupDir: join(dir, 'backups') });
    expect(again.applied).toEqual([]);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
  });

  const extra: Migration = {
    version: LATEST_VERSION + 10,
    name: 'test_extra',
    sql: 'ALTER TABLE campaigns ADD COLUMN note TEXT;',
  };

  it('back up before migrating an existing database, one version at a time (N-1 → fixtures → N)', () => {
    const { db, dir } = fresh();
    const all = [...MIGRATIONS, extra];
    migrate(db, { migrations: all, target: LATEST_VERSION });
    db.prepare(
      "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('A','cloud','1','2','https://x',0,0)",
    ).run();
    db.prepare(
      "INSERT INTO campaigns (account_id, name, created_at, updated_at) VALUES (1, 'Kept', 0, 0)",
    ).run();

    const result = migrate(db, {
      migrations: all,
      backupDir: join(dir, 'backups'),
      now: () => Date.UTC(2026, 0, 1),
    });
    expect(result.applied).toEqual([extra.version]);
    expect(result.backupPath).not.toBeNull();
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);

    const backup = new Database(result.backupPath!, { readonly: true });
    dbs.push(backup);
    expect(schemaVersion(backup)).toBe(LATEST_VERSION);
    expect(backup.prepare('SELECT name FROM campaigns').all()).toEqual([{ name: 'Kept' }]);
    // The data survived and the new column exists.
    expect(db.prepare('SELECT name, note FROM campaigns').all()).toEqual([
      { name: 'Kept', note: null },
    ]);
  });

  it('apply all pending migrations in one transaction: a failure changes nothing', () => {
    const { db } = fresh();
    const broken: Migration = {
      version: LATEST_VERSION + 20,
      name: 'broken',
      sql: 'THIS IS NOT SQL;',
    };
    expect(() => migrate(db, { migrations: [...MIGRATIONS, extra, broken] })).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).not.toContain('campaigns');
  });

  it('refuse a database written by a newer version and leave it untouched', () => {
    const { db } = fresh();
    migrate(db);
    db.pragma(`user_version = ${LATEST_VERSION + 1000}`);
    expect(() => migrate(db)).toThrow(DatabaseFromFutureError);
    expect(() => migrate(db)).toThrow(/newer version of Campaign Desk/);
    expect(schemaVersion(db)).toBe(LATEST_VERSION + 1000);
  });

  it('refuse to run when a released migration was edited', () => {
    const { db } = fresh();
    migrate(db);
    const edited = MIGRATIONS.map((m) =>
      m.version === MIGRATIONS[0]!.version ? { ...m, sql: m.sql + '\n-- edited' } : m,
    );
    expect(() => migrate(db, { migrations: edited })).toThrow(MigrationChecksumError);
  });

  it('openStore refuses a future database with a clear message and closes it', () => {
    const { db, dir } = fresh();
    migrate(db);
    db.pragma('user_version = 99990');
    db.close();
    expect(() => openStore(dir)).toThrow(/Update Campaign Desk/);
  });
});
