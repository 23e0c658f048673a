/**
 * Pauses a campaign when failures run well above normal: a mistyped column, a wrong country code or a
 * systemic error the catalogue does not know turns every send into a failure, and each one is a
 * message the business pays for in reputation (blocks and reports lower quality, USERS.md #5).
 *
 * Record only outcomes that say something about the list: successes and 'fail_recipient' failures.
 * 'retry_later' has its own backoff and 'pause_campaign' pauses on its own, so counting them here would
 * double-count one cause.
 */
export interface FailureRateOptions {
  /** How many recent outcomes the ratio looks at. */
  windowSize?: number;
  /** The ratio is ignored until this many outcomes are in the window (3 failures of the first 4 mean little). */
  minSamples?: number;
  /** Trips when failures / outcomes in the window is above this (0..1). */
  maxFailureRatio?: number;
  /** Trips on this many failures in a row, even before `minSamples`. */
  maxConsecutiveFailures?: number;
}

export interface FailureRateDetector {
  record: (ok: boolean) => void;
  /** The first reason it tripped, kept until reset(): late outcomes must not un-trip a paused campaign. */
  tripped: () => { reason: string } | null;
  /** After the user resumes: the old outcomes described a problem they have now dealt with. */
  reset: () => void;
  stats: () => { samples: number; failures: number; consecutiveFailures: number };
}

export const FAILURE_RATE_DEFAULTS = {
  windowSize: 200,
  minSamples: 50,
  // Bad lists exist (old numbers, many not on WhatsApp), so "normal" can be 20-30% failed; above half
  // something is wrong with the campaign itself.
  maxFailureRatio: 0.5,
  maxConsecutiveFailures: 25,
} as const satisfies Required<FailureRateOptions>;

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a whole number >= 1, got ${value}`);
  return value;
};

export const createFailureRateDetector = (
  options: FailureRateOptions = {},
): FailureRateDetector => {
  const o = { ...FAILURE_RATE_DEFAULTS, ...options };
  const windowSize = positiveInteger('windowSize', o.windowSize);
  const minSamples = Math.min(positiveInteger('minSamples', o.minSamples), windowSize);
  const maxConsecutive = positiveInteger('maxConsecutiveFailures', o.maxConsecutiveFailures);
  if (!(o.maxFailureRatio >= 0 && o.maxFailureRatio < 1)) {
    throw new RangeError(`maxFailureRatio must be in [0, 1), got ${o.maxFailureRatio}`);
  }

  // Ring buffer of the last `windowSize` outcomes, with a running failure count.
  const ring: boolean[] = [];
  let next = 0;
  let failures = 0;
  let consecutive = 0;
  let trip: { reason: string } | null = null;

  const evaluate = (): { reason: string } | null => {
    if (consecutive >= maxConsecutive) return { reason: `${consecutive} sends in a row failed.` };
    const samples = ring.length;
    if (samples >= minSamples && failures / samples > o.maxFailureRatio) {
      const pct = (x: number): string => `${Math.round(x * 100)}%`;
      return {
        reason: `${failures} of the last ${samples} sends failed (${pct(failures / samples)}; the limit is ${pct(o.maxFailureRatio)}).`,
      };
    }
    return null;
  };

  return {
    record: (ok) => {
      if (ring.length < windowSize) {
        ring.push(ok);
      } else {
        if (ring[next] === false) failures -= 1;
        ring[next] = ok;
      }
      next = (next + 1) % windowSize;
      if (!ok) failures += 1;
      consecutive = ok ? 0 : consecutive + 1;
      trip ??= evaluate();
    },
    tripped: () => trip,
    reset: () => {
      ring.length = 0;
      next = 0;
      failures = 0;
      consecutive = 0;
      trip = null;
    },
    stats: () => ({ samples: ring.length, failures, consecutiveFailures: consecutive }),
  };
};
