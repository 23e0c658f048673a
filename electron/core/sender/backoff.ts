/**
 * Waits between attempts when the whole send loop must slow down (handling 'retry_later'), and the
 * per-recipient wait Meta prescribes for the pair rate limit (131056).
 */

export type JitterStrategy = 'full' | 'decorrelated';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Uniform in [0, 1), like Math.random; injected so tests are deterministic. */
  random: () => number;
  /**
   * 'full' (default): uniform in [0, min(max, base·2^attempt)). 'decorrelated': uniform in
   * [base, min(max, 3·previous)), which grows more smoothly. Both spread out clients that failed together.
   */
  strategy?: JitterStrategy;
}

export interface NextDelayOptions {
  /** From the Retry-After header (see parseRetryAfter) or an entry's waitSeconds, in ms. */
  retryAfterMs?: number;
}

export interface Backoff {
  /** The delay before the next attempt; never shorter than `retryAfterMs`, which may exceed `maxMs`. */
  next: (options?: NextDelayOptions) => number;
  /** After a success, so the next trouble starts again from `baseMs`. */
  reset: () => void;
  /** Failed attempts since the last reset. */
  attempts: () => number;
}

export const createBackoff = (options: BackoffOptions): Backoff => {
  const { baseMs, maxMs, random, strategy = 'full' } = options;
  if (!(baseMs > 0) || !(maxMs >= baseMs) || !Number.isFinite(maxMs)) {
    throw new RangeError(`backoff needs 0 < baseMs <= maxMs, got ${baseMs} and ${maxMs}`);
  }
  let attempt = 0;
  let previous = baseMs;

  const jittered = (): number => {
    if (strategy === 'decorrelated') {
      const upper = Math.min(maxMs, previous * 3);
      previous = baseMs + random() * (upper - baseMs);
      return previous;
    }
    // 2 ** 1024 is Infinity: cap the exponent once the ceiling is reached anyway.
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 52));
    return random() * ceiling;
  };

  return {
    next: (opts = {}) => {
      const delay = Math.round(jittered());
      attempt += 1;
      const floor =
        opts.retryAfterMs !== undefined && opts.retryAfterMs > 0 ? Math.ceil(opts.retryAfterMs) : 0;
      return Math.max(delay, floor);
    },
    reset: () => {
      attempt = 0;
      previous = baseMs;
    },
    attempts: () => attempt,
  };
};

/**
 * Cap for the pair-rate wait: Meta allows a burst of up to 45 messages to one person in 6 s, borrowed
 * from the 1-per-6-s allowance, i.e. a debt of at most 45 × 6 s = 270 s. 4^4 s = 256 s is the last step
 * below that; with the earlier steps (1 + 4 + 16 + 64 s) the waits already add up past 270 s, so a
 * longer single wait would only delay the message. Repeating 256 s also keeps a person who is messaged
 * from elsewhere (another tool, the Business app) from pushing one send out for hours.
 */
export const PAIR_RATE_MAX_DELAY_MS = 256_000;

/** Meta's "retry after 4^X seconds" for 131056: attempt 0 → 1 s, 1 → 4 s, 2 → 16 s, 3 → 64 s, then 256 s. */
export const pairRateDelayMs = (attempt: number): number => {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`attempt must be a whole number >= 0, got ${attempt}`);
  }
  // Beyond 4^4 the cap applies; stop before 4^attempt overflows to Infinity.
  return Math.min(PAIR_RATE_MAX_DELAY_MS, 1000 * 4 ** Math.min(attempt, 5));
};

const DELTA_SECONDS = /^\d+$/;
// HTTP dates always name the weekday or month; this keeps bare numbers and junk away from Date.parse.
const LOOKS_LIKE_DATE = /[A-Za-z]{3}/;

/**
 * Milliseconds to wait per a Retry-After header: delta-seconds ("120") or an HTTP date
 * ("Wed, 21 Oct 2015 07:28:00 GMT", measured against `now` in epoch ms; a past date gives 0).
 * Undefined when absent or unreadable, so the caller falls back to its own backoff.
 */
export const parseRetryAfter = (header: string | null, now: number): number | undefined => {
  const value = header?.trim();
  if (!value) return undefined;
  if (DELTA_SECONDS.test(value)) {
    const ms = Number(value) * 1000;
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  if (!LOOKS_LIKE_DATE.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};
