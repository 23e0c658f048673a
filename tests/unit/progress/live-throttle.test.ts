import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefreshThrottle } from '../../../renderer/src/features/progress/live/throttle';

/** A load that takes `costMs` of fake time, counting its calls. */
function loader(costMs = 0) {
  const calls: number[] = [];
  const load = () => {
    calls.push(Date.now());
    return costMs === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => setTimeout(resolve, costMs));
  };
  return { calls, load };
}

describe('createRefreshThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('loads at once on the first change, then at most once per interval, never dropping the last change', async () => {
    const { calls, load } = loader();
    const t = createRefreshThrottle({ load, minMs: 2000 });
    t.mark();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    // A burst of late reports: one more load, two seconds after the first.
    for (let i = 0; i < 50; i++) t.mark();
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    // Nothing changed since: nothing more.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(2);
    t.stop();
  });

  it('a change during a load loads again after it; a slow load spaces the next by its cost', async () => {
    const { calls, load } = loader(500);
    const t = createRefreshThrottle({ load, minMs: 2000, costFactor: 10 });
    t.mark();
    await vi.advanceTimersByTimeAsync(0);
    t.mark(); // lands while the first load runs
    await vi.advanceTimersByTimeAsync(500); // first load done at +500
    expect(calls).toHaveLength(1);
    // 500 ms of cost × 10: the next waits 5 s, not 2.
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    t.stop();
  });

  it('stops: a change after stop loads nothing, and a pending load is dropped', async () => {
    const { calls, load } = loader();
    const t = createRefreshThrottle({ load, minMs: 2000 });
    t.mark();
    await vi.advanceTimersByTimeAsync(0);
    t.mark();
    t.stop();
    t.mark();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1);
  });

  it('a failed load does not stop later ones', async () => {
    let n = 0;
    const t = createRefreshThrottle({
      load: () => (++n === 1 ? Promise.reject(new Error('offline')) : Promise.resolve()),
      minMs: 1000,
    });
    t.mark();
    await vi.advanceTimersByTimeAsync(0);
    t.mark();
    await vi.advanceTimersByTimeAsync(1000);
    expect(n).toBe(2);
    t.stop();
  });
});
