import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 150: the sending method of marketing templates', () => {
  const dir = tempDir('cd-mig150-');
  afterEach(() => dir.cleanup());

  it('gives existing accounts auto/fallback, never checked, and existing recipients no route (140 → fixtures → 150)', () => {
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 140 });
    db.prepare(
      `INSERT INTO accounts (id, name, kind, phone_number_id, waba_id, base_url, created_at, updated_at)
       VALUES (1, 'Shop', 'cloud', '3', '4', 'https://graph.facebook.com', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO campaigns (id, account_id, name, created_at, updated_at) VALUES (1, 1, 'Old', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO recipients (campaign_id, row_number, phone, state) VALUES (1, 1, '+447400121001', 'sent')`,
    ).run();
    expect(migrate(db, { target: 150 }).applied).toEqual([150]);
    expect(
      db
        .prepare('SELECT marketing_api, mm_policy, mm_onboarding, mm_checked_at FROM accounts')
        .all(),
    ).toEqual([
      { marketing_api: 'auto', mm_policy: 'fallback', mm_onboarding: null, mm_checked_at: null },
    ]);
    expect(db.prepare('SELECT route FROM recipients').all()).toEqual([{ route: null }]);

    // The columns take only the values the app knows.
    expect(() => db.prepare("UPDATE accounts SET marketing_api = 'sometimes'").run()).toThrow(
      /CHECK/,
    );
    expect(() => db.prepare("UPDATE accounts SET mm_policy = 'loose'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE recipients SET route = 'sms'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE recipients SET route = 'marketing_messages'").run();
    db.close();
  });
});
