import { CoreError } from '../../../shared/api';
import type { AccountClients } from '../accounts/clients';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { isSandboxAccount } from '../status/config';
import { DAY_MS, LOOKBACK_DAYS, oldestFetchableDay, utcDay } from './days';
import { fetchPoints } from './fetch';
import { campaignDays, campaignScope, ownCells } from './scope';
import { callsThisHour } from '../status/call-window';
import {
  accountState,
  budgetOf,
  pollingOn,
  recordAccountPoll,
  setCampaignFetch,
  storePoints,
} from './store';
import { log } from '../log';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface AnalyticsPollerOptions {
  /** How often the background loop looks for due campaigns. Default 5 s (a cheap query). */
  tickMs?: number;
}

/**
 * When a campaign's figures are fetched again: every 15 minutes while it sends, hourly while reads and
 * clicks still come in (Meta adds them up to 7 days late), daily after that, never after Meta's 90 days.
 */
export function nextFetchDelay(
  state: string,
  lastSentAt: number | null,
  now: number,
): number | null {
  if (state === 'sending') return 15 * MINUTE;
  if (lastSentAt === null) return HOUR;
  const age = now - lastSentAt;
  if (age < 8 * DAY_MS) return HOUR;
  if (age < LOOKBACK_DAYS * DAY_MS) return DAY_MS;
  return null;
}

/**
 * The earliest sent_at a message the sandbox knows can have: statuses replace the acceptance time
 * with Meta's timestamp, which is in whole seconds.
 */
export const knownSince = (sandboxStartedAt: number): number =>
  Math.floor(sandboxStartedAt / 1000) * 1000;

/** Calls one manual refresh may make even when the hour's budget is spent: the user asked. */
const MANUAL_MIN_CALLS = 3;
/** A campaign that finished gets one more fetch this long after its end (its last reports are in by then). */
const AFTER_END_MS = 2 * MINUTE;
const MAX_BACKOFF_MS = 6 * HOUR;
const DUE_PER_TICK = 20;

export type PollResult = {
  campaignId: number;
  ok: boolean;
  skipped: string | null;
  error: string | null;
  calls: number;
  stored: number;
};

/**
 * Polls Meta's template analytics for every account that has them on: the campaigns sent in the
 * last 90 days, each on its own pace, within the account's hourly call budget. Runs in the processes
 * that poll statuses; rounds of one account never overlap; everything it decides is in SQLite, so it
 * picks up where it left off after a restart. A failure backs the account off and shows its reason.
 */
export function createAnalyticsPoller(deps: {
  store: Store;
  clock: Clock;
  clients: AccountClients;
  events: EventBus;
  background: boolean;
  options?: AnalyticsPollerOptions;
  random?: () => number;
}) {
  const { store, clock } = deps;
  const random = deps.random ?? Math.random;
  const abort = new AbortController();
  const chains = new Map<number, Promise<unknown>>();
  const busy = new Set<number>();
  let closed = false;

  /** The sandbox's start when this process runs it; undefined when it does not (it cannot be asked then). */
  const sandboxStart = async (): Promise<number | undefined> => {
    const sb = deps.clients.sandboxIfStarted();
    return sb ? (await sb).state.startedAt() : undefined;
  };

  const backoff = (errors: number) =>
    Math.min(MAX_BACKOFF_MS, MINUTE * 2 ** Math.min(errors, 12)) * (0.75 + random() * 0.5);

  async function pollCampaign(
    accountId: number,
    campaignId: number,
    calls: number,
    manual: boolean,
  ): Promise<PollResult> {
    const result: PollResult = {
      campaignId,
      ok: true,
      skipped: null,
      error: null,
      calls: 0,
      stored: 0,
    };
    const now = clock.now();
    const scope = campaignScope(store, campaignId, now);
    const later = (why: string, ms: number | null) => {
      setCampaignFetch(store, campaignId, { next_fetch_at: ms === null ? null : now + ms });
      return { ...result, skipped: why };
    };
    const metaIds = [...new Set(scope.templates.flatMap((t) => (t.metaId ? [t.metaId] : [])))];
    if (metaIds.length === 0)
      return later('The template has no Meta id (sync the templates).', DAY_MS);
    if (!scope.range) return later('Nothing sent yet.', MINUTE);
    const cells = await ownCells(
      store,
      accountId,
      scope.templates.map((t) => t.templateId),
      scope.range,
    );
    const mine = cells.filter((c) => c.campaignId === campaignId);
    const lastSentAt = mine.length ? Math.max(...mine.map((c) => c.lastSentAt)) : null;
    let days = campaignDays(cells, campaignId).filter((d) => d >= oldestFetchableDay(now));
    if (days.length === 0)
      return later(
        lastSentAt === null ? 'Nothing sent yet.' : 'Older than the 90 days Meta keeps.',
        lastSentAt === null ? MINUTE : DAY_MS,
      );

    const account = store.first(
      store.q.selectFrom('accounts').select(['base_url']).where('id', '=', accountId),
    );
    const sandbox = account ? isSandboxAccount(account) : false;
    if (sandbox) {
      const started = await sandboxStart();
      if (started === undefined) {
        if (manual)
          throw new CoreError(
            'UNAVAILABLE',
            'The Sandbox simulator runs inside the app (or `serve`) and forgets everything when it stops: its analytics can only be fetched there, while it runs.',
          );
        return { ...result, skipped: 'The sandbox is not running in this process.' };
      }
      // It knows only what it accepted since it started: a day with older sends would come back short.
      const known = knownSince(started);
      days = days.filter((d) => !cells.some((c) => c.day === d && c.firstSentAt < known));
      if (days.length === 0)
        return later(
          'The sandbox was restarted after these messages were sent: it no longer knows them.',
          nextFetchDelay(scope.state, lastSentAt, now),
        );
    }

    const client = await deps.clients.clientFor(accountId);
    const fetched = await fetchPoints(
      client,
      { metaIds, from: days[0]!, to: days[days.length - 1]! },
      calls,
      abort.signal,
    );
    result.calls = fetched.calls;
    const at = clock.now();
    if (!fetched.ok) {
      const f = fetched.failure;
      const errors = accountState(store, accountId).consecutive_errors;
      // Meta saying "not enabled" or "not offered" stops polling until the user acts; no backoff needed.
      const next = f.metaState ? null : at + (f.backoffMs ?? backoff(errors));
      store.tx(() =>
        recordAccountPoll(store, accountId, at, {
          ok: false,
          calls: fetched.calls,
          error: f.message,
          nextPollAt: next,
          ...(f.metaState ? { metaState: f.metaState } : {}),
        }),
      );
      deps.events.emit('db.changed', { tables: ['accounts'] });
      return { ...result, ok: false, error: f.message };
    }
    // The sandbox's answer for a day it only partly knows would overwrite better figures: keep its known days.
    const wanted = new Set(days);
    const points = sandbox
      ? fetched.points.filter((p) => wanted.has(utcDay(p.start * 1000)))
      : fetched.points;
    const delay = nextFetchDelay(scope.state, lastSentAt, at);
    store.tx(() => {
      result.stored = storePoints(store, accountId, points, at);
      setCampaignFetch(store, campaignId, {
        fetched_at: at,
        ...(fetched.complete ? { fetched_from: days[0]!, fetched_to: days[days.length - 1]! } : {}),
        // An incomplete fetch (budget spent mid-way) goes on soon; a complete one on the campaign's pace.
        next_fetch_at: fetched.complete ? (delay === null ? null : at + delay) : at + 5 * MINUTE,
      });
      recordAccountPoll(store, accountId, at, {
        ok: true,
        calls: fetched.calls,
        nextPollAt: null,
        metaState: 'enabled',
      });
    });
    deps.events.emit('db.changed', { tables: ['template_analytics'] });
    return result;
  }

  const dueCampaigns = store.sqlite.prepare<[number, number, number, number]>(
    `SELECT c.id FROM campaigns c LEFT JOIN analytics_campaigns a ON a.campaign_id = c.id
     WHERE c.account_id = ? AND c.state != 'draft' AND c.started_at IS NOT NULL AND COALESCE(c.completed_at, c.updated_at) > ?
       AND ((a.campaign_id IS NULL OR (a.fetched_at IS NULL AND a.next_fetch_at IS NULL)) OR a.next_fetch_at <= ?
            OR (c.completed_at IS NOT NULL AND a.fetched_at < c.completed_at AND c.completed_at + ${AFTER_END_MS} <= ?))
     ORDER BY COALESCE(a.next_fetch_at, 0), c.id LIMIT ${DUE_PER_TICK}`,
  );

  /** Serialises the work of one account (background rounds and manual refreshes). */
  const serial = <T>(accountId: number, fn: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new CoreError('UNAVAILABLE', 'Campaign Desk is closing.'));
    const next = (chains.get(accountId) ?? Promise.resolve()).catch(() => undefined).then(fn);
    const tail = next.catch(() => undefined);
    chains.set(accountId, tail);
    void tail.then(() => chains.get(accountId) === tail && chains.delete(accountId));
    return next;
  };

  async function backgroundRound(accountId: number): Promise<void> {
    const now = clock.now();
    const account = store.first(
      store.q.selectFrom('accounts').select(['id', 'base_url']).where('id', '=', accountId),
    );
    if (!account) return;
    const sandbox = isSandboxAccount(account);
    const row = accountState(store, accountId);
    if (!pollingOn(row, sandbox) || (row.next_poll_at !== null && row.next_poll_at > now)) return;
    if (sandbox && (await sandboxStart()) === undefined) return;
    const ids = dueCampaigns.all(accountId, now - (LOOKBACK_DAYS + 1) * DAY_MS, now, now) as {
      id: number;
    }[];
    for (const { id } of ids) {
      if (closed) return;
      const left =
        budgetOf(accountState(store, accountId)) -
        callsThisHour(accountState(store, accountId), clock.now());
      if (left <= 0) return;
      const r = await pollCampaign(accountId, id, left, false);
      if (!r.ok) return;
    }
  }

  const tick = () => {
    if (closed || !store.sqlite.open) return;
    for (const { id } of store.all(store.q.selectFrom('accounts').select('id'))) {
      if (busy.has(id)) continue;
      busy.add(id);
      serial(id, () => backgroundRound(id))
        .catch((e: unknown) => log.error('analytics poll failed', e))
        .finally(() => busy.delete(id));
    }
  };
  const timer = deps.background ? setInterval(tick, deps.options?.tickMs ?? 5000) : undefined;
  timer?.unref();

  return {
    /** Fetches one campaign's figures now (ignoring its pace and the account's backoff). */
    refresh(campaignId: number): Promise<PollResult> {
      const { accountId } = campaignScope(store, campaignId, clock.now());
      return serial(accountId, async () => {
        const row = accountState(store, accountId);
        const left = budgetOf(row) - callsThisHour(row, clock.now());
        return pollCampaign(accountId, campaignId, Math.max(left, MANUAL_MIN_CALLS), true);
      });
    },
    /** Runs a background round for the account now (after the one in flight, if any). */
    runAccount: (accountId: number) => serial(accountId, () => backgroundRound(accountId)),
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      abort.abort();
      await Promise.all([...chains.values()]);
    },
  };
}
