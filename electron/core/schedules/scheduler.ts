import { randomBytes } from 'node:crypto';
import { CoreError, type SendProgress } from '../../../shared/api';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { log } from '../log';
import { fillFromSegment } from '../customers/fill';
import { createSegmentRepo } from '../customers/segments';
import { claimDue } from './claim';

/** How often the app looks for due runs: one indexed read. */
const TICK_MS = 1000;
/** Occurrences handled per tick (a schedule left for years is caught up over a few ticks). */
const MAX_CLAIMS_PER_TICK = 100;
/** Interrupted runs resumed per tick. */
const MAX_RESUMES_PER_TICK = 20;
/** A run another living process claimed this long ago and never finished is resumed here. */
const STALE_MS = 30 * 60_000;

export interface Scheduler {
  /** Runs what is due now (tests call it after moving their clock); resolves when done. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export interface SchedulerDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  start: (campaignId: number) => Promise<SendProgress>;
  /** Whether this process looks for due runs by itself (the app and the browser shell). */
  autoRun: boolean;
}

// Owners of schedulers open in this process: a run claimed by a closed one (a core closed
// mid-run, as a crash leaves it) is resumed, one claimed by a live one is not.
const liveOwners = new Set<string>();

function ownerGone(owner: string | null, claimedAt: number, now: number): boolean {
  if (!owner || liveOwners.has(owner)) return false;
  const pid = Number(owner.split('-')[0]);
  if (pid === process.pid || !Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return true;
  }
  return now - claimedAt > STALE_MS;
}

/**
 * Recurring campaigns: each due occurrence is claimed (claim.ts), then its campaign gets the
 * segment's members as they are now and starts. Runs left half-way by a crash are finished at the
 * next start: the audience is written unless it already was, the start is made unless it already
 * was. Every loop is bounded, and close() waits for the run in hand.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { store, clock, events } = deps;
  const owner = `${process.pid}-${randomBytes(6).toString('hex')}`;
  liveOwners.add(owner);
  const segments = createSegmentRepo(store, () => clock.now());
  let closing = false;
  let busy: Promise<void> | null = null;

  const finish = (runId: number, state: 'started' | 'failed', reason: string | null) =>
    store.tx(() =>
      store.run(
        store.q
          .updateTable('schedule_runs')
          .set({ state, reason, owner: null, finished_at: clock.now() })
          .where('id', '=', runId)
          .where('state', '=', 'creating'),
      ),
    );

  const changed = (campaignId?: number) =>
    events.emit('db.changed', {
      tables: ['schedules', 'campaigns', 'recipients'],
      ...(campaignId !== undefined ? { campaignId } : {}),
    });

  /** Audience, then start; each step is skipped when a previous life already did it. */
  const carry = async (runId: number, campaignId: number, segmentId: number) => {
    try {
      const c = store.first(
        store.q.selectFrom('campaigns').select('state').where('id', '=', campaignId),
      );
      if (!c)
        throw new CoreError('NOT_FOUND', 'Not sent: its campaign was deleted before it started.');
      if (c.state === 'draft') {
        const filled = store.first(
          store.q
            .selectFrom('campaign_audience_sources')
            .select('campaign_id')
            .where('campaign_id', '=', campaignId),
        );
        if (!filled)
          fillFromSegment(store.sqlite, campaignId, segments.get(segmentId), clock.now());
        changed(campaignId);
        await deps.start(campaignId);
      }
      finish(runId, 'started', null);
    } catch (e) {
      const words = e instanceof Error ? e.message : String(e);
      if (!(e instanceof CoreError)) log.error(`schedules: run ${runId} failed`, e);
      // The draft stays, so the owner can see who was in it and start it by hand.
      finish(runId, 'failed', words.startsWith('Not sent') ? words : `Not sent: ${words}`);
    }
    changed(campaignId);
  };

  const resumeInterrupted = async () => {
    const now = clock.now();
    const open = store.all(
      store.q
        .selectFrom('schedule_runs as r')
        .innerJoin('schedules as s', 's.id', 'r.schedule_id')
        .select(['r.id', 'r.campaign_id', 'r.owner', 'r.created_at', 's.segment_id'])
        .where('r.state', '=', 'creating')
        .orderBy('r.id')
        .limit(MAX_RESUMES_PER_TICK),
    );
    for (const r of open) {
      if (closing || !ownerGone(r.owner, r.created_at, now)) continue;
      // Take it over first, so a third process does not resume it too.
      const taken = store.tx(
        () =>
          store.run(
            store.q
              .updateTable('schedule_runs')
              .set({ owner })
              .where('id', '=', r.id)
              .where('state', '=', 'creating')
              .where('owner', 'is', r.owner),
          ).changes,
      );
      if (!taken) continue;
      log.info(`schedules: resuming run ${r.id} interrupted before its campaign started`);
      if (r.campaign_id === null)
        finish(r.id, 'failed', 'Not sent: its campaign was deleted before it started.');
      else await carry(r.id, r.campaign_id, r.segment_id);
    }
  };

  const runDue = async () => {
    for (let i = 0; i < MAX_CLAIMS_PER_TICK && !closing; i++) {
      const now = clock.now();
      const due = store.first(
        store.q
          .selectFrom('schedules')
          .select(['id', 'segment_id'])
          .where('paused_at', 'is', null)
          .where('next_run_at', 'is not', null)
          .where('next_run_at', '<=', now)
          .orderBy('next_run_at')
          .limit(1),
      );
      if (!due) return;
      const claim = claimDue(store, due.id, owner, now);
      if (claim.kind === 'run') await carry(claim.runId, claim.campaignId, due.segment_id);
      else if (claim.kind !== 'none') changed();
    }
  };

  const tick = (): Promise<void> => {
    if (closing || !store.sqlite.open) return Promise.resolve();
    busy ??= (async () => {
      try {
        await resumeInterrupted();
        await runDue();
      } catch (e) {
        log.error('schedules: tick failed', e);
      } finally {
        busy = null;
      }
    })();
    return busy;
  };

  const timer = deps.autoRun ? setInterval(() => void tick(), TICK_MS) : undefined;
  timer?.unref();
  return {
    tick,
    async close() {
      closing = true;
      if (timer) clearInterval(timer);
      await busy;
      liveOwners.delete(owner);
    },
  };
}
