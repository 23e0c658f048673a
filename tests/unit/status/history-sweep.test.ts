import { describe, expect, it } from 'vitest';
import { advance, readSweep, type Sweep } from '../../../electron/core/status/sources/history';

const CUTOFF = 1_000;
/** Walks pages (each a list of times and the cursor that fetched it) until the sweep says done. */
function walk(start: Sweep, pages: { at: string; times: number[] }[]) {
  let sweep = start;
  const read: string[] = [];
  for (let i = pages.findIndex((p) => p.at === start.after); i < pages.length; i++) {
    const page = pages[i]!;
    expect(page.at).toBe(sweep.after);
    read.push(page.at);
    const step = advance(sweep, { times: page.times, next: pages[i + 1]?.at ?? null }, CUTOFF);
    sweep = step.sweep;
    if (step.done) return { sweep, read, done: true };
  }
  return { sweep, read, done: false };
}

// Five pages of history: two before the window (times < 1000), three inside it.
const oldestFirst = [
  { at: '', times: [100, 200] },
  { at: 'c1', times: [300, 400] },
  { at: 'c2', times: [900, 1100] },
  { at: 'c3', times: [1200, 1300] },
  { at: 'c4', times: [1400] },
];
const newestFirst = oldestFirst
  .map((p) => [...p.times].reverse())
  .reverse()
  .map((times, i) => ({ at: i === 0 ? '' : `n${i}`, times }));

describe('message_history sweeps in either page order', () => {
  it('newest first: stops at the first page wholly older than the cutoff and starts again at the top', () => {
    const r = walk(readSweep(null), newestFirst);
    expect(r.done).toBe(true);
    // Pages 0-2 hold the window; page 3 is wholly older and ends the sweep; page 4 is never read.
    expect(r.read).toEqual(['', 'n1', 'n2', 'n3']);
    expect(r.sweep).toMatchObject({ after: '', order: 'newest-first', lastPages: 4, pages: 0 });
  });

  it('oldest first: reads to the end, then starts the next sweep at the first page inside the window', () => {
    const first = walk(readSweep(null), oldestFirst);
    expect(first.read).toEqual(['', 'c1', 'c2', 'c3', 'c4']);
    expect(first.sweep).toMatchObject({ after: 'c2', from: 'c2', order: 'oldest-first' });
    const second = walk(first.sweep, oldestFirst);
    expect(second.read).toEqual(['c2', 'c3', 'c4']);
    expect(second.sweep.lastPages).toBe(3);
  });

  it('an order it cannot see (one message a page, equal times) is read to the end', () => {
    const pages = [
      { at: '', times: [500] },
      { at: 'x', times: [500] },
      { at: 'y', times: [] },
    ];
    const r = walk(readSweep(null), pages);
    expect(r.read).toEqual(['', 'x', 'y']);
    expect(r.sweep.order).toBeNull();
  });

  it('learns the order across pages when each page holds one message', () => {
    const pages = [
      { at: '', times: [1500] },
      { at: 'a', times: [1200] },
      { at: 'b', times: [700] },
      { at: 'c', times: [600] },
    ];
    const r = walk(readSweep(null), pages);
    expect(r.read).toEqual(['', 'a', 'b']);
    expect(r.sweep.order).toBe('newest-first');
  });

  it('reads a plain Graph cursor of earlier versions as the position to go on from, and junk as the top', () => {
    expect(readSweep('QVFIUmFk')).toMatchObject({ after: 'QVFIUmFk', from: '', order: null });
    expect(readSweep('{not json')).toMatchObject({ after: '', pages: 0 });
    expect(readSweep('{"after":5,"order":"sideways"}')).toMatchObject({ after: '', order: null });
  });
});
