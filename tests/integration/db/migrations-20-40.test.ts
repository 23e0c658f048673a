import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { tempDir } from '../../helpers/tmp';

const MIGRATIONS_DIR = join(import.meta.dirname, '../../../electron/core/db/migrations');

describe('one migration per file', () => {
  it('lists every NNNN_name.ts file once, under the version and name its file says', () => {
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{4}_\w+\.ts$/.test(f))
      .sort();
    expect(files.map((f) => f.replace(/\.ts$/, ''))).toEqual(
      MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`),
    );
  });
});

describe('migrations 20 (imports) and 40 (sending), one by one', () => {
  const dirs: { path: string; cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const open = () => {
    const dir = tempDir('cd-mig20-40-');
    dirs.push(dir);
    return openSqlite(join(dir.path, 'db.sqlite'));
  };

  const seed = (db: ReturnType<typeof openSqlite>) => {
    db.prepare(
      "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('A', 'cloud', '1', '2', 'https://x', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO campaigns (account_id, name, state, created_at, updated_at) VALUES (1, 'C', 'sending', 0, 0)",
    ).run();
  };

  it('20 keeps campaigns and adds imports with their rejects, deleted with the campaign (10 → fixtures → 20)', () => {
    const db = open();
    migrate(db, { target: 10 });
    seed(db);
    expect(migrate(db, { target: 20 }).applied).toEqual([20]);
    expect(db.prepare('SELECT name, state FROM campaigns').all()).toEqual([
      { name: 'C', state: 'sending' },
    ]);
    db.prepare(
      "INSERT INTO imports (campaign_id, file_name, file_size, format, has_header, phone_column, summary_json, created_at) VALUES (1, 'a.csv', 10, 'csv', 1, 'phone', '{}', 0)",
    ).run();
    db.prepare(
      "INSERT INTO import_rejects (import_id, row_number, raw_value, problem, reason, fields_json) VALUES (1, 2, 'x', 'invalid', 'Not a number', '{}')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO imports (campaign_id, file_name, file_size, format, has_header, phone_column, summary_json, created_at) VALUES (1, 'a.ods', 10, 'ods', 1, 'phone', '{}', 0)",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare('DELETE FROM campaigns WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM import_rejects').get()).toEqual({ n: 0 });
    db.close();
  });

  it('40 keeps recipients, adds the due and sent indexes, media ids and one lease per account (30 → fixtures → 40)', () => {
    const db = open();
    migrate(db, { target: 30 });
    seed(db);
    db.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone, state, sent_at) VALUES (1, 2, '+447400123410', 'sent', 5), (1, 3, '+12025550101', 'pending', NULL)",
    ).run();
    expect(migrate(db, { target: 40 }).applied).toEqual([40]);
    expect(db.prepare('SELECT phone, state FROM recipients ORDER BY id').all()).toEqual([
      { phone: '+447400123410', state: 'sent' },
      { phone: '+12025550101', state: 'pending' },
    ]);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('SELECT id FROM recipients WHERE sent_at > 0')).toMatch(/recipients_sent_at/);
    expect(
      plan(
        "SELECT id FROM recipients WHERE campaign_id = 1 AND state = 'pending' ORDER BY next_attempt_at LIMIT 5",
      ),
    ).toMatch(/recipients_due/);
    db.prepare(
      "INSERT INTO media_uploads (account_id, source_key, media_id, uploaded_at) VALUES (1, 'k', 'm1', 0)",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO media_uploads (account_id, source_key, media_id, uploaded_at) VALUES (1, 'k', 'm2', 0)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.prepare(
      "INSERT INTO sender_leases (account_id, owner, heartbeat_at) VALUES (1, 'a', 0)",
    ).run();
    expect(() =>
      db
        .prepare("INSERT INTO sender_leases (account_id, owner, heartbeat_at) VALUES (1, 'b', 0)")
        .run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});
