import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileVault } from '../../../electron/core/accounts/file-vault';
import {
  TOKEN_MOVED_MESSAGE,
  TOKEN_REMOVED_MESSAGE,
} from '../../../electron/core/accounts/token-rescue';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { DATABASE_FILE } from '../../../electron/core/db/open';
import { createCore, type Core } from '../../../electron/core/service';
import { tempDir } from '../../helpers/tmp';

const TOKEN = 'EAAGm0PX4ZCpsBAKZBZCz7xQm2ZAxyz0123456789abcdefABCDEF';
const LOWER = 'abcDEF1234567890ghijKLMNOPqrstu';

/** A data folder at schema 90 with the accounts the old form could produce. */
function oldDataFolder(dir: string) {
  const db = openSqlite(join(dir, DATABASE_FILE));
  migrate(db, { target: 90 });
  const insert = db.prepare(
    `INSERT INTO accounts (id, name, kind, phone_number_id, waba_id, base_url, token_env, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'https://graph.facebook.com', ?, 1, 1)`,
  );
  insert.run(2, 'Pasted token', 'cloud', '111111', '211111', TOKEN);
  insert.run(3, 'Variable name', 'cloud', '111112', '211112', 'WA_TOKEN');
  insert.run(4, 'Pasted other', 'cloud', '111113', '211113', LOWER);
  insert.run(5, 'Lower-case variable', 'cloud', '111114', '211114', 'wa_token_shop');
  db.close();
}

describe('migration 130: tokens typed where a variable name goes', () => {
  const dirs: { cleanup(): void }[] = [];
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
    dirs.splice(0).forEach((d) => d.cleanup());
  });
  const folder = () => {
    const d = tempDir();
    dirs.push(d);
    oldDataFolder(d.path);
    return d.path;
  };
  const fileBytes = (dir: string) =>
    [DATABASE_FILE, `${DATABASE_FILE}-wal`]
      .map((f) => join(dir, f))
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');

  it('moves them into an open token store, keeps real variable names, and leaves no trace in the database', async () => {
    const dir = folder();
    const vault = createFileVault({ file: join(dir, 'secrets', 't.json'), platform: 'linux' });
    // The store is open when the user already made one this session (or gave its key at start).
    vault.write('probe', 'x'.repeat(20));
    vault.remove('probe');
    core = createCore({ dataDir: dir, shell: 'headless', tokenVault: vault });
    const accounts = await core.handlers['accounts.list']({});
    const by = (id: number) => accounts.find((a) => a.id === id)!;
    expect(by(2)).toMatchObject({ tokenEnv: null, lastCheck: { message: TOKEN_MOVED_MESSAGE } });
    expect(by(4)).toMatchObject({ tokenEnv: null, lastCheck: { message: TOKEN_MOVED_MESSAGE } });
    expect(by(3)).toMatchObject({ tokenEnv: 'WA_TOKEN', lastCheck: null });
    expect(by(5)).toMatchObject({ tokenEnv: 'wa_token_shop', lastCheck: null });
    expect(vault.read('account:2')).toBe(TOKEN);
    expect(vault.read('account:4')).toBe(LOWER);
    expect(await core.handlers['accounts.tokenStatus']({ accountId: 2 })).toMatchObject({
      source: 'vault',
    });
    expect(JSON.stringify(accounts)).not.toContain(TOKEN);
    expect(core.store.all(core.store.q.selectFrom('token_rescue').selectAll())).toEqual([]);
    await core.close();
    core = undefined;
    expect(fileBytes(dir)).not.toContain(TOKEN);
    expect(fileBytes(dir)).not.toContain(LOWER);
  });

  it('without an open store removes them and says so, so a new campaign avoids the account', async () => {
    const dir = folder();
    core = createCore({ dataDir: dir, shell: 'headless' });
    const accounts = await core.handlers['accounts.list']({});
    const pasted = accounts.find((a) => a.id === 2)!;
    expect(pasted).toMatchObject({
      tokenEnv: null,
      lastCheck: { ok: false, message: TOKEN_REMOVED_MESSAGE },
    });
    expect(JSON.stringify(accounts)).not.toContain(TOKEN);
    const draft = await core.handlers['campaigns.create']({ name: 'Sale' });
    expect([2, 4]).not.toContain(draft.accountId);
    await core.close();
    core = undefined;
    expect(fileBytes(dir)).not.toContain(TOKEN);
  });
});
