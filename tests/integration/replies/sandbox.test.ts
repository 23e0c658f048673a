import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import {
  SANDBOX_REPLY_NUMBERS as R,
  SANDBOX_TEST_NUMBERS as N,
} from '../../../electron/sandbox/test-numbers';
import { parseWebhook, ofKind } from '../../../shared/domain/status';
import {
  changeOf,
  expectGraphError,
  feedPage,
  get,
  orderConfirmation,
  PHONE_ID,
  send,
  TOKEN,
} from '../sandbox/helpers';

const HOUR = 3600_000;

describe('sandbox: customers who reply, and the 24-hour window', () => {
  let sb: Sandbox;
  afterEach(() => sb.close());
  let t = Date.UTC(2026, 5, 16, 9, 0, 0);
  const start = () =>
    startSandbox({
      now: () => t,
      delivery: { sentAfterMs: 1000, deliveredAfterMs: 2000, readAfterMs: 3000, seed: 1 },
    }).then((s) => (sb = s));
  const inbound = async () =>
    ofKind(
      (await feedPage(sb)).events.flatMap((e) => parseWebhook(e.body).observations),
      'inbound',
    );

  it('answer at people’s delays: a question, a tap, a photo and a document, each quoting the campaign message', async () => {
    await start();
    const sent: Record<string, string> = {};
    for (const r of [R.asksPrice, R.tapsYesOffer, R.sendsPhoto, R.sendsDocument]) {
      const a = await send(sb, orderConfirmation(r.number));
      expect(a.status).toBe(200);
      sent[r.number] = a.json.messages[0]!.id;
    }
    // Read at +3 s; the tap comes 20 s after, the question 45 s, the photo 90 s, the document 3 min.
    t += 3000 + 19_000;
    expect(await inbound()).toEqual([]);
    t += 2000;
    expect((await inbound()).map((o) => o.button?.text)).toEqual(['Yes, send me the offer']);
    t += 180_000;
    const all = await inbound();
    expect(all.map((o) => [o.waId, o.type, o.contextId === sent[`+${o.waId}`]])).toEqual([
      [R.tapsYesOffer.number.slice(1), 'button', true],
      [R.asksPrice.number.slice(1), 'text', true],
      [R.sendsPhoto.number.slice(1), 'image', false],
      [R.sendsDocument.number.slice(1), 'document', false],
    ]);
    const photo = all[2]!;
    expect(photo.media).toMatchObject({
      kind: 'image',
      mimeType: 'image/jpeg',
      caption: 'This one, in size M?',
    });
    expect(all[3]!.media).toMatchObject({
      kind: 'document',
      filename: 'order-list.pdf',
      mimeType: 'application/pdf',
    });

    // GET /{media-id}, then the URL with the token (cloud-api.md §7).
    const meta = await get<{ url: string; mime_type: string; file_size: number; sha256: string }>(
      sb,
      `/v23.0/${photo.media!.id}`,
    );
    expect(meta.status).toBe(200);
    expect(meta.json).toMatchObject({ mime_type: 'image/jpeg', sha256: photo.media!.sha256 });
    const file = await fetch(meta.json.url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(bytes.length).toBe(meta.json.file_size);
    expect((await fetch(meta.json.url)).status).toBe(401);
    // Inbound media ids last 7 days.
    t += 7 * 24 * HOUR;
    expectGraphError(await get(sb, `/v23.0/${photo.media!.id}`), 100, 400);
  });

  it('accepts text within 24 h of the customer’s last message and refuses it after with 131047', async () => {
    await start();
    const text = (to: string) => ({
      messaging_product: 'whatsapp',
      to,
      type: 'text',
      text: { body: 'Blue is £20.' },
    });
    // A number that does not answer back (a reply number answers our answer, reopening the window).
    // Never wrote: no window.
    expectGraphError(await send(sb, text(N.read.number)), 131047, 400);
    sb.injectInbound({ from: N.read.number, text: 'How much?' });
    t += 1000;
    const a = await send(sb, text(N.read.number));
    expect(a.status).toBe(200);
    expect(a.json.messages[0]!.id).toMatch(/^wamid\./);
    // The answer plays out like any message: its statuses reach the feed.
    t += 10_000;
    const statuses = (await feedPage(sb)).events
      .map((e) => changeOf(e).value.statuses?.[0])
      .filter((s) => s?.id === a.json.messages[0]!.id)
      .map((s) => s!.status);
    expect(statuses).toEqual(expect.arrayContaining(['sent', 'delivered']));

    t += 24 * HOUR;
    expectGraphError(await send(sb, text(N.read.number)), 131047, 400);
    // An image needs a media id the number uploaded; an unknown one is refused before the window.
    expectGraphError(
      await send(sb, {
        messaging_product: 'whatsapp',
        to: N.read.number,
        type: 'image',
        image: { id: '999' },
      }),
      131053,
      400,
    );
    expect(PHONE_ID).toBeTruthy();
  });
});
