import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../../../electron/core/sender/circuit-breaker';

function breaker(o: Partial<Parameters<typeof createCircuitBreaker>[0]> = {}) {
  let t = 0;
  const b = createCircuitBreaker({
    now: () => t,
    random: () => 1,
    windowSize: 10,
    minSamples: 6,
    maxConsecutiveDown: 5,
    probeBaseMs: 1000,
    probeMaxMs: 8000,
    ...o,
  });
  return { b, advance: (ms: number) => (t += ms) };
}

describe('the circuit breaker', () => {
  it('stays closed with a few failures among answers', () => {
    const { b } = breaker();
    for (let i = 0; i < 100; i++) b.record(i, i % 4 !== 0);
    expect(b.gate()).toEqual({ kind: 'send' });
    expect(b.waiting()).toBeNull();
  });

  it('opens on a run of failures, and on most recent sends failing', () => {
    const run = breaker();
    for (let i = 0; i < 5; i++) run.b.record(i, false);
    expect(run.b.isOpen()).toBe(true);
    expect(run.b.waiting()).toMatchObject({ reason: 'outage' });
    expect(run.b.waiting()?.message).toMatch(/last 5 sends got no answer/);

    const ratio = breaker();
    for (let i = 0; i < 10; i++) ratio.b.record(i, i % 3 === 0);
    expect(ratio.b.isOpen()).toBe(true);
    expect(ratio.b.waiting()?.message).toMatch(/of the last \d+ sends/);
  });

  it('holds until a probe is due, lets exactly one through, and ignores late answers of others', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 5; i++) b.record(i, false);
    expect(b.gate()).toEqual({ kind: 'wait', ms: 1000 });
    advance(999);
    expect(b.gate().kind).toBe('wait');
    advance(1);
    expect(b.gate()).toEqual({ kind: 'probe' });
    b.sending(42);
    expect(b.gate().kind).toBe('wait');
    // An answer of a send started before the outage says nothing about now.
    b.record(3, true);
    expect(b.isOpen()).toBe(true);
    b.record(42, true);
    expect(b.isOpen()).toBe(false);
    expect(b.gate()).toEqual({ kind: 'send' });
  });

  it('waits longer after each failed probe, up to its ceiling', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 5; i++) b.record(i, false);
    const waits: number[] = [];
    for (let probe = 100; probe < 106; probe++) {
      const g = b.gate();
      if (g.kind !== 'wait') throw new Error('expected a wait');
      waits.push(g.ms);
      advance(g.ms);
      expect(b.gate()).toEqual({ kind: 'probe' });
      b.sending(probe);
      b.record(probe, false);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('after closing, counts afresh: old failures do not reopen it', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 5; i++) b.record(i, false);
    advance(1000);
    b.sending(9);
    b.record(9, true);
    for (let i = 0; i < 4; i++) b.record(10 + i, false);
    expect(b.isOpen()).toBe(false);
  });
});
