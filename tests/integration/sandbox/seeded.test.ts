import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { fakeClock } from '../../helpers/tmp';
import { allEvents, orderConfirmation, send, springSale, statusesOf } from './helpers';

const numbers = (n: number) =>
  Array.from({ length: n }, (_, i) => `+4477009${String(i).padStart(5, '0')}`);

/** Per recipient: the statuses with their timestamps and error codes, as the feed shows them. */
async function outcomes(sb: Sandbox): Promise<Record<string, string>> {
  const out: Record<string, string[]> = {};
  for (const s of statusesOf(await allEvents(sb))) {
    const code = (s.errors as { code: number }[] | undefined)?.[0]?.code;
    (out[s.recipient_id] ??= []).push(`${s.status}@${s.timestamp}${code ? `#${code}` : ''}`);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join(' ')]));
}

describe('sandbox: seeded outcomes for other numbers', () => {
  const open: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  const run = async (
    seed: number,
    recipients: string[],
    body = (to: string): unknown => springSale(to),
  ) => {
    const clock = fakeClock();
    const sb = await startSandbox({
      now: clock.now,
      ratePerSecond: 100_000,
      delivery: { sentAfterMs: 1000, deliveredAfterMs: 4000, readAfterMs: 20_000, seed },
    });
    open.push(sb);
    for (const to of recipients) {
      expect((await send(sb, body(to))).status).toBe(200);
    }
    clock.advance(120_000);
    return outcomes(sb);
  };

  it('replays identically with the same seed, whatever the send order, and differs with another seed', async () => {
    const list = numbers(150);
    const a = await run(42, list);
    const b = await run(42, [...list].reverse());
    const c = await run(43, list);
    expect(Object.keys(a)).toHaveLength(150);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('gives a realistic mix: mostly delivered, many read, a few failures of each kind', async () => {
    const list = numbers(1000);
    const marketing = await run(7, list);
    const values = Object.values(marketing);
    const count = (re: RegExp) => values.filter((v) => re.test(v)).length;
    const delivered = count(/delivered|read/);
    expect(delivered).toBeGreaterThan(820);
    expect(delivered).toBeLessThan(960);
    const read = count(/read/);
    expect(read / delivered).toBeGreaterThan(0.5);
    expect(read / delivered).toBeLessThan(0.7);
    expect(count(/^sent@\d+ read/)).toBeGreaterThan(10); // read at once: no delivered webhook
    expect(count(/#131026/)).toBeGreaterThan(10);
    expect(count(/#131026/)).toBeLessThan(60);
    expect(count(/#131049/)).toBeGreaterThan(15);
    expect(count(/#131050/)).toBeGreaterThan(0);
    expect(count(/#131050/)).toBeLessThan(count(/#131049/));
    expect(count(/^sent@\d+$/)).toBeGreaterThan(10);

    const utility = Object.values(
      await run(7, list.slice(0, 300), (to) => orderConfirmation(to)),
    ).join('\n');
    expect(utility).not.toMatch(/#13104[9]|#131050/);
  });
});
