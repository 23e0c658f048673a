import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { fakeClock } from '../../helpers/tmp';
import { allEvents, ladders, orderConfirmation, send, springSale, statusesOf } from './helpers';

describe('sandbox: marketing to US numbers', () => {
  let sb: Sandbox | undefined;
  afterEach(() => sb?.close());

  it('accepts a marketing template to a US number and fails it with 131049, as Meta has since April 2025; utility and Canada go through', async () => {
    const clock = fakeClock();
    sb = await startSandbox({
      now: clock.now,
      delivery: { sentAfterMs: 10, deliveredAfterMs: 20, readAfterMs: 30 },
    });
    const wamid = async (body: unknown) => {
      const a = await send(sb!, body);
      expect(a.status).toBe(200);
      return a.json.messages[0]!.id;
    };
    // Numbers that are no test numbers: the seeded mix delivers these two, so only the rule decides.
    const usMarketing = await wamid(springSale('+16505551236'));
    const usUtility = await wamid(orderConfirmation('+16505551235'));
    const canadaMarketing = await wamid(springSale('+16475551234'));
    clock.advance(60_000);
    const events = await allEvents(sb);
    const byWamid = ladders(events);
    expect(byWamid.get(usMarketing)).toEqual(['failed']);
    const failure = statusesOf(events).find((s) => s.id === usMarketing);
    expect((failure?.errors as { code: number }[] | undefined)?.[0]?.code).toBe(131049);
    expect(byWamid.get(usUtility)?.at(-1)).not.toBe('failed');
    expect(byWamid.get(canadaMarketing)?.at(-1)).not.toBe('failed');
  });
});
