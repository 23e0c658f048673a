import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createFrequencyCapQueries } from '../campaigns/pacing-exclusion';
import { loadCampaignPacing } from '../campaigns/pacing-settings';
import { recoverAbandoned } from './repo';
import { acquireLease, releaseLease, renewLease } from './lease';
import { runCampaign, type CampaignRun, type LoopDeps } from './loop';
import { log } from '../log';
import { writeBriefly } from './pipeline/write-briefly';

export interface SenderManager {
  /** Starts (or wakes) the loop for this campaign's account, if this process may send. */
  ensure: (campaignId: number) => void;
  /** Wakes the loop running this campaign so it sees a pause or cancel at once. */
  wake: (campaignId: number) => void;
  /** Resolves when the loop no longer runs this campaign. */
  settled: (campaignId: number) => Promise<void>;
  isRunningHere: (campaignId: number) => boolean;
  /** Scheduled campaigns that are due start; sending campaigns nobody sends are picked up. */
  tick: () => void;
  close: () => Promise<void>;
}

const HEARTBEAT_MS = 3000;
const TICK_MS = 1000;

interface LoopEntry {
  current: { campaignId: number; run: CampaignRun } | null;
  finished: Promise<void>;
  /** Another process holds the lease now: no campaign of this account may start here. */
  lost: boolean;
}

/**
 * One send loop per account (a business phone number), guarded by a lease so the app, the
 * browser shell and the CLI never send the same account at once. A process that takes over a
 * lease from a crashed one first turns that one's in-flight recipients into `unknown`.
 */
export function createSenderManager(deps: LoopDeps & { autoRun: boolean }): SenderManager {
  const { store, clock } = deps;
  const owner = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const loops = new Map<number, LoopEntry>();
  let closing = false;
  let capQueries: ReturnType<typeof createFrequencyCapQueries> | undefined;

  const accountOf = (campaignId: number) =>
    store.first(store.q.selectFrom('campaigns').select('account_id').where('id', '=', campaignId))
      ?.account_id;

  const nextSending = (accountId: number) =>
    store.first(
      store.q
        .selectFrom('campaigns')
        .select('id')
        .where('account_id', '=', accountId)
        .where('state', '=', 'sending')
        .orderBy('started_at')
        .orderBy('id')
        .limit(1),
    )?.id;

  const leaseHeld = (accountId: number): boolean => {
    try {
      return writeBriefly(
        store.sqlite,
        () => renewLease(store.sqlite, accountId, owner, clock.now()),
        200,
      );
    } catch {
      // The lock is held elsewhere: the lease is still ours until someone else writes it.
      return true;
    }
  };

  /**
   * Keeps the lease fresh. Another owner in it means that process took the account over: the loop
   * stops at once (claims check the lease too, so at most the batch in hand still goes out).
   */
  const beat = (accountId: number, entry: LoopEntry) => {
    if (entry.lost || !store.sqlite.open || leaseHeld(accountId)) return;
    entry.lost = true;
    log.warn(`sender: account ${accountId} is sent from another process now; stopping here`);
    entry.current?.run.stop();
  };

  const startLoop = (accountId: number) => {
    if (closing || loops.has(accountId)) return;
    const lease = acquireLease(store.sqlite, accountId, owner, clock.now());
    if (!lease.held) return;
    if (lease.tookOver) recoverAbandoned(store.sqlite, accountId, clock.now());
    const entry: LoopEntry = { current: null, finished: Promise.resolve(), lost: false };
    loops.set(accountId, entry);
    const heartbeat = setInterval(() => beat(accountId, entry), HEARTBEAT_MS);
    entry.finished = (async () => {
      let last: number | undefined;
      try {
        for (;;) {
          if (closing || entry.lost) break;
          const campaignId = nextSending(accountId);
          if (campaignId === undefined) break;
          const run = runCampaign(deps, campaignId, { accountId, owner });
          entry.current = { campaignId, run };
          const outcome = await run.done;
          entry.current = null;
          // The pipeline stops by itself when a claim finds the lease gone; it cannot say so otherwise.
          if (outcome === 'stopped' && !leaseHeld(accountId)) entry.lost = true;
          // A campaign still "sending" that stopped without progress twice would spin: let the tick retry it.
          if (outcome === 'stopped' && last === campaignId) break;
          last = campaignId;
        }
      } catch (e) {
        log.error('sender loop failed', e);
      } finally {
        clearInterval(heartbeat);
        if (store.sqlite.open) releaseLease(store.sqlite, accountId, owner);
        loops.delete(accountId);
      }
    })();
  };

  const tick = () => {
    if (closing || !store.sqlite.open) return;
    const now = clock.now();
    const due = store.all(
      store.q
        .selectFrom('campaigns')
        .select(['id'])
        .where('state', '=', 'scheduled')
        .where('scheduled_at', '<=', now),
    );
    for (const c of due) {
      // A campaign waiting for its deferred retries (finish-state.ts) keeps the time it first started.
      const started = store.run(
        store.q
          .updateTable('campaigns')
          .set({
            state: 'sending',
            started_at: sql<number>`coalesce(started_at, ${now})`,
            updated_at: now,
          })
          .where('id', '=', c.id)
          .where('state', '=', 'scheduled'),
      ).changes;
      // A scheduled campaign's frequency cap counts from when it really starts.
      const pacing = started ? loadCampaignPacing(store, c.id) : undefined;
      if (pacing)
        (capQueries ??= createFrequencyCapQueries(store.sqlite)).exclude(
          c.id,
          pacing.accountId,
          pacing.frequencyCap,
          now,
        );
      deps.events.emit('db.changed', { tables: ['campaigns', 'recipients'], campaignId: c.id });
    }
    if (!deps.autoRun) return;
    const accounts = store.all(
      store.q
        .selectFrom('campaigns')
        .select('account_id')
        .distinct()
        .where('state', '=', 'sending'),
    );
    for (const a of accounts) startLoop(a.account_id);
  };

  const timer = deps.autoRun ? setInterval(tick, TICK_MS) : undefined;
  timer?.unref();

  return {
    ensure(campaignId) {
      const accountId = accountOf(campaignId);
      if (accountId === undefined) return;
      const running = loops.get(accountId);
      if (running) running.current?.run.wake();
      else startLoop(accountId);
    },
    wake(campaignId) {
      for (const l of loops.values())
        if (l.current?.campaignId === campaignId) l.current.run.wake();
    },
    async settled(campaignId) {
      for (const l of loops.values())
        if (l.current?.campaignId === campaignId) await l.current.run.done;
    },
    isRunningHere: (campaignId) =>
      [...loops.values()].some((l) => l.current?.campaignId === campaignId),
    tick,
    async close() {
      closing = true;
      if (timer) clearInterval(timer);
      for (const l of loops.values()) l.current?.run.stop();
      await Promise.all([...loops.values()].map((l) => l.finished));
    },
  };
}
