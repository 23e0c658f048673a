import { join } from 'node:path';
import { openSqlite, wrapStore, type OpenOptions, type Store } from './connection';
import { migrate, type MigrateResult } from './migrate';
import { discardStaleBatches } from '../contacts/batch/import-batch';
import { createOwnerOnly, secureDataDir } from '../data-folder/permissions';
import { asStorageError } from '../data-folder/storage-errors';
import { log } from '../log';

export const DATABASE_FILE = 'campaign-desk.sqlite';

export interface OpenedStore {
  store: Store;
  migration: MigrateResult;
}

/** Opens (creating if needed) the data directory's database and migrates it. */
export function openStore(
  dataDir: string,
  options: OpenOptions & { now?: () => number } = {},
): OpenedStore {
  const path = join(dataDir, DATABASE_FILE);
  let sqlite;
  try {
    if (!options.readonly) {
      const { warning } = secureDataDir(dataDir);
      if (warning) log.warn(warning);
      createOwnerOnly(path);
    }
    sqlite = openSqlite(path, options);
  } catch (e) {
    throw asStorageError(e, dataDir) ?? e;
  }
  try {
    const migration = migrate(sqlite, {
      backupDir: join(dataDir, 'backups'),
      ...(options.now ? { now: options.now } : {}),
    });
    // The app's own connection walks indexes of 1,000,000-recipient campaigns (status matching by wamid,
    // the progress view); SQLite's default 2 MB page cache makes every such lookup a read from the OS.
    // 64 MB is an upper bound, used only as pages are touched. (The import worker keeps the default.)
    sqlite.pragma('cache_size = -65536');
    // An import whose process died left an invisible batch: remove it before anyone imports again.
    discardStaleBatches(sqlite, options.now?.() ?? Date.now());
    return { store: wrapStore(sqlite), migration };
  } catch (e) {
    sqlite.close();
    throw asStorageError(e, dataDir) ?? e;
  }
}
