import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, sign, startRelay } from '../../../electron/headless/relay';
import { page, post, READ, SECRET, VERIFY } from './relay-helpers';
import { tempDir } from '../../helpers/tmp';
import {
  FAILED_STATUS,
  SENT_WEBHOOK,
  status,
  statusWebhook,
} from '../../unit/status/meta-payloads';

describe('webhook relay server', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });
  const start = async (file?: string) => {
    const dir = tempDir('cd-relay-');
    closers.push(() => dir.cleanup());
    const relay = await startRelay({
      port: 0,
      host: '127.0.0.1',
      verifyToken: VERIFY,
      appSecret: SECRET,
      readToken: READ,
      dataFile: file ?? join(dir.path, 'relay.sqlite'),
    });
    closers.push(() => relay.close());
    return relay;
  };

  it("answers Meta's verification handshake with the challenge as plain text, and refuses a wrong token", async () => {
    const relay = await start();
    const ok = await fetch(
      `${relay.url}/webhook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('1158201444');
    for (const q of [
      'hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong',
      'hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=' + VERIFY,
      'hub.challenge=1',
    ]) {
      expect((await fetch(`${relay.url}/webhook?${q}`)).status).toBe(403);
    }
  });

  it('stores a correctly signed POST and serves it back in the sandbox feed shape', async () => {
    const relay = await start();
    const raw = JSON.stringify(SENT_WEBHOOK);
    expect(await post(relay, raw)).toEqual({
      status: 200,
      text: JSON.stringify({ ok: true, cursor: '000000000001' }),
    });
    const p = await page(relay);
    expect(p.status).toBe(200);
    expect(p.json.events).toEqual([
      { cursor: '000000000001', receivedAt: expect.any(Number), body: SENT_WEBHOOK },
    ]);
    expect(p.json.next).toBeNull();
  });

  it('rejects and counts unsigned and wrongly signed POSTs, a huge body and malformed JSON; stores none of them', async () => {
    const relay = await start();
    const raw = JSON.stringify(statusWebhook([FAILED_STATUS]));
    expect((await post(relay, raw, null)).status).toBe(401);
    expect((await post(relay, raw, sign(raw, 'another-secret'))).status).toBe(403);
    expect((await post(relay, raw, sign(`${raw} `, SECRET))).status).toBe(403);
    expect((await post(relay, raw, 'sha256=nothex')).status).toBe(403);
    const huge = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    expect((await post(relay, huge)).status).toBe(413);
    expect((await post(relay, '{"entry": [')).status).toBe(400);
    expect((await post(relay, '[1,2]')).status).toBe(400);
    expect(relay.counters()).toMatchObject({
      accepted: 0,
      unsigned: 1,
      badSignature: 3,
      tooLarge: 1,
      malformed: 2,
    });
    expect((await page(relay)).json.events).toEqual([]);
    // Anyone may see that the relay is up; only the app (read token) sees its counters.
    expect(await (await fetch(`${relay.url}/health`)).text()).toBe('ok');
    const health = (await (
      await fetch(`${relay.url}/health`, { headers: { Authorization: `Bearer ${READ}` } })
    ).json()) as { ok: boolean; counters: Record<string, number> };
    expect(health).toMatchObject({ ok: true, counters: { badSignature: 3 } });
  });

  it('serves the feed only with the read token, pages by cursor (default 100, at most 1,000)', async () => {
    const relay = await start();
    expect((await page(relay, '', undefined, 'wrong')).status).toBe(401);
    expect((await fetch(`${relay.url}/events`)).status).toBe(401);
    for (let i = 0; i < 5; i++)
      await post(
        relay,
        JSON.stringify(statusWebhook([status(`wamid.${i}`, 'sent', 1750030073 + i)])),
      );
    const first = await page(relay, '', 2);
    expect(first.json.events.map((e) => e.cursor)).toEqual(['000000000001', '000000000002']);
    expect(first.json.next).toBe('000000000002');
    const rest = await page(relay, first.json.next!, 5000);
    expect(rest.json.events.map((e) => e.cursor)).toEqual([
      '000000000003',
      '000000000004',
      '000000000005',
    ]);
    expect(rest.json.next).toBeNull();
    expect((await page(relay, 'abc')).status).toBe(400);
  });

  it('keeps events and cursors across a restart (durable SQLite file, cursors never reused)', async () => {
    const dir = tempDir('cd-relay-');
    closers.push(() => dir.cleanup());
    const file = join(dir.path, 'relay.sqlite');
    const one = await startRelay({
      port: 0,
      host: '127.0.0.1',
      verifyToken: VERIFY,
      appSecret: SECRET,
      readToken: READ,
      dataFile: file,
    });
    await post(one, JSON.stringify(SENT_WEBHOOK));
    await one.close();
    const two = await start(file);
    await post(two, JSON.stringify(statusWebhook([FAILED_STATUS])));
    expect((await page(two)).json.events.map((e) => e.cursor)).toEqual([
      '000000000001',
      '000000000002',
    ]);
  });
});
