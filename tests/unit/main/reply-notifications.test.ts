import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/core/events';
import {
  replyNotice,
  watchReplies,
  type ReplyNotice,
} from '../../../electron/main/reply-notifications';
import type { RepliesNewEvent } from '../../../shared/api';

const event = (over: Partial<RepliesNewEvent> = {}): RepliesNewEvent => ({
  count: 1,
  unread: 1,
  notify: true,
  latest: { phone: '+12025550130', words: 'How much is the blue one?' },
  at: 0,
  ...over,
});

describe('desktop notifications for new replies (the Notification is a fake here)', () => {
  it('notifies each reply the core allows, only while the window is not in front', () => {
    const events = new EventBus();
    const shown: ReplyNotice[] = [];
    let focused = false;
    const stop = watchReplies({
      events,
      isFocused: () => focused,
      notify: (n) => shown.push(n),
      showWindow: () => undefined,
    });

    events.emit('replies.new', event());
    // A campaign sends and replies come faster than one a minute: the core says not to notify.
    events.emit('replies.new', event({ notify: false, unread: 2 }));
    focused = true;
    events.emit('replies.new', event({ unread: 3 }));
    focused = false;
    events.emit(
      'replies.new',
      event({ count: 2, unread: 5, latest: { phone: '+447911123401', words: null } }),
    );
    stop();
    events.emit('replies.new', event());

    expect(shown).toEqual([
      {
        title: 'New reply from +1 202 555 0130',
        body: '“How much is the blue one?”',
        phone: '+12025550130',
      },
      {
        title: '2 new replies',
        phone: null,
        body: 'Open Replies in Campaign Desk to read it. 5 replies are unread.',
      },
    ]);
  });

  it('a click brings the window forward and asks the renderer to open that conversation', () => {
    const events = new EventBus();
    const clicks: (() => void)[] = [];
    const order: string[] = [];
    const opened: unknown[] = [];
    events.on('replies.open', (e) => {
      order.push('open');
      opened.push(e);
    });
    const stop = watchReplies({
      events,
      isFocused: () => false,
      notify: (_n, onClick) => clicks.push(onClick),
      showWindow: () => order.push('show'),
    });
    events.emit('replies.new', event());
    events.emit(
      'replies.new',
      event({ count: 3, unread: 3, latest: { phone: '+447911123401', words: 'Hi' } }),
    );
    expect(opened).toEqual([]);
    clicks[0]!();
    clicks[1]!();
    stop();
    // One reply: its customer's conversation; several: the Replies page itself.
    expect(opened).toEqual([{ phone: '+12025550130' }, { phone: null }]);
    expect(order).toEqual(['show', 'open', 'show', 'open']);
  });

  it('keeps what a customer wrote to one short line without control or direction characters', () => {
    const n = replyNotice(
      event({
        latest: { phone: null, words: `Line one\nline two\u202Eevil\u0007 ${'x'.repeat(200)}` },
      }),
    );
    expect(n?.title).toBe('New reply from a customer');
    expect(n?.body).toMatch(/^“Line one line two evil x+…”$/);
    expect(n!.body.length).toBeLessThanOrEqual(124);
    expect(replyNotice(event({ notify: false }))).toBeNull();
    expect(replyNotice(event({ count: 0 }))).toBeNull();
  });
});
