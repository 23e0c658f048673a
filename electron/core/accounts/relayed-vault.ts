import { z } from 'zod';
import { CoreError } from '../../../shared/api';
import type { TokenVault } from './token-vault';

/**
 * The desktop core's vault when it runs in a utilityProcess (issue 14 item 3b). Electron's
 * safeStorage exists only in the main process, and the core reads tokens synchronously (the Cloud
 * API client's getToken, on every request); making that read asynchronous reaches into the client
 * and the send loop. So the smaller change: the main process decrypts the keychain file and hands
 * the tokens here, at start and after each change (host op `tokens.set`); this vault only keeps
 * them in memory, with the keychain's availability as main last saw it.
 *
 * Not wired yet: storing a token (`accounts.setToken`) still needs main to encrypt and save it
 * before the core records the reference; until then write/remove refuse rather than pretend.
 */
export const tokensSnapshot = z
  .object({
    /** keychainUnavailableReason() in the main process: null when tokens can be stored. */
    unavailableReason: z.string().max(2000).nullable(),
    /** ref (`account:<id>`) → decrypted token; refs that could not be decrypted are left out. */
    tokens: z.record(z.string().min(1).max(100), z.string().min(1).max(10_000)),
    /** Refs whose stored ciphertext main could not decrypt: reading them says so, as the keychain vault does. */
    unreadable: z.array(z.string().min(1).max(100)).max(10_000).default([]),
  })
  .strict()
  .refine((s) => Object.keys(s.tokens).length <= 10_000, 'at most 10,000 tokens');
export type TokensSnapshot = z.infer<typeof tokensSnapshot>;

const NOT_YET =
  'Campaign Desk has not yet received the tokens from the system keychain; try again in a moment.';
const CANNOT_DECRYPT =
  'The stored access token cannot be decrypted (the system keychain was reset or this is another computer). Paste the token again in Settings › Accounts.';
const WRITE_IN_MAIN =
  'Storing a token in the system keychain is not available in this build of the desktop core yet.';

export interface RelayedVault extends TokenVault {
  /** Replaces everything known with main's latest snapshot (already parsed). */
  set(snapshot: TokensSnapshot): void;
}

export function createRelayedVault(): RelayedVault {
  let snapshot: TokensSnapshot | undefined;
  return {
    kind: 'keychain',
    unavailableReason: () => (snapshot ? snapshot.unavailableReason : NOT_YET),
    set(next) {
      snapshot = next;
    },
    read(ref) {
      if (!snapshot) throw new CoreError('UNAVAILABLE', NOT_YET);
      const token = snapshot.tokens[ref];
      if (token !== undefined) return token;
      if (snapshot.unreadable.includes(ref)) throw new CoreError('UNAVAILABLE', CANNOT_DECRYPT);
      return undefined;
    },
    write() {
      throw new CoreError('UNAVAILABLE', WRITE_IN_MAIN);
    },
    remove() {
      throw new CoreError('UNAVAILABLE', WRITE_IN_MAIN);
    },
  };
}
