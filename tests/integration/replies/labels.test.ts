import { afterEach, describe, expect, it } from 'vitest';
import { buttonMessage, interactiveReply, textMessage } from '../../unit/optout/inbound-payloads';
import { callApi } from '../suppression/helpers';
import { replyHarness, type ReplyHarness } from './helpers';

const ANN = '+447911123401';
const BOB = '+447911123402';
const CAT = '+447911123403';
const HOUR = 3600_000;
const sec = (ms: number) => String(Math.floor(ms / 1000));

describe('labels: by hand, and from quick-reply taps by a campaign’s rule', () => {
  let h: ReplyHarness;
  afterEach(() => h.close());

  it('labels a customer who taps the rule’s button (by label or payload, any case), only for that campaign', async () => {
    h = replyHarness();
    const t0 = h.clock.t - HOUR;
    const spring = h.sentCampaign('Spring', [ANN, BOB], t0);
    const summer = h.sentCampaign('Summer', [CAT], t0);
    await callApi(h.core, 'replies.setRule', {
      campaignId: spring.id,
      button: 'yes, send me the offer',
      label: 'Interested',
    });
    await callApi(h.core, 'replies.setRule', {
      campaignId: spring.id,
      button: 'NO_THANKS',
      label: 'not interested',
    });
    h.receive(
      [
        buttonMessage('Yes, send me the offer', 'YES', {
          from: ANN.slice(1),
          context: spring.wamids[ANN]!,
          timestamp: sec(t0 + 1000),
        }),
      ],
      ANN.slice(1),
    );
    h.receive(
      [
        buttonMessage('No thanks', 'NO_THANKS', {
          from: BOB.slice(1),
          context: spring.wamids[BOB]!,
          timestamp: sec(t0 + 2000),
        }),
      ],
      BOB.slice(1),
    );
    // Same words, another campaign without the rule: no label.
    h.receive(
      [
        buttonMessage('Yes, send me the offer', 'YES', {
          from: CAT.slice(1),
          context: summer.wamids[CAT]!,
          timestamp: sec(t0 + 3000),
        }),
      ],
      CAT.slice(1),
    );
    // Typing the words is not a tap.
    h.receive(
      [textMessage('yes, send me the offer', { from: BOB.slice(1), timestamp: sec(t0 + 4000) })],
      BOB.slice(1),
    );
    const labels = h.core.store.sqlite
      .prepare('SELECT phone, label, source, campaign_id FROM customer_labels ORDER BY phone')
      .all();
    expect(labels).toEqual([
      { phone: ANN, label: 'interested', source: 'button-rule', campaign_id: spring.id },
      { phone: BOB, label: 'not interested', source: 'button-rule', campaign_id: spring.id },
    ]);
    const threads = await callApi(h.core, 'replies.threads', { search: 'interested' });
    expect(threads.rows.map((t) => [t.phone, t.labels])).toEqual([
      [BOB, ['not interested']],
      [ANN, ['interested']],
    ]);
    expect(
      (await callApi(h.core, 'replies.rules', { campaignId: spring.id })).map((r) => r.label),
    ).toEqual(['not interested', 'interested']);
  });

  it('labels by hand, keeps one row per label, takes a label off, and refuses an empty or control-character label', async () => {
    h = replyHarness();
    h.sentCampaign('Spring', [ANN], h.clock.t - HOUR);
    h.receive([interactiveReply('Maybe later', 'LATER', { from: ANN.slice(1) })], ANN.slice(1));
    await callApi(h.core, 'replies.label', { phone: ANN, label: 'Ordered' });
    const again = await callApi(h.core, 'replies.label', {
      phone: '447911123401',
      label: ' ordered ',
    });
    expect(again.labels.map((l) => [l.label, l.source])).toEqual([['ordered', 'manual']]);
    const off = await callApi(h.core, 'replies.label', {
      phone: ANN,
      label: 'ordered',
      remove: true,
    });
    expect(off.labels).toEqual([]);
    await expect(callApi(h.core, 'replies.label', { phone: ANN, label: '  ' })).rejects.toThrow(
      /Type a label/,
    );
    await expect(
      callApi(h.core, 'replies.label', { phone: ANN, label: 'a\u0007b' }),
    ).rejects.toThrow(/control/);
  });
});
