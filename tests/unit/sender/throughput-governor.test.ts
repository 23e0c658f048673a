import { describe, expect, it } from 'vitest';
import {
  BASE_WAIT_MS,
  createThroughputGovernor,
  DECREASE,
  DECREASE_GAP_MS,
  FLOOR,
  MAX_WAIT_MS,
  RECOVER_MS,
  STEP,
} from '../../../electron/core/sender/throughput-governor';

function setup(configured = 1000, random = () => 0.999999) {
  let t = 0;
  const g = createThroughputGovernor({ configured, now: () => t, random });
  return { g, advance: (ms: number) => (t += ms) };
}

describe('throughput governor (130429: wait briefly, lower the rate, recover slowly)', () => {
  it('paces at the configured rate until Meta says we are too fast', () => {
    const { g, advance } = setup();
    advance(60_000);
    expect(g.rate()).toBe(1000);
  });

  it('takes DECREASE off the current rate, once per window, never below the floor', () => {
    const { g, advance } = setup();
    g.slowDown();
    expect(g.rate()).toBeCloseTo(1000 * (1 - DECREASE));
    // Another answer from a request already in flight: it waits, but the rate stays.
    advance(DECREASE_GAP_MS - 1);
    g.slowDown();
    expect(g.rate()).toBeCloseTo(1000 * (1 - DECREASE));
    advance(1);
    g.slowDown();
    expect(g.rate()).toBeCloseTo(1000 * (1 - DECREASE) ** 2);
    for (let i = 0; i < 200; i++) {
      advance(DECREASE_GAP_MS);
      g.slowDown();
    }
    expect(g.rate()).toBe(1000 * FLOOR);
    expect(g.slowDowns()).toBe(203);
  });

  it('gives back STEP of the configured rate every RECOVER_MS without an answer, up to the configured rate', () => {
    const { g, advance } = setup();
    for (let i = 0; i < 10; i++) {
      g.slowDown();
      advance(DECREASE_GAP_MS);
    }
    advance(RECOVER_MS - DECREASE_GAP_MS);
    const low = g.rate();
    expect(low).toBeCloseTo(1000 * (1 - DECREASE) ** 10 + STEP * 1000);
    advance(RECOVER_MS - 1);
    expect(g.rate()).toBe(low);
    advance(1);
    expect(g.rate()).toBeCloseTo(low + STEP * 1000);
    advance(RECOVER_MS * 1000);
    expect(g.rate()).toBe(1000);
    // A new answer during recovery decreases from where the rate had climbed to, not from the old low.
    g.slowDown();
    expect(g.rate()).toBeCloseTo(1000 * (1 - DECREASE));
  });

  it('waits briefly at first, doubling for answers in a row, and starts over after an accepted send', () => {
    const { g } = setup();
    const waits = [g.slowDown(), g.slowDown(), g.slowDown()];
    expect(waits).toEqual([BASE_WAIT_MS, 2 * BASE_WAIT_MS, 4 * BASE_WAIT_MS]);
    for (let i = 0; i < 40; i++) g.slowDown();
    expect(g.slowDown()).toBe(MAX_WAIT_MS);
    g.accepted();
    expect(g.slowDown()).toBe(BASE_WAIT_MS);
  });

  it('jitters the wait and never waits less than Retry-After', () => {
    const { g } = setup(80, () => 0.25);
    expect(g.slowDown()).toBe(BASE_WAIT_MS / 4);
    expect(g.slowDown(3000)).toBe(3000);
  });
});
