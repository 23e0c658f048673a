import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/api';
import { createCore } from '../../../electron/core/service';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { startDesktopCore, type DesktopCore } from '../../../electron/main/desktop-core';
import { createKeychainVault } from '../../../electron/main/keychain';
import { createTokenRelay } from '../../../electron/main/token-relay';
import type { CrashChoice } from '../../../electron/main/core-supervisor';
import { tempDir } from '../../helpers/tmp';
import { fakeFork, fakeSafeStorage } from './fakes';

const TOKEN = 'EAAGm0PX4ZCpsBAKZBZCz7xQm2ZAxyz0123456789abcdefABCDEF';
const OTHER = 'EAAGsecondTOKENzz0123456789abcdefABCDEFxyz';
const PHONE_ID = '106540352242922';
const WABA_ID = '102290129340398';

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

describe('the desktop token path: main encrypts, the core in its utilityProcess only reads', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const setup = async (opts: { available?: boolean; answers?: CrashChoice[] } = {}) => {
    const dir = tempDir('cd-token-relay-');
    cleanups.push(() => dir.cleanup());
    const sandbox: Sandbox = await startSandbox({
      token: TOKEN,
      phoneNumberId: PHONE_ID,
      wabaId: WABA_ID,
    });
    cleanups.push(() => sandbox.close());
    const safe = fakeSafeStorage({ available: opts.available ?? true });
    const file = join(dir.path, 'secrets', 'tokens.json');
    const keychain = createKeychainVault({ safeStorage: safe.storage, platform: 'linux', file });
    const forks = fakeFork();
    const log: string[] = [];
    const answers = [...(opts.answers ?? [])];
    const desk = startDesktopCore({
      options: { dataDir: dir.path, shell: 'electron', externalChangePollMs: 0 },
      entry: '/app/out/main/core-utility.js',
      fork: forks.fork,
      keychain,
      askRestart: async () => answers.shift() ?? 'quit',
      quit: () => log.push('quit'),
      restarted: () => log.push('restarted'),
    });
    cleanups.push(() => desk.close());
    await desk.ready;
    return { desk, dir: dir.path, file, safe, keychain, forks, log, url: sandbox.url };
  };

  const addAccount = async (desk: DesktopCore, url: string) =>
    value<{ id: number }>(
      await desk.call('accounts.add', {
        name: 'Shop',
        phoneNumberId: PHONE_ID,
        wabaId: WABA_ID,
        baseUrl: url,
      }),
    ).id;
  const check = async (desk: DesktopCore, accountId: number) =>
    value<{ ok: boolean; items: { id: string; result: string }[] }>(
      await desk.call('accounts.testConnection', { accountId }),
    );
  const tokenSource = async (desk: DesktopCore, accountId: number) =>
    value<{ source: string }>(await desk.call('accounts.tokenStatus', { accountId })).source;

  it('a pasted token is encrypted into the vault file, pushed to the core, and used by its requests', async () => {
    const { desk, file, url, forks } = await setup();
    const id = await addAccount(desk, url);
    // Before: the core has no token for the account, and says so through the API check.
    expect((await check(desk, id)).ok).toBe(false);

    const set = await desk.call('accounts.setToken', { accountId: id, token: ` ${TOKEN} ` });
    expect(set).toMatchObject({ ok: true, value: { source: 'keychain', canStore: true } });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(Object.keys((JSON.parse(text) as { secrets: object }).secrets)).toEqual([
      `account:${id}`,
    ]);
    // What crossed to the core: the protocol only, never safeStorage nor the token in argv.
    expect(forks.forks[0]!.args.join(' ')).not.toContain(TOKEN);
    expect(JSON.parse(forks.forks[0]!.args[1]!)).toMatchObject({ keychainRelay: true });
    expect(await check(desk, id)).toMatchObject({ ok: true });

    // A second paste replaces the first: the Cloud API (our sandbox) now refuses the request.
    expect(await desk.call('accounts.setToken', { accountId: id, token: OTHER })).toMatchObject({
      ok: true,
    });
    const wrong = await check(desk, id);
    expect(wrong.ok).toBe(false);
    expect(wrong.items[0]).toMatchObject({ id: 'token', result: 'wrong' });
  });

  it('removing a token, or moving the account to another API host, takes it out of the file and the core', async () => {
    const { desk, file, keychain, url } = await setup();
    const id = await addAccount(desk, url);
    const second = value<{ id: number }>(
      await desk.call('accounts.add', {
        name: 'Second',
        phoneNumberId: '106540352242999',
        wabaId: WABA_ID,
        baseUrl: url,
      }),
    ).id;
    value(await desk.call('accounts.setToken', { accountId: id, token: TOKEN }));
    value(await desk.call('accounts.setToken', { accountId: second, token: OTHER }));

    expect(await desk.call('accounts.setToken', { accountId: id, token: null })).toMatchObject({
      ok: true,
      value: { source: 'none' },
    });
    expect(keychain.read(`account:${id}`)).toBeUndefined();
    expect(readFileSync(file, 'utf8')).not.toContain(`account:${id}`);
    expect((await check(desk, id)).items[0]).toMatchObject({ id: 'token', result: 'wrong' });

    // A token given for one host never follows the account to another.
    value(await desk.call('accounts.update', { id: second, baseUrl: 'https://graph.example.com' }));
    expect(await tokenSource(desk, second)).toBe('none');
    expect(existsSync(file)).toBe(false);
    // An update that keeps the host keeps the token.
    value(await desk.call('accounts.setToken', { accountId: id, token: TOKEN }));
    value(await desk.call('accounts.update', { id, name: 'Shop renamed' }));
    expect(keychain.read(`account:${id}`)).toBe(TOKEN);
    expect((await check(desk, id)).ok).toBe(true);
  });

  it('refuses in words and stores nothing: the Sandbox account, no keychain, bad input', async () => {
    const { desk, file } = await setup();
    const accounts = value<{ id: number; kind: string }[]>(await desk.call('accounts.list', {}));
    const sandboxId = accounts.find((a) => a.kind === 'sandbox')!.id;
    expect(
      await desk.call('accounts.setToken', { accountId: sandboxId, token: TOKEN }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: /needs no token/ } });
    expect(await desk.call('accounts.setToken', { accountId: 999, token: TOKEN })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await desk.call('accounts.setToken', { accountId: 1, token: 'a b' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(existsSync(file)).toBe(false);

    const locked = await setup({ available: false });
    const id = await addAccount(locked.desk, locked.url);
    expect(
      await locked.desk.call('accounts.setToken', { accountId: id, token: TOKEN }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: /cannot reach your system keychain/ },
    });
    expect(existsSync(locked.file)).toBe(false);
  });

  it('a crashed core is restarted on request and gets the tokens again before it counts as connected', async () => {
    const { desk, url, forks, log } = await setup({ answers: ['restart'] });
    const id = await addAccount(desk, url);
    value(await desk.call('accounts.setToken', { accountId: id, token: TOKEN }));
    forks.crash();
    expect(await desk.call('campaigns.list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    await expect.poll(() => log.includes('restarted')).toBe(true);
    expect(forks.forks).toHaveLength(2);
    expect(await tokenSource(desk, id)).toBe('keychain');
    expect(await check(desk, id)).toMatchObject({ ok: true });
  });

  it('migration 130’s repair: a token found in the database is stored by main, then leaves the database', async () => {
    const dir = tempDir('cd-token-rescue-');
    cleanups.push(() => dir.cleanup());
    const before = createCore({ dataDir: dir.path, shell: 'electron', externalChangePollMs: 0 });
    const account = await before.handlers['accounts.add']({
      name: 'Old',
      phoneNumberId: PHONE_ID,
      wabaId: WABA_ID,
      baseUrl: 'https://graph.example.com',
    });
    before.store.sqlite
      .prepare('INSERT INTO token_rescue (account_id, secret) VALUES (?, ?)')
      .run(account.id, TOKEN);
    await before.close();

    const safe = fakeSafeStorage();
    const keychain = createKeychainVault({
      safeStorage: safe.storage,
      platform: 'linux',
      file: join(dir.path, 'secrets', 'tokens.json'),
    });
    const desk = startDesktopCore({
      options: { dataDir: dir.path, shell: 'electron', externalChangePollMs: 0 },
      entry: '/app/core.js',
      fork: fakeFork().fork,
      keychain,
      askRestart: async () => 'quit',
      quit: () => undefined,
    });
    cleanups.push(() => desk.close());
    await desk.ready;
    expect(keychain.read(`account:${account.id}`)).toBe(TOKEN);
    expect(await tokenSource(desk, account.id)).toBe('keychain');
    const listed = value<{ id: number; lastCheck: { message: string | null } | null }[]>(
      await desk.call('accounts.list', {}),
    );
    expect(listed.find((a) => a.id === account.id)?.lastCheck?.message).toMatch(
      /moved to the encrypted/,
    );
    const left = await desk.op('tokens.pending', {});
    expect(left).toEqual({ ok: true, value: { tokens: [] } });
  });
});

describe('the token relay when the core refuses after main saved', () => {
  it('puts the file back as it was: the previous token, or none', async () => {
    const dir = tempDir('cd-token-putback-');
    try {
      const keychain = createKeychainVault({
        safeStorage: fakeSafeStorage().storage,
        platform: 'linux',
        file: join(dir.path, 'tokens.json'),
      });
      keychain.write('account:2', TOKEN);
      const pushes: unknown[] = [];
      const relay = createTokenRelay({
        keychain,
        core: () => ({
          call: async (method) =>
            method === 'accounts.tokenStatus'
              ? { ok: true, value: { canStore: true, source: 'keychain' } }
              : { ok: false, error: { code: 'CONFLICT', message: 'Changed meanwhile.' } },
          op: async (_op, input) => {
            pushes.push(input);
            return { ok: true, value: {} };
          },
        }),
      });
      expect(await relay.call('accounts.setToken', { accountId: 2, token: OTHER })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      expect(keychain.read('account:2')).toBe(TOKEN);
      expect(await relay.call('accounts.setToken', { accountId: 3, token: OTHER })).toMatchObject({
        ok: false,
      });
      expect(keychain.read('account:3')).toBeUndefined();
      // The core saw the new token and then the restored set: never left with a token main dropped.
      expect(pushes.at(-1)).toEqual({
        unavailableReason: null,
        tokens: { 'account:2': TOKEN },
        unreadable: [],
      });
    } finally {
      dir.cleanup();
    }
  });
});
