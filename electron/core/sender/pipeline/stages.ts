import { productPolicyOf } from '../../../../shared/domain/accounts/marketing-route';
import { preparePacingRun } from '../../campaigns/pacing-run';
import { log } from '../../log';
import { createBackoff, pairRateDelayMs } from '../backoff';
import { createCircuitBreaker } from '../circuit-breaker';
import { createFailureRateDetector } from '../failure-rate';
import { applyOutcome, transientDelayMs, type OutcomeEffects } from '../outcome';
import { createSendRepo } from '../repo';
import { createStopAfterGate } from '../stop-after';
import { createClaimStage } from './claim';
import { createPaceStage } from './pace';
import { progressSnapshot } from './progress';
import { createRecordStage } from './record';
import { createSendStage } from './send';
import type { PipelineArgs, RunState } from './run';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Every stage of one campaign's run, wired to the state they share. */
export function createStages(a: PipelineArgs) {
  const { store, clock, campaignId, monotonic, random } = a;
  const warn = (m: string) => log.warn(m);
  const repo = createSendRepo(store.sqlite);
  const pace = createPaceStage({
    store,
    clock,
    repo,
    campaignId,
    account: a.account,
    // Quiet hours, frequency cap and spread, read once per run (settings change only while paused).
    pacingRun: preparePacingRun(store, campaignId, repo.countriesToSend(campaignId), clock.now()),
    monotonic,
    random,
  });
  const s: RunState = { counts: repo.counts(campaignId), queue: [], waiting: null, halt: null };
  const record = createRecordStage({
    db: store.sqlite,
    apply: repo.apply,
    counts: s.counts,
    monotonic,
    random,
    log: warn,
  });
  const claim = createClaimStage({
    db: store.sqlite,
    repo,
    campaignId,
    random,
    monotonic,
    log: warn,
    ...(a.lease ? { lease: a.lease } : {}),
  });
  const breaker = createCircuitBreaker({ now: monotonic, random });
  const fx = outcomeEffects(a, s, pace, record.add, breaker.record);
  const send = createSendStage({
    client: a.client,
    marketingFields: { product_policy: productPolicyOf(a.account.mm_policy ?? 'fallback') },
    onOutcome: (r, outcome, route) => applyOutcome(fx, r, outcome, route),
    onError: (r, e) => {
      record.add({ id: r.id, kind: 'requeue' });
      fx.pause('ERROR', e instanceof Error ? e.message : String(e));
    },
    settled: () => a.sleeper.wake(),
  });
  return {
    a,
    s,
    repo,
    pace,
    record,
    claim,
    breaker,
    send,
    stopAfter: createStopAfterGate(store.sqlite, campaignId),
    warn,
    sleep: a.sleeper.sleep,
    // Enough requests in flight to reach the rate at ~1 s of latency, never unbounded.
    cap: clamp(pace.rate, 16, 1000),
    /** Claimed but not started: back to pending (written with the other results). */
    putBack: () => {
      for (const r of s.queue.splice(0)) record.add({ id: r.id, kind: 'requeue' });
    },
    snapshot: () =>
      progressSnapshot(
        { store, clock, campaignId, pace },
        s.counts,
        breaker.waiting() ?? s.waiting,
      ),
  };
}

export type Stages = ReturnType<typeof createStages>;

function outcomeEffects(
  a: PipelineArgs,
  s: RunState,
  pace: ReturnType<typeof createPaceStage>,
  record: OutcomeEffects['record'],
  health: OutcomeEffects['health'],
): OutcomeEffects {
  const backoff = createBackoff({ baseMs: 1000, maxMs: 60_000, random: a.random });
  return {
    record,
    accepted: (phone, at) => {
      pace.accepted(phone, at);
      backoff.reset();
      if (s.waiting?.reason === 'offline' || s.waiting?.reason === 'throttled') s.waiting = null;
    },
    backOff: (delayMs, w) => {
      pace.hold(delayMs);
      s.waiting = w;
    },
    pause: (code, reason) => {
      s.halt ??= { kind: 'pause', code, reason };
      a.sleeper.wake();
    },
    detector: createFailureRateDetector(),
    backoff,
    slowDown: (retryAfterMs) => pace.slowDown(retryAfterMs),
    pairRateDelayMs,
    transientDelayMs: (attempt, floorMs) => transientDelayMs(attempt, floorMs, a.random),
    health,
    now: () => a.clock.now(),
  };
}
