import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { userIdOf } from '../../../electron/sandbox/webhooks';
import { fakeClock } from '../../helpers/tmp';
import {
  allEvents,
  changeOf,
  DISPLAY_NUMBER,
  feedPage,
  ladders,
  orderConfirmation,
  PHONE_ID,
  send,
  springSale,
  statusesOf,
  WABA_ID,
  UK_TEST_NUMBERS,
} from './helpers';

// UK twins: a marketing template to a US number fails with 131049, whatever the number's fate.
const N = UK_TEST_NUMBERS;
const delivery = { sentAfterMs: 1000, deliveredAfterMs: 2000, readAfterMs: 3000, seed: 1 };
const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe('sandbox: delivery playout of the test numbers', () => {
  let sb: Sandbox | undefined;
  afterEach(() => sb?.close());

  const start = async () => {
    const clock = fakeClock();
    sb = await startSandbox({ now: clock.now, delivery });
    return { clock, sb };
  };

  const wamidOf = async (
    s: Sandbox,
    to: string,
    body = springSale(to, ['Maria', '20%'], { biz_opaque_callback_data: `row:${to}` }),
  ) => {
    const a = await send(s, body);
    expect(a.status).toBe(200);
    return a.json.messages[0]!.id;
  };

  it("plays each documented outcome in order, with Meta's exact status payload", async () => {
    const { clock, sb } = await start();
    const t0 = clock.now();
    const ids = {
      read: await wamidOf(sb, N.read.number),
      deliveredNeverRead: await wamidOf(sb, N.deliveredNeverRead.number),
      notOnWhatsApp: await wamidOf(sb, N.notOnWhatsApp.number),
      marketingLimit: await wamidOf(sb, N.marketingLimit.number),
      optedOut: await wamidOf(sb, N.optedOutOfMarketing.number),
      neverDelivered: await wamidOf(sb, N.neverDelivered.number),
      readAtOnce: await wamidOf(sb, N.readAtOnce.number),
    };
    expect(await allEvents(sb)).toEqual([]);

    clock.advance(999);
    expect(await allEvents(sb)).toEqual([]);
    clock.advance(1);
    const first = ladders(await allEvents(sb));
    expect(first.get(ids.read)).toEqual(['sent']);
    expect(first.get(ids.notOnWhatsApp)).toEqual(['failed']);

    clock.advance(60_000);
    const events = await allEvents(sb);
    const l = ladders(events);
    expect(l.get(ids.read)).toEqual(['sent', 'delivered', 'read']);
    expect(l.get(ids.deliveredNeverRead)).toEqual(['sent', 'delivered']);
    expect(l.get(ids.notOnWhatsApp)).toEqual(['failed']);
    expect(l.get(ids.marketingLimit)).toEqual(['failed']);
    expect(l.get(ids.optedOut)).toEqual(['failed']);
    expect(l.get(ids.neverDelivered)).toEqual(['sent']);
    expect(l.get(ids.readAtOnce)).toEqual(['sent', 'read']);

    const readBodies = events
      .filter((e) => changeOf(e).value.statuses?.[0]?.id === ids.read)
      .map((e) => e.body);
    expect(readBodies[0]).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: WABA_ID,
          changes: [
            {
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: PHONE_ID },
                statuses: [
                  {
                    id: ids.read,
                    status: 'sent',
                    timestamp: seconds(t0 + 1000),
                    recipient_id: '447911123201',
                    biz_opaque_callback_data: 'row:+447911123201',
                    pricing: {
                      billable: true,
                      pricing_model: 'PMP',
                      type: 'regular',
                      category: 'marketing',
                    },
                  },
                ],
              },
              field: 'messages',
            },
          ],
        },
      ],
    });
    const readStatuses = statusesOf(events).filter((s) => s.id === ids.read);
    expect(readStatuses.map((s) => s.timestamp)).toEqual([
      seconds(t0 + 1000),
      seconds(t0 + 2000),
      seconds(t0 + 3000),
    ]);
    // Pricing rides on `sent` and on ONE of delivered/read.
    expect(readStatuses.map((s) => s.pricing !== undefined)).toEqual([true, true, false]);
    expect(
      statusesOf(events).find((s) => s.id === ids.readAtOnce && s.status === 'read')?.pricing,
    ).toBeDefined();

    const failures = statusesOf(events).filter((s) => s.status === 'failed');
    const codes = Object.fromEntries(
      failures.map((s) => [s.recipient_id, (s.errors as { code: number }[])[0]!.code]),
    );
    expect(codes).toEqual({
      '447911123203': 131026,
      '447911123204': 131049,
      '447911123205': 131050,
    });
    expect(failures.find((s) => s.recipient_id === '447911123204')).toEqual({
      id: ids.marketingLimit,
      status: 'failed',
      timestamp: seconds(t0 + 1000),
      recipient_id: '447911123204',
      biz_opaque_callback_data: 'row:+447911123204',
      errors: [
        {
          code: 131049,
          title: 'This message was not delivered to maintain healthy ecosystem engagement.',
          message: 'This message was not delivered to maintain healthy ecosystem engagement.',
          error_data: {
            details:
              'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
          },
          href: '/documentation/business-messaging/whatsapp/support/error-codes',
        },
      ],
    });
    // receivedAt is when the relay got it: the playout time.
    expect(events.every((e, i) => i === 0 || e.receivedAt >= events[i - 1]!.receivedAt)).toBe(true);
  });

  it('spares utility templates from the marketing-only failures', async () => {
    const { clock, sb } = await start();
    const limited = await wamidOf(
      sb,
      N.marketingLimit.number,
      orderConfirmation(N.marketingLimit.number),
    );
    const optedOut = await wamidOf(
      sb,
      N.optedOutOfMarketing.number,
      orderConfirmation(N.optedOutOfMarketing.number),
    );
    clock.advance(60_000);
    const l = ladders(await allEvents(sb));
    expect(l.get(limited)).toEqual(['sent', 'delivered']);
    expect(l.get(optedOut)).toEqual(['sent', 'delivered']);
  });

  it('delivers a late delivered webhook after the read one, and duplicates for the duplicate number', async () => {
    const { clock, sb } = await start();
    const late = await wamidOf(sb, N.readBeforeDelivered.number);
    const dup = await wamidOf(sb, N.duplicateWebhooks.number);
    clock.advance(60_000);
    const events = await allEvents(sb);
    const lateStatuses = statusesOf(events).filter((s) => s.id === late);
    expect(lateStatuses.map((s) => s.status)).toEqual(['sent', 'read', 'delivered']);
    const ts = Object.fromEntries(lateStatuses.map((s) => [s.status, Number(s.timestamp)]));
    expect(ts.delivered).toBeLessThanOrEqual(ts.read!);
    expect(ladders(events).get(dup)).toEqual([
      'sent',
      'sent',
      'delivered',
      'delivered',
      'read',
      'read',
    ]);
  });

  it('hands out cursors in visibility order, so a poller never misses a late event', async () => {
    const { clock, sb } = await start();
    await wamidOf(sb, N.readBeforeDelivered.number);
    clock.advance(500);
    await wamidOf(sb, N.read.number);
    await wamidOf(sb, N.duplicateWebhooks.number);
    const seen: string[] = [];
    let after: string | null = null;
    for (let step = 0; step < 40; step++) {
      clock.advance(250);
      const q: string = after === null ? '' : `&after=${after}`;
      const r = await fetch(`${sb.url}/events?limit=2${q}`, {
        headers: { Authorization: `Bearer ${sb.feedToken}` },
      });
      const page = (await r.json()) as { events: { cursor: string }[]; next: string | null };
      for (const e of page.events) seen.push(e.cursor);
      after = page.events.at(-1)?.cursor ?? after;
    }
    const all = (await allEvents(sb)).map((e) => e.cursor);
    expect(seen).toEqual(all);
    expect(all).toHaveLength(3 + 3 + 6);
    expect([...all].sort()).toEqual(all);
  });

  it('serves the feed with a bearer token, bounded pages and a next cursor while more events are visible', async () => {
    const { clock, sb } = await start();
    for (let i = 0; i < 3; i++) await wamidOf(sb, `+1650555000${i}`);
    clock.advance(60_000);
    const all = await allEvents(sb);
    expect(all.length).toBeGreaterThanOrEqual(3);

    const first = await feedPage(sb, null, 2);
    expect(first.events.map((e) => e.cursor)).toEqual(all.slice(0, 2).map((e) => e.cursor));
    expect(first.next).toBe(first.events[1]!.cursor);
    const rest = await feedPage(sb, first.next, 1000);
    expect(rest.events.map((e) => e.cursor)).toEqual(all.slice(2).map((e) => e.cursor));
    expect(rest.next).toBeNull();
    expect(await feedPage(sb, all.at(-1)!.cursor)).toEqual({ events: [], next: null });

    const feed = (query: string, token?: string) =>
      fetch(
        `${sb.url}/events${query}`,
        token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } },
      );
    expect((await feed('')).status).toBe(401);
    expect((await feed('', 'sandbox-token')).status).toBe(401);
    expect((await feed('?after=abc', sb.feedToken)).status).toBe(400);
    expect((await feed('?limit=0', sb.feedToken)).status).toBe(400);
  });

  it('puts injected replies in the feed as inbound messages webhooks', async () => {
    const { clock, sb } = await start();
    const wamid = await wamidOf(sb, '+16505551234');
    const textId = sb.injectInbound({ from: '+16505551234', text: 'STOP', name: 'Jessica' });
    const tapId = sb.injectInbound({
      from: '16505551234',
      buttonPayload: 'STOP_PROMOS',
      buttonText: 'Stop promotions',
    });
    // A username-era webhook: the customer named by user id only, no phone number anywhere.
    const hiddenId = sb.injectInbound({ from: '16505551234', text: 'hello', phoneHidden: true });
    const events = await allEvents(sb);
    const USER = userIdOf('16505551234');
    expect(USER).toMatch(/^US\.\d{19}$/);
    const hidden = changeOf(events.at(-1)!).value as { contacts: object[]; messages: object[] };
    expect(hidden.contacts).toEqual([{ profile: { name: 'Sandbox Customer' }, user_id: USER }]);
    expect(hidden.messages).toEqual([
      expect.objectContaining({ id: hiddenId, from_user_id: USER, text: { body: 'hello' } }),
    ]);
    expect(hidden.messages[0]).not.toHaveProperty('from');
    expect(events.slice(0, 2).map((e) => changeOf(e).value)).toEqual([
      {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: PHONE_ID },
        // Since 2026 Meta adds the business-scoped user id beside the number (cloud-api.md §13).
        contacts: [{ profile: { name: 'Jessica' }, wa_id: '16505551234', user_id: USER }],
        messages: [
          {
            from: '16505551234',
            from_user_id: USER,
            id: textId,
            timestamp: seconds(clock.now()),
            type: 'text',
            text: { body: 'STOP' },
          },
        ],
      },
      {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: PHONE_ID },
        contacts: [{ profile: { name: 'Sandbox Customer' }, wa_id: '16505551234', user_id: USER }],
        messages: [
          {
            context: { from: DISPLAY_NUMBER, id: wamid },
            from: '16505551234',
            from_user_id: USER,
            id: tapId,
            timestamp: seconds(clock.now()),
            type: 'button',
            button: { payload: 'STOP_PROMOS', text: 'Stop promotions' },
          },
        ],
      },
    ]);
  });
});
