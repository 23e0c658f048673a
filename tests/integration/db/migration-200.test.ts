import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 200 (deferred)', () => {
  let dir: { path: string; cleanup(): void };
  afterEach(() => dir.cleanup());

  it('keeps recipients, starts them never limited, and refuses a negative deferral count (199 → fixtures → 200)', () => {
    dir = tempDir('cd-mig200-');
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 199 });
    db.prepare(
      "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('A', 'cloud', '1', '2', 'https://x', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO campaigns (account_id, name, state, created_at, updated_at) VALUES (1, 'C', 'sending', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone, state, next_attempt_at) VALUES (1, 2, '+919812345678', 'pending', 5)",
    ).run();
    expect(migrate(db, { target: 200 }).applied).toEqual([200]);
    expect(
      db
        .prepare('SELECT phone, state, next_attempt_at, limited_at, deferrals FROM recipients')
        .all(),
    ).toEqual([
      {
        phone: '+919812345678',
        state: 'pending',
        next_attempt_at: 5,
        limited_at: null,
        deferrals: 0,
      },
    ]);
    expect(() => db.prepare('UPDATE recipients SET deferrals = -1').run()).toThrow(/CHECK/);
    // The partial index serves the "who waits for their next try" lookup.
    db.prepare('UPDATE recipients SET limited_at = 1, deferrals = 1').run();
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT min(next_attempt_at) FROM recipients WHERE campaign_id = 1 AND state = 'pending' AND limited_at IS NOT NULL",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/recipients_deferred/);
    db.close();
  });
});
