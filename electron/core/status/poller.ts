import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { RoundResult, StatusSync } from './sync';
import { log } from '../log';

export interface PollerOptions {
  /** While a campaign of the account sends or finished lately. Default 2 s. */
  fastMs?: number;
  /** Otherwise (template pauses, opt-outs, late reads still come). Default 60 s. */
  slowMs?: number;
  /** How long after a campaign stops the account stays on the fast pace. Default 10 min. */
  recentMs?: number;
}

export interface StatusPoller {
  /** Runs a round for the account now (after the one in flight, if any); rounds never overlap. */
  run: (accountId: number, manual: boolean) => Promise<RoundResult>;
  /** Makes the account's next background round come at once (a campaign just started). */
  nudge: (accountId: number) => void;
  close: () => Promise<void>;
}

const TICK_MS = 500;

/**
 * Polls every account's status sources in the background: fast while it sends, slow after. Runs only
 * in processes that run senders (the app, the browser shell, `campaigns send --wait`). Rounds of one
 * account are serialised; close() stops the timer, aborts requests in flight and waits for the rounds.
 */
export function createStatusPoller(deps: {
  store: Store;
  clock: Clock;
  sync: StatusSync;
  background: boolean;
  onRound: (r: RoundResult, manual: boolean) => void;
  options?: PollerOptions;
}): StatusPoller {
  const { store, clock } = deps;
  const fastMs = deps.options?.fastMs ?? 2000;
  const slowMs = deps.options?.slowMs ?? 60_000;
  const recentMs = deps.options?.recentMs ?? 10 * 60_000;
  const abort = new AbortController();
  const chains = new Map<number, Promise<unknown>>();
  const nextAt = new Map<number, { at: number; fast: boolean }>();
  const inFlight = new Set<number>();
  let closed = false;

  // A campaign waiting for retries (scheduled again after it started, issue 17) still has messages
  // whose reports are on their way: it is polled like one that has just finished.
  const active = store.sqlite.prepare<[number, number]>(
    `SELECT 1 FROM campaigns WHERE account_id = ? AND (state = 'sending' OR (
       (state IN ('completed', 'paused', 'cancelled') OR (state = 'scheduled' AND started_at IS NOT NULL))
       AND updated_at > ?)) LIMIT 1`,
  );

  const run = (accountId: number, manual: boolean): Promise<RoundResult> => {
    if (closed) return Promise.reject(new Error('The status poller is closed.'));
    const previous = chains.get(accountId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const result = await deps.sync.round(accountId, { manual, signal: abort.signal });
        deps.onRound(result, manual);
        return result;
      });
    const tail = next.catch(() => undefined);
    chains.set(accountId, tail);
    void tail.then(() => {
      if (chains.get(accountId) === tail) chains.delete(accountId);
    });
    return next;
  };

  const isActive = (accountId: number) =>
    active.get(accountId, clock.now() - recentMs) !== undefined;

  const tick = () => {
    if (closed || !store.sqlite.open) return;
    const now = clock.now();
    for (const { id } of store.all(store.q.selectFrom('accounts').select('id'))) {
      if (inFlight.has(id)) continue;
      const due = nextAt.get(id);
      // On the slow pace, a campaign that starts (here, or in another process) brings the next round forward.
      if (due && due.at > now && (due.fast || !isActive(id))) continue;
      inFlight.add(id);
      run(id, false)
        .catch((e: unknown) => log.error('status poll failed', e))
        .finally(() => {
          inFlight.delete(id);
          if (closed || !store.sqlite.open) return;
          const fast = isActive(id);
          nextAt.set(id, { at: clock.now() + (fast ? fastMs : slowMs), fast });
        });
    }
  };

  const timer = deps.background ? setInterval(tick, TICK_MS) : undefined;
  timer?.unref();

  return {
    run,
    nudge: (accountId) => nextAt.delete(accountId),
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      abort.abort();
      await Promise.all([...chains.values()]);
    },
  };
}
