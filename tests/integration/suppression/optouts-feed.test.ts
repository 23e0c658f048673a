import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/service';
import { startRelay } from '../../../electron/headless/relay';
import {
  SANDBOX_REPLY_NUMBERS as R,
  SANDBOX_TEST_NUMBERS as N,
  ukTwin,
} from '../../../electron/sandbox/test-numbers';
import { parseWebhook } from '../../../shared/domain/status';
import { tempDir } from '../../helpers/tmp';
import { buttonMessage, inboundWebhook, textMessage } from '../../unit/optout/inbound-payloads';
import type { SendHarness } from '../sending/helpers';
import { SPRING_SALE, sentCampaign, statusHarness, until } from '../status/helpers';
import { post, READ, SECRET, VERIFY } from '../status/relay-helpers';
import { callApi } from './helpers';

interface Row {
  phone: string;
  reason: string;
  source: string;
  detail: string | null;
  words: string | null;
  wamid: string | null;
  campaign_id: number | null;
  account_id: number | null;
  event_at: number | null;
}
const rows = (db: { prepare: (s: string) => { all: () => unknown[] } }) =>
  db
    .prepare(
      'SELECT phone, reason, source, detail, words, wamid, campaign_id, account_id, event_at FROM suppression ORDER BY phone',
    )
    .all() as Row[];

describe('opt-outs from the sandbox feed', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('a test number that replies "Stop" and one that taps "Stop promotions" land on the list with the campaign they answered', async () => {
    h = await statusHarness();
    // A marketing template: UK twins of the test numbers (WhatsApp refuses marketing to US numbers).
    const id = await h.campaign(
      'optouts',
      [ukTwin(R.repliesStop.number), ukTwin(R.tapsStopPromotions.number), ukTwin(N.read.number)],
      SPRING_SALE,
    );
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    // The replies come 2 s after the read receipt; the harness polls every 100 ms.
    const listed = await until(
      'both opt-outs',
      () => (rows(h.core.store.sqlite).length === 2 ? rows(h.core.store.sqlite) : undefined),
      20_000,
    );
    const wamidOf = (phone: string) =>
      (
        h.core.store.sqlite.prepare('SELECT wamid FROM recipients WHERE phone = ?').get(phone) as {
          wamid: string;
        }
      ).wamid;
    const accountId = (
      h.core.store.sqlite.prepare('SELECT account_id FROM campaigns WHERE id = ?').get(id) as {
        account_id: number;
      }
    ).account_id;
    expect(listed).toEqual([
      {
        phone: ukTwin(R.repliesStop.number),
        reason: 'Replied "Stop"',
        source: 'reply',
        detail: 'opt-out word "stop" (en)',
        words: 'Stop',
        wamid: wamidOf(ukTwin(R.repliesStop.number)),
        campaign_id: id,
        account_id: accountId,
        event_at: expect.any(Number),
      },
      {
        phone: ukTwin(R.tapsStopPromotions.number),
        reason: 'Tapped "Stop promotions"',
        source: 'button',
        detail: 'opt-out word "stop promotions" (en)',
        words: 'Stop promotions, payload STOP_PROMOTIONS',
        wamid: wamidOf(ukTwin(R.tapsStopPromotions.number)),
        campaign_id: id,
        account_id: accountId,
        event_at: expect.any(Number),
      },
    ]);
    // Meta's timestamp, in whole seconds, after the message was read.
    const readAt = (
      h.core.store.sqlite
        .prepare('SELECT read_at FROM recipients WHERE phone = ?')
        .get(ukTwin(R.repliesStop.number)) as { read_at: number }
    ).read_at;
    expect(listed[0]!.event_at! % 1000).toBe(0);
    expect(listed[0]!.event_at!).toBeGreaterThanOrEqual(readAt);

    // The list method shows them newest first, with the campaign's name.
    const page = await callApi(h.core, 'suppression.list', {});
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => [r.source, r.campaignName])).toEqual(
      expect.arrayContaining([
        ['reply', 'optouts'],
        ['button', 'optouts'],
      ]),
    );

    // The inbound messages are kept raw, once each.
    expect(
      h.core.store.sqlite
        .prepare("SELECT count(*) FROM status_events WHERE kind = 'inbound'")
        .pluck()
        .get(),
    ).toBe(2);
  });
});

describe('opt-outs from the webhook relay', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  async function setup() {
    const dir = tempDir('cd-optout-relay-');
    closers.push(() => dir.cleanup());
    const relay = await startRelay({
      port: 0,
      host: '127.0.0.1',
      verifyToken: VERIFY,
      appSecret: SECRET,
      readToken: READ,
      dataFile: join(dir.path, 'relay.sqlite'),
    });
    closers.push(() => relay.close());
    // message_history is refused: only the relay reports here.
    const graph: Server = createServer((_req, res) => {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: '(#200) no permission', type: 'OAuthException', code: 200 },
        }),
      );
    });
    await new Promise<void>((r) => graph.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => graph.close(() => r())));
    const tokens = {
      tokenFor: (a: { tokenEnv: string | null }) =>
        a.tokenEnv === 'RELAY_READ_TOKEN' ? READ : 'EAAGtestTOKEN0123456789',
    };
    const core = createCore({
      dataDir: join(dir.path, 'data'),
      shell: 'headless',
      externalChangePollMs: 0,
      tokens,
    });
    closers.push(() => core.close());
    const account = await core.handlers['accounts.add']({
      name: 'Shop',
      phoneNumberId: '106540352242922',
      wabaId: '102290129340398',
      tokenEnv: 'WA_TOKEN',
      baseUrl: `http://127.0.0.1:${(graph.address() as AddressInfo).port}`,
    });
    await core.handlers['accounts.setStatusSources']({
      accountId: account.id,
      relayUrl: relay.url,
      relayTokenEnv: 'RELAY_READ_TOKEN',
    });
    return { relay, core, accountId: account.id };
  }

  it('suppresses on Meta-shaped replies, once; a replay, a START and a removal followed by a replay change nothing', async () => {
    const { relay, core, accountId } = await setup();
    const campaignId = sentCampaign(core, accountId, [
      { phone: '+16505551234', wamid: 'wamid.SENT-1' },
      { phone: '+16505551235', wamid: 'wamid.SENT-2' },
      { phone: '+16505551236', wamid: 'wamid.SENT-3' },
    ]);
    const stop = JSON.stringify(
      inboundWebhook(
        [textMessage('STOP!!', { id: 'wamid.IN-1', timestamp: '1750040000' })],
        '16505551234',
      ),
    );
    const tap = JSON.stringify(
      inboundWebhook(
        [
          buttonMessage('Stop promotions', 'STOP_PROMOS', {
            from: '16505551235',
            id: 'wamid.IN-2',
            timestamp: '1750040100',
            context: 'wamid.SENT-2',
          }),
        ],
        '16505551235',
      ),
    );
    const chat = JSON.stringify(
      inboundWebhook(
        [
          textMessage("don't stop, when is the bus stop sale?", {
            from: '16505551236',
            id: 'wamid.IN-3',
          }),
        ],
        '16505551236',
      ),
    );
    for (const b of [stop, tap, chat]) expect((await post(relay, b)).status).toBe(200);

    const first = await core.handlers['campaigns.syncStatus']({ campaignId });
    expect(first.suppressed).toBe(2);
    const listed = rows(core.store.sqlite);
    expect(
      listed.map((r) => [r.phone, r.source, r.words, r.wamid, r.campaign_id, r.event_at]),
    ).toEqual([
      ['+16505551234', 'reply', 'STOP!!', null, null, 1750040000_000],
      [
        '+16505551235',
        'button',
        'Stop promotions, payload STOP_PROMOS',
        'wamid.SENT-2',
        campaignId,
        1750040100_000,
      ],
    ]);
    expect(listed.every((r) => r.account_id === accountId)).toBe(true);

    // Meta retries for up to 7 days: the same bodies again, and a "START" from the first customer.
    await post(relay, stop);
    await post(relay, tap);
    await post(
      relay,
      JSON.stringify(
        inboundWebhook(
          [textMessage('START', { id: 'wamid.IN-4', timestamp: '1750050000' })],
          '16505551234',
        ),
      ),
    );
    const again = await core.handlers['campaigns.syncStatus']({ campaignId });
    expect(again).toMatchObject({ suppressed: 0, duplicates: 2 });
    expect(rows(core.store.sqlite)).toEqual(listed);

    // Taken off by hand, the number stays off when an old webhook is replayed later.
    await callApi(core, 'suppression.remove', {
      phone: '+16505551234',
      note: 'Asked in the shop to get offers again',
    });
    await post(relay, stop);
    await core.handlers['campaigns.syncStatus']({ campaignId });
    expect(rows(core.store.sqlite).map((r) => r.phone)).toEqual(['+16505551235']);
    const removals = await callApi(core, 'suppression.removals', {});
    expect(removals.rows).toEqual([
      expect.objectContaining({
        phone: '+16505551234',
        source: 'reply',
        words: 'STOP!!',
        note: 'Asked in the shop to get offers again',
      }),
    ]);
  });
});

describe('the reconciler on its own', () => {
  it('applies an inbound opt-out in the same transaction as the event, and refuses a replay', () => {
    const dir = tempDir('cd-optout-rec-');
    const core = createCore({ dataDir: dir.path, shell: 'headless', externalChangePollMs: 0 });
    try {
      const observations = parseWebhook(
        inboundWebhook(
          [textMessage('Cancelar suscripción', { from: '5215512345678', id: 'wamid.MX' })],
          '5215512345678',
        ),
      ).observations;
      const batch = { source: 'relay', accountId: null, receivedAt: 1, observations };
      expect(core.status.reconciler.apply(batch)).toMatchObject({ applied: 1, suppressed: 1 });
      expect(core.status.reconciler.apply(batch)).toMatchObject({
        applied: 0,
        duplicates: 1,
        suppressed: 0,
      });
      expect(rows(core.store.sqlite)).toEqual([
        expect.objectContaining({
          phone: '+5215512345678',
          source: 'reply',
          detail: 'opt-out word "cancelar suscripcion" (es)',
        }),
      ]);
    } finally {
      void core.close().then(() => dir.cleanup());
    }
  });
});

describe('opt-outs from username-era webhooks (no phone number)', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('a tap on "Stop promotions" whose webhook has no phone number, only the user id, still suppresses that number', async () => {
    h = await statusHarness();
    const id = await h.campaign(
      'usernames',
      [ukTwin(R.tapsStopAsUsername.number), ukTwin(N.read.number)],
      SPRING_SALE,
    );
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    const listed = await until(
      'the username opt-out',
      () => (rows(h.core.store.sqlite).length === 1 ? rows(h.core.store.sqlite) : undefined),
      20_000,
    );
    expect(listed).toMatchObject([
      { phone: ukTwin(R.tapsStopAsUsername.number), source: 'button', campaign_id: id },
    ]);
    // The user id is stored beside the number, matched through the message the tap answered.
    const stored = h.core.store.sqlite
      .prepare('SELECT user_id FROM recipients WHERE phone = ?')
      .get(ukTwin(R.tapsStopAsUsername.number)) as { user_id: string | null };
    expect(stored.user_id).toMatch(/^GB\.\d{19}$/);
    // Nothing of it was dropped as malformed: the event is kept with its payload.
    const events = h.core.store.sqlite
      .prepare("SELECT payload_json FROM status_events WHERE kind = 'inbound'")
      .all() as { payload_json: string }[];
    expect(events.map((e) => JSON.parse(e.payload_json) as { from?: string })).toEqual([
      expect.not.objectContaining({ from: expect.anything() }),
    ]);
  });
});
