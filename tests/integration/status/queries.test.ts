import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/service';
import { SCAN_CAP } from '../../../electron/core/status/recipients-page';
import type { RecipientState } from '../../../shared/api';
import { tempDir } from '../../helpers/tmp';

const STATES: RecipientState[] = ['sent', 'delivered', 'read', 'failed', 'pending'];

/** A campaign of `n` recipients cycling through STATES, with a column the search can find. */
function seed(core: Core, n: number, startedAt = Date.now() - 3_600_000): number {
  const db = core.store.sqlite;
  const id = Number(
    db
      .prepare(
        "INSERT INTO campaigns (account_id, name, state, started_at, created_at, updated_at) VALUES (1, 'Q', 'completed', ?, 0, 0)",
      )
      .run(startedAt).lastInsertRowid,
  );
  const insert = db.prepare(
    'INSERT INTO recipients (campaign_id, row_number, phone, state, fields_json, sent_at, delivered_at, read_at, failed_at, error_code, error_title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const state = STATES[i % STATES.length]!;
      const t = startedAt + i * 10;
      const failed = state === 'failed';
      insert.run(
        id,
        i + 2,
        `+4479${String(10_000_000 + i)}`,
        state,
        JSON.stringify({
          name: `Customer ${i}`,
          city: i % 1000 === 7 ? 'Zürich 50%_off' : 'Leeds',
        }),
        state === 'pending' ? null : t,
        state === 'delivered' || state === 'read' ? t + 1000 : null,
        state === 'read' ? t + 5000 : null,
        failed ? t + 2000 : null,
        failed ? (i % 2 ? 131026 : 131049) : null,
        failed ? 'x' : null,
      );
    }
  })();
  return id;
}

describe('progress view queries', () => {
  let core: Core;
  const dir = tempDir('cd-queries-');
  afterEach(async () => {
    await core.close();
  });
  const open = () =>
    (core = createCore({ dataDir: dir.path, shell: 'headless', externalChangePollMs: 0 }));

  it('pages recipients by id with a state filter, several states merged, and no gaps or repeats', async () => {
    open();
    const id = seed(core, 1000);
    const all: number[] = [];
    for (let after = 0, i = 0; i < 100; i++) {
      const p = await core.handlers['recipients.page']({
        campaignId: id,
        afterId: after,
        limit: 64,
        states: ['failed', 'read'],
      });
      all.push(...p.items.map((r) => r.id));
      expect(p.items.every((r) => r.state === 'failed' || r.state === 'read')).toBe(true);
      if (p.nextAfterId === null) break;
      after = p.nextAfterId;
    }
    expect(all).toHaveLength(400);
    expect(new Set(all).size).toBe(400);
    expect([...all].sort((a, b) => a - b)).toEqual(all);
    const one = await core.handlers['recipients.page']({ campaignId: id, afterId: 0, limit: 3 });
    expect(one.items.map((r) => r.state)).toEqual(['sent', 'delivered', 'read']);
    expect(one.items[2]).toMatchObject({
      rowNumber: 4,
      fields: { name: 'Customer 2' },
      readAt: expect.any(Number),
      deliveredAt: expect.any(Number),
    });
  });

  it('searches the phone however it is spaced, or any column, with LIKE wildcards taken literally', async () => {
    open();
    const id = seed(core, 2000);
    const byPhone = await core.handlers['recipients.page']({
      campaignId: id,
      afterId: 0,
      limit: 100,
      search: '79 1000 0123',
    });
    expect(byPhone.items.map((r) => r.phone)).toEqual(['+447910000123']);
    const byField = await core.handlers['recipients.page']({
      campaignId: id,
      afterId: 0,
      limit: 100,
      search: '50%_off',
    });
    expect(byField.items.map((r) => r.fields.city)).toEqual(['Zürich 50%_off', 'Zürich 50%_off']);
    expect(
      (
        await core.handlers['recipients.page']({
          campaignId: id,
          afterId: 0,
          limit: 100,
          search: '0%',
        })
      ).items,
    ).toHaveLength(2);
    const failedInLeeds = await core.handlers['recipients.page']({
      campaignId: id,
      afterId: 0,
      search: 'leeds',
      states: ['failed'],
      limit: 500,
    });
    expect(failedInLeeds.items.every((r) => r.state === 'failed')).toBe(true);
  });

  it(`bounds a search to ${SCAN_CAP.toLocaleString('en')} rows per call and continues from where it stopped`, async () => {
    open();
    const id = seed(core, SCAN_CAP + 50_000);
    const db = core.store.sqlite;
    db.prepare(
      'UPDATE recipients SET fields_json = \'{"name":"needle"}\' WHERE campaign_id = ? AND row_number = ?',
    ).run(id, SCAN_CAP + 40_000);
    const first = await core.handlers['recipients.page']({
      campaignId: id,
      afterId: 0,
      limit: 100,
      search: 'needle',
    });
    expect(first.items).toEqual([]);
    expect(first.scanned).toBe(SCAN_CAP);
    expect(first.nextAfterId).not.toBeNull();
    const second = await core.handlers['recipients.page']({
      campaignId: id,
      search: 'needle',
      limit: 100,
      afterId: first.nextAfterId!,
    });
    expect(second.items.map((r) => r.fields.name)).toEqual(['needle']);
    expect(second.nextAfterId).toBeNull();
  });

  it('groups failures by code with the catalogue words, and buckets the timeline', async () => {
    open();
    const startedAt = Date.now() - 600_000;
    const id = seed(core, 100, startedAt);
    const failures = await core.handlers['campaigns.failures']({ campaignId: id });
    expect(failures.map((f) => [f.code, f.count, f.retryable])).toEqual([
      [131026, 10, false],
      [131049, 10, true],
    ]);
    const t = await core.handlers['campaigns.timeline']({ campaignId: id, bucketSeconds: 1 });
    expect(t.bucketSeconds).toBe(1);
    const total = (k: 'sent' | 'delivered' | 'read' | 'failed') =>
      t.buckets.reduce((n, b) => n + b[k], 0);
    // The 20 failed had been accepted (sent_at) but count once, as failed: "Accepted" on the chart is
    // the counters' (sent + delivered + read), not every sent_at.
    expect([total('sent'), total('delivered'), total('read'), total('failed')]).toEqual([
      60, 40, 20, 20,
    ]);
    // Meta refused one at once (no sent_at): it is a failure on the chart as in the counters.
    core.store.sqlite
      .prepare(
        "UPDATE recipients SET state = 'failed', error_code = 131026, failed_at = ? WHERE id = (SELECT min(id) FROM recipients WHERE campaign_id = ? AND sent_at IS NULL)",
      )
      .run(startedAt + 5_000, id);
    const refused = await core.handlers['campaigns.timeline']({ campaignId: id, bucketSeconds: 1 });
    expect(refused.buckets.reduce((n, b) => n + b.failed, 0)).toBe(21);
    expect(refused.buckets.reduce((n, b) => n + b.sent, 0)).toBe(60);
    // A long campaign gets wider buckets, never more than 2,000.
    core.store.sqlite
      .prepare('UPDATE campaigns SET started_at = ? WHERE id = ?')
      .run(Date.now() - 30 * 86_400_000, id);
    const wide = await core.handlers['campaigns.timeline']({ campaignId: id, bucketSeconds: 1 });
    expect(wide.bucketSeconds).toBeGreaterThanOrEqual((30 * 86_400) / 2000);
  });
});
