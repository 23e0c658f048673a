import { CoreError, type SetTokenResult, type TokenStatus } from '../../../shared/api';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import type { AccountClients, TokenSource } from './clients';
import { SANDBOX_BASE_URL } from './repo';

/**
 * Secret storage the desktop app provides (the OS keychain through Electron's safeStorage). The
 * core only names secrets by reference; it never sees how or where they are kept.
 */
export interface TokenVault {
  /** `keychain`: the desktop app's safeStorage. `file`: the browser shell's file under a key the user keeps. */
  kind: 'keychain' | 'file';
  /** The file vault's lock state; a keychain is open whenever unavailableReason() is null. */
  state?: () => 'none' | 'open' | 'locked';
  unlock?: (typedKey: string) => void;
  takeNewKey?: () => string | null;
  reset?: () => void;
  /** null when a token can be stored now; otherwise why not, in words the user can act on. */
  unavailableReason(): string | null;
  /** Throws CoreError('UNAVAILABLE') when a stored secret cannot be read (keychain locked or reset). */
  read(ref: string): string | undefined;
  write(ref: string, secret: string): void;
  remove(ref: string): void;
  /** The desktop core's relayed vault before main's first snapshot: stored tokens are not known yet. */
  awaiting?: () => boolean;
  /** Settles once they are (rejects in words if they never come): a request waits rather than fails. */
  whenReady?: () => Promise<void>;
}

/** The account row points at its secret by this reference (`accounts.token_ref`), never by value. */
export const tokenRefFor = (accountId: number): string => `account:${accountId}`;

export const NO_VAULT_MESSAGE =
  'This process cannot store tokens: it reads them from the environment variable named in the account (accounts add --token-env).';

/**
 * The app's token source: a stored token wins, then the account's environment variable (an
 * account set up with the CLI keeps working in the app). Never the database.
 */
export function vaultThenEnv(vault: TokenVault, env: NodeJS.ProcessEnv): TokenSource {
  return {
    ...(vault.awaiting && vault.whenReady
      ? { whenReady: () => (vault.awaiting?.() ? vault.whenReady?.() : undefined) }
      : {}),
    tokenFor(account) {
      const fromEnv = account.tokenEnv ? env[account.tokenEnv] : undefined;
      if (account.tokenRef) {
        try {
          const stored = vault.read(account.tokenRef);
          if (stored) return stored;
        } catch (e) {
          // A locked or unreadable store still lets a token given by the environment work.
          if (fromEnv) return fromEnv;
          throw e;
        }
      }
      return fromEnv;
    },
  };
}

const vaultState = (vault: TokenVault | undefined): TokenStatus['vault'] => {
  if (!vault) return 'none';
  if (vault.state) return vault.state();
  return vault.unavailableReason() === null ? 'open' : 'locked';
};

/** The token methods of the contract; without a vault (one-shot CLI) storing is refused. */
export function createTokenService(deps: {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
  vault?: TokenVault;
  env: NodeJS.ProcessEnv;
}) {
  const { store, vault } = deps;

  const row = (accountId: number) => {
    const r = store.first(
      store.q
        .selectFrom('accounts')
        .select(['id', 'name', 'base_url', 'token_env', 'token_ref'])
        .where('id', '=', accountId),
    );
    if (!r) throw new CoreError('NOT_FOUND', `Account ${accountId} does not exist.`);
    return r;
  };

  const status = (accountId: number): TokenStatus => {
    const r = row(accountId);
    const reason = vault ? vault.unavailableReason() : NO_VAULT_MESSAGE;
    const isSandbox = r.base_url === SANDBOX_BASE_URL;
    const stored = vault?.kind === 'file' ? 'vault' : 'keychain';
    const source: TokenStatus['source'] = isSandbox
      ? 'sandbox'
      : r.token_ref && vault
        ? stored
        : r.token_env && deps.env[r.token_env]
          ? 'environment'
          : 'none';
    return {
      accountId,
      source,
      tokenEnv: r.token_env,
      canStore: !isSandbox && reason === null,
      cannotStoreReason: isSandbox ? 'The Sandbox account needs no token.' : reason,
      vault: vaultState(vault),
    };
  };

  /** Every cached client may hold a token getter over the old store. */
  const forgetAll = () => {
    for (const a of store.all(store.q.selectFrom('accounts').select('id')))
      deps.clients.forget(a.id);
  };

  return {
    status,
    setToken(accountId: number, token: string | null): SetTokenResult {
      const r = row(accountId);
      if (r.base_url === SANDBOX_BASE_URL)
        throw new CoreError('CONFLICT', 'The Sandbox account needs no token.');
      if (!vault) throw new CoreError('UNAVAILABLE', NO_VAULT_MESSAGE);
      const ref = tokenRefFor(accountId);
      if (token === null) {
        vault.remove(ref);
      } else {
        // Refuse up front rather than let a vault fall back to anything weaker.
        const reason = vault.unavailableReason();
        if (reason) throw new CoreError('UNAVAILABLE', reason);
        vault.write(ref, token);
      }
      store.run(
        store.q
          .updateTable('accounts')
          // A new token has not been checked yet: the old check's verdict no longer applies.
          .set({
            token_ref: token === null ? null : ref,
            check_ok: null,
            check_at: null,
            check_message: null,
            updated_at: deps.clock.now(),
          })
          .where('id', '=', accountId),
      );
      deps.clients.forget(accountId);
      deps.events.emit('db.changed', { tables: ['accounts'] });
      return { ...status(accountId), newVaultKey: vault.takeNewKey?.() ?? null };
    },
    unlock(typedKey: string): { unlocked: true } {
      if (!vault?.unlock) throw new CoreError('CONFLICT', 'There is nothing to unlock here.');
      vault.unlock(typedKey);
      forgetAll();
      deps.events.emit('db.changed', { tables: ['accounts'] });
      return { unlocked: true };
    },
    reset(): { removed: true } {
      if (!vault?.reset)
        throw new CoreError(
          'CONFLICT',
          'Tokens here are kept in the system keychain: remove them one by one.',
        );
      vault.reset();
      store.run(
        store.q
          .updateTable('accounts')
          .set({ token_ref: null, updated_at: deps.clock.now() })
          .where('token_ref', 'is not', null),
      );
      forgetAll();
      deps.events.emit('db.changed', { tables: ['accounts'] });
      return { removed: true };
    },
  };
}
