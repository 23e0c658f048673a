import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 60 (pacing)', () => {
  const dir = tempDir('cd-mig60-');
  afterEach(() => dir.cleanup());

  it('keeps accounts and recipients, adds default quiet hours and the two indexes (50 → fixtures → 60)', () => {
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 50 });
    db.prepare(
      "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('A', 'cloud', '1', '2', 'https://x', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO campaigns (account_id, name, state, created_at, updated_at) VALUES (1, 'C', 'sending', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone, country, state, sent_at) VALUES (1, 2, '+447400123410', 'GB', 'sent', 5), (1, 3, '+12025550101', 'US', 'pending', NULL)",
    ).run();

    expect(migrate(db, { target: 60 }).applied).toEqual([60]);
    expect(db.prepare('SELECT name, quiet_from, quiet_to FROM accounts').get()).toEqual({
      name: 'A',
      quiet_from: null,
      quiet_to: null,
    });
    expect(db.prepare('SELECT phone, state FROM recipients ORDER BY id').all()).toEqual([
      { phone: '+447400123410', state: 'sent' },
      { phone: '+12025550101', state: 'pending' },
    ]);
    const indexes = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ('recipients_phone_sent', 'recipients_pending_country')",
      )
      .all() as { name: string; sql: string }[];
    expect(indexes.map((i) => i.name).sort()).toEqual([
      'recipients_pending_country',
      'recipients_phone_sent',
    ]);
    // The queries they are for use them.
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(plan("SELECT 1 FROM recipients WHERE phone = '+1' AND sent_at > 0")).toMatch(
      /recipients_phone_sent/,
    );
    expect(
      plan(
        "SELECT id FROM recipients WHERE campaign_id = 1 AND state = 'pending' AND country = 'US' ORDER BY id LIMIT 5",
      ),
    ).toMatch(/recipients_pending_country/);
    db.prepare("UPDATE accounts SET quiet_from = '21:00', quiet_to = '08:00'").run();
    expect(() => db.prepare("UPDATE accounts SET quiet_from = '9pm'").run()).toThrow(/CHECK/);
    db.close();
  });
});
