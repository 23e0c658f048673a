import { afterEach, describe, expect, it } from 'vitest';
import { buttonMessage, textMessage } from '../../unit/optout/inbound-payloads';
import { callApi } from '../suppression/helpers';
import { replyHarness, type ReplyHarness } from './helpers';

const ANN = '+447911123401';
const BOB = '+447911123402';
const sec = (ms: number) => String(Math.floor(ms / 1000));

describe('replies: every inbound message kept and linked to what it answers', () => {
  let h: ReplyHarness;
  afterEach(() => h.close());

  it('links a quoted reply to its campaign and variant, an unquoted one to the latest campaign, and ignores replays', async () => {
    h = replyHarness();
    const t0 = h.clock.t - 3600_000;
    const spring = h.sentCampaign('Spring', [ANN, BOB], t0 - 86_400_000, 'A');
    const summer = h.sentCampaign('Summer', [ANN], t0, 'B');
    const quoted = textMessage('How much is the blue one?', {
      from: ANN.slice(1),
      context: spring.wamids[ANN]!,
      timestamp: sec(t0 + 60_000),
    });
    const plain = textMessage('Hello?', { from: BOB.slice(1), timestamp: sec(t0 + 120_000) });
    expect(h.receive([quoted], ANN.slice(1))).toBe(1);
    expect(h.receive([plain], BOB.slice(1))).toBe(1);
    // Meta retries webhooks: the same message id is the same reply.
    expect(h.receive([quoted], ANN.slice(1))).toBe(0);

    const list = await callApi(h.core, 'replies.list', {});
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => [r.phone, r.body, r.campaignName, r.variant, r.matchedBy])).toEqual(
      [
        [BOB, 'Hello?', 'Spring', 'A', 'latest'],
        [ANN, 'How much is the blue one?', 'Spring', 'A', 'context'],
      ],
    );
    // Per campaign: Summer was not answered (Ann quoted Spring's message).
    expect((await callApi(h.core, 'replies.list', { campaignId: summer.id })).total).toBe(0);
    expect((await callApi(h.core, 'replies.list', { search: 'blue' })).rows[0]?.phone).toBe(ANN);
    expect((await callApi(h.core, 'replies.list', { search: '7911 123402' })).total).toBe(1);

    // The name the shop's customer book gives a number finds their replies too (issue 19): a
    // "name" column, or first and last names joined, as the thread shows it.
    const book = h.core.store.sqlite.prepare(
      'INSERT INTO customers (phone, attributes_json, first_seen_at, last_seen_at, created_at, updated_at) VALUES (?, ?, 0, 0, 0, 0)',
    );
    book.run(ANN, JSON.stringify({ Name: 'Annabel Ng', city: 'Leeds' }));
    book.run(BOB, JSON.stringify({ 'First name': 'Robert', 'Last name': 'Okafor' }));
    const found = async (search: string) =>
      (await callApi(h.core, 'replies.threads', { search })).rows.map((r) => r.phone);
    expect(await found('annabel')).toEqual([ANN]);
    expect(await found('Robert Okafor')).toEqual([BOB]);
    // Other columns of the book are not the name: a city finds nobody.
    expect(await found('Leeds')).toEqual([]);
    // LIKE's wildcards in the search are literal.
    expect(await found('%')).toEqual([]);
  });

  it('reads a thread newest-last, marks it read, and pages threads newest first', async () => {
    h = replyHarness();
    const t0 = h.clock.t - 7200_000;
    const c = h.sentCampaign('Spring', [ANN, BOB], t0);
    h.receive(
      [
        textMessage('First', { from: ANN.slice(1), timestamp: sec(t0 + 1000) }),
        textMessage('Second', { from: ANN.slice(1), timestamp: sec(t0 + 5000) }),
      ],
      ANN.slice(1),
    );
    h.receive(
      [
        buttonMessage('Yes, send me the offer', 'YES', {
          from: BOB.slice(1),
          context: c.wamids[BOB]!,
          timestamp: sec(t0 + 3000),
        }),
      ],
      BOB.slice(1),
    );
    expect((await callApi(h.core, 'replies.unreadCount', {})).unread).toBe(3);
    const page1 = await callApi(h.core, 'replies.threads', { limit: 1 });
    expect(page1.total).toBe(2);
    expect(page1.rows[0]).toMatchObject({ phone: ANN, replies: 2, unread: 2 });
    expect(page1.rows[0]?.last.body).toBe('Second');
    const page2 = await callApi(h.core, 'replies.threads', { limit: 1, before: page1.next! });
    expect(page2.rows[0]).toMatchObject({ phone: BOB, replies: 1 });
    expect(page2.rows[0]?.last).toMatchObject({ type: 'button', body: 'Yes, send me the offer' });
    expect(page2.next).toBeNull();

    const thread = await callApi(h.core, 'replies.thread', { phone: '+44 7911 123401' });
    expect(thread.items.map((i) => (i.kind === 'reply' ? i.reply.body : i.kind))).toEqual([
      'First',
      'Second',
    ]);
    expect((await callApi(h.core, 'replies.unreadCount', {})).unread).toBe(1);
    expect(
      (await callApi(h.core, 'replies.threads', { unread: true })).rows.map((t) => t.phone),
    ).toEqual([BOB]);
  });
});
