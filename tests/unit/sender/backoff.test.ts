import { describe, expect, it } from 'vitest';
import {
  PAIR_RATE_MAX_DELAY_MS,
  createBackoff,
  pairRateDelayMs,
  parseRetryAfter,
} from '../../../electron/core/sender/backoff';
import { seededRandom } from './prng';

const almostOne = (): number => 0.999_999;

describe('createBackoff (full jitter)', () => {
  it('doubles the ceiling each attempt up to maxMs', () => {
    const backoff = createBackoff({ baseMs: 500, maxMs: 30_000, random: almostOne });
    const delays = Array.from({ length: 9 }, () => backoff.next());
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoff.attempts()).toBe(9);
  });

  it('spreads delays between 0 and the ceiling', () => {
    const random = seededRandom(42);
    const backoff = createBackoff({ baseMs: 1000, maxMs: 60_000, random });
    const delays = Array.from({ length: 200 }, () => {
      backoff.reset();
      backoff.next();
      backoff.next();
      return backoff.next(); // third attempt: ceiling 4000
    });
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(4000);
    expect(new Set(delays).size).toBeGreaterThan(100);
  });

  it('starts over after reset', () => {
    const backoff = createBackoff({ baseMs: 100, maxMs: 10_000, random: almostOne });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempts()).toBe(0);
    expect(backoff.next()).toBe(100);
  });

  it('never waits less than Retry-After, even beyond maxMs', () => {
    const backoff = createBackoff({ baseMs: 100, maxMs: 1000, random: () => 0 });
    expect(backoff.next({ retryAfterMs: 5000 })).toBe(5000);
    expect(backoff.next({ retryAfterMs: 0 })).toBe(0);
    const high = createBackoff({ baseMs: 100, maxMs: 1000, random: almostOne });
    expect(high.next({ retryAfterMs: 50 })).toBe(100);
  });

  it('survives very many attempts without overflowing', () => {
    const backoff = createBackoff({ baseMs: 100, maxMs: 1000, random: almostOne });
    for (let i = 0; i < 2000; i++) backoff.next();
    expect(backoff.next()).toBe(1000);
  });

  it('rejects nonsense settings', () => {
    expect(() => createBackoff({ baseMs: 0, maxMs: 10, random: Math.random })).toThrow(RangeError);
    expect(() => createBackoff({ baseMs: 100, maxMs: 10, random: Math.random })).toThrow(
      RangeError,
    );
  });
});

describe('createBackoff (decorrelated jitter)', () => {
  it('stays between baseMs and three times the previous delay, capped', () => {
    const random = seededRandom(3);
    const backoff = createBackoff({ baseMs: 200, maxMs: 20_000, random, strategy: 'decorrelated' });
    let previous = 200;
    for (let i = 0; i < 100; i++) {
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(Math.min(20_000, Math.round(previous * 3)));
      previous = delay;
    }
  });

  it('grows to the cap with a high draw and resets to base', () => {
    const backoff = createBackoff({
      baseMs: 100,
      maxMs: 2000,
      random: almostOne,
      strategy: 'decorrelated',
    });
    const delays = Array.from({ length: 5 }, () => backoff.next());
    expect(delays).toEqual([300, 900, 2000, 2000, 2000]);
    backoff.reset();
    expect(backoff.next()).toBe(300);
  });
});

describe('pairRateDelayMs', () => {
  it('follows 4^attempt seconds up to the documented cap', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(pairRateDelayMs)).toEqual([
      1000, 4000, 16_000, 64_000, 256_000, 256_000, 256_000,
    ]);
    expect(PAIR_RATE_MAX_DELAY_MS).toBe(256_000);
  });

  it('rejects a negative or fractional attempt', () => {
    expect(() => pairRateDelayMs(-1)).toThrow(RangeError);
    expect(() => pairRateDelayMs(1.5)).toThrow(RangeError);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 8, 11, 12, 0, 0);

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter('Fri, 11 Sep 2026 12:00:30 GMT', now)).toBe(30_000);
  });

  it('treats a past date as "now"', () => {
    expect(parseRetryAfter('Fri, 11 Sep 2026 11:00:00 GMT', now)).toBe(0);
  });

  it.each([null, '', '   ', '-5', '1.5', 'soon', 'Mon, 99 Foo 2026', '99999999999999999999'])(
    'ignores %j',
    (header) => {
      expect(parseRetryAfter(header, now)).toBeUndefined();
    },
  );
});
