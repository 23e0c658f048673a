import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import { CoreError } from '../../shared/api';
import type { TokensSnapshot } from '../core/accounts/relayed-vault';
import type { TokenVault } from '../core/accounts/token-vault';

/** The part of Electron's safeStorage we use; tests pass a fake. */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

interface SecretsFile {
  version: 1;
  /** ref → base64 of safeStorage's ciphertext. Never a plain token. */
  secrets: Record<string, string>;
}

export const NO_KEYCHAIN_MESSAGE =
  'Campaign Desk cannot reach your system keychain, so it will not store the token (it never keeps tokens in plain text).';

/** Why safeStorage cannot protect a secret on this machine right now, or null when it can. */
export function keychainUnavailableReason(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return platform === 'darwin'
      ? `${NO_KEYCHAIN_MESSAGE} Unlock the login keychain in Keychain Access and try again.`
      : `${NO_KEYCHAIN_MESSAGE} Make sure you are logged in to your desktop session and try again.`;
  }
  if (platform === 'linux') {
    // With no secret service, Chromium "encrypts" with a hard-coded password ('basic_text'):
    // that is plain text with extra steps, so we refuse instead.
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') {
      return `${NO_KEYCHAIN_MESSAGE} No secret service was found (GNOME Keyring or KWallet): install and unlock one, log out and in, and try again. Until then, start Campaign Desk with the token in the environment variable named in the account.`;
    }
  }
  return null;
}

/**
 * Access tokens encrypted with the OS keychain (Electron's safeStorage) in a small file in the
 * data folder. A file rather than the database: the database, its pre-migration backups and
 * anything the CLI copies then never carry a token, even encrypted, and the file can be owner-only.
 * Decrypted tokens are kept in memory: the send loop asks for the token on every request.
 */
export function createKeychainVault(deps: {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  file: string;
}): TokenVault & { snapshot(): TokensSnapshot } {
  const { safeStorage, platform, file } = deps;
  const cache = new Map<string, string>();

  const load = (): SecretsFile => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw new CoreError('UNAVAILABLE', `The token file cannot be read: ${(e as Error).message}`);
    }
    try {
      const parsed = JSON.parse(text) as Partial<SecretsFile>;
      if (parsed.version === 1 && parsed.secrets && typeof parsed.secrets === 'object')
        return { version: 1, secrets: { ...parsed.secrets } };
    } catch {
      // Falls through: a damaged file is reported, not silently replaced (it may be recoverable).
    }
    throw new CoreError(
      'UNAVAILABLE',
      `The token file ${file} is damaged. Remove it and paste the tokens again in Settings › Accounts.`,
    );
  };

  const save = (content: SecretsFile) => {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Write then rename, so a crash never leaves half a file; owner-only from the first byte.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
    if (platform !== 'win32') chmodSync(file, 0o600);
  };

  const requireKeychain = () => {
    const reason = keychainUnavailableReason(safeStorage, platform);
    if (reason) throw new CoreError('UNAVAILABLE', reason);
  };

  const vault: TokenVault = {
    kind: 'keychain',
    unavailableReason: () => keychainUnavailableReason(safeStorage, platform),
    read(ref) {
      const cached = cache.get(ref);
      if (cached !== undefined) return cached;
      const encoded = load().secrets[ref];
      if (encoded === undefined) return undefined;
      requireKeychain();
      let token: string;
      try {
        token = safeStorage.decryptString(Buffer.from(encoded, 'base64'));
      } catch {
        // The message never includes the ciphertext or the error's own text, which may quote it.
        throw new CoreError(
          'UNAVAILABLE',
          'The stored access token cannot be decrypted (the system keychain was reset or this is another computer). Paste the token again in Settings › Accounts.',
        );
      }
      cache.set(ref, token);
      return token;
    },
    write(ref, secret) {
      requireKeychain();
      const encrypted = safeStorage.encryptString(secret).toString('base64');
      const content = load();
      content.secrets[ref] = encrypted;
      save(content);
      cache.set(ref, secret);
    },
    remove(ref) {
      cache.delete(ref);
      const content = load();
      if (!(ref in content.secrets)) return;
      delete content.secrets[ref];
      if (Object.keys(content.secrets).length === 0) rmSync(file, { force: true });
      else save(content);
    },
  };
  return {
    ...vault,
    /**
     * Every stored token, decrypted, for a core in a utilityProcess (host op `tokens.set`): a
     * token that cannot be decrypted is named in `unreadable`, never guessed; a damaged or
     * unreadable file throws, as read() does.
     */
    snapshot() {
      const tokens: Record<string, string> = {};
      const unreadable: string[] = [];
      const reason = keychainUnavailableReason(safeStorage, platform);
      for (const ref of Object.keys(load().secrets)) {
        try {
          const token = reason ? undefined : vault.read(ref);
          if (token) tokens[ref] = token;
          else unreadable.push(ref);
        } catch {
          unreadable.push(ref);
        }
      }
      return { unavailableReason: reason, tokens, unreadable };
    },
  };
}
