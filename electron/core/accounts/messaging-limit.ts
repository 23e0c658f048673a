import {
  canReadPortfolioLimit,
  DEFAULT_MESSAGING_LIMIT,
  MESSAGING_LIMIT_MAX_AGE_MS,
  PORTFOLIO_LIMIT_MIN_VERSION,
} from '../../../shared/domain/limits';
import type { Clock } from '../clock';
import type { CloudApiClient } from '../cloud-api';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import type { AccountClients } from './clients';

interface Deps {
  store: Store;
  clock: Clock;
  events?: EventBus;
  clients: AccountClients;
}

type ReadResult =
  | { ok: true; portfolioId: string | null; limit: number | null }
  | { ok: false; portfolioId: string | null; error: string };

async function readFromMeta(client: CloudApiClient, graphVersion: string): Promise<ReadResult> {
  const owner = await client.portfolioOfWaba();
  // Unknown owner is not fatal: the account then counts alone (or keeps a portfolio set before).
  const portfolioId = owner.ok ? owner.portfolioId : null;
  if (!canReadPortfolioLimit(graphVersion)) {
    return {
      ok: false,
      portfolioId,
      error: `Graph ${graphVersion} cannot read the portfolio's messaging limit (it needs ${PORTFOLIO_LIMIT_MIN_VERSION} or later): upgrade the account's Graph version.`,
    };
  }
  const read = await client.portfolioMessagingLimit();
  if (read.ok) return { ok: true, portfolioId, limit: read.limit };
  return { ok: false, portfolioId, error: read.failure.entry.explanation };
}

/**
 * Reads the business portfolio's messaging limit from Meta and records it on the account and on
 * every other account of the same portfolio (the limit is the portfolio's, cloud-api.md §3.2).
 * A limit the user set by hand is never overwritten. When the limit cannot be read and was never
 * read, the account keeps Meta's starting limit of 250; a limit read before is kept, with the
 * error beside it. Never throws: a missing token or a network failure is recorded as the error.
 */
export async function refreshMessagingLimit(
  deps: Deps,
  accountId: number,
  opts: { force?: boolean } = {},
): Promise<void> {
  const { store, clock } = deps;
  const row = store.first(store.q.selectFrom('accounts').selectAll().where('id', '=', accountId));
  if (!row) return;
  const now = clock.now();
  const fresh =
    row.messaging_limit_read_at !== null &&
    now - row.messaging_limit_read_at < MESSAGING_LIMIT_MAX_AGE_MS;
  if (fresh && !opts.force) return;

  let result: ReadResult;
  try {
    result = await readFromMeta(await deps.clients.clientFor(accountId), row.graph_version);
  } catch (e) {
    result = { ok: false, portfolioId: null, error: e instanceof Error ? e.message : String(e) };
  }
  store.tx(() => record(store, accountId, result, clock.now()));
  deps.events?.emit('db.changed', { tables: ['accounts'] });
}

function record(store: Store, accountId: number, r: ReadResult, now: number): void {
  const db = store.sqlite;
  if (r.portfolioId !== null)
    db.prepare('UPDATE accounts SET business_portfolio_id = ? WHERE id = ?').run(
      r.portfolioId,
      accountId,
    );
  if (!r.ok) {
    db.prepare(
      `UPDATE accounts SET messaging_limit_error = ?, updated_at = ?,
         messaging_limit = CASE WHEN messaging_limit_source = 'default' THEN ? ELSE messaging_limit END
       WHERE id = ?`,
    ).run(r.error.slice(0, 500), now, DEFAULT_MESSAGING_LIMIT, accountId);
    return;
  }
  // This account and, when the portfolio is known, its siblings (except limits set by hand).
  db.prepare(
    `UPDATE accounts SET messaging_limit = ?, messaging_limit_source = 'meta',
       messaging_limit_read_at = ?, messaging_limit_error = NULL, updated_at = ?
     WHERE messaging_limit_source != 'manual'
       AND (id = ? OR (business_portfolio_id IS NOT NULL AND business_portfolio_id = ?))`,
  ).run(r.limit, now, now, accountId, r.portfolioId);
  // A manual limit stays, but the read is recorded so the page can show what Meta says.
  db.prepare(
    "UPDATE accounts SET messaging_limit_read_at = ?, messaging_limit_error = NULL WHERE id = ? AND messaging_limit_source = 'manual'",
  ).run(now, accountId);
}
