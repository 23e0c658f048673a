import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFileVault,
  formatVaultKey,
  LOCKED_MESSAGE,
  parseVaultKey,
} from '../../../electron/core/accounts/file-vault';
import { tempDir } from '../../helpers/tmp';

const TOKEN = 'EAAGm0PX4ZCpsBAKZBZCz7xQm2ZAxyz0123456789abcdefABCDEF';

describe('the browser shell token file', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const file = () => {
    const d = tempDir();
    dirs.push(d);
    return join(d.path, 'secrets', 'tokens.enc.json');
  };

  it('formats a key as 52 letters in groups of four and reads it back however it is typed', () => {
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256));
    const shown = formatVaultKey(key);
    expect(shown).toMatch(/^([A-Z2-7]{4}-){12}[A-Z2-7]{4}$/);
    expect(parseVaultKey(shown)?.equals(key)).toBe(true);
    expect(parseVaultKey(shown.toLowerCase().replace(/-/g, ' '))?.equals(key)).toBe(true);
    expect(parseVaultKey('not a key')).toBeNull();
    expect(parseVaultKey(shown.slice(0, -1))).toBeNull();
  });

  it('creates the file with a key shown once, owner-only, and never the token in clear', () => {
    const path = file();
    const vault = createFileVault({ file: path, platform: 'linux' });
    expect(vault.state()).toBe('none');
    expect(vault.unavailableReason()).toBeNull();
    vault.write('account:2', TOKEN);
    const key = vault.takeNewKey();
    expect(key).toMatch(/^([A-Z2-7]{4}-){12}[A-Z2-7]{4}$/);
    expect(vault.takeNewKey()).toBeNull();
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(key!.replace(/-/g, ''));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(vault.read('account:2')).toBe(TOKEN);
    // A second token uses the same key: no new key to show.
    vault.write('account:3', `${TOKEN}x`);
    expect(vault.takeNewKey()).toBeNull();
  });

  it('is locked after a restart until the right key is typed', () => {
    const path = file();
    const first = createFileVault({ file: path, platform: 'linux' });
    first.write('account:2', TOKEN);
    const key = first.takeNewKey()!;

    const again = createFileVault({ file: path, platform: 'linux' });
    expect(again.state()).toBe('locked');
    expect(again.unavailableReason()).toBe(LOCKED_MESSAGE);
    expect(() => again.read('account:2')).toThrow(/locked/);
    expect(() => again.write('account:4', TOKEN)).toThrow(/locked/);
    const wrong = formatVaultKey(Buffer.alloc(32, 7));
    expect(() => again.unlock(wrong)).toThrow(/does not open/);
    expect(() => again.unlock('hello')).toThrow(/does not open/);
    again.unlock(key.toLowerCase());
    expect(again.state()).toBe('open');
    expect(again.read('account:2')).toBe(TOKEN);
  });

  it('opens at start with the key from the environment, and ignores a wrong one', () => {
    const path = file();
    const first = createFileVault({ file: path, platform: 'linux' });
    first.write('account:2', TOKEN);
    const key = first.takeNewKey()!;
    expect(createFileVault({ file: path, platform: 'linux', key }).read('account:2')).toBe(TOKEN);
    const wrong = createFileVault({
      file: path,
      platform: 'linux',
      key: formatVaultKey(Buffer.alloc(32, 1)),
    });
    expect(wrong.state()).toBe('locked');
  });

  it('refuses a token moved to another account or changed in the file', () => {
    const path = file();
    const vault = createFileVault({ file: path, platform: 'linux' });
    vault.write('account:2', TOKEN);
    const key = vault.takeNewKey()!;
    const content = JSON.parse(readFileSync(path, 'utf8')) as {
      secrets: Record<string, string>;
    };
    // Sealed with its reference as associated data: copying it to another account fails.
    content.secrets['account:9'] = content.secrets['account:2']!;
    writeFileSync(path, JSON.stringify(content));
    const fresh = createFileVault({ file: path, platform: 'linux', key });
    expect(fresh.read('account:2')).toBe(TOKEN);
    expect(() => fresh.read('account:9')).toThrow(/cannot be decrypted/);
  });

  it('reports a damaged file instead of replacing it, and reset starts over', () => {
    const path = file();
    const vault = createFileVault({ file: path, platform: 'linux' });
    vault.write('account:2', TOKEN);
    writeFileSync(path, '{not json');
    const fresh = createFileVault({ file: path, platform: 'linux' });
    expect(() => fresh.state()).toThrow(/damaged/);
    fresh.reset();
    expect(fresh.state()).toBe('none');
    fresh.write('account:2', TOKEN);
    expect(fresh.takeNewKey()).not.toBeNull();
  });
});
