import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { writeTransaction } from '../../electron/core/db/tx';
import { tempDir } from '../helpers/tmp';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|mts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

// A read-only snapshot needs no write lock; every entry says why it may BEGIN plainly.
const READ_ONLY_BEGIN: Record<string, string> = {
  'electron/core/reports/export-worker.ts': 'read-only connection: one consistent snapshot',
};

/**
 * A lint-like check: in electron/, a transaction is opened only through writeTransaction
 * (db/tx.ts) or as BEGIN IMMEDIATE; a deferred read-then-write could fail with
 * SQLITE_BUSY_SNAPSHOT, which busy_timeout does not cover.
 */
describe('write transactions start IMMEDIATE', () => {
  const files = sources(join(root, 'electron')).map((p) => ({
    path: relative(root, p).replaceAll('\\', '/'),
    text: readFileSync(p, 'utf8'),
  }));

  it('finds the code it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.text.includes('writeTransaction('))).toBe(true);
  });

  it('has no db.transaction() outside db/tx.ts', () => {
    const offenders = files
      .filter((f) => f.path !== 'electron/core/db/tx.ts')
      .filter((f) => /\.transaction\s*\(/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('has no BEGIN that is not IMMEDIATE, except read-only snapshots', () => {
    const offenders = files.flatMap((f) =>
      [
        ...f.text.matchAll(
          /\bBEGIN\b(?!\s+IMMEDIATE)(?:\s+(?:DEFERRED|EXCLUSIVE|TRANSACTION))?['"`;]/g,
        ),
      ]
        .filter(() => !(f.path in READ_ONLY_BEGIN))
        .map((m) => `${f.path}: ${m[0]}`),
    );
    expect(offenders).toEqual([]);
  });

  it('writeTransaction takes the write lock at BEGIN, before its first read', () => {
    const dir = tempDir();
    const path = join(dir.path, 'immediate.sqlite');
    const a = new Database(path);
    a.pragma('journal_mode = WAL');
    a.exec('CREATE TABLE t (n INTEGER)');
    const b = new Database(path);
    b.pragma('busy_timeout = 0');
    try {
      b.exec('BEGIN IMMEDIATE');
      const tx = writeTransaction(a, () => a.prepare('SELECT count(*) FROM t').pluck().get());
      // A deferred transaction would have read happily; an immediate one cannot start.
      a.pragma('busy_timeout = 0');
      expect(() => tx()).toThrow(/locked|busy/i);
      b.exec('ROLLBACK');
      expect(tx()).toBe(0);
    } finally {
      a.close();
      b.close();
      dir.cleanup();
    }
  });
});
