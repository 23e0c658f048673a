import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { methods } from '../../../shared/api';
import { createFileVault } from '../../../electron/core/accounts/file-vault';
import { createCore, type Core } from '../../../electron/core/service';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { tempDir } from '../../helpers/tmp';

const TOKEN = 'EAAGm0PX4ZCpsBAKZBZCz7xQm2ZAxyz0123456789abcdefABCDEF';
const PHONE_ID = '106540352242922';
const WABA_ID = '102290129340398';

describe('connecting an account in the browser shell', () => {
  const dirs: { cleanup(): void }[] = [];
  let core: Core | undefined;
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await core?.close();
    await sandbox?.close();
    core = undefined;
    sandbox = undefined;
    dirs.splice(0).forEach((d) => d.cleanup());
  });

  const setup = async () => {
    const dir = tempDir();
    dirs.push(dir);
    sandbox = await startSandbox({ token: TOKEN, phoneNumberId: PHONE_ID, wabaId: WABA_ID });
    const vault = createFileVault({
      file: join(dir.path, 'secrets', 'tokens.enc.json'),
      platform: 'linux',
    });
    core = createCore({ dataDir: dir.path, shell: 'headless', tokenVault: vault });
    return { c: core, url: sandbox.url, dir: dir.path };
  };
  const add = (c: Core, url: string, ids: { phone?: string; waba?: string } = {}) =>
    c.handlers['accounts.add']({
      name: 'Shop',
      phoneNumberId: ids.phone ?? PHONE_ID,
      wabaId: ids.waba ?? WABA_ID,
      baseUrl: url,
    });

  it('stores a pasted token encrypted, shows the key once, and the connection check passes', async () => {
    const { c, url } = await setup();
    const account = await add(c, url);
    const set = await c.handlers['accounts.setToken']({ accountId: account.id, token: TOKEN });
    expect(set).toMatchObject({ source: 'vault', vault: 'open', canStore: true });
    expect(set.newVaultKey).toMatch(/^([A-Z2-7]{4}-){12}[A-Z2-7]{4}$/);
    const second = await c.handlers['accounts.setToken']({ accountId: account.id, token: TOKEN });
    expect(second.newVaultKey).toBeNull();

    const check = await c.handlers['accounts.testConnection']({ accountId: account.id });
    expect(check.ok).toBe(true);
    expect(check.items.map((i) => [i.id, i.result])).toEqual([
      ['token', 'ok'],
      ['phone_number', 'ok'],
      ['waba', 'ok'],
      ['pairing', 'ok'],
    ]);
    const listed = await c.handlers['accounts.list']({});
    const row = listed.find((a) => a.id === account.id)!;
    expect(row.lastCheck).toMatchObject({ ok: true, message: null });
    expect(row.displayPhoneNumber).toBe('+1 555-000-0000');
    const everything = JSON.stringify([listed, check, set]);
    expect(everything).not.toContain(TOKEN);
    const dbRow = c.store.first(
      c.store.q.selectFrom('accounts').selectAll().where('id', '=', account.id),
    );
    expect(JSON.stringify(dbRow)).not.toContain(TOKEN);
  });

  it('says which one is wrong: the token, the phone number ID or the WABA ID', async () => {
    const { c, url } = await setup();
    const wrongToken = await add(c, url);
    await c.handlers['accounts.setToken']({ accountId: wrongToken.id, token: `${TOKEN}nope` });
    const t = await c.handlers['accounts.testConnection']({ accountId: wrongToken.id });
    expect(t.items.map((i) => [i.id, i.result])).toEqual([
      ['token', 'wrong'],
      ['phone_number', 'skipped'],
      ['waba', 'skipped'],
      ['pairing', 'skipped'],
    ]);
    expect(t.summary).toMatch(/access token is wrong or has expired/);
    expect(t.summary).not.toContain(TOKEN);

    const wrongPhone = await add(c, url, { phone: '999999999999' });
    await c.handlers['accounts.setToken']({ accountId: wrongPhone.id, token: TOKEN });
    const p = await c.handlers['accounts.testConnection']({ accountId: wrongPhone.id });
    expect(p.items.map((i) => [i.id, i.result])).toEqual([
      ['token', 'ok'],
      ['phone_number', 'wrong'],
      ['waba', 'ok'],
      ['pairing', 'skipped'],
    ]);
    expect(p.summary).toMatch(/phone number ID 999999999999 is wrong/);

    // Same phone number ID as the first: another address keeps the (phone, address) pair unique.
    const wrongWaba = await add(c, url.replace('127.0.0.1', 'localhost'), { waba: '888888888888' });
    await c.handlers['accounts.setToken']({ accountId: wrongWaba.id, token: TOKEN });
    const w = await c.handlers['accounts.testConnection']({ accountId: wrongWaba.id });
    expect(w.items.map((i) => [i.id, i.result])).toEqual([
      ['token', 'ok'],
      ['phone_number', 'ok'],
      ['waba', 'wrong'],
      ['pairing', 'skipped'],
    ]);
    expect(w.summary).toMatch(/WhatsApp Business Account ID 888888888888 is wrong/);
  });

  it('a new campaign never defaults to an account that failed its last check', async () => {
    const { c, url } = await setup();
    const bad = await add(c, url, { phone: '999999999999' });
    await c.handlers['accounts.setToken']({ accountId: bad.id, token: TOKEN });
    await c.handlers['accounts.testConnection']({ accountId: bad.id });
    const draft = await c.handlers['campaigns.create']({ name: 'Spring' });
    expect(draft.accountId).not.toBe(bad.id);
    const good = await add(c, url);
    await c.handlers['accounts.setToken']({ accountId: good.id, token: TOKEN });
    expect((await c.handlers['campaigns.create']({ name: 'Summer' })).accountId).toBe(good.id);
  });

  it('without a token the check says so, and nothing was sent', async () => {
    const { c, url } = await setup();
    const account = await add(c, url);
    const check = await c.handlers['accounts.testConnection']({ accountId: account.id });
    expect(check.items[0]).toMatchObject({ id: 'token', result: 'wrong' });
    expect(check.summary).toMatch(/No access token is stored/);
  });

  it('moving the account to another address drops its stored token', async () => {
    const { c, url } = await setup();
    const account = await add(c, url);
    await c.handlers['accounts.setToken']({ accountId: account.id, token: TOKEN });
    const other = url.replace('127.0.0.1', 'localhost');
    await c.handlers['accounts.update']({ id: account.id, baseUrl: other });
    expect(await c.handlers['accounts.tokenStatus']({ accountId: account.id })).toMatchObject({
      source: 'none',
    });
  });

  it('the contract refuses a pasted token as a variable name without quoting it, and http:// to another host', () => {
    const add = methods['accounts.add'].input;
    const r = add.safeParse({
      name: 'Shop',
      phoneNumberId: PHONE_ID,
      wabaId: WABA_ID,
      tokenEnv: TOKEN,
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/looks like an access token/);
    expect(JSON.stringify(r.error?.issues)).not.toContain(TOKEN);
    const base = { name: 'Shop', phoneNumberId: PHONE_ID, wabaId: WABA_ID };
    expect(add.safeParse({ ...base, baseUrl: 'http://graph.facebook.com' }).success).toBe(false);
    expect(add.safeParse({ ...base, baseUrl: 'http://proxy.example:8080' }).success).toBe(false);
    expect(add.safeParse({ ...base, baseUrl: 'https://user:pw@graph.facebook.com' }).success).toBe(
      false,
    );
    expect(add.safeParse({ ...base, baseUrl: 'https://graph.facebook.com' }).success).toBe(true);
    expect(add.safeParse({ ...base, baseUrl: 'http://127.0.0.1:9999' }).success).toBe(true);
    expect(add.safeParse({ ...base, baseUrl: 'http://localhost:9999' }).success).toBe(true);
    expect(add.safeParse({ ...base, tokenEnv: 'WA_TOKEN' }).success).toBe(true);
  });
});
