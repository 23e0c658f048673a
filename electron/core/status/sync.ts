import type { SourceRound, StatusSourceId } from '../../../shared/api';
import type { Observation } from '../../../shared/domain/status';
import type { AccountClients, TokenSource } from '../accounts/clients';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import { callsThisHour } from './call-window';
import {
  accountRow,
  historyBudget,
  historyProven,
  recordPoll,
  sourcesOf,
  type SourceSetup,
} from './config';
import type { Maintenance } from './maintenance';
import { addOutcome, emptyOutcome, type ApplyOutcome, type Reconciler } from './reconciler';
import { feedSource } from './sources/feed';
import { historySource } from './sources/history';
import { SourceError, type StatusSource } from './sources/types';

export interface SyncDeps {
  store: Store;
  clock: Clock;
  clients: AccountClients;
  tokens: TokenSource;
  reconciler: Reconciler;
  maintenance: Maintenance;
  random?: () => number;
}

export interface RoundOptions {
  /** Asked for by the user (campaigns.syncStatus): ignores backoff, may spend more calls. */
  manual: boolean;
  signal: AbortSignal;
}

export interface RoundResult {
  accountId: number;
  outcome: ApplyOutcome;
  expired: number;
  sources: SourceRound[];
}

const MAX_BACKOFF_MS = 5 * 60_000;
const FEED_PAGES = { background: 20, manual: 50 };
const HISTORY_CALLS = { background: 3, manual: 20 };
const MINUTE = 60_000;
/** Observations per transaction when several pages come at once (see tests/bench/RESULTS-status.md). */
export const APPLY_BATCH = 20_000;

const skipped = (source: StatusSourceId, why: string): SourceRound => ({
  source,
  ok: true,
  skipped: why,
  calls: 0,
  observations: 0,
  applied: 0,
  duplicates: 0,
  unmatched: 0,
  problems: [],
});

/**
 * One sync round for an account: every configured source is read up to its current end (within its
 * page and call budget) and applied, page by page, each page in one transaction with its cursor.
 * A failing source is recorded and backed off; the others go on.
 */
export function createStatusSync(deps: SyncDeps) {
  const { store, clock } = deps;
  const random = deps.random ?? Math.random;
  let lastSweep = 0;
  let lastExpiry = 0;

  /** The oldest message of this account still waiting for a status, bounded to the last day at least. */
  const historyCutoff = (accountId: number) => () => {
    const now = clock.now();
    const row = store.sqlite
      .prepare(
        `SELECT min(r.sent_at) AS at FROM recipients r JOIN campaigns c ON c.id = r.campaign_id
         WHERE r.state = 'sent' AND r.sent_at > ? AND c.account_id = ?`,
      )
      .get(now - 30 * 24 * 3_600_000, accountId) as { at: number | null };
    return Math.min(row.at ?? now, now - 24 * 3_600_000) - 3_600_000;
  };

  const anythingSentLately = (accountId: number) =>
    store.sqlite
      .prepare(
        "SELECT 1 FROM campaigns WHERE account_id = ? AND state != 'draft' AND started_at > ? LIMIT 1",
      )
      .get(accountId, clock.now() - 30 * 24 * 3_600_000) !== undefined;

  /** The source object for a setup, or why it cannot be polled now. */
  const build = async (
    accountId: number,
    phoneNumberId: string,
    s: SourceSetup,
  ): Promise<StatusSource | string> => {
    if (!s.configured)
      return s.id === 'relay'
        ? 'No relay URL and token variable set.'
        : 'Not available for this account.';
    if (!s.enabled) return 'Switched off.';
    switch (s.id) {
      case 'sandbox': {
        const sandbox = deps.clients.sandboxIfStarted();
        if (!sandbox) return 'The sandbox is not running in this process.';
        const sb = await sandbox;
        return feedSource({
          id: 'sandbox',
          baseUrl: sb.url,
          token: () => sb.feedToken,
          scope: sb.url,
        });
      }
      case 'relay': {
        const url = s.row?.url ?? '';
        const tokenEnv = s.row?.token_env ?? '';
        return feedSource({
          id: 'relay',
          baseUrl: url,
          scope: url,
          token: () => {
            const token = deps.tokens.tokenFor({ id: accountId, tokenEnv, tokenRef: null });
            if (!token)
              throw new SourceError(
                `The relay's read token is not set: the environment variable ${tokenEnv} is empty.`,
                MINUTE,
              );
            return token;
          },
        });
      }
      case 'history':
        if (!anythingSentLately(accountId)) return 'Nothing sent in the last 30 days.';
        return historySource({
          client: () => deps.clients.clientFor(accountId),
          phoneNumberId,
          cutoff: historyCutoff(accountId),
        });
    }
  };

  const backoffMs = (errors: number) =>
    Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.min(errors, 10)) * (0.75 + random() * 0.5);

  const pollSource = async (
    accountId: number,
    s: SourceSetup,
    source: StatusSource,
    calls: number,
    o: RoundOptions,
    total: ApplyOutcome,
  ): Promise<SourceRound> => {
    const round: SourceRound = { ...skipped(s.id, ''), skipped: null };
    let cursor = s.row && s.row.cursor_scope === source.scope ? s.row.cursor : null;
    let nextPollAt: number | null = null;
    // Pages are applied together, up to APPLY_BATCH observations per transaction: a backlog (after an
    // outage) is caught up with few commits, and each commit carries the cursor of its last page.
    let pending: Observation[] = [];
    let pendingCursor = cursor;
    const flush = () => {
      const applied = deps.reconciler.apply({
        source: s.id,
        accountId,
        receivedAt: clock.now(),
        observations: pending,
        cursor: { accountId, source: s.id, cursor: pendingCursor, scope: source.scope },
      });
      pending = [];
      addOutcome(total, applied);
      round.observations += applied.observations;
      round.applied += applied.applied;
      round.duplicates += applied.duplicates;
      round.unmatched += applied.unmatched;
    };
    try {
      try {
        for (let remaining = calls; remaining > 0 && !o.signal.aborted;) {
          const page = await source.poll(cursor, { calls: remaining, signal: o.signal });
          pending.push(...page.observations);
          cursor = pendingCursor = page.nextCursor;
          remaining -= Math.max(1, page.calls);
          round.calls += page.calls;
          round.problems.push(...page.problems.slice(0, 20 - round.problems.length));
          if (!page.more) break;
          if (pending.length >= APPLY_BATCH) flush();
        }
      } finally {
        // What was read before a failure is applied with its cursor: nothing is lost or read twice.
        if (pending.length > 0 || pendingCursor !== (s.row?.cursor ?? null)) flush();
      }
      if (s.id === 'history') {
        // Spread the hourly budget evenly instead of spending it in the first minutes.
        const budget = historyBudget(s.row);
        nextPollAt = clock.now() + Math.ceil(3_600_000 / Math.max(1, budget));
      }
      recordPoll(store, accountId, s.id, clock.now(), {
        ok: true,
        calls: round.calls,
        observations: round.observations - round.duplicates,
        nextPollAt,
      });
    } catch (e) {
      const err =
        e instanceof SourceError ? e : new SourceError(e instanceof Error ? e.message : String(e));
      round.ok = false;
      round.problems.push(err.message);
      if (err.resetCursor)
        deps.reconciler.apply({
          source: s.id,
          accountId,
          receivedAt: clock.now(),
          observations: [],
          cursor: { accountId, source: s.id, cursor: null, scope: source.scope },
        });
      const wait = err.backoffMs ?? backoffMs(s.row?.consecutive_errors ?? 0);
      // A refused message_history call still counts against the user's budget (and Meta's limits).
      if (s.id === 'history') round.calls++;
      recordPoll(store, accountId, s.id, clock.now(), {
        ok: false,
        error: err.message,
        calls: round.calls,
        observations: round.observations - round.duplicates,
        nextPollAt: clock.now() + wait,
      });
    }
    return round;
  };

  return {
    async round(accountId: number, o: RoundOptions): Promise<RoundResult> {
      const account = accountRow(store, accountId);
      const total = emptyOutcome();
      const rounds: SourceRound[] = [];
      for (const s of sourcesOf(store, account)) {
        if (o.signal.aborted) break;
        const now = clock.now();
        if (!o.manual && s.row?.next_poll_at && s.row.next_poll_at > now) {
          rounds.push(
            skipped(s.id, `Waiting until ${new Date(s.row.next_poll_at).toISOString()}.`),
          );
          continue;
        }
        let calls = o.manual ? FEED_PAGES.manual : FEED_PAGES.background;
        if (s.id === 'history') {
          const left = historyBudget(s.row) - callsThisHour(s.row, now);
          if (left <= 0) {
            rounds.push(skipped(s.id, "This hour's message_history budget is used up."));
            continue;
          }
          // Until Meta has answered once for this account, a round is one probing call.
          calls = historyProven(s.row)
            ? Math.min(left, o.manual ? HISTORY_CALLS.manual : HISTORY_CALLS.background)
            : 1;
        }
        let source: StatusSource | string;
        try {
          source = await build(accountId, account.phone_number_id, s);
        } catch (e) {
          source = e instanceof Error ? e.message : String(e);
        }
        rounds.push(
          typeof source === 'string'
            ? skipped(s.id, source)
            : await pollSource(accountId, s, source, calls, o, total),
        );
      }
      const now = clock.now();
      // Unmatched statuses of the last minutes are retried every round; the sweep over `unknown`
      // recipients and the TTL expiry are cheap but need not run every two seconds.
      const sweep = o.manual || now - lastSweep > MINUTE;
      if (sweep) lastSweep = now;
      addOutcome(total, deps.maintenance.rematch(now, sweep));
      let expired = 0;
      if (o.manual || now - lastExpiry > MINUTE) {
        lastExpiry = now;
        const ex = deps.maintenance.expire(now);
        expired = ex.expired;
        for (const c of ex.campaigns) total.campaigns.add(c);
      }
      return { accountId, outcome: total, expired, sources: rounds };
    },
  };
}

export type StatusSync = ReturnType<typeof createStatusSync>;
