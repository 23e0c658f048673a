import { describe, expect, it } from 'vitest';
import { createTestClock, parseClockChange } from '../../electron/core/host/test-clock';

describe("the headless shell's test clock", () => {
  it('adds one offset to wall and monotonic time, and only forward', () => {
    let wall = 1_000_000;
    let mono = 50;
    const clock = createTestClock(
      () => wall,
      () => mono,
    );
    expect([clock.now(), clock.monotonic()]).toEqual([1_000_000, 50]);
    expect(clock.move({ advanceMs: 60_000 })).toBeNull();
    expect([clock.now(), clock.monotonic()]).toEqual([1_060_000, 60_050]);
    expect(clock.move({ at: 2_000_000 })).toBeNull();
    expect([clock.now(), clock.monotonic()]).toEqual([2_000_000, 1_000_050]);
    // Real time keeps flowing underneath.
    wall += 5;
    mono += 5;
    expect([clock.now(), clock.monotonic()]).toEqual([2_000_005, 1_000_055]);
    expect(clock.move({ at: 1_000 })).toMatch(/only moves forward/);
    expect(clock.move({ advanceMs: -1 })).toMatch(/only moves forward/);
    expect(clock.move({ advanceMs: Number.NaN })).toMatch(/milliseconds/);
    expect(clock.move({ advanceMs: 20 * 366 * 24 * 3600_000 })).toMatch(/ten years/);
    expect(clock.now()).toBe(2_000_005);
  });

  it('reads { at } or { advanceMs }, nothing else', () => {
    expect(parseClockChange({ at: 5 })).toEqual({ at: 5 });
    expect(parseClockChange({ advanceMs: 7 })).toEqual({ advanceMs: 7 });
    for (const bad of [null, 'x', {}, { at: '5' }, { at: 1, advanceMs: 2 }])
      expect(parseClockChange(bad)).toMatch(/Send/);
  });
});
