import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  batchOwner,
  discardBatch,
  discardStaleBatches,
  insertBatch,
} from '../../../electron/core/contacts/batch/import-batch';
import { RecipientWriter } from '../../../electron/core/contacts/recipient-writer';
import { harness, value, type Harness } from './helpers';

/** Writes `n` rows into a new, unpublished batch of the campaign, as the import worker does. */
function stage(h: Harness, n: number, owner = batchOwner()): number {
  const db = h.core.store.sqlite;
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports (campaign_id, file_name, file_size, format, has_header, phone_column, summary_json, created_at)
         VALUES (?, 'staged.csv', 1, 'csv', 1, 'phone', '{}', 0)`,
      )
      .run(h.campaignId).lastInsertRowid,
  );
  insertBatch(db, importId, h.campaignId, owner, Date.now());
  const writer = new RecipientWriter(db, h.campaignId, () => undefined, importId);
  for (let i = 0; i < n; i++)
    writer.add({
      rowNumber: i + 2,
      phone: `+4479${String(20000000 + i)}`,
      country: 'GB',
      type: 'MOBILE',
      fieldsJson: '{"name":"staged"}',
      suppressed: false,
    });
  writer.flush();
  return importId;
}

describe('import batches: rows not yet published', () => {
  let h: Harness;
  afterEach(() => h.close());

  const visible = async () => {
    const c = h.core.handlers;
    const list = await c['campaigns.list']({});
    const status = await c['campaigns.status']({ campaignId: h.campaignId });
    const items = await c['recipients.list']({ campaignId: h.campaignId, limit: 1000, afterId: 0 });
    const page = await c['recipients.page']({ campaignId: h.campaignId, limit: 1000, afterId: 0 });
    const pending = await c['recipients.page']({
      campaignId: h.campaignId,
      limit: 1000,
      afterId: 0,
      states: ['pending'],
    });
    const imports = await c['audience.imports']({ campaignId: h.campaignId });
    return {
      list: list.find((x) => x.id === h.campaignId)?.recipients,
      total: status.counts.total,
      pending: status.counts.pending,
      listed: items.items.length,
      page: page.items.length,
      pendingPage: pending.items.length,
      imports: imports.length,
    };
  };

  it('are invisible to counts, lists, pages and the import history until published, at once', async () => {
    h = await harness();
    const csv = join(h.dir, 'three.csv');
    writeFileSync(csv, 'phone\n+447911000001\n+447911000002\n+447911000003\n');
    value(await h.importFile(csv));
    const three = {
      list: 3,
      total: 3,
      pending: 3,
      listed: 3,
      page: 3,
      pendingPage: 3,
      imports: 1,
    };
    expect(await visible()).toEqual(three);

    const batch = stage(h, 250);
    expect(await visible()).toEqual(three);

    h.core.store.sqlite.prepare('DELETE FROM import_batches WHERE id = ?').run(batch);
    expect(await visible()).toEqual({
      list: 253,
      total: 253,
      pending: 253,
      listed: 253,
      page: 253,
      pendingPage: 253,
      imports: 2,
    });
  });

  it('keep the campaign in draft: the sender can never meet them', async () => {
    h = await harness();
    stage(h, 10);
    const start = () =>
      h.core.store.sqlite
        .prepare("UPDATE campaigns SET state = 'scheduled' WHERE id = ?")
        .run(h.campaignId);
    expect(start).toThrow(/An import into this campaign is still running/);
    await expect(
      (async () => h.core.handlers['audience.clear']({ campaignId: h.campaignId }))(),
    ).rejects.toThrow(/Wait for the import to finish/);
  });

  it('are removed with their import when the batch is discarded, in chunks, published rows untouched', async () => {
    h = await harness();
    const csv = join(h.dir, 'one.csv');
    writeFileSync(csv, 'phone\n+447911000001\n');
    value(await h.importFile(csv));
    const db = h.core.store.sqlite;
    const batch = stage(h, 12_000);
    db.prepare(
      "INSERT INTO import_rejects (import_id, row_number, raw_value, problem, reason, fields_json) VALUES (?, 5, 'x', 'INVALID', 'bad', '{}')",
    ).run(batch);
    expect(discardBatch(db, batch)).toBe(12_000);
    const count = (sql: string) => db.prepare(sql).pluck().get();
    expect(count('SELECT count(*) FROM recipients')).toBe(1);
    expect(count('SELECT count(*) FROM imports')).toBe(1);
    expect(count('SELECT count(*) FROM import_rejects')).toBe(0);
    expect(count('SELECT count(*) FROM import_batches')).toBe(0);
  });

  it('of a process that is gone, or silent for too long, are removed at start; a live one is kept', async () => {
    h = await harness();
    const db = h.core.store.sqlite;
    const dead = stage(h, 5, '999999999-dead');
    const now = Date.now();
    expect(discardStaleBatches(db, now, (o) => !o.startsWith('999999999-'))).toEqual([dead]);
    const live = stage(h, 5);
    expect(discardStaleBatches(db, now)).toEqual([]);
    expect(discardStaleBatches(db, now + 11 * 60_000)).toEqual([live]);
    expect(db.prepare('SELECT count(*) FROM recipients').pluck().get()).toBe(0);
  });
});
