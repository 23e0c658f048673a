import type { Selectable } from 'kysely';
import {
  CoreError,
  type ParsedInput,
  type SourceHealth,
  type StatusSourceId,
  type StatusSources,
} from '../../../shared/api';
import { SANDBOX_BASE_URL } from '../accounts/repo';
import type { Store } from '../db/connection';
import type { AccountsTable, StatusSourcesTable } from '../db/schema';
import { addCalls, callsThisHour } from './call-window';
import { readSweep } from './sources/history';

/**
 * message_history's hourly budget when the user has not set one, sized by what a sweep reads: about
 * four sweeps an hour. Assumed, not verified: Meta publishes no rate limit for this endpoint (§5.1);
 * when it answers 4, 80007 or 429 the source backs off (sources/history.ts).
 */
export const AUTO_HISTORY_BUDGET = { min: 12, max: 300, sweepsPerHour: 4 } as const;

export type SourceRow = Selectable<StatusSourcesTable>;
type AccountRow = Selectable<AccountsTable>;

export interface SourceSetup {
  id: StatusSourceId;
  configured: boolean;
  enabled: boolean;
  row: SourceRow | undefined;
}

const blank = (accountId: number, source: StatusSourceId): SourceRow => ({
  account_id: accountId,
  source,
  enabled: 1,
  url: null,
  token_env: null,
  budget_per_hour: null,
  cursor: null,
  cursor_scope: null,
  last_poll_at: null,
  last_success_at: null,
  last_error: null,
  last_error_at: null,
  consecutive_errors: 0,
  next_poll_at: null,
  calls_window_start: null,
  calls_in_window: 0,
  observations_total: 0,
});

export const isSandboxAccount = (a: Pick<AccountRow, 'base_url'>) =>
  a.base_url === SANDBOX_BASE_URL;

export function accountRow(store: Store, accountId: number): AccountRow {
  const a = store.first(store.q.selectFrom('accounts').selectAll().where('id', '=', accountId));
  if (!a) throw new CoreError('NOT_FOUND', `Account ${accountId} does not exist.`);
  return a;
}

/** The user's budget, or one sized by the last sweep (a 50,000-message campaign needs ~500 pages). */
export function historyBudget(row: SourceRow | undefined): number {
  if (row?.budget_per_hour !== null && row?.budget_per_hour !== undefined)
    return row.budget_per_hour;
  const sweep = readSweep(row?.cursor ?? null);
  const pages = Math.max(sweep.lastPages, sweep.pages + 1);
  const { min, max, sweepsPerHour } = AUTO_HISTORY_BUDGET;
  return Math.min(max, Math.max(min, pages * sweepsPerHour));
}

/** message_history has answered this account once: until then a poll is a single probing call. */
export const historyProven = (row: SourceRow | undefined) =>
  row?.last_success_at !== null && row?.last_success_at !== undefined;

/**
 * The sources of an account with their defaults: the sandbox feed for the Sandbox account; a relay
 * once the user gave its URL and token variable; message_history for real accounts (the sandbox
 * serves it too, but its feed already says everything, so it is off there unless switched on).
 */
export function sourcesOf(store: Store, account: AccountRow): SourceSetup[] {
  const rows = store.all(
    store.q.selectFrom('status_sources').selectAll().where('account_id', '=', account.id),
  );
  const row = (id: StatusSourceId) => rows.find((r) => r.source === id);
  const sandbox = isSandboxAccount(account);
  const relay = row('relay');
  const history = row('history');
  return [
    {
      id: 'sandbox',
      configured: sandbox,
      enabled: sandbox && (row('sandbox')?.enabled ?? 1) === 1,
      row: row('sandbox'),
    },
    {
      id: 'relay',
      configured: Boolean(relay?.url && relay.token_env),
      enabled: (relay?.enabled ?? 1) === 1,
      row: relay,
    },
    {
      id: 'history',
      configured: true,
      enabled: (history?.enabled ?? (sandbox ? 0 : 1)) === 1 && historyBudget(history) > 0,
      row: history,
    },
  ];
}

export function healthOf(account: AccountRow, s: SourceSetup, now: number): SourceHealth {
  const r = s.row ?? blank(account.id, s.id);
  const state: SourceHealth['state'] =
    !s.configured || !s.enabled
      ? 'off'
      : r.last_poll_at === null
        ? 'idle'
        : s.id === 'history' && !historyProven(s.row)
          ? 'unproven'
          : r.consecutive_errors > 0
            ? 'failing'
            : 'ok';
  return {
    source: s.id,
    configured: s.configured,
    enabled: s.enabled,
    state,
    lastPollAt: r.last_poll_at,
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    consecutiveErrors: r.consecutive_errors,
    nextPollAt: r.next_poll_at,
    observations: r.observations_total,
    callsThisHour: s.id === 'history' ? callsThisHour(s.row, now) : null,
    budgetPerHour: s.id === 'history' ? historyBudget(s.row) : null,
  };
}

export function statusSources(store: Store, accountId: number, now: number): StatusSources {
  const account = accountRow(store, accountId);
  const list = sourcesOf(store, account);
  const relay = list.find((s) => s.id === 'relay');
  const history = list.find((s) => s.id === 'history');
  return {
    accountId,
    relayUrl: relay?.row?.url ?? null,
    relayTokenEnv: relay?.row?.token_env ?? null,
    relayEnabled: relay?.enabled ?? true,
    historyEnabled: history?.row ? history.row.enabled === 1 : !isSandboxAccount(account),
    historyBudgetPerHour: historyBudget(history?.row),
    historyBudgetAuto: (history?.row?.budget_per_hour ?? null) === null,
    sources: list.map((s) => healthOf(account, s, now)),
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The read token travels in every request: plain http only to this machine. */
function checkRelayUrl(url: string): string {
  const u = new URL(url);
  if (u.protocol !== 'https:' && !LOOPBACK.has(u.hostname)) {
    throw new CoreError(
      'VALIDATION',
      'The relay URL must start with https:// (plain http only for 127.0.0.1 or localhost): the read token travels with every request.',
    );
  }
  if (u.search || u.hash)
    throw new CoreError(
      'VALIDATION',
      "Give the relay's base address without ?query or #fragment, e.g. https://relay.example.com.",
    );
  return url.replace(/\/+$/, '');
}

function upsert(
  store: Store,
  accountId: number,
  source: StatusSourceId,
  values: Partial<SourceRow>,
): void {
  const existing = store.first(
    store.q
      .selectFrom('status_sources')
      .select('source')
      .where('account_id', '=', accountId)
      .where('source', '=', source),
  );
  if (existing)
    store.run(
      store.q
        .updateTable('status_sources')
        .set(values)
        .where('account_id', '=', accountId)
        .where('source', '=', source),
    );
  else
    store.run(
      store.q.insertInto('status_sources').values({ ...blank(accountId, source), ...values }),
    );
}

export function setStatusSources(
  store: Store,
  input: ParsedInput<'accounts.setStatusSources'>,
  now: number,
): StatusSources {
  accountRow(store, input.accountId);
  store.tx(() => {
    const relay: Partial<SourceRow> = {};
    if (input.relayUrl !== undefined) {
      relay.url = input.relayUrl === null ? null : checkRelayUrl(input.relayUrl);
      // A different relay has different cursors.
      relay.cursor = null;
      relay.cursor_scope = null;
    }
    if (input.relayTokenEnv !== undefined) relay.token_env = input.relayTokenEnv;
    if (input.relayEnabled !== undefined) relay.enabled = input.relayEnabled ? 1 : 0;
    if (Object.keys(relay).length)
      upsert(store, input.accountId, 'relay', {
        ...relay,
        consecutive_errors: 0,
        next_poll_at: null,
        last_error: null,
      });
    const history: Partial<SourceRow> = {};
    if (input.historyEnabled !== undefined) history.enabled = input.historyEnabled ? 1 : 0;
    if (input.historyBudgetPerHour !== undefined)
      history.budget_per_hour = input.historyBudgetPerHour;
    if (Object.keys(history).length)
      upsert(store, input.accountId, 'history', { ...history, next_poll_at: null });
  });
  return statusSources(store, input.accountId, now);
}

export interface PollRecord {
  ok: boolean;
  error?: string;
  calls: number;
  observations: number;
  nextPollAt: number | null;
}

/** Health bookkeeping after a source was polled (one small write per source per round). */
export function recordPoll(
  store: Store,
  accountId: number,
  source: StatusSourceId,
  now: number,
  p: PollRecord,
): void {
  const row = store.first(
    store.q
      .selectFrom('status_sources')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('source', '=', source),
  );
  const values: Partial<SourceRow> = {
    last_poll_at: now,
    next_poll_at: p.nextPollAt,
    ...addCalls(row, now, p.calls),
    observations_total: (row?.observations_total ?? 0) + p.observations,
    ...(p.ok
      ? { last_success_at: now, consecutive_errors: 0 }
      : {
          last_error: p.error ?? 'Failed.',
          last_error_at: now,
          consecutive_errors: (row?.consecutive_errors ?? 0) + 1,
        }),
  };
  upsert(store, accountId, source, values);
}
