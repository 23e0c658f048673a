import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type MarketingConfig } from '../../../electron/sandbox';
import { fakeClock } from '../../helpers/tmp';
import {
  allEvents,
  expectGraphError,
  get,
  orderConfirmation,
  PHONE_ID,
  postJson,
  send,
  springSale,
  statusesOf,
  WABA_ID,
} from './helpers';

const DAY = 86_400_000;
const mm = (sb: Sandbox, body: unknown) =>
  postJson(sb, `/v23.0/${PHONE_ID}/marketing_messages`, body);
/** Indian numbers: the per-user limit applies there (it does not in the UK or the EEA). */
const indian = (i: number) => `+9198${String(10_000_000 + i).padStart(8, '0')}`;

describe('sandbox: Marketing Messages API', () => {
  let sb: Sandbox | undefined;
  afterEach(async () => {
    await sb?.close();
    sb = undefined;
  });

  const start = async (marketing: MarketingConfig = { onboarding: 'ONBOARDED' }) => {
    const clock = fakeClock();
    const delivery = { sentAfterMs: 1000, deliveredAfterMs: 2000, readAfterMs: 3000, seed: 7 };
    sb = await startSandbox({ now: clock.now, delivery, marketing });
    return { clock, sb };
  };

  it('tells whether the WABA is onboarded, and refuses MM sends until it is', async () => {
    const { sb } = await start({ onboarding: 'ELIGIBLE' });
    const waba = await get<{ marketing_messages_onboarding_status: string }>(
      sb,
      `/v23.0/${WABA_ID}?fields=marketing_messages_onboarding_status`,
    );
    expect(waba.json).toEqual({ id: WABA_ID, marketing_messages_onboarding_status: 'ELIGIBLE' });
    expectGraphError(await mm(sb, springSale('+447911123201')), 100, 400);
    sb.setMarketing({ onboarding: 'ONBOARDED' });
    expect((await mm(sb, springSale('+447911123201'))).status).toBe(200);
  });

  it('prices MM API messages as marketing_lite and Cloud API ones as marketing', async () => {
    const { clock, sb } = await start();
    const viaMm = await mm(
      sb,
      springSale('+447911123201', undefined, { product_policy: 'STRICT' }),
    );
    const viaCloud = await send(sb, springSale('+447911123202'));
    clock.advance(60_000);
    const sent = statusesOf(await allEvents(sb)).filter((s) => s.status === 'sent');
    const category = (id: string | undefined) =>
      (sent.find((s) => s.id === id)?.pricing as { category: string } | undefined)?.category;
    expect(category(viaMm.json.messages[0]?.id)).toBe('marketing_lite');
    expect(category(viaCloud.json.messages[0]?.id)).toBe('marketing');
    expect(sb.state.messages().map((m) => m.route)).toEqual(['marketing_messages', 'cloud']);
  });

  it('sends marketing templates only, and checks its own fields', async () => {
    const { sb } = await start();
    expectGraphError(await mm(sb, orderConfirmation('+447911123201')), 134100, 400);
    const text = { messaging_product: 'whatsapp', to: '+447911123201', type: 'text' };
    expectGraphError(await mm(sb, text), 131055, 400);
    const bad = springSale('+447911123201', undefined, { product_policy: 'LOOSE' });
    expectGraphError(await mm(sb, bad), 100, 400);
    const sharing = springSale('+447911123201', undefined, { message_activity_sharing: 'yes' });
    expectGraphError(await mm(sb, sharing), 100, 400);
    expect(sb.stats().accepted).toBe(0);
  });

  it('a template still syncing: STRICT refuses with 134101, FALLBACK goes through Cloud API', async () => {
    const { clock, sb } = await start();
    sb.syncTemplate('spring_sale', 'en_US', 600_000);
    const strict = springSale('+447911123201', undefined, { product_policy: 'STRICT' });
    expectGraphError(await mm(sb, strict), 134101, 400);
    expect((await mm(sb, springSale('+447911123201'))).status).toBe(200);
    expect(sb.state.messages()[0]?.route).toBe('cloud');
    clock.advance(600_000);
    expect((await mm(sb, strict)).status).toBe(200);
    expect(sb.state.messages()[1]?.route).toBe('marketing_messages');
  });

  it('a WABA with marketing off on Cloud API refuses marketing on /messages (131063) only', async () => {
    const { sb } = await start({ onboarding: 'ONBOARDED', cloudApiMarketingOff: true });
    expectGraphError(await send(sb, springSale('+447911123201')), 131063, 400);
    expect((await send(sb, orderConfirmation('+447911123201'))).status).toBe(200);
    expect((await mm(sb, springSale('+447911123201'))).status).toBe(200);
  });

  it('per-user limit: a share of people get 131049, for 24 h each, never in the UK', async () => {
    const { clock, sb } = await start({ onboarding: 'ONBOARDED', perUserLimitShare: 0.3 });
    const people = Array.from({ length: 400 }, (_, i) => indian(i));
    const failedAfter = async (to: string[]) => {
      const before = new Set(statusesOf(await allEvents(sb)).map((s) => s.id));
      const ids = new Map<string, string>();
      for (const p of to) {
        clock.advance(20); // under the number's 80 per second
        const a = await mm(sb, springSale(p));
        expect(a.status).toBe(200);
        ids.set(a.json.messages[0]!.id, p);
      }
      clock.advance(60_000);
      const failed = statusesOf(await allEvents(sb)).filter(
        (s) =>
          !before.has(s.id) &&
          s.status === 'failed' &&
          (s.errors as { code: number }[] | undefined)?.[0]?.code === 131049,
      );
      return new Set(failed.map((f) => ids.get(f.id)!));
    };
    const limited = await failedAfter(people);
    // The seeded draw lands near the share; the random outcome mix adds a few of its own.
    expect(limited.size).toBeGreaterThan(400 * 0.25);
    expect(limited.size).toBeLessThan(400 * 0.4);

    // Inside the 24 h every person over the limit is refused again (the few random 131049s of the
    // outcome mix, about 4.5 %, are not a limit and may pass).
    clock.advance(DAY / 2);
    const again = await failedAfter([...limited]);
    expect(again.size).toBeGreaterThan(limited.size * 0.85);

    // After 24 h a new, smaller share applies.
    sb.setMarketing({ perUserLimitShare: 0.1 });
    clock.advance(DAY);
    const later = await failedAfter([...limited]);
    expect(later.size).toBeLessThan(limited.size * 0.2);

    // Everybody over the limit, except in the UK: only the outcome mix's few 131049s remain there.
    sb.setMarketing({ perUserLimitShare: 1 });
    clock.advance(DAY);
    const uk = await failedAfter(Array.from({ length: 50 }, (_, i) => `+4479000${10_000 + i}`));
    expect(uk.size).toBeLessThan(50 * 0.15);
    expect((await failedAfter([indian(1000), indian(1001)])).size).toBe(2);
  });
});
