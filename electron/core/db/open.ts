import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite, wrapStore, type OpenOptions, type Store } from './connection';
import { migrate, type MigrateResult } from './migrate';

export const DATABASE_FILE = 'campaign-desk.sqlite';

export interface OpenedStore {
  store: Store;
  migration: MigrateResult;
}

/** Opens (creating if needed) the data directory's database and migrates it. */
export function openStore(dataDir: string, options: OpenOptions & { now?: () => number } = {}): OpenedStore {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DATABASE_FILE);
  const sqlite = openSqlite(path, options);
  try {
    const migration = migrate(sqlite, {
      backupDir: join(dataDir, 'backups'),
      ...(options.now ? { now: options.now } : {}),
    });
    return { store: wrapStore(sqlite), migration };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
