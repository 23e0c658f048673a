// The customer book's upsert (issue 18): N customers into a book that already holds N, half of them
// already there (half of those with a changed value), against a floor of plain
// INSERT … ON CONFLICT DO UPDATE in the same 2,000-row IMMEDIATE chunks, each in its own database.
// Run: npx tsx tests/bench/customers-upsert.ts [N]   (default 1,000,000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  CustomerUpserter,
  importEvidence,
  type BookRow,
} from '../../electron/core/customers/upsert';
import { openSqlite } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrate';
import { writeTransaction } from '../../electron/core/db/tx';

const N = Number(process.argv[2] ?? 1_000_000);
const CHUNK = 2000;
const phone = (i: number) => `+1650${String(1_000_000 + i).padStart(7, '0')}`;
const row = (i: number, round: number): BookRow => ({
  phone: phone(i),
  country: 'US',
  fields: {
    Name: `Customer ${i}`,
    City: i % 4 === 0 && round === 2 ? 'Moved' : 'Springfield',
    Spent: String(i % 500),
  },
});

function fresh(name: string): { db: SqliteDatabase; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), `cd-bench-${name}-`));
  const db = openSqlite(join(dir, 'book.sqlite'));
  migrate(db);
  return { db, dir };
}

function timed(label: string, fn: () => void): number {
  const t = performance.now();
  fn();
  const ms = performance.now() - t;
  console.log(
    `${label}: ${(ms / 1000).toFixed(2)} s, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
  return ms;
}

function upsertAll(db: SqliteDatabase, from: number, to: number, round: number) {
  const up = new CustomerUpserter(db, importEvidence('bench.csv', round), round);
  const chunk = writeTransaction(db, (a: number, b: number) => {
    for (let i = a; i < b; i++) up.add(row(i, round));
    up.flush();
  });
  for (let i = from; i < to; i += CHUNK) chunk(i, Math.min(i + CHUNK, to));
  return up.counts;
}

function floorAll(db: SqliteDatabase, from: number, to: number, round: number) {
  const stmt = db.prepare(
    `INSERT INTO customers (phone, country, attributes_json, attribute_dates_json, first_seen_at, last_seen_at, created_at, updated_at)
     VALUES (?, ?, ?, '{}', ?, ?, ?, ?)
     ON CONFLICT (phone) DO UPDATE SET attributes_json = excluded.attributes_json, last_seen_at = excluded.last_seen_at`,
  );
  const chunk = writeTransaction(db, (a: number, b: number) => {
    for (let i = a; i < b; i++) {
      const r = row(i, round);
      stmt.run(r.phone, r.country, JSON.stringify(r.fields), round, round, round, round);
    }
  });
  for (let i = from; i < to; i += CHUNK) chunk(i, Math.min(i + CHUNK, to));
}

const book = fresh('upsert');
timed(`book: first ${N.toLocaleString('en')}`, () => upsertAll(book.db, 0, N, 1));
let counts = { new: 0, updated: 0, unchanged: 0 };
const ours = timed(`book: ${N.toLocaleString('en')} more, half overlap`, () => {
  counts = upsertAll(book.db, N / 2, N + N / 2, 2);
});
console.log(`  counts: ${JSON.stringify(counts)}`);
book.db.close();
rmSync(book.dir, { recursive: true, force: true });

const floor = fresh('floor');
timed(`floor: first ${N.toLocaleString('en')}`, () => floorAll(floor.db, 0, N, 1));
const base = timed(`floor: ${N.toLocaleString('en')} more, half overlap`, () =>
  floorAll(floor.db, N / 2, N + N / 2, 2),
);
floor.db.close();
rmSync(floor.dir, { recursive: true, force: true });
console.log(`ratio to the floor: ${(ours / base).toFixed(2)}×`);
