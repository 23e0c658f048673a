import { afterEach, describe, expect, it } from 'vitest';
import {
  SANDBOX_TEMPLATES,
  startSandbox,
  type AnalyticsConfig,
  type Sandbox,
} from '../../../electron/sandbox';
import { fakeClock } from '../../helpers/tmp';
import {
  expectGraphError,
  get,
  orderConfirmation,
  postJson,
  send,
  springSale,
  WABA_ID,
  type Paging,
  UK_TEST_NUMBERS,
} from './helpers';

// UK twins: a marketing template to a US number fails with 131049, whatever the number's fate.
const N = UK_TEST_NUMBERS;
const DAY = 86_400_000;
const SPRING = SANDBOX_TEMPLATES.find(
  (t) => t.name === 'spring_sale' && t.language === 'en_US',
)!.id!;
const ORDER = SANDBOX_TEMPLATES.find((t) => t.name === 'order_confirmation')!.id!;

interface Point {
  template_id: string;
  start: number;
  end: number;
  sent: number;
  delivered: number;
  read: number;
  clicked: { type: string; button_content: string; count: number }[];
  cost: { type: string; value: number }[];
}
interface Page {
  data: { granularity: string; product_type: string; data_points: Point[] }[];
  paging: Paging;
}

describe('sandbox: GET template_analytics', () => {
  let sb: Sandbox | undefined;
  afterEach(() => sb?.close());

  // 10:00 UTC: the day's start is 10 hours back.
  const start = async (analytics: AnalyticsConfig = {}) => {
    const clock = fakeClock(Date.UTC(2026, 10, 23, 10, 0, 0));
    sb = await startSandbox({
      now: clock.now,
      delivery: { sentAfterMs: 1000, deliveredAfterMs: 2000, readAfterMs: 3000 },
      analytics: { countDelayMs: 5000, ...analytics },
    });
    return { clock, sb };
  };
  const day = (ms: number) => ms - (ms % DAY);
  const query = (from: number, to: number, ids: string[], extra = '') =>
    `/v23.0/${WABA_ID}/template_analytics?start=${Math.floor(from / 1000)}&end=${Math.floor(to / 1000)}&granularity=DAILY&metric_types=${encodeURIComponent('["SENT","DELIVERED","READ","CLICKED","COST"]')}&template_ids=[${ids.join(',')}]${extra}`;

  it("counts what it accepted by UTC day, reads only after the delay, in Meta's shape", async () => {
    const { clock, sb } = await start();
    const today = day(clock.now());
    for (const to of [
      N.read.number,
      N.deliveredNeverRead.number,
      N.notOnWhatsApp.number,
      N.neverDelivered.number,
    ])
      expect((await send(sb, springSale(to))).status).toBe(200);
    expect((await send(sb, orderConfirmation(N.read.number))).status).toBe(200);

    const page = async () =>
      (await get<Page>(sb, query(clock.now(), clock.now() + 1, [SPRING, ORDER]))).json;
    const at0 = await page();
    expect(at0.data).toHaveLength(1);
    expect(at0.data[0]).toMatchObject({ granularity: 'DAILY', product_type: 'cloud_api' });
    expect(at0.data[0]!.data_points.map((p) => [p.template_id, p.start, p.end, p.sent])).toEqual([
      [SPRING, today / 1000, (today + DAY) / 1000, 0],
      [ORDER, today / 1000, (today + DAY) / 1000, 0],
    ]);

    clock.advance(3000);
    const played = (await page()).data[0]!.data_points[0]!;
    // Sent: read, delivered-never-read and never-delivered (the 131026 one failed instead).
    expect(played).toMatchObject({ sent: 3, delivered: 2, read: 0 });
    expect(played.clicked.map((c) => [c.type, c.button_content])).toEqual([
      ['url_button', 'See the deals'],
      ['unique_url_button', 'See the deals'],
      ['quick_reply_button', 'Stop promotions'],
    ]);
    const spent = played.cost.find((c) => c.type === 'amount_spent')!.value;
    expect(spent).toBeGreaterThan(0);
    expect(played.cost.find((c) => c.type === 'cost_per_delivered')!.value).toBeCloseTo(
      spent / 2,
      6,
    );

    clock.advance(5000);
    expect((await page()).data[0]!.data_points[0]).toMatchObject({
      sent: 3,
      delivered: 2,
      read: 1,
    });
    // A day without traffic is a point of zeros; a day outside the range is not there.
    const yesterday = (await get<Page>(sb, query(today - DAY, today - 1, [SPRING]))).json.data[0]!
      .data_points;
    expect(yesterday).toEqual([
      expect.objectContaining({ start: (today - DAY) / 1000, sent: 0, delivered: 0, read: 0 }),
    ]);
  });

  it('simulates clicks on URL and quick-reply buttons of read messages, the same on every run', async () => {
    const clicks = async () => {
      const { clock, sb: s } = await start({ countDelayMs: 0 });
      for (let i = 0; i < 40; i++) await send(s, springSale(`+4479110${40000 + i}`));
      clock.advance(60_000);
      const p = (await get<Page>(s, query(clock.now(), clock.now() + 1, [SPRING]))).json.data[0]!
        .data_points[0]!;
      await s.close();
      sb = undefined;
      return p;
    };
    const a = await clicks();
    const b = await clicks();
    expect(a.clicked).toEqual(b.clicked);
    const all = a.clicked.find((c) => c.type === 'url_button')!.count;
    const url = a.clicked.find((c) => c.type === 'unique_url_button')!.count;
    const quick = a.clicked.find((c) => c.type === 'quick_reply_button')!.count;
    expect(url).toBeGreaterThan(0);
    expect(quick).toBeGreaterThan(0);
    // Some people open the link twice: Meta's url_button counts every click, unique_url_button each person once.
    expect(all).toBeGreaterThan(url);
    // Only read messages are clicked, each person at most once per button.
    expect(url).toBeLessThanOrEqual(a.read);
    expect(quick).toBeLessThanOrEqual(a.read);
  });

  it('pages the data points with cursors', async () => {
    const { clock, sb } = await start({ pageSize: 4 });
    const from = day(clock.now()) - 9 * DAY;
    const first = (await get<Page>(sb, query(from, clock.now(), [SPRING]))).json;
    expect(first.data[0]!.data_points).toHaveLength(4);
    expect(first.paging.next).toBeDefined();
    const seen = [...first.data[0]!.data_points];
    let next = first.paging.next;
    while (next) {
      const p = (await get<Page>(sb, next)).json;
      seen.push(...p.data[0]!.data_points);
      next = p.paging.next;
    }
    expect(seen.map((p) => p.start)).toEqual(
      Array.from({ length: 10 }, (_, i) => (from + i * DAY) / 1000),
    );
  });

  it('refuses like Meta: more than 10 template ids, more than 90 days back, another granularity, no token', async () => {
    const { clock, sb } = await start();
    const now = clock.now();
    const ids = Array.from({ length: 11 }, (_, i) => String(1000000000000001 + i));
    expectGraphError(await get(sb, query(now, now + 1, ids)), 100, 400);
    expectGraphError(await get(sb, query(now - 91 * DAY, now, [SPRING])), 100, 400);
    expectGraphError(
      await get(sb, query(now, now + 1, [SPRING]).replace('DAILY', 'HALF_HOUR')),
      100,
      400,
    );
    expectGraphError(
      await get(
        sb,
        `/v23.0/${WABA_ID}/template_analytics?granularity=DAILY&template_ids=[${SPRING}]`,
      ),
      100,
      400,
    );
    expectGraphError(await get(sb, query(now, now + 1, [SPRING]), null), 190, 401);
    expectGraphError(
      await get(sb, query(now, now + 1, [SPRING]).replace(WABA_ID, '999')),
      100,
      400,
    );
    expect((await get(sb, query(now - 89 * DAY, now, [SPRING]))).status).toBe(200);
  });

  it('answers "not enabled" until the WABA opts in, and the opt-in cannot be undone', async () => {
    const { clock, sb } = await start({ enabled: false });
    const now = clock.now();
    const refused = await get(sb, query(now, now + 1, [SPRING]));
    expectGraphError(refused, 200007, 400);
    expect(sb.state.analyticsEnabled()).toBe(false);
    expectGraphError(
      await postJson(sb, `/v23.0/${WABA_ID}?is_enabled_for_insights=false`, ''),
      200006,
      400,
    );
    const enabled = await postJson<{ id: string }>(
      sb,
      `/v23.0/${WABA_ID}?is_enabled_for_insights=true`,
      '',
    );
    expect(enabled).toEqual({ status: 200, json: { id: WABA_ID } });
    expect(sb.state.analyticsEnabled()).toBe(true);
    expect((await get(sb, query(now, now + 1, [SPRING]))).status).toBe(200);
  });

  it('refuses without permission (403, code 200) or when rate limited (429, code 4) when told to', async () => {
    const a = await start({ refuse: 'permission' });
    expectGraphError(await get(a.sb, query(a.clock.now(), a.clock.now() + 1, [SPRING])), 200, 403);
    await a.sb.close();
    const b = await start({ refuse: 'rate_limit' });
    expectGraphError(await get(b.sb, query(b.clock.now(), b.clock.now() + 1, [SPRING])), 4, 429);
  });

  it('answers "not offered" for a WABA in an unsupported region, also to the opt-in', async () => {
    const { clock, sb } = await start({ unsupportedRegion: true });
    expectGraphError(await get(sb, query(clock.now(), clock.now() + 1, [SPRING])), 200005, 400);
    expectGraphError(
      await postJson(sb, `/v23.0/${WABA_ID}?is_enabled_for_insights=true`, ''),
      200005,
      400,
    );
  });
});
