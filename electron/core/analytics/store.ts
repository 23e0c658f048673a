import type { Selectable } from 'kysely';
import type {
  AnalyticsHealth,
  AnalyticsMetaState,
  ButtonClicks,
  CostFigure,
} from '../../../shared/api';
import type { TemplateAnalyticsPoint } from '../cloud-api';
import type { Store } from '../db/connection';
import type { AnalyticsAccountsTable, AnalyticsCampaignsTable } from '../db/schema';
import { isSandboxAccount } from '../status/config';
import { utcDay } from './days';
import { addCalls, callsThisHour } from '../status/call-window';

/** Calls per hour and account; analytics are daily aggregates, so a few calls go a long way. */
export const DEFAULT_ANALYTICS_BUDGET_PER_HOUR = 20;

export type AccountRow = Selectable<AnalyticsAccountsTable>;
export type CampaignFetchRow = Selectable<AnalyticsCampaignsTable>;

const blankAccount = (accountId: number): AccountRow => ({
  account_id: accountId,
  polling: null,
  meta_state: 'unknown',
  enabled_at: null,
  budget_per_hour: null,
  last_poll_at: null,
  last_success_at: null,
  last_error: null,
  last_error_at: null,
  consecutive_errors: 0,
  next_poll_at: null,
  calls_window_start: null,
  calls_in_window: 0,
});

export function accountState(store: Store, accountId: number): AccountRow {
  return (
    store.first(
      store.q.selectFrom('analytics_accounts').selectAll().where('account_id', '=', accountId),
    ) ?? blankAccount(accountId)
  );
}

export function updateAccountState(
  store: Store,
  accountId: number,
  values: Partial<AccountRow>,
): void {
  const exists = store.first(
    store.q
      .selectFrom('analytics_accounts')
      .select('account_id')
      .where('account_id', '=', accountId),
  );
  if (exists)
    store.run(
      store.q.updateTable('analytics_accounts').set(values).where('account_id', '=', accountId),
    );
  else
    store.run(
      store.q.insertInto('analytics_accounts').values({ ...blankAccount(accountId), ...values }),
    );
}

/**
 * Polling is on by default for the Sandbox and, for a real account, once Meta said insights are on;
 * the user's own switch wins. Meta refusing (not enabled, unsupported) stops it until the user acts.
 */
export function pollingOn(row: AccountRow, sandbox: boolean): boolean {
  if (row.meta_state === 'not_enabled' || row.meta_state === 'unsupported') return false;
  return row.polling !== null ? row.polling === 1 : sandbox || row.meta_state === 'enabled';
}

export const budgetOf = (row: AccountRow): number =>
  row.budget_per_hour ?? DEFAULT_ANALYTICS_BUDGET_PER_HOUR;

export function healthOf(store: Store, accountId: number, now: number): AnalyticsHealth {
  const account = store.first(
    store.q.selectFrom('accounts').select(['id', 'base_url']).where('id', '=', accountId),
  );
  const sandbox = account ? isSandboxAccount(account) : false;
  const r = accountState(store, accountId);
  const on = pollingOn(r, sandbox);
  return {
    accountId,
    sandbox,
    metaState: r.meta_state,
    enabledAt: r.enabled_at,
    polling: on,
    state: !on
      ? 'off'
      : r.last_poll_at === null
        ? 'idle'
        : r.consecutive_errors > 0
          ? 'failing'
          : 'ok',
    lastPollAt: r.last_poll_at,
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    consecutiveErrors: r.consecutive_errors,
    nextPollAt: r.next_poll_at,
    callsThisHour: callsThisHour(r, now),
    budgetPerHour: budgetOf(r),
  };
}

export interface PollRecord {
  ok: boolean;
  calls: number;
  error?: string;
  metaState?: AnalyticsMetaState;
  nextPollAt: number | null;
}

/** Health bookkeeping after a round of calls for an account. */
export function recordAccountPoll(
  store: Store,
  accountId: number,
  now: number,
  p: PollRecord,
): void {
  const r = accountState(store, accountId);
  updateAccountState(store, accountId, {
    last_poll_at: now,
    next_poll_at: p.nextPollAt,
    ...addCalls(r, now, p.calls),
    ...(p.metaState ? { meta_state: p.metaState } : {}),
    ...(p.ok
      ? { last_success_at: now, consecutive_errors: 0, last_error: null }
      : {
          last_error: p.error ?? 'Failed.',
          last_error_at: now,
          consecutive_errors: r.consecutive_errors + 1,
        }),
  });
}

export function campaignFetch(store: Store, campaignId: number): CampaignFetchRow | undefined {
  return store.first(
    store.q.selectFrom('analytics_campaigns').selectAll().where('campaign_id', '=', campaignId),
  );
}

export function setCampaignFetch(
  store: Store,
  campaignId: number,
  values: Partial<CampaignFetchRow>,
): void {
  const exists = campaignFetch(store, campaignId);
  if (exists)
    store.run(
      store.q.updateTable('analytics_campaigns').set(values).where('campaign_id', '=', campaignId),
    );
  else
    store.run(
      store.q.insertInto('analytics_campaigns').values({
        campaign_id: campaignId,
        fetched_at: null,
        fetched_from: null,
        fetched_to: null,
        next_fetch_at: null,
        ...values,
      }),
    );
}

/** Clicks of one day, one entry per (type, button): Meta may list a button more than once. */
export function mergeClicks(items: readonly ButtonClicks[]): ButtonClicks[] {
  const byKey = new Map<string, ButtonClicks>();
  for (const c of items) {
    const key = `${c.type}\u0000${c.button}`;
    const seen = byKey.get(key);
    if (seen) seen.count += c.count;
    else byKey.set(key, { ...c });
  }
  return [...byKey.values()];
}

/**
 * Stores fetched data points, one row per (account, template, UTC day): a re-fetch replaces the day.
 * One prepared statement in the caller's transaction (a fetch is stored whole or not at all).
 */
export function storePoints(
  store: Store,
  accountId: number,
  points: readonly TemplateAnalyticsPoint[],
  fetchedAt: number,
): number {
  const upsert = store.sqlite.prepare(
    `INSERT INTO template_analytics (account_id, template_meta_id, day_start, sent, delivered, read, clicked_json, cost_json, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, template_meta_id, day_start) DO UPDATE SET
       sent = excluded.sent, delivered = excluded.delivered, read = excluded.read,
       clicked_json = excluded.clicked_json, cost_json = excluded.cost_json, fetched_at = excluded.fetched_at`,
  );
  for (const p of points) {
    upsert.run(
      accountId,
      p.templateId,
      utcDay(p.start * 1000),
      p.sent,
      p.delivered,
      p.read,
      JSON.stringify(mergeClicks(p.clicked)),
      JSON.stringify(p.cost),
      fetchedAt,
    );
  }
  return points.length;
}

export interface StoredDay {
  templateMetaId: string;
  day: number;
  sent: number | null;
  delivered: number | null;
  read: number | null;
  clicks: ButtonClicks[];
  cost: CostFigure[];
  fetchedAt: number;
}

/** A stored JSON column, read defensively: a hand-edited database must not break the panel. */
function jsonList<T>(text: string, keep: (v: unknown) => v is T): T[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter(keep) : [];
  } catch {
    return [];
  }
}

const isClick = (v: unknown): v is ButtonClicks =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ButtonClicks).type === 'string' &&
  typeof (v as ButtonClicks).button === 'string' &&
  Number.isFinite((v as ButtonClicks).count);
const isCost = (v: unknown): v is CostFigure =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as CostFigure).type === 'string' &&
  Number.isFinite((v as CostFigure).value);

export function storedDays(
  store: Store,
  accountId: number,
  templateMetaIds: readonly string[],
  days: readonly number[],
): StoredDay[] {
  if (templateMetaIds.length === 0 || days.length === 0) return [];
  const rows = store.all(
    store.q
      .selectFrom('template_analytics')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('template_meta_id', 'in', [...templateMetaIds])
      .where('day_start', 'in', [...days])
      .orderBy('day_start'),
  );
  return rows.map((r) => ({
    templateMetaId: r.template_meta_id,
    day: r.day_start,
    sent: r.sent,
    delivered: r.delivered,
    read: r.read,
    clicks: jsonList(r.clicked_json, isClick),
    cost: jsonList(r.cost_json, isCost),
    fetchedAt: r.fetched_at,
  }));
}
