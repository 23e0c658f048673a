import { methods, type Result } from '../../shared/api';
import type { TokensSnapshot } from '../core/accounts/relayed-vault';
import { tokenRefFor, type TokenVault } from '../core/accounts/token-vault';
import type { CallCore } from './ipc';
import type { HostOpCall } from './downloads';

/** The keychain vault of keychain.ts: what main keeps on disk, encrypted with safeStorage. */
export type KeychainVault = TokenVault & { snapshot(): TokensSnapshot };

/** The core as main reaches it: the current utilityProcess's client (it changes on a restart). */
export interface CoreLink {
  call: CallCore;
  op: HostOpCall;
}

const failure = (e: unknown): Result<never> => ({
  ok: false,
  error: {
    code: 'UNAVAILABLE',
    message: e instanceof Error ? e.message : 'The token file could not be changed.',
  },
});

/**
 * The desktop app's token path (issue 14 item 3b). safeStorage exists only in the main process,
 * and the core in its utilityProcess never gets it: main encrypts and saves every token, then
 * hands the core the decrypted set (`tokens.set`, accounts/relayed-vault.ts). So each call that
 * writes or drops a token passes through here first:
 * - `accounts.setToken` with a token: saved in the keychain file and pushed, then forwarded (the
 *   core's vault accepts only a token main holds); a refusal by the core puts the file back.
 * - `accounts.setToken` with null: removed from the file and pushed, then forwarded.
 * - `accounts.update` that moved the account to another API host: the core drops its token
 *   reference; main then removes the token from the file.
 * - at each (re)start, `start()`: tokens migration 130's repair still holds are saved, then the
 *   whole set is pushed (a restarted core knows nothing).
 */
export function createTokenRelay(deps: { keychain: KeychainVault; core: () => CoreLink }) {
  const { keychain } = deps;

  const push = (): Promise<Result<unknown>> => {
    let snapshot: TokensSnapshot;
    try {
      snapshot = keychain.snapshot();
    } catch (e) {
      // A damaged or unreadable file: the core says why tokens cannot be stored, in these words.
      const why = e instanceof Error ? e.message : 'The token file cannot be read.';
      snapshot = { unavailableReason: why, tokens: {}, unreadable: [] };
    }
    return deps.core().op('tokens.set', snapshot);
  };

  /** What the file held for `ref` before a write: the token, none, or unreadable (null). */
  const before = (ref: string): string | undefined | null => {
    try {
      return keychain.read(ref);
    } catch {
      return null;
    }
  };

  const putBack = async (ref: string, prior: string | undefined | null) => {
    try {
      if (typeof prior === 'string') keychain.write(ref, prior);
      else keychain.remove(ref);
    } finally {
      await push();
    }
  };

  const storeThenForward = async (raw: unknown, accountId: number, token: string) => {
    const core = deps.core();
    const status = await core.call('accounts.tokenStatus', { accountId });
    if (!status.ok) return status;
    // The core refuses in its own words (the Sandbox needs none, no keychain…): nothing to store.
    if (!(status.value as { canStore: boolean }).canStore)
      return core.call('accounts.setToken', raw);
    const ref = tokenRefFor(accountId);
    const prior = before(ref);
    try {
      keychain.write(ref, token);
    } catch (e) {
      return failure(e);
    }
    const pushed = await push();
    const answer = pushed.ok ? await core.call('accounts.setToken', raw) : pushed;
    if (!answer.ok) await putBack(ref, prior).catch(() => undefined);
    return answer;
  };

  const removeThenForward = async (raw: unknown, accountId: number) => {
    try {
      keychain.remove(tokenRefFor(accountId));
    } catch (e) {
      return failure(e);
    }
    await push();
    return deps.core().call('accounts.setToken', raw);
  };

  /** After an update: a token the account no longer points at (new API host) leaves the file. */
  const dropUnused = async (accountId: number) => {
    const status = await deps.core().call('accounts.tokenStatus', { accountId });
    if (!status.ok || (status.value as { source: string }).source === 'keychain') return;
    const ref = tokenRefFor(accountId);
    if (before(ref) === undefined) return;
    try {
      keychain.remove(ref);
    } catch {
      return; // The file is damaged: push() already tells the core so, and the token is unused.
    }
    await push();
  };

  return {
    push,
    /** After the core opened (first start or restart). */
    async start(): Promise<Result<unknown>> {
      const pending = await deps.core().op('tokens.pending', {});
      const tokens = pending.ok
        ? (pending.value as { tokens: { ref: string; token: string }[] }).tokens
        : [];
      for (const t of tokens) {
        try {
          if (keychain.unavailableReason() === null) keychain.write(t.ref, t.token);
        } catch {
          // Not stored: the core's repair then drops it from the database, as in-process.
        }
      }
      return push();
    },
    async call(method: string, raw: unknown): Promise<Result<unknown>> {
      if (method === 'accounts.setToken') {
        const input = methods['accounts.setToken'].input.safeParse(raw);
        // Malformed input goes on as it is: the core answers it in words, and nothing is stored.
        if (!input.success) return deps.core().call(method, raw);
        const { accountId, token } = input.data;
        return token === null
          ? removeThenForward(input.data, accountId)
          : storeThenForward(input.data, accountId, token);
      }
      const answer = await deps.core().call(method, raw);
      if (method === 'accounts.update' && answer.ok)
        await dropUnused((answer.value as { id: number }).id);
      return answer;
    },
  };
}
