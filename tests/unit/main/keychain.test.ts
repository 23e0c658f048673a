import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../electron/core/service';
import {
  NO_VAULT_MESSAGE,
  tokenRefFor,
  vaultThenEnv,
} from '../../../electron/core/accounts/token-vault';
import { createKeychainVault, keychainUnavailableReason } from '../../../electron/main/keychain';
import { fakeSafeStorage } from './fakes';
import {
  createRelayedVault,
  FIRST_SNAPSHOT_WAIT_MS,
  tokensSnapshot,
} from '../../../electron/core/accounts/relayed-vault';
import { tempDir } from '../../helpers/tmp';

const TOKEN = 'EAAGtestTOKEN1234567890abcdefGHIJ';

describe('keychain vault', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const setup = (
    opts?: Parameters<typeof fakeSafeStorage>[0],
    platform: NodeJS.Platform = 'linux',
  ) => {
    const dir = tempDir();
    dirs.push(dir);
    const fake = fakeSafeStorage(opts);
    const file = join(dir.path, 'secrets', 'tokens.json');
    return {
      ...fake,
      file,
      vault: createKeychainVault({ safeStorage: fake.storage, platform, file }),
    };
  };

  it("hands the main process's decrypted tokens to a relayed vault; a token it cannot decrypt is named, not guessed", () => {
    const { vault, file, storage } = setup();
    vault.write('account:2', TOKEN);
    vault.write('account:3', 'EAAGother');
    // A third whose ciphertext this keychain cannot open (the keychain was reset since).
    const content = JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, string> };
    content.secrets['account:4'] = Buffer.from('v99garbage').toString('base64');
    writeFileSync(file, JSON.stringify({ version: 1, secrets: content.secrets }));
    const snap = createKeychainVault({ safeStorage: storage, platform: 'linux', file }).snapshot();
    expect(snap).toEqual({
      unavailableReason: null,
      tokens: { 'account:2': TOKEN, 'account:3': 'EAAGother' },
      unreadable: ['account:4'],
    });

    const relayed = createRelayedVault();
    expect(relayed.unavailableReason()).toMatch(/not yet received/);
    expect(() => relayed.read('account:2')).toThrow(/not yet received/);
    relayed.set(tokensSnapshot.parse(snap));
    expect(relayed.unavailableReason()).toBeNull();
    const source = vaultThenEnv(relayed, { T4: 'EAAGenv' });
    expect(source.tokenFor({ id: 2, tokenEnv: null, tokenRef: 'account:2' })).toBe(TOKEN);
    expect(source.tokenFor({ id: 5, tokenEnv: null, tokenRef: 'account:5' })).toBeUndefined();
    expect(() => source.tokenFor({ id: 4, tokenEnv: null, tokenRef: 'account:4' })).toThrow(
      /cannot be decrypted/,
    );
    // The environment still stands in for an unreadable stored token, as with the keychain vault.
    expect(source.tokenFor({ id: 4, tokenEnv: 'T4', tokenRef: 'account:4' })).toBe('EAAGenv');
    // Storing needs main's keychain: a token main did not save is refused in words, never kept
    // only in memory; the one main saved (in the snapshot) is confirmed.
    expect(() => relayed.write('account:2', 'EAAGnotStoredByMain')).toThrow(/was not saved/);
    expect(() => relayed.write('account:9', TOKEN)).toThrow(/was not saved/);
    expect(() => relayed.write('account:2', TOKEN)).not.toThrow();
    // Forgetting is at once, here: no later request may use it (main removes it from the file).
    relayed.remove('account:2');
    relayed.remove('account:4');
    expect(relayed.read('account:2')).toBeUndefined();
    expect(relayed.read('account:4')).toBeUndefined();
    expect(relayed.read('account:3')).toBe('EAAGother');
    expect(tokensSnapshot.safeParse({ unavailableReason: null, tokens: { '': 'x' } }).success).toBe(
      false,
    );
  });

  it('a relayed vault makes requests wait for main’s first snapshot, for a bounded time', async () => {
    vi.useFakeTimers();
    try {
      const relayed = createRelayedVault();
      const source = vaultThenEnv(relayed, {});
      const waiting = source.whenReady?.();
      expect(waiting).toBeInstanceOf(Promise);
      let settled = false;
      void waiting!.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(FIRST_SNAPSHOT_WAIT_MS - 1);
      expect(settled).toBe(false);
      relayed.set({ unavailableReason: null, tokens: { 'account:2': TOKEN }, unreadable: [] });
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(true);
      // Once known, nothing waits: the read is synchronous again.
      expect(source.whenReady?.()).toBeUndefined();
      expect(source.tokenFor({ id: 2, tokenEnv: null, tokenRef: 'account:2' })).toBe(TOKEN);

      // Main never answers: the wait ends in words, not forever.
      const never = vaultThenEnv(createRelayedVault(), {}).whenReady!()!;
      const outcome = never.then(
        () => 'resolved',
        (e: Error) => e.message,
      );
      await vi.advanceTimersByTimeAsync(FIRST_SNAPSHOT_WAIT_MS);
      expect(await outcome).toMatch(/not yet received the tokens/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a locked keychain hands over no tokens, only its reason and the refs it holds', () => {
    const { vault, file } = setup();
    vault.write('account:2', TOKEN);
    const locked = fakeSafeStorage({ available: false }).storage;
    const snap = createKeychainVault({ safeStorage: locked, platform: 'linux', file }).snapshot();
    expect(snap.unavailableReason).toMatch(/cannot reach your system keychain/);
    expect(snap.tokens).toEqual({});
    expect(snap.unreadable).toEqual(['account:2']);
  });

  it('stores only ciphertext, owner-only, and reads it back', () => {
    const { vault, file, storage } = setup();
    vault.write('account:2', TOKEN);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(Buffer.from(TOKEN).toString('base64'));
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    // A fresh vault (next start) decrypts from the file.
    const again = createKeychainVault({ safeStorage: storage, platform: 'linux', file });
    expect(again.read('account:2')).toBe(TOKEN);
    expect(again.read('account:3')).toBeUndefined();
  });

  it('decrypts once and then answers from memory (the send loop asks on every request)', () => {
    const { vault, file, storage, state } = setup();
    vault.write('account:2', TOKEN);
    const fresh = createKeychainVault({ safeStorage: storage, platform: 'linux', file });
    for (let i = 0; i < 5; i++) expect(fresh.read('account:2')).toBe(TOKEN);
    expect(state.decryptCalls).toBe(1);
  });

  it('refuses to store when the keychain is unavailable, and writes nothing', () => {
    const { vault, file, state } = setup({ available: false });
    expect(vault.unavailableReason()).toMatch(/cannot reach your system keychain/);
    expect(() => vault.write('account:2', TOKEN)).toThrow(/never keeps tokens in plain text/);
    expect(state.encryptCalls).toBe(0);
    expect(() => readFileSync(file)).toThrow();
  });

  it("refuses Linux's basic_text backend (a hard-coded password) instead of falling back", () => {
    const { vault, state } = setup({ backend: 'basic_text' });
    expect(vault.unavailableReason()).toMatch(/No secret service was found/);
    expect(() => vault.write('account:2', TOKEN)).toThrow(/No secret service/);
    expect(state.encryptCalls).toBe(0);
    // The backend only matters on Linux; macOS and Windows use the Keychain and DPAPI.
    expect(
      keychainUnavailableReason(fakeSafeStorage({ backend: 'unknown' }).storage, 'darwin'),
    ).toBeNull();
    expect(
      keychainUnavailableReason(fakeSafeStorage({ backend: 'unknown' }).storage, 'linux'),
    ).not.toBeNull();
  });

  it('reports a token it cannot decrypt without quoting the ciphertext or the token', () => {
    const { vault, file, storage, state } = setup();
    vault.write('account:2', TOKEN);
    state.key = 9; // the keychain was reset
    const fresh = createKeychainVault({ safeStorage: storage, platform: 'linux', file });
    let message = '';
    try {
      fresh.read('account:2');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/cannot be decrypted.*Paste the token again/);
    expect(message).not.toMatch(/v10|[0-9a-f]{20}/);
    expect(message).not.toContain(TOKEN);
  });

  it('removes a token, and the file with the last one', () => {
    const { vault, file } = setup();
    vault.write('account:2', TOKEN);
    vault.write('account:3', `${TOKEN}x`);
    vault.remove('account:2');
    expect(vault.read('account:2')).toBeUndefined();
    expect(vault.read('account:3')).toBe(`${TOKEN}x`);
    vault.remove('account:3');
    expect(() => readFileSync(file)).toThrow();
    vault.remove('account:3');
  });

  it('reports a damaged file instead of overwriting it', () => {
    const { vault, file } = setup();
    vault.write('account:2', TOKEN);
    writeFileSync(file, '{not json');
    expect(() => vault.read('account:2')).not.toThrow(); // still in memory
    const fresh = createKeychainVault({
      safeStorage: fakeSafeStorage().storage,
      platform: 'linux',
      file,
    });
    expect(() => fresh.read('account:2')).toThrow(/damaged/);
    expect(() => fresh.write('account:4', TOKEN)).toThrow(/damaged/);
    expect(readFileSync(file, 'utf8')).toBe('{not json');
  });
});

describe('accounts.setToken through the core', () => {
  let core: Core | undefined;
  const dirs: { cleanup(): void }[] = [];
  afterEach(async () => {
    await core?.close();
    core = undefined;
    dirs.splice(0).forEach((d) => d.cleanup());
  });

  const open = (vault?: ReturnType<typeof createKeychainVault>) => {
    const dir = tempDir();
    dirs.push(dir);
    core = createCore({
      dataDir: dir.path,
      shell: vault ? 'electron' : 'headless',
      ...(vault ? { tokenVault: vault } : {}),
    });
    return { core, dir: dir.path };
  };
  const addCloudAccount = async (c: Core) =>
    (
      await c.handlers['accounts.add']({
        name: 'Shop',
        phoneNumberId: '1234567890',
        wabaId: '9876543210',
      })
    ).id;

  it('stores in the keychain, marks the account by reference only, and never returns the token', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const fake = fakeSafeStorage();
    const vault = createKeychainVault({
      safeStorage: fake.storage,
      platform: 'linux',
      file: join(dir.path, 'tokens.json'),
    });
    const { core: c } = open(vault);
    const id = await addCloudAccount(c);
    expect(await c.handlers['accounts.tokenStatus']({ accountId: id })).toMatchObject({
      source: 'none',
      canStore: true,
    });

    const status = await c.handlers['accounts.setToken']({ accountId: id, token: TOKEN });
    expect(status).toEqual({
      accountId: id,
      source: 'keychain',
      tokenEnv: null,
      canStore: true,
      cannotStoreReason: null,
      vault: 'open',
      newVaultKey: null,
    });
    expect(JSON.stringify(status)).not.toContain(TOKEN);
    const row = c.store.first(c.store.q.selectFrom('accounts').selectAll().where('id', '=', id));
    expect(row?.token_ref).toBe(tokenRefFor(id));
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    expect(JSON.stringify(await c.handlers['accounts.list']({}))).not.toContain(TOKEN);

    const cleared = await c.handlers['accounts.setToken']({ accountId: id, token: null });
    expect(cleared.source).toBe('none');
    expect(vault.read(tokenRefFor(id))).toBeUndefined();
  });

  it('refuses with the keychain message when safeStorage cannot protect it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const vault = createKeychainVault({
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }).storage,
      platform: 'linux',
      file: join(dir.path, 't.json'),
    });
    const { core: c } = open(vault);
    const id = await addCloudAccount(c);
    expect(await c.handlers['accounts.tokenStatus']({ accountId: id })).toMatchObject({
      canStore: false,
      cannotStoreReason: expect.stringMatching(/secret service/),
    });
    await expect(
      Promise.resolve().then(() =>
        c.handlers['accounts.setToken']({ accountId: id, token: TOKEN }),
      ),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const row = c.store.first(
      c.store.q.selectFrom('accounts').select('token_ref').where('id', '=', id),
    );
    expect(row?.token_ref).toBeNull();
  });

  it('answers a process without a token store with "tokens come from environment variables here"', async () => {
    const { core: c } = open();
    const id = await addCloudAccount(c);
    expect(await c.handlers['accounts.tokenStatus']({ accountId: id })).toMatchObject({
      canStore: false,
      cannotStoreReason: NO_VAULT_MESSAGE,
    });
    await expect(
      Promise.resolve().then(() =>
        c.handlers['accounts.setToken']({ accountId: id, token: TOKEN }),
      ),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: NO_VAULT_MESSAGE,
    });
  });

  it('reads a stored token before the environment variable', () => {
    const dir = tempDir();
    dirs.push(dir);
    const vault = createKeychainVault({
      safeStorage: fakeSafeStorage().storage,
      platform: 'linux',
      file: join(dir.path, 't.json'),
    });
    vault.write(tokenRefFor(4), TOKEN);
    const source = vaultThenEnv(vault, { WA_TOKEN: 'from-env' });
    expect(source.tokenFor({ id: 4, tokenEnv: 'WA_TOKEN', tokenRef: tokenRefFor(4) })).toBe(TOKEN);
    // An account set up with the CLI (--token-env) keeps working in the app.
    expect(source.tokenFor({ id: 5, tokenEnv: 'WA_TOKEN', tokenRef: null })).toBe('from-env');
    expect(source.tokenFor({ id: 6, tokenEnv: null, tokenRef: tokenRefFor(6) })).toBeUndefined();
  });
});
