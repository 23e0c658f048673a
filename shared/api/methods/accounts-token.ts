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
   * `keychain`: stored by the desktop app, encrypted with the OS keychain. `environment`: read from
   * the environment variable named in the account. `sandbox`: the simulator needs none. `none`: missing.
   */
  source: 'keychain' | 'environment' | 'sandbox' | 'none';
  /** The environment variable the account names, when it names one. */
  tokenEnv: string | null;
  /** Whether `accounts.setToken` can store a token in this shell right now. */
  canStore: boolean;
  /** Why it cannot (no keychain, or the browser shell), in words the user can act on. */
  cannotStoreReason: string | null;
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

export const accountTokenMethods = {
  'accounts.tokenStatus': method<typeof byAccount, TokenStatus>(byAccount),
  /**
   * Stores the token in the OS keychain (desktop app only). The browser shell and the CLI answer
   * UNAVAILABLE: there the token comes from an environment variable.
   */
  'accounts.setToken': method<typeof setTokenInput, TokenStatus>(setTokenInput),
};
