import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { fakeClock } from '../../helpers/tmp';
import {
  allEvents,
  expectGraphError,
  get,
  ladders,
  PHONE_ID,
  send,
  springSale,
  type Answer,
  type HistoryPage,
  UK_TEST_NUMBERS,
} from './helpers';

// UK twins: a marketing template to a US number fails with 131049, whatever the number's fate.
const N = UK_TEST_NUMBERS;
const path = `/v23.0/${PHONE_ID}/message_history`;
const EVENTS =
  'id,message_id,events{delivery_status,timestamp,webhook_update_state,error_description}';

describe('sandbox: GET message_history', () => {
  let sb: Sandbox | undefined;
  afterEach(() => sb?.close());

  const start = async () => {
    const clock = fakeClock();
    sb = await startSandbox({
      now: clock.now,
      delivery: { sentAfterMs: 1000, deliveredAfterMs: 2000, readAfterMs: 3000 },
    });
    const wamid = async (to: string) => (await send(sb!, springSale(to))).json.messages[0]!.id;
    return { clock, sb, wamid };
  };

  it('shows only the events already played out, in the OpenAPI shape', async () => {
    const { clock, sb, wamid } = await start();
    const t0 = clock.now();
    const id = await wamid(N.read.number);
    const byId = async () =>
      (await get<HistoryPage>(sb, `${path}?message_id=${encodeURIComponent(id)}&fields=${EVENTS}`))
        .json;

    expect(await byId()).toEqual({
      data: [{ id: expect.stringMatching(/^\d+$/), message_id: id, events: { data: [] } }],
    });
    clock.advance(2000);
    expect((await byId()).data[0]!.events?.data).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        delivery_status: 'SENT',
        timestamp: Math.floor((t0 + 1000) / 1000),
        webhook_update_state: 'DELIVERED',
      },
      {
        id: expect.stringMatching(/^\d+$/),
        delivery_status: 'DELIVERED',
        timestamp: Math.floor((t0 + 2000) / 1000),
        webhook_update_state: 'DELIVERED',
      },
    ]);
    clock.advance(1000);
    expect((await byId()).data[0]!.events?.data.map((e) => e.delivery_status)).toEqual([
      'SENT',
      'DELIVERED',
      'READ',
    ]);
  });

  it('describes failures in words only, and lists Meta-side events even when their webhook is late', async () => {
    const { clock, sb, wamid } = await start();
    const failed = await wamid(N.notOnWhatsApp.number);
    const late = await wamid(N.readBeforeDelivered.number);
    clock.advance(3000);
    const f = (
      await get<HistoryPage>(
        sb,
        `${path}?message_id=${encodeURIComponent(failed)}&fields=${EVENTS}`,
      )
    ).json.data[0]!.events?.data;
    expect(f).toEqual([
      {
        id: expect.any(String),
        delivery_status: 'FAILED',
        timestamp: expect.any(Number),
        webhook_update_state: 'DELIVERED',
        error_description: expect.stringMatching(/\S/),
      },
    ]);
    const l = (
      await get<HistoryPage>(sb, `${path}?message_id=${encodeURIComponent(late)}&fields=events`)
    ).json.data[0]!.events?.data;
    expect(l?.map((e) => e.delivery_status)).toEqual(['SENT', 'DELIVERED', 'READ']);
    // ...while its delivered webhook has not reached the relay yet.
    expect(ladders(await allEvents(sb)).get(late)).toEqual(['sent', 'read']);
  });

  it('defaults to id and message_id and pages newest first until next is absent', async () => {
    const { sb, wamid } = await start();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await wamid(`+1650555000${i}`));
    const seen: string[] = [];
    let url: string | undefined = `${path}?limit=2`;
    while (url !== undefined) {
      const a: Answer<HistoryPage> = await get<HistoryPage>(sb, url);
      expect(a.status).toBe(200);
      for (const entry of a.json.data) {
        expect(Object.keys(entry).sort()).toEqual(['id', 'message_id']);
        seen.push(entry.message_id);
      }
      url = a.json.paging?.next;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('answers 422 code 100 for an unknown message_id and checks the token', async () => {
    const { sb } = await start();
    expectGraphError(await get(sb, `${path}?message_id=wamid.nope`), 100, 422);
    expectGraphError(await get(sb, path, 'wrong'), 190, 401);
  });
});
