import { CoreError } from '../../../shared/api';
import { createCloudApiClient, type CloudApiClient } from '../cloud-api';
import type { Store } from '../db/connection';
import { startSandbox, SANDBOX_DEFAULTS } from '../../sandbox';
import type { Sandbox, SandboxOptions } from '../../sandbox';
import { SANDBOX_BASE_URL } from './repo';

/**
 * Where an account's access token comes from. The desktop app passes its keychain; the headless
 * shell and CLI read the environment variable named in the account. Never the database.
 */
export interface TokenSource {
  tokenFor: (account: {
    id: number;
    tokenEnv: string | null;
    tokenRef: string | null;
  }) => string | undefined;
  /** A promise while stored tokens are not known yet (the desktop core at start), else undefined. */
  whenReady?: () => Promise<void> | undefined;
}

export function envTokenSource(env: NodeJS.ProcessEnv): TokenSource {
  return { tokenFor: (a) => (a.tokenEnv ? env[a.tokenEnv] : undefined) };
}

export interface AccountClients {
  /** A Cloud API client for the account, created once and kept (keep-alive connections). */
  clientFor: (accountId: number) => Promise<CloudApiClient>;
  /** The embedded simulator behind the Sandbox account, started on first use on 127.0.0.1. */
  sandbox: () => Promise<Sandbox>;
  /** The embedded simulator if this process started it, without starting it (status polling). */
  sandboxIfStarted: () => Promise<Sandbox> | undefined;
  /** Drops a cached client, e.g. after the account's token or URL changed. */
  forget: (accountId: number) => void;
  close: () => Promise<void>;
}

export function createAccountClients(deps: {
  store: Store;
  tokens: TokenSource;
  sandboxOptions?: SandboxOptions;
  timeoutMs?: number;
}): AccountClients {
  const clients = new Map<number, CloudApiClient>();
  let sandbox: Promise<Sandbox> | undefined;

  // The simulator allows the highest tier (1,000/s); the Sandbox account's own rate setting is
  // what the send loop holds to, as with a real number.
  const startEmbedded = () =>
    // The Sandbox account is where a shop owner tries things: its WABA is onboarded to the
    // Marketing Messages API, so both sending methods can be tried (auto after a check), and it
    // reviews a submitted template in 5 s, so trying the studio is quick.
    (sandbox ??= startSandbox({
      port: 0,
      ratePerSecond: 1000,
      marketing: { onboarding: 'ONBOARDED' },
      reviewDelayMs: 5000,
      ...deps.sandboxOptions,
    }).then((s) => {
      // Meta remembers who wrote in the last 24 hours when the app restarts; the embedded
      // simulator starts empty, so it is told from the replies we kept (else an answer inside the
      // window the app shows would be refused with 131047).
      for (const r of lastSandboxReplies(deps.store)) s.rememberInbound(r.wa_id, r.at);
      return s;
    }));

  const tokenOf = (
    account: Parameters<TokenSource['tokenFor']>[0],
    row: { name: string; token_env: string | null },
  ): string => {
    const token = deps.tokens.tokenFor(account);
    if (!token) {
      throw new CoreError(
        'UNAVAILABLE',
        row.token_env
          ? `The access token for "${row.name}" is not set: the environment variable ${row.token_env} is empty.`
          : `No access token is stored for "${row.name}". Add it in Settings › Accounts.`,
      );
    }
    return token;
  };

  return {
    sandbox: startEmbedded,
    sandboxIfStarted: () => sandbox,
    async clientFor(accountId) {
      const cached = clients.get(accountId);
      if (cached) return cached;
      const row = deps.store.first(
        deps.store.q.selectFrom('accounts').selectAll().where('id', '=', accountId),
      );
      if (!row) throw new CoreError('NOT_FOUND', `Account ${accountId} does not exist.`);
      const isSandbox = row.base_url === SANDBOX_BASE_URL;
      const baseUrl = isSandbox ? (await startEmbedded()).url : row.base_url;
      const account = { id: row.id, tokenEnv: row.token_env, tokenRef: row.token_ref };
      const client = createCloudApiClient({
        baseUrl,
        graphVersion: row.graph_version,
        phoneNumberId: row.phone_number_id,
        wabaId: row.waba_id,
        // Enough sockets for the requests the send loop keeps in flight at this account's rate.
        maxSockets: Math.min(1000, Math.max(16, row.rate_per_second)),
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
        getToken: () => {
          if (isSandbox) return deps.sandboxOptions?.token ?? SANDBOX_DEFAULTS.token;
          const waiting = deps.tokens.whenReady?.();
          return waiting ? waiting.then(() => tokenOf(account, row)) : tokenOf(account, row);
        },
      });
      clients.set(accountId, client);
      return client;
    },
    forget(accountId) {
      clients.get(accountId)?.close();
      clients.delete(accountId);
    },
    async close() {
      for (const c of clients.values()) c.close();
      clients.clear();
      if (sandbox) await (await sandbox).close();
      sandbox = undefined;
    },
  };
}

/** Each customer's latest reply to the Sandbox account (its clock is the app's, in tests too). */
function lastSandboxReplies(store: Store): { wa_id: string; at: number }[] {
  return store.sqlite
    .prepare(
      `SELECT r.wa_id, max(r.received_at) AS at FROM replies r JOIN accounts a ON a.id = r.account_id
       WHERE a.base_url = ? AND r.wa_id IS NOT NULL GROUP BY r.wa_id`,
    )
    .all(SANDBOX_BASE_URL) as { wa_id: string; at: number }[];
}
