import type { Clock } from '../../clock';
import type { Store } from '../../db/connection';
import type { PacingRun } from '../../campaigns/pacing-run';
import { portfolioSends } from '../messaging-limit';
import { createMessagingWindow, createRateMeter, DAY_MS } from '../pacing';
import type { SendRepo } from '../repo';
import { createRunPacer } from '../spread-pacer';
import { createThroughputGovernor } from '../throughput-governor';
import { createTokenBucket } from '../token-bucket';

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

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export interface PaceDeps {
  store: Store;
  clock: Clock;
  repo: SendRepo;
  campaignId: number;
  account: { id: number; rate_per_second: number; messaging_limit: number | null };
  pacingRun: PacingRun | null | undefined;
  monotonic: () => number;
  random: () => number;
}

/**
 * The pace stage: the account's rate (a token bucket at the lower of the governor's rate and a
 * spread campaign's), the messaging limit's 24-hour window, and the loop-wide waits (offline, too
 * fast). Called per send, so everything here is cheap.
 */
export function createPaceStage(d: PaceDeps) {
  const { monotonic, clock } = d;
  const rate = d.account.rate_per_second;
  const paced = pacedBucket(rate, monotonic);
  const bucket = createTokenBucket(paced);
  const pacer = d.pacingRun
    ? createRunPacer({
        repo: d.repo,
        campaignId: d.campaignId,
        run: d.pacingRun,
        maxRate: paced.ratePerSecond,
        monotonic,
      })
    : null;
  // After "too fast" answers the governor lowers the rate and gives it back slowly (throughput-governor.ts).
  const governor = createThroughputGovernor({ configured: rate, now: monotonic, random: d.random });
  let bucketRate = paced.ratePerSecond;
  let governed = rate;
  let allowed = paced.ratePerSecond;
  let pausedUntil = 0;
  const meter = createRateMeter();
  const reach = createMessagingWindow(d.account.messaging_limit, recentlyReached(d));

  /** The bucket follows the lower of the spread's rate and what the governor allows. */
  const syncRate = () => {
    const g = governor.rate();
    if (g !== governed) allowed = pacedBucket((governed = g), monotonic).ratePerSecond;
    const target = pacer ? Math.min(pacer.rate(), allowed) : allowed;
    if (target !== bucketRate) bucket.setRate((bucketRate = target));
  };

  return {
    rate,
    pacer,
    /** Before a claim: a spread campaign's rate follows what is left. */
    refresh(remaining: number) {
      if (!pacer) return;
      pacer.refresh(clock.now(), remaining);
      syncRate();
    },
    /** New recipients the messaging limit allows now (Infinity without one). */
    allowance: () => reach.allowance(clock.now()),
    nextSlotAt: () => reach.nextSlotAt(clock.now()),
    /** A loop-wide wait (offline, too fast) still running: ms left. */
    holdMs: () => Math.max(0, pausedUntil - monotonic()),
    hold(ms: number) {
      pausedUntil = Math.max(pausedUntil, monotonic() + ms);
    },
    /** Claim only when a send may start: at a spread's slow rate nobody waits in `sending`. */
    claimWaitMs: () => bucket.wouldWait(),
    /** Claims are a twentieth of a second's worth: few recipients sit in `sending` unsent if we crash. */
    batchSize: () => clamp(Math.ceil(bucketRate / 20), 1, 100),
    /** Takes a token for one send now, or says how long until one is free. */
    take(): number {
      syncRate();
      return bucket.tryTake();
    },
    accepted(phone: string, at: number) {
      meter.add(monotonic());
      reach.record(phone, at);
      governor.accepted();
    },
    slowDown: (retryAfterMs?: number) => governor.slowDown(retryAfterMs),
    /** Accepted per second lately, and the rate it is measured against. */
    measured(): { rate: number; target: number } {
      // A spread campaign may send one message a minute: measure over enough time to see a few.
      const target = pacer?.spreading ? Math.min(rate, pacer.rate()) : rate;
      return { rate: meter.rate(monotonic(), clamp(5 / target, 5, 120) * 1000), target };
    },
  };
}

export type PaceStage = ReturnType<typeof createPaceStage>;

/** Who this account's business portfolio reached in the last 24 hours, for the messaging limit. */
function recentlyReached(d: PaceDeps): [string, number][] {
  if (d.account.messaging_limit === null) return [];
  return portfolioSends(d.store.sqlite, d.account.id, d.clock.now() - DAY_MS).map((r) => [
    r.phone,
    r.at,
  ]);
}
