import type { SendProgress, SendWaiting } from '../../../shared/api';
import type { MediaRef } from '../../../shared/domain/templates';
import type { AccountClients } from '../accounts/clients';
import type { CloudApiClient, SendOutcome } from '../cloud-api';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import {
  loadCampaignMessages,
  recipientCallbackData,
  type CampaignMessage,
  type CampaignMessages,
} from '../templates/compose';
import { preparePacingRun } from '../campaigns/pacing-run';
import { createBackoff, pairRateDelayMs } from './backoff';
import { createFailureRateDetector } from './failure-rate';
import { ensureMedia } from './media';
import { portfolioSends } from './messaging-limit';
import { createMessagingWindow, createRateMeter, createSleeper, DAY_MS } from './pacing';
import { createSendRepo, type Claimed, type SendResult } from './repo';
import { createTokenBucket } from './token-bucket';
import { applyOutcome, type OutcomeEffects } from './outcome';
import { createRunPacer } from './spread-pacer';
import { createThroughputGovernor } from './throughput-governor';

export interface LoopDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
  random?: () => number;
  /** Monotonic milliseconds for pacing (performance.now); wall time comes from `clock`. */
  monotonic?: () => number;
}

export type RunOutcome = 'completed' | 'paused' | 'stopped';

export interface CampaignRun {
  done: Promise<RunOutcome>;
  /** Stops claiming, lets requests in flight finish, returns the unsent claims to the queue. */
  stop: () => void;
  /** Re-reads the campaign's state now (after pause or cancel). */
  wake: () => void;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Network jitter the pacing absorbs: requests started 1 s apart may arrive closer together. */
const JITTER_BUDGET_S = 0.005;

/**
 * Meta counts messages as they arrive, and arrivals bunch up by the jitter of the network and
 * our own event loop. A bucket holding C tokens and refilling at R lets at most R·(1 s + jitter) + C
 * arrive in any second, so R = rate − C − rate·jitter keeps that at or under the rate, while a
 * small C (half a percent of the rate) absorbs our own timers firing late.
 */
export function pacedBucket(rate: number, now: () => number) {
  const burst = 1 + rate * 0.005;
  return { ratePerSecond: Math.max(0.5, rate - burst - rate * JITTER_BUDGET_S), burst, now };
}
const FLUSH_MS = 100;
const PROGRESS_MS = 250;

function pauseCampaign(
  store: Store,
  campaignId: number,
  code: string,
  reason: string,
  now: number,
): void {
  store.run(
    store.q
      .updateTable('campaigns')
      .set({ state: 'paused', pause_code: code, pause_reason: reason, updated_at: now })
      .where('id', '=', campaignId)
      .where('state', '=', 'sending'),
  );
}

/**
 * Sends one campaign: a token bucket holds the account's rate, a cap bounds requests in flight,
 * recipients are claimed (marked `sending`) in small batches before their requests go out, and
 * results are written in small batched transactions. Never blocks the event loop for long.
 */
export function runCampaign(deps: LoopDeps, campaignId: number): CampaignRun {
  const sleeper = createSleeper();
  let stopRequested = false;
  const done = (async (): Promise<RunOutcome> => {
    const { store, clock } = deps;
    const monotonic = deps.monotonic ?? (() => performance.now());
    const campaign = store.first(
      store.q.selectFrom('campaigns').select(['account_id', 'state']).where('id', '=', campaignId),
    );
    if (!campaign || campaign.state !== 'sending') return 'stopped';
    const account = store.first(
      store.q.selectFrom('accounts').selectAll().where('id', '=', campaign.account_id),
    );
    if (!account) return 'stopped';

    const loaded = loadCampaignMessages(store, campaignId);
    if (!loaded.ok) {
      pauseCampaign(store, campaignId, 'TEMPLATE', loaded.reason, clock.now());
      return 'paused';
    }
    let client: CloudApiClient;
    try {
      client = await deps.clients.clientFor(account.id);
    } catch (e) {
      pauseCampaign(
        store,
        campaignId,
        'ACCOUNT',
        e instanceof Error ? e.message : String(e),
        clock.now(),
      );
      return 'paused';
    }
    // One message per A/B variant (A alone when the campaign is not split), each with its own header media.
    const media = new Map<CampaignMessage, MediaRef>();
    for (const message of loaded.value.messages) {
      if (!message.mediaSource) continue;
      const m = await ensureMedia(
        { store, client, accountId: account.id, now: clock.now() },
        message.mediaSource,
      );
      if (!m.ok) {
        pauseCampaign(
          store,
          campaignId,
          'MEDIA',
          loaded.value.split ? `Variant ${message.variant}: ${m.message}` : m.message,
          clock.now(),
        );
        return 'paused';
      }
      media.set(message, m.media);
    }
    return sendLoop({
      deps,
      campaignId,
      account,
      client,
      messages: loaded.value,
      media,
      sleeper,
      monotonic,
      stopped: () => stopRequested,
    });
  })();
  return {
    done,
    stop: () => {
      stopRequested = true;
      sleeper.wake();
    },
    wake: () => sleeper.wake(),
  };
}

interface LoopArgs {
  deps: LoopDeps;
  campaignId: number;
  account: { id: number; rate_per_second: number; messaging_limit: number | null };
  client: CloudApiClient;
  messages: CampaignMessages;
  media: ReadonlyMap<CampaignMessage, MediaRef>;
  sleeper: ReturnType<typeof createSleeper>;
  monotonic: () => number;
  stopped: () => boolean;
}

/** A claimed recipient's request, from its own variant's message (A for recipients without one). */
function composeClaimed(a: LoopArgs, r: Claimed): ReturnType<CampaignMessage['compose']> {
  const message = a.messages.forVariant(r.variant ?? null);
  if (!message)
    return {
      ok: false,
      problems: [
        {
          code: 'EMPTY_PARAMETER',
          message: `Its A/B variant ${r.variant ?? ''} is no longer part of this campaign.`,
        },
      ],
    };
  const media = a.media.get(message);
  return message.compose(
    { phone: r.phone, fields: JSON.parse(r.fieldsJson) as Record<string, string> },
    { callbackData: recipientCallbackData(a.campaignId, r.id), ...(media ? { media } : {}) },
  );
}

async function sendLoop(a: LoopArgs): Promise<RunOutcome> {
  const { store, clock, events } = a.deps;
  const { campaignId, sleeper, monotonic } = a;
  const repo = createSendRepo(store.sqlite);
  const rate = a.account.rate_per_second;
  const paced = pacedBucket(rate, monotonic);
  const bucket = createTokenBucket(paced);
  // Quiet hours, frequency cap and spread, read once per run (settings change only while paused).
  const pacingRun = preparePacingRun(
    store,
    campaignId,
    repo.countriesToSend(campaignId),
    clock.now(),
  );
  const pacer = pacingRun
    ? createRunPacer({ repo, campaignId, run: pacingRun, maxRate: paced.ratePerSecond, monotonic })
    : null;
  // After "too fast" answers the governor lowers the rate and gives it back slowly (throughput-governor.ts).
  const governor = createThroughputGovernor({
    configured: rate,
    now: monotonic,
    random: a.deps.random ?? Math.random,
  });
  let bucketRate = paced.ratePerSecond;
  let governed = rate;
  let allowed = paced.ratePerSecond;
  /** The bucket follows the lower of the spread's rate and what the governor allows; called per send, so cheap. */
  const syncRate = () => {
    const g = governor.rate();
    if (g !== governed) allowed = pacedBucket((governed = g), monotonic).ratePerSecond;
    const target = pacer ? Math.min(pacer.rate(), allowed) : allowed;
    if (target !== bucketRate) bucket.setRate((bucketRate = target));
  };
  const backoff = createBackoff({
    baseMs: 1000,
    maxMs: 60_000,
    random: a.deps.random ?? Math.random,
  });
  const detector = createFailureRateDetector();
  const meter = createRateMeter();
  // Enough requests in flight to reach the rate at ~1 s of latency, never unbounded.
  const cap = clamp(rate, 16, 1000);
  // Claims are a twentieth of a second's worth: few recipients sit in `sending` unsent if we crash.
  const batchFor = (perSecond: number) => clamp(Math.ceil(perSecond / 20), 1, 100);
  const windowRows =
    a.account.messaging_limit === null
      ? []
      : portfolioSends(store.sqlite, a.account.id, clock.now() - DAY_MS);
  const reach = createMessagingWindow(
    a.account.messaging_limit,
    windowRows.map((r) => [r.phone, r.at] as [string, number]),
  );

  const counts = repo.counts(campaignId);
  const results: SendResult[] = [];
  let queue: Claimed[] = [];
  let inFlight = 0;
  let pausedUntil = 0;
  let waiting: SendWaiting | null = null;
  // An object, not a `let`: it is set from callbacks, which TypeScript's narrowing cannot see.
  const halt: { stop: { kind: 'pause'; code: string; reason: string } | { kind: 'user' } | null } =
    { stop: null };

  const effects: OutcomeEffects = {
    record: (r) => {
      results.push(r);
      counts.sending--;
      const state = r.kind === 'retry' || r.kind === 'requeue' ? 'pending' : r.kind;
      counts[state]++;
    },
    accepted: (phone, at) => {
      meter.add(monotonic());
      reach.record(phone, at);
      backoff.reset();
      governor.accepted();
      if (waiting?.reason === 'offline' || waiting?.reason === 'throttled') waiting = null;
    },
    backOff: (delayMs, w) => {
      pausedUntil = Math.max(pausedUntil, monotonic() + delayMs);
      waiting = w;
    },
    pause: (code, reason) => {
      halt.stop ??= { kind: 'pause', code, reason };
      sleeper.wake();
    },
    detector,
    backoff,
    slowDown: (retryAfterMs) => governor.slowDown(retryAfterMs),
    pairRateDelayMs,
    now: () => clock.now(),
  };

  const flush = () => {
    if (results.length) repo.apply(results.splice(0));
  };
  const snapshot = (): SendProgress => {
    // A spread campaign may send one message a minute: measure over enough time to see a few.
    const target = pacer?.spreading ? Math.min(rate, pacer.rate()) : rate;
    const r = meter.rate(monotonic(), clamp(5 / target, 5, 120) * 1000);
    const remaining = counts.pending + counts.sending;
    const row = store.first(
      store.q
        .selectFrom('campaigns')
        .select(['state', 'pause_reason'])
        .where('id', '=', campaignId),
    );
    const perSecond = Math.max(r, Math.min(target, 1));
    // Those in quiet hours go when their window opens: the campaign cannot end before.
    const quiet = pacer?.quiet() ?? null;
    const quietEta = quiet
      ? quiet.until === null
        ? null
        : Math.max(0, quiet.until - clock.now()) / 1000 + quiet.recipients / perSecond
      : 0;
    return {
      campaignId,
      state: row?.state ?? 'sending',
      counts: { ...counts },
      ratePerSecond: Math.round(r * (r < 1 ? 1000 : 10)) / (r < 1 ? 1000 : 10),
      configuredRate: pacer?.spreading ? Math.round(target * 1000) / 1000 : rate,
      etaSeconds:
        remaining === 0
          ? 0
          : quietEta === null
            ? null
            : Math.round(Math.max(remaining / perSecond, quietEta)),
      waiting,
      pauseReason: row?.pause_reason ?? null,
      at: clock.now(),
      quiet,
    };
  };
  const flushTimer = setInterval(() => {
    flush();
    // Paused or cancelled from the UI, or from another process (the CLI).
    const row = store.first(
      store.q.selectFrom('campaigns').select('state').where('id', '=', campaignId),
    );
    if (row?.state !== 'sending' && !halt.stop) {
      halt.stop = { kind: 'user' };
      sleeper.wake();
    }
  }, FLUSH_MS);
  const progressTimer = setInterval(() => events.emit('send.progress', snapshot()), PROGRESS_MS);

  const sendOne = async (r: Claimed, body: Parameters<CloudApiClient['sendTemplate']>[0]) => {
    inFlight++;
    let outcome: SendOutcome;
    try {
      outcome = await a.client.sendTemplate(body);
    } catch (e) {
      // The token source or a bug: nothing was sent for this recipient.
      effects.record({ id: r.id, kind: 'requeue' });
      effects.pause('ERROR', e instanceof Error ? e.message : String(e));
      return;
    } finally {
      inFlight--;
      sleeper.wake();
    }
    applyOutcome(effects, r, outcome);
  };

  let outcome: RunOutcome = 'stopped';
  try {
    for (;;) {
      if (halt.stop || a.stopped()) break;
      const nowMono = monotonic();
      if (nowMono < pausedUntil) {
        await sleeper.sleep(Math.min(pausedUntil - nowMono, 250));
        continue;
      }
      if (queue.length === 0) {
        if (pacer) {
          pacer.refresh(clock.now(), counts.pending + counts.sending);
          syncRate();
        }
        // Sends still in flight will use slots too once accepted.
        const allowance = reach.allowance(clock.now()) - inFlight;
        if (allowance <= 0) {
          const until = reach.nextSlotAt(clock.now());
          waiting = {
            reason: 'messaging_limit',
            message: `Your business portfolio has reached its messaging limit of ${a.account.messaging_limit} people in 24 hours (shared by all its numbers); sending continues by itself.`,
            until,
          };
          await sleeper.sleep(1000);
          continue;
        }
        // Claim only when a send may start: at a spread's slow rate nobody waits in `sending`.
        const tokenWait = bucket.wouldWait();
        if (tokenWait > 0) {
          await sleeper.sleep(Math.min(tokenWait, 1000));
          continue;
        }
        flush();
        const claimOptions = pacer?.claimOptions(clock.now()) ?? {};
        const claim = repo.claim(
          campaignId,
          clock.now(),
          Math.min(batchFor(bucketRate), allowance),
          claimOptions,
        );
        queue = claim.claimed;
        counts.pending -= queue.length + claim.skipped;
        counts.sending += queue.length;
        counts.skipped += claim.skipped;
        if (queue.length === 0) {
          // Suppressed or capped at claim: look again at once.
          if (claim.skipped > 0) continue;
          if (inFlight > 0) {
            await sleeper.sleep(50);
            continue;
          }
          flush();
          const due = repo.nextDueAt(campaignId, claimOptions.countries);
          if (due === null) {
            // Never completed while some wait for their quiet hours to end: sleep (woken by pause or cancel).
            const held = pacer?.heldBack(clock.now());
            if (held) {
              waiting = held;
              await sleeper.sleep(clamp((held.until ?? Infinity) - clock.now(), 10, 1000));
              continue;
            }
            if (claimOptions.countries && repo.nextDueAt(campaignId) !== null) {
              // Recipients of a country this run did not know (re-sent unknowns): count them in.
              pacer?.recount();
              await sleeper.sleep(10);
              continue;
            }
            outcome = 'completed';
            break;
          }
          waiting ??= { reason: 'retry', message: 'Waiting to retry some recipients.', until: due };
          await sleeper.sleep(clamp(due - clock.now(), 10, 1000));
          continue;
        }
        if (
          waiting?.reason === 'retry' ||
          waiting?.reason === 'messaging_limit' ||
          waiting?.reason === 'quiet'
        )
          waiting = null;
      }
      if (inFlight >= cap) {
        await sleeper.sleep(20);
        continue;
      }
      const next = queue[0]!;
      const composed = composeClaimed(a, next);
      if (!composed.ok) {
        queue.shift();
        effects.record({
          id: next.id,
          kind: 'skipped',
          reason: composed.problems.map((p) => p.message).join(' '),
        });
        continue;
      }
      syncRate();
      const wait = bucket.tryTake();
      if (wait > 0) {
        await sleeper.sleep(Math.min(wait, 1000));
        continue;
      }
      queue.shift();
      void sendOne(next, composed.body);
    }
  } finally {
    while (inFlight > 0) await sleeper.sleep(20);
    for (const r of queue.splice(0)) effects.record({ id: r.id, kind: 'requeue' });
    flush();
    clearInterval(flushTimer);
    clearInterval(progressTimer);
  }

  const now = clock.now();
  const stop = halt.stop;
  if (stop?.kind === 'pause') {
    pauseCampaign(store, campaignId, stop.code, stop.reason, now);
    outcome = 'paused';
  } else if (outcome === 'completed') {
    store.run(
      store.q
        .updateTable('campaigns')
        .set({ state: 'completed', completed_at: now, updated_at: now })
        .where('id', '=', campaignId)
        .where('state', '=', 'sending'),
    );
  }
  events.emit('send.progress', snapshot());
  events.emit('db.changed', { tables: ['campaigns', 'recipients'], campaignId });
  return outcome;
}
