import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 160 (customers)', () => {
  const dir = tempDir('cd-mig160-');
  afterEach(() => dir.cleanup());

  it('adds the book and the forget log, leaves campaigns as they were, and keeps one row per number', () => {
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 159 });
    db.prepare(
      "INSERT INTO accounts (id, name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES (1, 'A', 'sandbox', 'p', 'w', 'http://x', 1, 1)",
    ).run();
    db.prepare(
      "INSERT INTO campaigns (id, account_id, name, created_at, updated_at) VALUES (1, 1, 'C', 1, 1)",
    ).run();
    db.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone) VALUES (1, 2, '+447911123456')",
    ).run();

    expect(migrate(db, { target: 160 }).applied).toEqual([160]);
    expect(db.prepare('SELECT phone FROM recipients').pluck().all()).toEqual(['+447911123456']);
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
    const add = db.prepare(
      'INSERT INTO customers (phone, first_seen_at, last_seen_at, consent_source, created_at, updated_at) VALUES (?, 1, 1, ?, 1, 1)',
    );
    add.run('+447911123456', 'import');
    expect(db.prepare('SELECT attributes_json, attribute_dates_json FROM customers').get()).toEqual(
      { attributes_json: '{}', attribute_dates_json: '{}' },
    );
    expect(() => add.run('+447911123456', 'manual')).toThrow(/UNIQUE/);
    expect(() => add.run('+447911123457', 'guessed')).toThrow(/CHECK/);
    expect(
      db
        .prepare("SELECT name FROM pragma_table_info('customer_forgets') ORDER BY cid")
        .pluck()
        .all(),
    ).toEqual([
      'id',
      'forgotten_at',
      'recipients_redacted',
      'events_removed',
      'suppression_removed',
    ]);
    db.close();
  });
});

describe('migration 160 (segments)', () => {
  const dir = tempDir('cd-mig160s-');
  afterEach(() => dir.cleanup());

  it('adds segments (unique names) and the record of how a campaign came from the book', () => {
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    expect(migrate(db, { target: 160 }).applied).toContain(160);
    const add = db.prepare(
      "INSERT INTO segments (name, definition_json, created_at, updated_at) VALUES (?, '{}', 1, 1)",
    );
    add.run('Londoners');
    expect(() => add.run('Londoners')).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO campaign_audience_sources (campaign_id, kind, definition_json, members, evaluated_at) VALUES (1, 'file', '{}', 0, 1)",
        )
        .run(),
    ).toThrow(/CHECK|FOREIGN KEY/);
    db.close();
  });
});
