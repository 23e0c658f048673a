import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 70 (variants)', () => {
  const dir = tempDir('cd-mig70-');
  afterEach(() => dir.cleanup());

  it('keeps recipients and adds the partial index the comparison reads alone (50 → fixtures → 70)', () => {
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 50 });
    db.prepare(
      "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('A', 'cloud', '1', '2', 'https://x', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO campaigns (account_id, name, state, created_at, updated_at) VALUES (1, 'C', 'completed', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone, state, variant, sent_at) VALUES (1, 2, '+447911123456', 'delivered', 'B', 5)",
    ).run();
    db.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone, state) VALUES (1, 3, '+447911123457', 'skipped')",
    ).run();

    expect(migrate(db, { target: 70 }).applied).toContain(70);
    expect(db.prepare('SELECT phone, state, variant FROM recipients ORDER BY id').all()).toEqual([
      { phone: '+447911123456', state: 'delivered', variant: 'B' },
      { phone: '+447911123457', state: 'skipped', variant: null },
    ]);
    const sql = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'recipients_variant'")
      .pluck()
      .get() as string;
    expect(sql).toMatch(/WHERE variant IS NOT NULL/);
    const plan = (
      db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT variant, state, count(*), sum(sent_at IS NOT NULL) FROM recipients WHERE campaign_id = ? AND variant IS NOT NULL GROUP BY variant, state',
        )
        .all(1) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/USING COVERING INDEX recipients_variant/);
    db.close();
  });
});
