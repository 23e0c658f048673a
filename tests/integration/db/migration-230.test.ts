import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 230 (volume tiers)', () => {
  let dir: { path: string; cleanup(): void };
  afterEach(() => dir.cleanup());

  it('adds the tier table beside the accounts it had, refuses a bad month and keeps the earliest of a repeated switch (229 → 230)', () => {
    dir = tempDir('cd-mig230-');
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 229 });
    db.prepare(
      `INSERT INTO accounts (id, name, kind, phone_number_id, waba_id, base_url, created_at, updated_at)
       VALUES (1, 'Shop', 'cloud', '111', '222', 'https://graph.facebook.com', 1, 1)`,
    ).run();
    expect(migrate(db, { target: 230 }).applied).toEqual([230]);
    expect(db.prepare('SELECT id, waba_id FROM accounts').all()).toEqual([
      { id: 1, waba_id: '222' },
    ]);
    const upsert = db.prepare(
      `INSERT INTO volume_tiers (account_id, month, category, region, tier_from, tier_to, reached_at, received_at)
       VALUES (1, ?, 'UTILITY', 'India', 25000001, 50000000, ?, 9)
       ON CONFLICT (account_id, month, category, region, tier_from) DO UPDATE SET reached_at = min(reached_at, excluded.reached_at)`,
    );
    upsert.run('2026-11', 2000);
    upsert.run('2026-11', 1000);
    upsert.run('2026-11', 3000);
    expect(db.prepare('SELECT month, tier_from, reached_at FROM volume_tiers').all()).toEqual([
      { month: '2026-11', tier_from: 25000001, reached_at: 1000 },
    ]);
    expect(() => upsert.run('November', 1)).toThrow(/CHECK/);
    db.close();
  });
});
