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
 * Storing goes the other way round: main encrypts and saves a pasted token, pushes a new snapshot,
 * then forwards `accounts.setToken` (electron/main/token-relay.ts). So write() only confirms that
 * main holds this very token, and remove() only forgets it here; the file is main's to change.
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
const NOT_STORED =
  'The token was not saved in the system keychain, so Campaign Desk did not keep it. Paste it again in Settings › Accounts.';
/** How long a request waits at start for main's first snapshot before it fails in words. */
export const FIRST_SNAPSHOT_WAIT_MS = 30_000;

export interface RelayedVault extends TokenVault {
  /** Replaces everything known with main's latest snapshot (already parsed). */
  set(snapshot: TokensSnapshot): void;
}

/** A promise settled by set() or, failing that, after FIRST_SNAPSHOT_WAIT_MS: a bounded wait. */
function firstSnapshot() {
  let resolve = () => {};
  let reject: (e: Error) => void = () => {};
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  promise.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    wait() {
      // The timer starts with the first wait: a core nobody asks for a token holds no timer.
      timer ??= setTimeout(
        () => reject(new CoreError('UNAVAILABLE', NOT_YET)),
        FIRST_SNAPSHOT_WAIT_MS,
      );
      timer.unref?.();
      return promise;
    },
    arrived() {
      if (timer) clearTimeout(timer);
      resolve();
    },
  };
}

export function createRelayedVault(): RelayedVault {
  let snapshot: TokensSnapshot | undefined;
  const first = firstSnapshot();
  return {
    kind: 'keychain',
    unavailableReason: () => (snapshot ? snapshot.unavailableReason : NOT_YET),
    // Senders resume at start, before main's first snapshot can arrive: they wait for it.
    awaiting: () => snapshot === undefined,
    whenReady: () => (snapshot ? Promise.resolve() : first.wait()),
    set(next) {
      snapshot = next;
      first.arrived();
    },
    read(ref) {
      if (!snapshot) throw new CoreError('UNAVAILABLE', NOT_YET);
      const token = snapshot.tokens[ref];
      if (token !== undefined) return token;
      if (snapshot.unreadable.includes(ref)) throw new CoreError('UNAVAILABLE', CANNOT_DECRYPT);
      return undefined;
    },
    write(ref, secret) {
      // Main saved the token before forwarding the call; anything else was not stored, so say so.
      if (snapshot?.tokens[ref] !== secret) throw new CoreError('UNAVAILABLE', NOT_STORED);
    },
    remove(ref) {
      // Forgotten here at once (no request may use it); main removes it from the file.
      if (!snapshot) return;
      const { [ref]: _gone, ...tokens } = snapshot.tokens;
      snapshot = { ...snapshot, tokens, unreadable: snapshot.unreadable.filter((r) => r !== ref) };
    },
  };
}
