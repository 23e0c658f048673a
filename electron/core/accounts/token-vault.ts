import { CoreError, type TokenStatus } from '../../../shared/api';
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
  /** null when a token can be stored now; otherwise why not, in words the user can act on. */
  unavailableReason(): string | null;
  /** Throws CoreError('UNAVAILABLE') when a stored secret cannot be read (keychain locked or reset). */
  read(ref: string): string | undefined;
  write(ref: string, secret: string): void;
  remove(ref: string): void;
}

/** The account row points at its secret by this reference (`accounts.token_ref`), never by value. */
export const tokenRefFor = (accountId: number): string => `account:${accountId}`;

export const HEADLESS_TOKEN_MESSAGE =
  'Tokens come from environment variables here: start the browser shell or the CLI with the variable named in the account (accounts add --token-env), or paste the token in the desktop app.';

/**
 * The app's token source: a token stored in the keychain wins, then the account's environment
 * variable (an account set up with the CLI keeps working in the app). Never the database.
 */
export function vaultThenEnv(vault: TokenVault, env: NodeJS.ProcessEnv): TokenSource {
  return {
    tokenFor(account) {
      if (account.tokenRef) {
        const stored = vault.read(account.tokenRef);
        if (stored) return stored;
      }
      return account.tokenEnv ? env[account.tokenEnv] : undefined;
    },
  };
}

/** `accounts.setToken` and `accounts.tokenStatus`; without a vault (headless) storing is refused. */
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
    const reason = vault ? vault.unavailableReason() : HEADLESS_TOKEN_MESSAGE;
    const isSandbox = r.base_url === SANDBOX_BASE_URL;
    const source: TokenStatus['source'] = isSandbox
      ? 'sandbox'
      : r.token_ref && vault
        ? 'keychain'
        : r.token_env && deps.env[r.token_env]
          ? 'environment'
          : 'none';
    return {
      accountId,
      source,
      tokenEnv: r.token_env,
      canStore: !isSandbox && reason === null,
      cannotStoreReason: isSandbox ? 'The Sandbox account needs no token.' : reason,
    };
  };

  return {
    status,
    setToken(accountId: number, token: string | null): TokenStatus {
      const r = row(accountId);
      if (r.base_url === SANDBOX_BASE_URL)
        throw new CoreError('CONFLICT', 'The Sandbox account needs no token.');
      if (!vault) throw new CoreError('UNAVAILABLE', HEADLESS_TOKEN_MESSAGE);
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
          .set({ token_ref: token === null ? null : ref, updated_at: deps.clock.now() })
          .where('id', '=', accountId),
      );
      // The cached client holds the old token getter's result path; the next send builds a new one.
      deps.clients.forget(accountId);
      deps.events.emit('db.changed', { tables: ['accounts'] });
      return status(accountId);
    },
  };
}
