import { describe, expect, it } from 'vitest';
import { pacedBucket } from '../../../electron/core/sender/loop';
import { createRateMeter } from '../../../electron/core/sender/pacing';
import { createTokenBucket } from '../../../electron/core/sender/token-bucket';
import { seededRandom } from './prng';

/** A saturated caller that is late by up to `lateMs` after every wait (a busy event loop). */
function simulate(
  rate: number,
  durationMs: number,
  lateMs: number,
  seed: number,
  burst?: number,
): number[] {
  const random = seededRandom(seed);
  let t = 0;
  const bucket = createTokenBucket({
    ratePerSecond: rate,
    ...(burst !== undefined ? { burst } : {}),
    now: () => t,
  });
  const starts: number[] = [];
  while (t < durationMs) {
    const wait = bucket.tryTake();
    if (wait === 0) starts.push(t);
    // The send loop never sleeps more than a second at a time.
    else t += Math.min(wait, 1000) + random() * lateMs;
  }
  return starts;
}

const maxInAnyWindow = (starts: number[]): number => {
  let max = 0;
  let j = 0;
  for (let i = 0; i < starts.length; i++) {
    while (j < starts.length && starts[j]! < starts[i]! + 1000) j++;
    max = Math.max(max, j - i);
  }
  return max;
};

describe('token bucket well below 1 per second (a spread campaign)', () => {
  // The slack, (1 − r) / 2 tokens, lets a caller be late by (1 − r) / 2r seconds without loss: half a
  // second and more up to 0.5/s; near 1/s the 1% rule of the fast rates takes over (10 ms).
  it.each([
    [0.002, 500],
    [0.01, 500],
    [0.1, 500],
    [0.5, 200],
    [0.9, 20],
    [0.985, 4],
    [0.999, 4],
  ])(
    'at %f/s with callers late by up to %i ms: the full rate, never two in a second',
    (rate, lateMs) => {
      const durationMs = Math.max(200 / rate, 60) * 1000;
      const starts = simulate(rate, durationMs, lateMs, 3);
      const expected = (rate * durationMs) / 1000;
      expect(maxInAnyWindow(starts)).toBe(1);
      expect(starts.length).toBeGreaterThanOrEqual(
        Math.floor(expected * (rate >= 0.98 ? 0.98 : 0.995)),
      );
      expect(starts.length).toBeLessThanOrEqual(Math.ceil(expected) + 1);
    },
  );

  it('says how long to wait without taking (the loop claims only when a send may start)', () => {
    let t = 0;
    const bucket = createTokenBucket({ ratePerSecond: 0.01, now: () => t });
    expect(bucket.wouldWait()).toBe(0);
    expect(bucket.wouldWait()).toBe(0);
    expect(bucket.tryTake()).toBe(0);
    const wait = bucket.wouldWait();
    expect(wait).toBeGreaterThan(50_000);
    expect(bucket.wouldWait()).toBe(wait);
    t += wait;
    expect(bucket.wouldWait()).toBe(0);
    expect(bucket.tryTake()).toBe(0);
  });

  it('the loop’s paced bucket slowed to a spread rate keeps that rate', () => {
    let t = 0;
    const bucket = createTokenBucket(pacedBucket(80, () => t));
    bucket.setRate(0.05);
    let sent = 0;
    // One hour of a saturated caller: 0.05/s is 180 sends (plus what the full bucket held at the start).
    while (t < 3_600_000) {
      const wait = bucket.tryTake();
      if (wait === 0) sent++;
      else t += Math.min(wait, 1000);
    }
    expect(sent).toBeGreaterThanOrEqual(180);
    expect(sent).toBeLessThanOrEqual(182);
  });
});

describe('rate meter', () => {
  it('measures slow rates over a longer window when asked', () => {
    const meter = createRateMeter();
    for (let t = 0; t <= 100_000; t += 20_000) meter.add(t); // one every 20 s
    expect(meter.rate(100_001)).toBeCloseTo(0.2, 5); // 1 in the last 5 s: useless at this rate
    expect(meter.rate(100_001, 100_000)).toBeCloseTo(0.05, 5);
    expect(meter.rate(110_000, 100_000)).toBeCloseTo(0.05, 5);
    expect(meter.rate(400_000, 100_000)).toBe(0);
  });
});
