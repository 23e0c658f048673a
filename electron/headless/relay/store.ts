import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The relay's durable log of accepted webhook bodies, in its own SQLite file.
 *
 * Why SQLite and not an append-only JSONL file: a commit is atomic (no torn last line to repair after
 * a crash), `synchronous = FULL` fsyncs every commit before Meta gets its 200, the cursor is an
 * AUTOINCREMENT rowid (monotonic, never reused, even after pruning), reading "after cursor X" is an
 * index seek instead of a scan or a side index of byte offsets, and pruning old events is a DELETE.
 * better-sqlite3 is already a dependency. One process writes, so cursors become visible in order:
 * a reader at X can never miss an event committed later with a smaller cursor.
 */

const CURSOR_DIGITS = 12;
// Zero-padded, as the sandbox feed's: cursors also sort as plain strings.
export const toCursor = (n: number): string => String(n).padStart(CURSOR_DIGITS, '0');

interface StoredEvent {
  cursor: number;
  receivedAt: number;
  body: string;
}

export interface RelayStore {
  /** Stores a body already checked to be JSON; returns its cursor. */
  append: (rawJson: string, receivedAt: number) => string;
  /** The feed response, as JSON text: stored bodies are spliced in as they came, never re-encoded. */
  /** At most `limit` events, and no more once `maxBytes` of bodies are in (one event always is). */
  pageJson: (after: number, limit: number, maxBytes: number) => string;
  lastCursor: () => number;
  prune: (olderThan: number) => number;
  close: () => void;
}

/**
 * The stored bodies are customers' phone numbers and messages: the file is the owner's alone (0600),
 * created so before SQLite opens it. SQLite gives its -wal and -shm files the database's mode; files
 * left readable by an older version are repaired here.
 */
function ownerOnly(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  if (process.platform === 'win32') return;
  for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

export function openRelayStore(path: string): RelayStore {
  if (path !== ':memory:') ownerOnly(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: the body is on disk before Meta hears 200, so an acknowledged webhook is never lost.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS events (
    cursor INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS events_received ON events(received_at);`);

  const insert = db.prepare('INSERT INTO events (received_at, body) VALUES (?, ?)');
  const select = db.prepare<[number, number]>(
    'SELECT cursor, received_at AS receivedAt, body FROM events WHERE cursor > ? ORDER BY cursor LIMIT ?',
  );
  const after = db.prepare<[number]>('SELECT 1 FROM events WHERE cursor > ? LIMIT 1');
  const last = db.prepare('SELECT max(cursor) AS c FROM events');
  const prune = db.prepare<[number]>('DELETE FROM events WHERE received_at < ?');

  return {
    append: (rawJson, receivedAt) =>
      toCursor(Number(insert.run(receivedAt, rawJson).lastInsertRowid)),
    pageJson(from, limit, maxBytes) {
      const events: string[] = [];
      let bytes = 0;
      let end = from;
      for (const r of select.iterate(from, limit) as Iterable<StoredEvent>) {
        const size = Buffer.byteLength(r.body);
        if (events.length > 0 && bytes + size > maxBytes) break;
        bytes += size;
        end = r.cursor;
        events.push(
          `{"cursor":"${toCursor(r.cursor)}","receivedAt":${r.receivedAt},"body":${r.body}}`,
        );
      }
      const next =
        events.length > 0 && after.get(end) !== undefined ? JSON.stringify(toCursor(end)) : 'null';
      return `{"events":[${events.join(',')}],"next":${next}}`;
    },
    lastCursor: () => (last.get() as { c: number | null }).c ?? 0,
    prune: (olderThan) => prune.run(olderThan).changes,
    close: () => {
      if (db.open) db.close();
    },
  };
}
