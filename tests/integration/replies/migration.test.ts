import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 170 (replies)', () => {
  const dir = tempDir('cd-mig170-');
  afterEach(() => dir.cleanup());

  it('adds replies, labels, button rules and answers beside existing campaigns (160 → fixtures → 170)', () => {
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 160 });
    db.prepare(
      "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('A', 'cloud', '1', '2', 'https://x', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO campaigns (account_id, name, state, created_at, updated_at) VALUES (1, 'C', 'completed', 0, 0)",
    ).run();
    expect(migrate(db, { target: 170 }).applied).toEqual([170]);

    const reply = (id: string) =>
      db
        .prepare(
          "INSERT INTO replies (message_id, phone, type, body, campaign_id, matched_by, meta_ts, received_at) VALUES (?, '+447911123456', 'text', 'hi', 1, 'latest', 1, 1)",
        )
        .run(id);
    reply('wamid.IN1');
    // Meta's message id is the reply's identity: a replay cannot store it twice.
    expect(() => reply('wamid.IN1')).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO customer_labels (phone, label, set_at, source) VALUES ('+447911123456', 'x', 1, 'guess')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO customer_labels (phone, label, set_at, source, campaign_id) VALUES ('+447911123456', 'interested', 1, 'button-rule', 1)",
    ).run();
    db.prepare(
      "INSERT INTO reply_rules (campaign_id, button, label, created_at) VALUES (1, 'Yes, send me the offer', 'interested', 1)",
    ).run();
    // Rules match buttons whatever their case.
    expect(
      db
        .prepare("SELECT label FROM reply_rules WHERE button = 'YES, SEND ME THE OFFER'")
        .pluck()
        .get(),
    ).toBe('interested');
    // Deleting the campaign keeps the customer's reply and label, and drops its rules.
    db.prepare('DELETE FROM campaigns WHERE id = 1').run();
    expect(db.prepare('SELECT campaign_id FROM replies').pluck().get()).toBeNull();
    expect(db.prepare('SELECT campaign_id FROM customer_labels').pluck().get()).toBeNull();
    expect(db.prepare('SELECT COUNT(*) FROM reply_rules').pluck().get()).toBe(0);
    expect(() =>
      db
        .prepare(
          "INSERT INTO reply_answers (phone, account_id, kind, created_at) VALUES ('+447911123456', 1, 'sticker', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
