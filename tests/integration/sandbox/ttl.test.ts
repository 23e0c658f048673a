import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { PHONE_OFF_MS } from '../../../electron/sandbox/delivery';
import { SANDBOX_TEST_NUMBERS } from '../../../electron/sandbox/test-numbers';
import { fakeClock } from '../../helpers/tmp';
import {
  allEvents,
  expectGraphError,
  get,
  ladders,
  PHONE_ID,
  postJson,
  send,
  springSale,
  type TemplatesPage,
  WABA_ID,
} from './helpers';

const HOUR = 3_600_000;
const OFF = SANDBOX_TEST_NUMBERS.phoneOffForADay.number;
const mm = (sb: Sandbox, body: unknown) =>
  postJson(sb, `/v23.0/${PHONE_ID}/marketing_messages`, body);

const marketingDraft = (name: string, ttl: unknown) => ({
  name,
  language: 'en_US',
  category: 'MARKETING',
  message_send_ttl_seconds: ttl,
  components: [{ type: 'BODY', text: 'Flash sale: 30% off until midnight.' }],
});

// Meta's time-to-live (electron/sandbox/ttl.ts says what is verified and what is assumed).
describe('sandbox: message time-to-live', () => {
  let sb: Sandbox | undefined;
  afterEach(async () => {
    await sb?.close();
    sb = undefined;
  });

  const start = async () => {
    const clock = fakeClock();
    const delivery = { sentAfterMs: 1000, deliveredAfterMs: 2000, readAfterMs: 3000, seed: 7 };
    sb = await startSandbox({ now: clock.now, delivery, marketing: { onboarding: 'ONBOARDED' } });
    return { clock, sb };
  };
  const templates = `/v23.0/${WABA_ID}/message_templates`;
  const springSaleId = async (sb: Sandbox) => {
    const page = await get<TemplatesPage>(sb, `${templates}?limit=100`);
    const t = page.json.data.find((x) => x.name === 'spring_sale' && x.language === 'en_US');
    return typeof t?.id === 'string' ? t.id : 'missing';
  };

  it('takes message_send_ttl_seconds on a template within each category range', async () => {
    const { sb } = await start();
    expectGraphError(await postJson(sb, templates, marketingDraft('too_short', 3600)), 100, 400);
    expectGraphError(
      await postJson(sb, templates, marketingDraft('too_long', 2_592_001)),
      100,
      400,
    );
    // -1 (30 days) is for authentication and utility templates only.
    expectGraphError(await postJson(sb, templates, marketingDraft('minus_one', -1)), 100, 400);
    expectGraphError(await postJson(sb, templates, marketingDraft('words', '12h')), 100, 400);
    const made = await postJson<{ id: string }>(sb, templates, marketingDraft('flash', 43_200));
    expect(made.status).toBe(200);
    const read = await get<{ message_send_ttl_seconds?: number }>(sb, `/v23.0/${made.json.id}`);
    expect(read.json.message_send_ttl_seconds).toBe(43_200);

    const utility = {
      ...marketingDraft('pickup', -1),
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Your order is ready.' }],
    };
    const u = await postJson<{ id: string }>(sb, templates, utility);
    expect(u.status).toBe(200);
    const uRead = await get<{ message_send_ttl_seconds?: number }>(sb, `/v23.0/${u.json.id}`);
    expect(uRead.json.message_send_ttl_seconds).toBe(30 * 86_400);
  });

  it('a TTL-only edit keeps an approved template approved', async () => {
    const { sb } = await start();
    const id = await springSaleId(sb);
    const edited = await postJson(sb, `/v23.0/${id}`, { message_send_ttl_seconds: 86_400 });
    expect(edited.status).toBe(200);
    const read = await get<{ status: string; message_send_ttl_seconds?: number }>(
      sb,
      `/v23.0/${id}`,
    );
    expect(read.json).toMatchObject({ status: 'APPROVED', message_send_ttl_seconds: 86_400 });
    expectGraphError(
      await postJson(sb, `/v23.0/${id}`, { message_send_ttl_seconds: 60 }),
      100,
      400,
    );
  });

  it('MM API: a phone off longer than the TTL never gets it; Cloud API keeps 30 days', async () => {
    const { clock, sb } = await start();
    const id = await springSaleId(sb);
    await postJson(sb, `/v23.0/${id}`, { message_send_ttl_seconds: 43_200 });
    const viaMm = await mm(sb, springSale(OFF));
    const viaCloud = await send(sb, springSale(OFF));
    expect(viaMm.status).toBe(200);
    expect(viaCloud.status).toBe(200);
    // Longer TTL on the MM API: delivered when the phone comes back.
    await postJson(sb, `/v23.0/${id}`, { message_send_ttl_seconds: 2 * 86_400 });
    const longTtl = await mm(sb, springSale(OFF));

    clock.advance(11 * HOUR);
    let seen = ladders(await allEvents(sb));
    expect(seen.get(viaMm.json.messages?.[0]?.id ?? '')).toEqual(['sent']);

    clock.advance(PHONE_OFF_MS);
    seen = ladders(await allEvents(sb));
    // Meta documents no webhook for an expired message: "assume the message was dropped".
    expect(seen.get(viaMm.json.messages?.[0]?.id ?? '')).toEqual(['sent']);
    expect(seen.get(viaCloud.json.messages?.[0]?.id ?? '')).toEqual(['sent', 'delivered']);
    expect(seen.get(longTtl.json.messages?.[0]?.id ?? '')).toEqual(['sent', 'delivered']);
    const routes = sb.state.messages().map((m) => m.route);
    expect(routes).toEqual(['marketing_messages', 'cloud', 'marketing_messages']);
  });
});
