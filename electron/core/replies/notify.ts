import type { InboundObservation } from '../../../shared/domain/status';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';

const MINUTE = 60_000;
/** Replies counted for the rate; beyond this the rate is certainly above one a minute. */
const KEEP = 64;

/**
 * Turns newly stored replies into a typed `replies.new` event the desktop shell can show as a
 * notification (the headless shell only refreshes its unread count). While a campaign sends and
 * replies come faster than one a minute, `notify` is false: a notification per reply would bury
 * the user (issue 19).
 */
export function createReplyNotifier(deps: { store: Store; clock: Clock; events: EventBus }) {
  const recent: number[] = [];
  const sending = deps.store.sqlite
    .prepare("SELECT 1 FROM campaigns WHERE state = 'sending' LIMIT 1")
    .pluck();
  const unread = deps.store.sqlite
    .prepare('SELECT COUNT(*) FROM replies WHERE read_at IS NULL')
    .pluck();

  return (messages: readonly InboundObservation[]): void => {
    if (messages.length === 0 || !deps.store.sqlite.open) return;
    const now = deps.clock.now();
    for (let i = 0; i < messages.length; i++) recent.push(now);
    while (recent.length > KEEP || (recent[0] !== undefined && recent[0] <= now - MINUTE))
      recent.shift();
    const busy = recent.length > 1 && sending.get() !== undefined;
    const latest = messages.at(-1)!;
    deps.events.emit('replies.new', {
      count: messages.length,
      unread: unread.get() as number,
      notify: !busy,
      latest: {
        phone: latest.waId ? `+${latest.waId}` : null,
        words: latest.text ?? latest.button?.text ?? latest.media?.caption ?? null,
      },
      at: now,
    });
  };
}
