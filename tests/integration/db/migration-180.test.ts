import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 180 (template studio drafts)', () => {
  const dirs: { path: string; cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('keeps accounts and templates, adds drafts unique per account, name and language', () => {
    const dir = tempDir('cd-mig180-');
    dirs.push(dir);
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 170 });
    db.prepare(
      "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('A', 'cloud', '1', '2', 'https://x', 0, 0)",
    ).run();
    expect(migrate(db, { target: 180 }).applied).toEqual([180]);
    expect(db.prepare('SELECT name FROM accounts').all()).toEqual([{ name: 'A' }]);
    const insert = db.prepare(
      "INSERT INTO template_drafts (account_id, name, language, category, draft_json, updated_at) VALUES (1, 'n', ?, 'UTILITY', '{}', 0)",
    );
    insert.run('en');
    insert.run('es');
    expect(() => insert.run('en')).toThrow(/UNIQUE/);
    expect(
      db.prepare('SELECT status, meta_id FROM template_drafts WHERE language = ?').get('en'),
    ).toEqual({
      status: 'DRAFT',
      meta_id: null,
    });
    db.prepare('DELETE FROM accounts').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM template_drafts').get()).toEqual({ n: 0 });
    db.close();
  });
});
