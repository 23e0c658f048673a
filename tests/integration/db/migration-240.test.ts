import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 240 (template TTL)', () => {
  let dir: { path: string; cleanup(): void };
  afterEach(() => dir.cleanup());

  it("keeps templates with Meta's default TTL and refuses a TTL that is not positive (230 → fixtures → 240)", () => {
    dir = tempDir('cd-mig240-');
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 230 });
    db.prepare(
      "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('A', 'cloud', '1', '2', 'https://x', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO templates (account_id, meta_id, name, language, status, category, components_json, source, updated_at) VALUES (1, '9', 'flash', 'en_US', 'APPROVED', 'MARKETING', '[]', 'sync', 0)",
    ).run();
    expect(migrate(db, { target: 240 }).applied).toEqual([240]);
    expect(
      db.prepare('SELECT name, status, message_send_ttl_seconds AS ttl FROM templates').all(),
    ).toEqual([{ name: 'flash', status: 'APPROVED', ttl: null }]);
    db.prepare('UPDATE templates SET message_send_ttl_seconds = 43200').run();
    expect(() => db.prepare('UPDATE templates SET message_send_ttl_seconds = 0').run()).toThrow(
      /CHECK/,
    );
    expect(() => db.prepare('UPDATE templates SET message_send_ttl_seconds = -1').run()).toThrow(
      /CHECK/,
    );
    db.close();
  });
});
