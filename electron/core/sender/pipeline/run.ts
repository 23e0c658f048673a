import type {
  MarketingApiSetting,
  MmPolicy,
  RecipientCounts,
  SendRoute,
  SendWaiting,
} from '../../../../shared/api';
import {
  marketingRoute,
  productPolicyOf,
} from '../../../../shared/domain/accounts/marketing-route';
import type { MediaRef } from '../../../../shared/domain/templates';
import type { CloudApiClient } from '../../cloud-api';
import type { Clock } from '../../clock';
import type { Store } from '../../db/connection';
import type { EventBus } from '../../events';
import type { CampaignMessage, CampaignMessages } from '../../templates/compose';
import { preparePacingRun } from '../../campaigns/pacing-run';
import { log } from '../../log';
import { createBackoff, pairRateDelayMs } from '../backoff';
import { createCircuitBreaker } from '../circuit-breaker';
import { createFailureRateDetector } from '../failure-rate';
import { applyOutcome, transientDelayMs, type OutcomeEffects } from '../outcome';
import type { Sleeper } from '../pacing';
import { createSendRepo, type Claimed } from '../repo';
import { createClaimStage, type LeaseRef } from './claim';
import { composeClaimed } from './compose';
import { createPaceStage } from './pace';
import { progressSnapshot } from './progress';
import { createRecordStage } from './record';
import { createSendStage } from './send';
import { finishRun, type Halt, type RunOutcome } from './finish';
import { nextBatch } from './next-batch';

const FLUSH_MS = 100;
const PROGRESS_MS = 250;
/** After the loop stops, how long results are retried against a locked database before giving up. */
const DRAIN_MAX_MS = 5 * 60_000;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export interface PipelineArgs {
  store: Store;
  clock: Clock;
  events: EventBus;
  random: () => number;
  monotonic: () => number;
  campaignId: number;
  account: {
    id: number;
    rate_per_second: number;
    messaging_limit: number | null;
    /** The sending method of marketing templates (migration 150); absent: Cloud API only. */
    marketing_api?: MarketingApiSetting;
    mm_policy?: MmPolicy;
    mm_onboarding?: string | null;
  };
  client: Pick<CloudApiClient, 'sendTemplate'> & Partial<Pick<CloudApiClient, 'sendMarketing'>>;
  messages: CampaignMessages;
  media: ReadonlyMap<CampaignMessage, MediaRef>;
  sleeper: Sleeper;
  stopped: () => boolean;
  lease?: LeaseRef;
}

/** What the stages share while one campaign runs. */
export interface RunState {
  counts: RecipientCounts;
  queue: Claimed[];
  waiting: SendWaiting | null;
  halt: Halt | null;
}

/**
 * Sends one campaign through the stages claim → compose → pace → send → record (README.md has the
 * crash-safety protocol they keep together).
 */
export async function sendLoop(a: PipelineArgs): Promise<RunOutcome> {
  const { store, clock, events, campaignId, sleeper, monotonic, random } = a;
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
    settled: () => sleeper.wake(),
  });
  // Enough requests in flight to reach the rate at ~1 s of latency, never unbounded.
  const cap = clamp(pace.rate, 16, 1000);
  const putBack = () => {
    for (const r of s.queue.splice(0)) record.add({ id: r.id, kind: 'requeue' });
  };
  const snapshot = () =>
    progressSnapshot({ store, clock, campaignId, pace }, s.counts, breaker.waiting() ?? s.waiting);

  const flushTimer = setInterval(() => {
    record.flush();
    // Paused or cancelled from the UI, or from another process (the CLI).
    const row = store.first(
      store.q.selectFrom('campaigns').select('state').where('id', '=', campaignId),
    );
    if (row?.state !== 'sending' && !s.halt) {
      s.halt = { kind: 'user' };
      sleeper.wake();
    }
  }, FLUSH_MS);
  const progressTimer = setInterval(() => events.emit('send.progress', snapshot()), PROGRESS_MS);

  const batch = { a, s, pace, record, claim, repo, send, sleep: sleeper.sleep };
  let outcome: RunOutcome = 'stopped';
  let written: boolean;
  try {
    for (;;) {
      if (s.halt || a.stopped()) break;
      const hold = pace.holdMs();
      if (hold > 0) {
        await sleeper.sleep(Math.min(hold, 250));
        continue;
      }
      const gate = breaker.gate();
      if (gate.kind === 'wait') {
        // Nobody waits in `sending` during an outage: a crash now would make them `unknown`.
        putBack();
        await sleeper.sleep(Math.min(gate.ms, 1000));
        continue;
      }
      if (s.queue.length === 0) {
        const next = await nextBatch(batch, gate.kind === 'probe' ? 1 : Infinity);
        if (next === 'completed') {
          outcome = 'completed';
          break;
        }
        if (next === 'again') continue;
      }
      if (send.inFlight() >= cap) {
        await sleeper.sleep(20);
        continue;
      }
      const r = s.queue[0]!;
      const composed = composeClaimed(a.messages, a.media, campaignId, r);
      if (!composed.ok) {
        s.queue.shift();
        const reason = composed.problems.map((p) => p.message).join(' ');
        record.add({ id: r.id, kind: 'skipped', reason });
        continue;
      }
      const wait = pace.take();
      if (wait > 0) {
        await sleeper.sleep(Math.min(wait, 1000));
        continue;
      }
      s.queue.shift();
      breaker.sending(r.id);
      send.start(r, composed.body, routeOf(a, r));
    }
  } finally {
    // Requests in flight end by the client's own timeout; their answers are kept and written below.
    while (send.inFlight() > 0) await sleeper.sleep(20);
    putBack();
    written = await record.drain(sleeper.sleep, DRAIN_MAX_MS);
    clearInterval(flushTimer);
    clearInterval(progressTimer);
    if (!written) warn(`sender: ${record.held()} results of campaign ${campaignId} not written`);
  }
  const final = await finishRun(
    { store, clock, campaignId, sleep: sleeper.sleep, log: warn },
    written ? outcome : 'stopped',
    s.halt,
  );
  events.emit('send.progress', snapshot());
  events.emit('db.changed', { tables: ['campaigns', 'recipients'], campaignId });
  return final;
}

/** The endpoint of this recipient's message: its variant's template category and the account's setting. */
function routeOf(a: PipelineArgs, r: Claimed): SendRoute {
  const category = a.messages.forVariant(r.variant ?? null)?.template.category;
  const account = {
    marketingApi: a.account.marketing_api ?? 'off',
    mmOnboarding: a.account.mm_onboarding ?? null,
  };
  return marketingRoute(account, category);
}

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
