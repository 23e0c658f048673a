import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 190 (charges)', () => {
  let dir: { path: string; cleanup(): void };
  afterEach(() => dir.cleanup());

  it('keeps recipients, starts them unreported, and accepts only 0 or 1 as billable (189 → fixtures → 190)', () => {
    dir = tempDir('cd-mig190-');
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 189 });
    db.prepare(
      "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('A', 'cloud', '1', '2', 'https://x', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO campaigns (account_id, name, state, created_at, updated_at) VALUES (1, 'C', 'completed', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone, state) VALUES (1, 2, '+447400123410', 'delivered')",
    ).run();
    expect(migrate(db, { target: 190 }).applied).toEqual([190]);
    expect(
      db
        .prepare('SELECT phone, state, billable, billing_type, billing_category FROM recipients')
        .all(),
    ).toEqual([
      {
        phone: '+447400123410',
        state: 'delivered',
        billable: null,
        billing_type: null,
        billing_category: null,
      },
    ]);
    expect(() => db.prepare('UPDATE recipients SET billable = 2').run()).toThrow(/CHECK/);
    db.close();
  });
});
