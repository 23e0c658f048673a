import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { fakeClock } from '../../helpers/tmp';
import { expectGraphError, send, springSale } from './helpers';

/** The most timestamps within any (t - 1000, t] window. */
const busiestSecond = (times: number[]): number => {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[lo]! <= sorted[hi]! - 1000) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
};

describe('sandbox: throughput and pair rate', () => {
  let sb: Sandbox | undefined;
  afterEach(() => sb?.close());

  it('answers 130429 to a burst of twice the rate and never accepts more than the rate in any second', async () => {
    sb = await startSandbox({ ratePerSecond: 20 });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        send(sb!, springSale(`+4477009${String(i).padStart(5, '0')}`)),
      ),
    );

    // Exact counts depend on how fast this machine is; the fake-clock test below pins them down.
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const a of limited) expectGraphError(a, 130429, 429);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(40 - limited.length);

    const accepted = sb.state.messages().map((m) => m.acceptedAt);
    expect(busiestSecond(accepted)).toBeLessThanOrEqual(20);
    expect(sb.stats().maxInOneSecond).toBe(busiestSecond(accepted));
    expect(sb.stats().rejected[130429]).toBe(limited.length);
  });

  it('uses a sliding one-second window on the injected clock', async () => {
    const clock = fakeClock();
    sb = await startSandbox({ ratePerSecond: 5, now: clock.now });
    const burst = async (n: number, from: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          send(sb!, springSale(`+44770090${String(from + i).padStart(4, '0')}`)),
        ),
      );

    expect((await burst(5, 0)).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    clock.advance(999);
    expect((await burst(1, 10)).map((a) => a.status)).toEqual([429]);
    clock.advance(1);
    // The first five are now exactly 1000 ms old: outside the window.
    expect((await burst(6, 20)).map((a) => a.status).sort()).toEqual([
      200, 200, 200, 200, 200, 429,
    ]);
    expect(sb.stats().maxInOneSecond).toBe(5);
  });

  it("answers 131056 past Meta's burst of 45 to one recipient, then lets one through every 6 s; others carry on", async () => {
    const clock = fakeClock();
    sb = await startSandbox({ now: clock.now });
    const to = '+16505551234';
    for (let i = 0; i < 45; i++) expect((await send(sb, springSale(to))).status).toBe(200);
    expectGraphError(await send(sb, springSale(to)), 131056, 429);
    expect((await send(sb, springSale('+16505550000'))).status).toBe(200);

    // The burst borrowed 45 × 6 s; one interval later, one more message is allowed, and only one.
    clock.advance(5999);
    expectGraphError(await send(sb, springSale(to)), 131056, 429);
    clock.advance(1);
    expect((await send(sb, springSale(to))).status).toBe(200);
    expectGraphError(await send(sb, springSale(to)), 131056, 429);
    expect(sb.stats().acceptedByRecipient[to]).toBe(46);
    expect(sb.stats().rejected).toEqual({ 131056: 3 });
  });

  it('pays a burst back at the steady pace: after 20 at once, a full burst again only once 20 × 6 s have passed', async () => {
    const clock = fakeClock();
    sb = await startSandbox({ now: clock.now, pairRate: { burst: 45, intervalMs: 6000 } });
    const to = '+16505551234';
    for (let i = 0; i < 20; i++) expect((await send(sb, springSale(to))).status).toBe(200);
    clock.advance(20 * 6000);
    for (let i = 0; i < 45; i++) expect((await send(sb, springSale(to))).status).toBe(200);
    expectGraphError(await send(sb, springSale(to)), 131056, 429);
  });

  it('takes the pair-rate limit from the options', async () => {
    const clock = fakeClock();
    sb = await startSandbox({ now: clock.now, pairRate: { burst: 1, intervalMs: 6000 } });
    expect((await send(sb, springSale('+16505551234'))).status).toBe(200);
    clock.advance(5999);
    expectGraphError(await send(sb, springSale('+16505551234')), 131056, 429);
    clock.advance(1);
    expect((await send(sb, springSale('+16505551234'))).status).toBe(200);
  });
});
