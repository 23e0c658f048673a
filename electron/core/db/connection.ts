import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type InferResult,
} from 'kysely';
import type { DB } from './schema';
import { writeTransaction } from './tx';
import { registerAudienceFilterFunctions } from '../campaigns/audience-filter-udf';

export interface OpenOptions {
  /**
   * Path to a better_sqlite3.node built for another runtime. The Electron main process passes
   * the Electron build here so the Node build in node_modules stays untouched for the tests.
   */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * One SQLite connection per process role, owned by whoever opens it. Kysely only builds and
 * compiles queries; better-sqlite3 executes them synchronously, so a transaction is a plain
 * synchronous function and nothing can be awaited inside it by accident.
 */
export interface Store {
  readonly sqlite: SqliteDatabase;
  readonly q: Kysely<DB>;
  readonly path: string;
  all<Q extends Compilable>(query: Q): InferResult<Q>;
  first<Q extends Compilable>(query: Q): InferResult<Q>[number] | undefined;
  run(query: Compilable): { changes: number; lastInsertRowid: number };
  tx<T>(fn: () => T): T;
  close(): void;
}

export function openSqlite(path: string, options: OpenOptions = {}): SqliteDatabase {
  const sqlite = new Database(path, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  // WAL lets readers (UI queries, a worker's connection) proceed while one writer writes.
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // NORMAL is durable across application crashes in WAL mode; only power loss can drop
  // the last transactions, which the sender's "unknown" state already tolerates.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // The audience filter's evaluator, callable from SQL (counts, validation, the exclusion at start).
  registerAudienceFilterFunctions(sqlite);
  return sqlite;
}

export function createQueryBuilder(): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

export function wrapStore(sqlite: SqliteDatabase): Store {
  const q = createQueryBuilder();
  const stmtCache = new Map<string, Statement<unknown[]>>();
  const prepare = (sql: string) => {
    let stmt = stmtCache.get(sql);
    if (!stmt) {
      stmt = sqlite.prepare<unknown[]>(sql);
      // Bounded: queries are built from code, not from user input, so the set is small,
      // but a cap keeps a bug from turning into a leak.
      if (stmtCache.size > 500) stmtCache.clear();
      stmtCache.set(sql, stmt);
    }
    return stmt;
  };
  const params = (query: Compilable) => {
    const compiled = query.compile();
    return { sql: compiled.sql, parameters: compiled.parameters as unknown[] };
  };
  return {
    sqlite,
    q,
    path: sqlite.name,
    all(query) {
      const { sql, parameters } = params(query);
      return prepare(sql).all(...parameters) as never;
    },
    first(query) {
      const { sql, parameters } = params(query);
      return prepare(sql).get(...parameters) as never;
    },
    run(query) {
      const { sql, parameters } = params(query);
      const info = prepare(sql).run(...parameters);
      return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) };
    },
    tx(fn) {
      return writeTransaction(sqlite, fn)();
    },
    close() {
      stmtCache.clear();
      if (sqlite.open) sqlite.close();
    },
  };
}
