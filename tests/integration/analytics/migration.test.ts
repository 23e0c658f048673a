import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 90 (template analytics)', () => {
  const dir = tempDir('cd-mig90-');
  afterEach(() => dir.cleanup());

  it('keeps existing accounts and campaigns and adds the analytics tables (89 → fixtures → 90)', () => {
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 89 });
    db.prepare(
      "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('A', 'cloud', '1', '2', 'https://x', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO campaigns (account_id, name, state, created_at, updated_at) VALUES (1, 'C', 'completed', 0, 0)",
    ).run();

    expect(migrate(db, { target: 90 }).applied).toEqual([90]);
    expect(db.prepare('SELECT name FROM campaigns').all()).toEqual([{ name: 'C' }]);

    // One row per account, template and UTC day: a second fetch of the day replaces it.
    const put = db.prepare(
      'INSERT OR REPLACE INTO template_analytics (account_id, template_meta_id, day_start, sent, delivered, read, fetched_at) VALUES (1, ?, ?, ?, NULL, NULL, 1)',
    );
    put.run('111', 86_400_000, 5);
    put.run('111', 86_400_000, 7);
    put.run('111', 2 * 86_400_000, 1);
    expect(
      db
        .prepare(
          'SELECT day_start, sent, delivered, clicked_json, cost_json FROM template_analytics ORDER BY day_start',
        )
        .all(),
    ).toEqual([
      { day_start: 86_400_000, sent: 7, delivered: null, clicked_json: '[]', cost_json: '[]' },
      { day_start: 2 * 86_400_000, sent: 1, delivered: null, clicked_json: '[]', cost_json: '[]' },
    ]);

    db.prepare(
      "INSERT INTO analytics_accounts (account_id, meta_state) VALUES (1, 'enabled')",
    ).run();
    expect(() =>
      db
        .prepare("INSERT INTO analytics_accounts (account_id, meta_state) VALUES (1, 'maybe')")
        .run(),
    ).toThrow();
    db.prepare('INSERT INTO analytics_campaigns (campaign_id, fetched_at) VALUES (1, 5)').run();
    expect(
      db
        .prepare('SELECT consecutive_errors, calls_in_window, polling FROM analytics_accounts')
        .get(),
    ).toEqual({ consecutive_errors: 0, calls_in_window: 0, polling: null });

    // Removing an account removes what was fetched for it.
    db.prepare('DELETE FROM campaigns').run();
    db.prepare('DELETE FROM accounts').run();
    for (const t of ['template_analytics', 'analytics_accounts', 'analytics_campaigns'])
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    db.close();
  });
});
