/**
 * Paces send starts for one business phone number (Meta counts messages per second per number).
 *
 * Why the default is not a classic bucket: with capacity B refilled at r/s, a 1-second window can see
 * the B stored tokens plus almost r refilled ones, i.e. up to B + r - 1 sends (2r - 1 with B = r).
 * Capacity B = 1 would be exact but loses every token that accrues while the caller is late (timers
 * fire late by a few ms, at 1,000/s a send is due every ms), so throughput collapses.
 *
 * The default keeps a little slack x = 1% of the rate (at least 0.01 tokens) for late callers and pays
 * for it by refilling x tokens/s slower: capacity 1 + x, refill r - x. In any window [t, t + 1000 ms)
 * the sends are at most the tokens held at t (≤ 1 + x) plus the refill during the window (< r - x),
 * so fewer than r + 1, so at most r (⌈r⌉ for a fractional rate). Throughput is 99% of r, and up to
 * ~10 ms of lateness costs nothing.
 * Windows are half-open: the (r + 1)th send after any send starts at least 1000 ms after it.
 *
 * Below 1 per second (a campaign spread over hours) the same bound needs only fewer than 2 sends in
 * any window, i.e. capacity + refill < 2: the bucket then refills at the full rate r and keeps
 * (1 − r) / 2 as slack, so a slow rate loses nothing and a caller may be late by seconds (at 0.01/s,
 * 49 s) without losing a token. Near 1/s, where that slack would be tiny, the 1% rule above applies.
 *
 * An explicit `burst` gives a classic bucket (capacity = burst, refill = rate) without that guarantee.
 */
export interface TokenBucketOptions {
  ratePerSecond: number;
  /** Capacity in tokens. Leave unset for the windowed guarantee described above. */
  burst?: number;
  /** Milliseconds, ideally monotonic (performance.now); a clock that steps back only pauses refilling. */
  now: () => number;
}

export interface TokenBucket {
  /** 0 when `n` tokens were taken; otherwise the whole ms to wait before asking again (at least 1). */
  tryTake: (n?: number) => number;
  /** What tryTake would answer, without taking anything. */
  wouldWait: (n?: number) => number;
  /** Refill at the old rate up to now, then switch; held tokens are clipped to the new capacity. */
  setRate: (ratePerSecond: number) => void;
  readonly capacity: () => number;
  readonly refillPerSecond: () => number;
}

const SLACK_SHARE = 0.01;
const MIN_SLACK = 0.01;

const checkPositive = (name: string, value: number): void => {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name} must be a positive number, got ${value}`);
};

const shape = (rate: number, burst: number | undefined): { capacity: number; refill: number } => {
  if (burst !== undefined) return { capacity: burst, refill: rate };
  const lowRateSlack = (1 - rate) / 2;
  if (lowRateSlack >= MIN_SLACK) return { capacity: 1 + lowRateSlack, refill: rate };
  const slack = Math.max(rate * SLACK_SHARE, MIN_SLACK);
  return { capacity: 1 + slack, refill: rate - slack };
};

export const createTokenBucket = (options: TokenBucketOptions): TokenBucket => {
  const { burst, now } = options;
  checkPositive('ratePerSecond', options.ratePerSecond);
  if (burst !== undefined && (!Number.isFinite(burst) || burst < 1)) {
    throw new RangeError(`burst must be at least 1, got ${burst}`);
  }
  let { capacity, refill } = shape(options.ratePerSecond, burst);
  // Start full so the first send goes at once; the window bound already counts a full bucket.
  let tokens = capacity;
  let last = now();

  const advance = (): void => {
    const t = now();
    if (t > last) {
      tokens = Math.min(capacity, tokens + ((t - last) * refill) / 1000);
      last = t;
    }
  };

  const waitFor = (n: number): number => {
    if (!(n > 0) || n > capacity) {
      throw new RangeError(`tryTake(${n}): must be > 0 and at most the capacity (${capacity})`);
    }
    advance();
    return tokens >= n ? 0 : Math.max(1, Math.ceil(((n - tokens) * 1000) / refill));
  };

  return {
    tryTake: (n = 1) => {
      const wait = waitFor(n);
      if (wait === 0) tokens -= n;
      return wait;
    },
    wouldWait: (n = 1) => waitFor(n),
    setRate: (ratePerSecond) => {
      checkPositive('ratePerSecond', ratePerSecond);
      advance();
      ({ capacity, refill } = shape(ratePerSecond, burst));
      tokens = Math.min(tokens, capacity);
    },
    capacity: () => capacity,
    refillPerSecond: () => refill,
  };
};
