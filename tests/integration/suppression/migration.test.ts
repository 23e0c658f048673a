import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 80 (suppression)', () => {
  const dir = tempDir('cd-mig80-');
  afterEach(() => dir.cleanup());

  it('keeps every opt-out, adds the reply columns, the paging index and the removal log (79 → fixtures → 80)', () => {
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 79 });
    db.prepare(
      "INSERT INTO suppression (phone, reason, source, detail, created_at) VALUES ('+447911123456', 'Stopped marketing messages on WhatsApp', 'user_preferences', NULL, 5)",
    ).run();
    db.prepare(
      "INSERT INTO suppression (phone, reason, source, detail, created_at) VALUES ('+16505551234', 'opted out', 'status', 'error 131050 (relay)', 7)",
    ).run();

    expect(migrate(db, { target: 80 }).applied).toEqual([80]);
    expect(
      db
        .prepare(
          'SELECT phone, reason, source, detail, created_at, words, wamid, campaign_id, account_id, event_at FROM suppression ORDER BY created_at',
        )
        .all(),
    ).toEqual([
      {
        phone: '+447911123456',
        reason: 'Stopped marketing messages on WhatsApp',
        source: 'user_preferences',
        detail: null,
        created_at: 5,
        words: null,
        wamid: null,
        campaign_id: null,
        account_id: null,
        event_at: null,
      },
      {
        phone: '+16505551234',
        reason: 'opted out',
        source: 'status',
        detail: 'error 131050 (relay)',
        created_at: 7,
        words: null,
        wamid: null,
        campaign_id: null,
        account_id: null,
        event_at: null,
      },
    ]);
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT phone FROM suppression ORDER BY created_at DESC, phone DESC LIMIT 50',
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/suppression_newest/);
    db.prepare(
      "INSERT INTO suppression_removals (phone, reason, source, added_at, removed_at) VALUES ('+1', 'r', 'manual', 1, 2)",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO suppression_removals (phone, reason, source, added_at) VALUES ('+1', 'r', 'manual', 1)",
        )
        .run(),
    ).toThrow(/NOT NULL/);
    db.close();
  });
});
