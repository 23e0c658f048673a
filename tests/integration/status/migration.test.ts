import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 50 (status)', () => {
  const dir = tempDir('cd-mig50-');
  afterEach(() => dir.cleanup());

  it('keeps existing recipients and events, and adds the status columns, indexes and sources table (40 → fixtures → 50)', () => {
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 40 });
    db.prepare(
      "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('A', 'cloud', '1', '2', 'https://x', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO campaigns (account_id, name, state, created_at, updated_at) VALUES (1, 'C', 'completed', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone, state, wamid, sent_at) VALUES (1, 2, '+447911123456', 'delivered', 'wamid.A', 1)",
    ).run();
    db.prepare(
      "INSERT INTO status_events (source, wamid, status, meta_ts, recipient_id, payload_json, received_at) VALUES ('old', 'wamid.A', 'delivered', 1, 1, '{}', 1)",
    ).run();

    expect(migrate(db, { target: 50 }).applied).toEqual([50]);
    expect(db.prepare('SELECT state, status_seen FROM recipients').get()).toEqual({
      state: 'delivered',
      status_seen: 0,
    });
    expect(db.prepare('SELECT kind, dedupe_key, callback FROM status_events').get()).toEqual({
      kind: 'status',
      dedupe_key: null,
      callback: null,
    });
    const indexes = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[]
    ).sort();
    expect(indexes).toEqual(
      expect.arrayContaining([
        'status_events_key',
        'status_events_recipient',
        'status_events_unmatched',
        'recipients_wa_id',
        'recipients_awaiting',
      ]),
    );
    expect(indexes).not.toContain('status_events_wamid');
    db.prepare("INSERT INTO status_sources (account_id, source) VALUES (1, 'relay')").run();
    expect(() =>
      db
        .prepare("INSERT INTO status_sources (account_id, source) VALUES (1, 'carrier-pigeon')")
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
