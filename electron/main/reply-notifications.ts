import type { RepliesNewEvent } from '../../shared/api';
import { formatPhone } from '../../shared/format/phone';
import type { EventBus } from '../core/events';

export interface ReplyNotice {
  title: string;
  body: string;
  /** The conversation a click opens: the customer's when the notice is about one reply. */
  phone: string | null;
}

/** What the customer wrote, made fit for a notification: one line, no control characters, short. */
function gist(words: string | null): string | null {
  if (!words) return null;
  const line = words
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!line) return null;
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** The notice for newly stored replies, or null when the core says not to notify. */
export function replyNotice(e: RepliesNewEvent): ReplyNotice | null {
  if (!e.notify || e.count < 1) return null;
  const who = e.latest.phone ? formatPhone(e.latest.phone) : 'a customer';
  const said = gist(e.latest.words);
  const title = e.count === 1 ? `New reply from ${who}` : `${e.count} new replies`;
  const unread = e.unread > e.count ? ` ${e.unread} replies are unread.` : '';
  return {
    title,
    phone: e.count === 1 ? e.latest.phone : null,
    body: `${said ? `${e.count === 1 ? '' : `${who}: `}“${said}”` : 'Open Replies in Campaign Desk to read it.'}${unread}`,
  };
}

/**
 * Desktop notifications for new replies (issue 19). The core decides when not to notify (a campaign
 * sending while replies come faster than one a minute); the app also stays quiet while its window
 * has the focus, where the navigation's unread count already shows them.
 */
export function watchReplies(deps: {
  events: Pick<EventBus, 'on' | 'emit'>;
  isFocused: () => boolean;
  /** Shows the notice; `onClick` runs when the user clicks it. */
  notify: (notice: ReplyNotice, onClick: () => void) => void;
  /** Brings the window to the front (before the renderer is asked to open Replies). */
  showWindow: () => void;
}): () => void {
  return deps.events.on('replies.new', (e) => {
    if (deps.isFocused()) return;
    const notice = replyNotice(e);
    if (!notice) return;
    deps.notify(notice, () => {
      deps.showWindow();
      // Through the bus: every window's renderer gets it like any push event (preload, api.ts).
      deps.events.emit('replies.open', { phone: notice.phone });
    });
  });
}
