import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../../electron/core/sender/token-bucket';
import { seededRandom } from './prng';

interface SimOptions {
  rate: number;
  seed: number;
  burst?: number;
  /** Round the clock to whole ms, like Date.now. */
  wholeMs?: boolean;
  durationMs?: number;
}

/**
 * A saturated sender (always something to send): after a send it asks again after a little work
 * (0–0.3 ms); when told to wait it sleeps that long plus timer lateness (0–4 ms), like setTimeout.
 */
const simulate = ({
  rate,
  seed,
  burst,
  wholeMs = false,
  durationMs = 10_000,
}: SimOptions): number[] => {
  const random = seededRandom(seed);
  let t = 0;
  const clock = (): number => (wholeMs ? Math.floor(t) : t);
  const bucket = createTokenBucket({
    ratePerSecond: rate,
    ...(burst !== undefined ? { burst } : {}),
    now: clock,
  });
  const starts: number[] = [];
  while (t < durationMs) {
    const wait = bucket.tryTake();
    if (wait === 0) {
      starts.push(clock());
      t += random() * 0.3;
    } else {
      t += wait + random() * 4;
    }
  }
  return starts;
};

/** Most sends starting in any half-open window [s, s + 1000); the worst window starts on a send. */
const maxInAnyWindow = (starts: number[]): number => {
  let max = 0;
  let j = 0;
  for (let i = 0; i < starts.length; i++) {
    while (j < starts.length && starts[j]! < starts[i]! + 1000) j++;
    max = Math.max(max, j - i);
  }
  return max;
};

describe('token bucket', () => {
  describe.each([80, 1000, 20])('at %i per second over 10 s with jittered callers', (rate) => {
    it.each([1, 2, 3])(
      'seed %i: never more than the rate in any 1 s window, and ≥ 97% of it overall',
      (seed) => {
        for (const wholeMs of [false, true]) {
          const starts = simulate({ rate, seed, wholeMs });
          expect(maxInAnyWindow(starts)).toBeLessThanOrEqual(rate);
          expect(starts.length / 10).toBeGreaterThanOrEqual(0.97 * rate);
        }
      },
    );
  });

  it('a classic bucket (burst = rate) lets almost twice the rate through one window', () => {
    const starts = simulate({ rate: 80, seed: 1, burst: 80 });
    expect(maxInAnyWindow(starts)).toBeGreaterThan(1.9 * 80);
  });

  it('sends the first message at once, then says how long to wait', () => {
    let t = 0;
    const bucket = createTokenBucket({ ratePerSecond: 80, now: () => t });
    expect(bucket.tryTake()).toBe(0);
    // Capacity 1.8: one whole token is used, 0.8 is left.
    const wait = bucket.tryTake();
    expect(wait).toBeGreaterThan(0);
    t += wait - 1;
    expect(bucket.tryTake()).toBeGreaterThan(0);
    t += 1;
    expect(bucket.tryTake()).toBe(0);
  });

  it('returns at least 1 ms when it cannot take, never 0', () => {
    let t = 0;
    const bucket = createTokenBucket({ ratePerSecond: 1_000_000, burst: 1, now: () => t });
    expect(bucket.tryTake()).toBe(0);
    expect(bucket.tryTake()).toBe(1);
    t += 0.000_001;
    expect(bucket.tryTake()).toBe(1);
  });

  it('slows down after setRate, keeping at most the new capacity', () => {
    let t = 0;
    const bucket = createTokenBucket({ ratePerSecond: 1000, now: () => t });
    expect(bucket.capacity()).toBeCloseTo(11);
    bucket.setRate(10);
    expect(bucket.capacity()).toBeCloseTo(1.1);
    expect(bucket.refillPerSecond()).toBeCloseTo(9.9);
    expect(bucket.tryTake()).toBe(0);
    expect(bucket.tryTake()).toBe(Math.ceil((0.9 * 1000) / 9.9));
    t += 1000;
    let sent = 0;
    while (bucket.tryTake() === 0) sent++;
    expect(sent).toBe(1);
  });

  it('keeps the rate bound across a rate decrease', () => {
    let t = 0;
    const bucket = createTokenBucket({ ratePerSecond: 1000, now: () => t });
    const starts: number[] = [];
    while (t < 5000) {
      if (t >= 2000 && bucket.refillPerSecond() > 500) bucket.setRate(100);
      const wait = bucket.tryTake();
      if (wait === 0) starts.push(t);
      else t += wait;
    }
    expect(maxInAnyWindow(starts.filter((s) => s >= 2000))).toBeLessThanOrEqual(100);
    expect(maxInAnyWindow(starts)).toBeLessThanOrEqual(1000);
  });

  it('mints no tokens when the clock steps back', () => {
    let t = 10_000;
    const bucket = createTokenBucket({ ratePerSecond: 1, now: () => t });
    expect(bucket.tryTake()).toBe(0);
    t = 0;
    expect(bucket.tryTake()).toBeGreaterThan(0);
    t = 10_500;
    expect(bucket.tryTake()).toBeGreaterThan(0);
  });

  it('rejects impossible requests', () => {
    const now = (): number => 0;
    expect(() => createTokenBucket({ ratePerSecond: 0, now })).toThrow(RangeError);
    expect(() => createTokenBucket({ ratePerSecond: Number.NaN, now })).toThrow(RangeError);
    expect(() => createTokenBucket({ ratePerSecond: 10, burst: 0.5, now })).toThrow(RangeError);
    const bucket = createTokenBucket({ ratePerSecond: 80, now });
    expect(() => bucket.tryTake(2)).toThrow(RangeError);
    expect(() => bucket.tryTake(0)).toThrow(RangeError);
    expect(() => bucket.setRate(-1)).toThrow(RangeError);
  });

  it('stays exact at tiny rates', () => {
    const starts = simulate({ rate: 1, seed: 7, durationMs: 60_000 });
    expect(maxInAnyWindow(starts)).toBeLessThanOrEqual(1);
    expect(starts.length).toBeGreaterThanOrEqual(58);
  });
});
