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
    const stop = watchReplies({ events, isFocused: () => focused, notify: (n) => shown.push(n) });

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
      { title: 'New reply from +1 202 555 0130', body: '“How much is the blue one?”' },
      {
        title: '2 new replies',
        body: 'Open Replies in Campaign Desk to read it. 5 replies are unread.',
      },
    ]);
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
