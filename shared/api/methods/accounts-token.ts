import { z } from 'zod';
import { id } from '../models';
import { method } from './define';

/**
 * Where an account's access token comes from, as far as the UI may know. The token itself is
 * never returned by any method: only whether one is there and where it lives.
 */
export interface TokenStatus {
  accountId: number;
  /**
   * `keychain`: stored by the desktop app, encrypted with the OS keychain. `vault`: stored by the
   * browser shell in an encrypted file of the data folder. `environment`: read from the environment
   * variable named in the account. `sandbox`: the simulator needs none. `none`: missing.
   */
  source: 'keychain' | 'vault' | 'environment' | 'sandbox' | 'none';
  /** The environment variable the account names, when it names one. */
  tokenEnv: string | null;
  /** Whether `accounts.setToken` can store a token in this shell right now. */
  canStore: boolean;
  /** Why it cannot (no keychain, a locked vault), in words the user can act on. */
  cannotStoreReason: string | null;
  /**
   * The browser shell's token file: `locked` until the user enters the key shown when it was
   * created (or the shell was started with it). Always `open` or `none` in the desktop app.
   */
  vault: 'none' | 'open' | 'locked';
}

/** setToken's answer; `newVaultKey` only the one time the browser shell creates its token file. */
export interface SetTokenResult extends TokenStatus {
  newVaultKey: string | null;
}

/** One thing "Test connection" checked, in the order it checked them. */
export interface ConnectionCheckItem {
  id: 'token' | 'phone_number' | 'waba' | 'pairing';
  /** `skipped`: could not be checked because an earlier check failed (a wrong token hides the ids). */
  result: 'ok' | 'wrong' | 'skipped' | 'unreachable';
  message: string;
}

export interface ConnectionCheck {
  accountId: number;
  ok: boolean;
  checkedAt: number;
  /** The first problem, in a sentence; null when everything is fine. */
  summary: string | null;
  displayPhoneNumber: string | null;
  items: ConnectionCheckItem[];
}

/**
 * One line of URL-safe characters: Meta's tokens are long base64-like strings. Whitespace inside
 * is almost always a paste that caught something else, so it is refused rather than stripped.
 */
const accessToken = z
  .string()
  .trim()
  .min(20, 'That is too short for an access token: paste the whole token.')
  .max(4096, 'That is too long for an access token.')
  .regex(/^[A-Za-z0-9._~+/=|-]+$/, 'Paste the access token itself: one line, no spaces or quotes.');

const byAccount = z.object({ accountId: id }).strict();
/** `token: null` removes the stored token. */
const setTokenInput = z.object({ accountId: id, token: accessToken.nullable() }).strict();
const unlockInput = z
  .object({ key: z.string().trim().min(1, 'Type the key.').max(200, 'That is not a vault key.') })
  .strict();
const empty = z.object({}).strict();

export const accountTokenMethods = {
  'accounts.tokenStatus': method<typeof byAccount, TokenStatus>(byAccount),
  /**
   * Stores the token encrypted: in the OS keychain in the desktop app, in the data folder's token
   * file in the browser shell (whose key is answered once, as `newVaultKey`, when the file is made).
   */
  'accounts.setToken': method<typeof setTokenInput, SetTokenResult>(setTokenInput),
  /** Opens the browser shell's token file with the key shown when it was created. */
  'accounts.unlockTokens': method<typeof unlockInput, { unlocked: true }>(unlockInput),
  /** Forgets every stored token (the key was lost); tokens must be pasted again. */
  'accounts.resetTokens': method<typeof empty, { removed: true }>(empty),
  /** Checks the token, the phone number ID and the WABA ID against the API, one by one, and records the result. */
  'accounts.testConnection': method<typeof byAccount, ConnectionCheck>(byAccount),
};
