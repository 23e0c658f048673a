/**
 * What the loop does when Meta says we are going too fast (130429, and the request-rate codes 4 and
 * 80007: the catalogue marks them `slowDown`). cloud-api.md §2.3: "exponential backoff with jitter;
 * reduce global send rate for 130429", and §3.1: the error lasts "until back under the level".
 *
 * So two things, both small, instead of one long stop:
 * - Wait briefly: the limit clears as soon as the window is back under it, so the first wait is
 *   full jitter over BASE_WAIT_MS (mean 50 ms), doubling for each further answer in a row, up to
 *   MAX_WAIT_MS; a Retry-After is always honoured. A fixed 1 s backoff cost ~500 ms of sending
 *   for every stray 130429 (BENCHMARKS.md, sender).
 * - Lower the rate (multiplicative decrease, additive increase): each answer takes DECREASE off the
 *   current rate, never below FLOOR of the configured one; every RECOVER_MS without one gives back
 *   STEP of the configured rate. Arrivals at Meta bunch up with network and scheduling jitter, which
 *   the token bucket's fixed budget cannot know; this finds the rate that the path in fact allows.
 */
export const BASE_WAIT_MS = 100;
export const MAX_WAIT_MS = 60_000;
export const DECREASE = 0.02;
export const FLOOR = 0.5;
export const STEP = 0.01;
export const RECOVER_MS = 5_000;
/**
 * Answers to requests that were already in flight when the rate was lowered say nothing about the
 * new rate: like TCP's one decrease per round trip, decrease at most once per throughput window.
 */
export const DECREASE_GAP_MS = 1_000;

export interface ThroughputGovernor {
  /** The rate to pace at now (messages per second), at most the configured rate. */
  rate: () => number;
  /** After a slow-down answer: lowers the rate and returns how long everybody waits (ms). */
  slowDown: (retryAfterMs?: number) => number;
  /** After an accepted send: the next slow-down answer starts the waits from the beginning again. */
  accepted: () => void;
  /** Slow-down answers received so far (for progress and tests). */
  slowDowns: () => number;
}

export function createThroughputGovernor(options: {
  configured: number;
  /** Monotonic milliseconds. */
  now: () => number;
  /** Uniform in [0, 1). */
  random: () => number;
}): ThroughputGovernor {
  const { configured, now, random } = options;
  const floor = configured * FLOOR;
  // The rate set by the last decrease, and when: recovery is computed from these, so no timer is needed.
  let base = configured;
  let since = now();
  let lastDecrease = -Infinity;
  let inARow = 0;
  let total = 0;

  const rate = (): number => {
    if (base >= configured) return configured;
    const steps = Math.floor(Math.max(0, now() - since) / RECOVER_MS);
    return Math.min(configured, base + steps * STEP * configured);
  };

  return {
    rate,
    slowDown: (retryAfterMs) => {
      const t = now();
      if (t - lastDecrease >= DECREASE_GAP_MS) {
        base = Math.max(floor, rate() * (1 - DECREASE));
        since = t;
        lastDecrease = t;
      }
      inARow++;
      total++;
      const ceiling = Math.min(MAX_WAIT_MS, BASE_WAIT_MS * 2 ** Math.min(inARow - 1, 30));
      const wait = Math.round(random() * ceiling);
      return retryAfterMs !== undefined && retryAfterMs > wait ? Math.ceil(retryAfterMs) : wait;
    },
    accepted: () => {
      inARow = 0;
    },
    slowDowns: () => total,
  };
}
