import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CoreError } from '../../../shared/api';
import type { TokenVault } from './token-vault';

/**
 * The browser shell's token store: AES-256-GCM in one file of the data folder, under a random key
 * that is shown to the user once, when the file is created, and never written anywhere.
 *
 * Why a key the user keeps rather than a key file beside the tokens: a key next to the file it
 * opens protects nothing against anyone who can read the data folder (a backup, a synced folder,
 * another account on a shared server), and the browser shell has no OS keychain to lean on. The
 * cost: after a restart the tokens stay locked until the key is typed in Settings (or `serve` is
 * started with CAMPAIGN_DESK_VAULT_KEY), and a lost key means pasting the tokens again.
 */
interface VaultFile {
  version: 1;
  cipher: 'aes-256-gcm';
  /** A known plaintext sealed with the key, so a wrong key is told apart from a damaged file. */
  check: string;
  /** ref → base64(iv ‖ tag ‖ ciphertext), sealed with the ref as associated data. */
  secrets: Record<string, string>;
}

/** Where the browser shell and the CLI keep it, relative to the data folder. */
export const TOKEN_FILE = 'secrets/tokens.enc.json';

const CHECK_TEXT = 'campaign-desk token vault';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 32 bytes as 52 base32 letters in groups of four: readable aloud, no look-alike 0/O or 1/l. */
export function formatVaultKey(key: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of key) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** The key as typed: case, spaces and dashes do not matter. null when it cannot be a key. */
export function parseVaultKey(typed: string): Buffer | null {
  const letters = typed.toUpperCase().replace(/[\s-]/g, '');
  if (letters.length !== 52 || /[^A-Z2-7]/.test(letters)) return null;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of letters) {
    value = (value << 5) | B32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes.slice(0, 32));
}

const seal = (key: Buffer, plain: string, aad: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
};

/** null when the key does not open it (or it was tampered with): GCM checks both at once. */
const open = (key: Buffer, sealed: string, aad: string): string | null => {
  const raw = Buffer.from(sealed, 'base64');
  if (raw.length < 28) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
};

export const LOCKED_MESSAGE =
  'Stored access tokens are locked since Campaign Desk restarted. Enter the token key you were shown when you saved the first token (Settings › Accounts), or start `campaign-desk serve` with CAMPAIGN_DESK_VAULT_KEY set to it.';

export interface FileVault extends TokenVault {
  state(): 'none' | 'open' | 'locked';
  /** Opens the file with the key the user kept; throws VALIDATION when it does not fit. */
  unlock(typedKey: string): void;
  /** The key made by the last write that created the file, once; then null. */
  takeNewKey(): string | null;
  /** Deletes the file and forgets the key (the user lost it). */
  reset(): void;
}

export function createFileVault(deps: {
  file: string;
  platform: NodeJS.Platform;
  /** A key given at start (CAMPAIGN_DESK_VAULT_KEY), for servers nobody types into. */
  key?: string | undefined;
}): FileVault {
  const { file, platform } = deps;
  let key: Buffer | null = null;
  let newKey: string | null = null;
  // The send loop asks for the token on every request: decrypt once per start, not per message.
  const cache = new Map<string, string>();

  const load = (): VaultFile | null => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new CoreError('UNAVAILABLE', `The token file cannot be read: ${(e as Error).message}`);
    }
    try {
      const parsed = JSON.parse(text) as Partial<VaultFile>;
      if (
        parsed.version === 1 &&
        typeof parsed.check === 'string' &&
        parsed.secrets &&
        typeof parsed.secrets === 'object'
      )
        return { version: 1, cipher: 'aes-256-gcm', check: parsed.check, secrets: parsed.secrets };
    } catch {
      // Falls through: reported rather than replaced, since the user may still hold its key.
    }
    throw new CoreError(
      'UNAVAILABLE',
      `The token file ${file} is damaged. Use "Forget stored tokens" in Settings › Accounts and paste the tokens again.`,
    );
  };

  const save = (content: VaultFile) => {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
    if (platform !== 'win32') chmodSync(file, 0o600);
  };

  const tryKey = (candidate: Buffer, content: VaultFile): boolean => {
    const opened = open(candidate, content.check, 'check');
    return (
      opened !== null &&
      opened.length === CHECK_TEXT.length &&
      timingSafeEqual(Buffer.from(opened), Buffer.from(CHECK_TEXT))
    );
  };

  const state = (): 'none' | 'open' | 'locked' => {
    const content = load();
    if (!content) return key ? 'open' : 'none';
    return key && tryKey(key, content) ? 'open' : 'locked';
  };

  const vault: FileVault = {
    kind: 'file',
    state,
    unavailableReason: () => (state() === 'locked' ? LOCKED_MESSAGE : null),
    unlock(typedKey) {
      const content = load();
      if (!content)
        throw new CoreError('CONFLICT', 'No tokens are stored yet, so there is nothing to unlock.');
      const candidate = parseVaultKey(typedKey);
      if (!candidate || !tryKey(candidate, content))
        throw new CoreError(
          'VALIDATION',
          'That key does not open the stored tokens. Check it against the one you wrote down (52 letters and digits in groups of four).',
        );
      key = candidate;
    },
    takeNewKey() {
      const k = newKey;
      newKey = null;
      return k;
    },
    read(ref) {
      const cached = cache.get(ref);
      if (cached !== undefined) return cached;
      const content = load();
      const sealed = content?.secrets[ref];
      if (!content || sealed === undefined) return undefined;
      if (!key || !tryKey(key, content)) throw new CoreError('UNAVAILABLE', LOCKED_MESSAGE);
      const token = open(key, sealed, ref);
      if (token === null)
        throw new CoreError(
          'UNAVAILABLE',
          'A stored access token cannot be decrypted (the token file was changed). Paste the token again in Settings › Accounts.',
        );
      cache.set(ref, token);
      return token;
    },
    write(ref, secret) {
      let content = load();
      if (!content) {
        if (!key) {
          key = randomBytes(32);
          newKey = formatVaultKey(key);
        }
        content = {
          version: 1,
          cipher: 'aes-256-gcm',
          check: seal(key, CHECK_TEXT, 'check'),
          secrets: {},
        };
      } else if (!key || !tryKey(key, content)) {
        throw new CoreError('UNAVAILABLE', LOCKED_MESSAGE);
      }
      content.secrets[ref] = seal(key, secret, ref);
      save(content);
      cache.set(ref, secret);
    },
    remove(ref) {
      cache.delete(ref);
      const content = load();
      if (!content || !(ref in content.secrets)) return;
      delete content.secrets[ref];
      save(content);
    },
    reset() {
      rmSync(file, { force: true });
      cache.clear();
      key = null;
      newKey = null;
    },
  };
  if (deps.key) {
    const given = parseVaultKey(deps.key);
    const content = load();
    if (given && (!content || tryKey(given, content))) key = given;
  }
  return vault;
}
