import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/core/events';
import { createReplyNotifier } from '../../../electron/core/replies/notify';
import type { RepliesNewEvent } from '../../../shared/api';
import { ofKind, parseWebhook } from '../../../shared/domain/status';
import { inboundWebhook, textMessage } from '../../unit/optout/inbound-payloads';
import { replyHarness, type ReplyHarness } from './helpers';

const ANN = '+447911123401';

describe('replies.new: a typed event the desktop shell turns into a notification', () => {
  let h: ReplyHarness;
  afterEach(() => h.close());

  it('notifies each reply, but not while a campaign sends and replies come faster than one a minute', () => {
    h = replyHarness();
    const events = new EventBus();
    const seen: RepliesNewEvent[] = [];
    events.on('replies.new', (e) => seen.push(e));
    const notify = createReplyNotifier({ store: h.core.store, clock: h.clock, events });
    const reply = (words: string) =>
      ofKind(
        parseWebhook(inboundWebhook([textMessage(words, { from: ANN.slice(1) })], ANN.slice(1)))
          .observations,
        'inbound',
      );
    const c = h.sentCampaign('Spring', [ANN], h.clock.t - 60_000);

    notify(reply('Hi'));
    h.clock.t += 10_000;
    notify(reply('Hello?'));
    // Nothing sends: every reply may notify.
    expect(seen.map((e) => [e.notify, e.latest])).toEqual([
      [true, { phone: ANN, words: 'Hi' }],
      [true, { phone: ANN, words: 'Hello?' }],
    ]);

    h.core.store.sqlite.prepare("UPDATE campaigns SET state = 'sending' WHERE id = ?").run(c.id);
    h.clock.t += 10_000;
    notify(reply('Price?'));
    expect(seen.at(-1)?.notify).toBe(false);
    // A quiet minute later, one reply notifies again even while sending.
    h.clock.t += 61_000;
    notify(reply('Thanks'));
    expect(seen.at(-1)?.notify).toBe(true);
  });
});
