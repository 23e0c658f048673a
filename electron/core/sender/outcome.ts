import { isHeldStatus } from '../../../shared/domain/status';
import type { SendWaiting } from '../../../shared/api';
import type { SendOutcome } from '../cloud-api';
import type { Backoff } from './backoff';
import type { FailureRateDetector } from './failure-rate';
import type { Claimed, SendResult } from './repo';

/** What handling one send's outcome may do to the loop. */
export interface OutcomeEffects {
  record: (r: SendResult) => void;
  accepted: (phone: string, at: number) => void;
  backOff: (delayMs: number, waiting: SendWaiting) => void;
  pause: (code: string, reason: string) => void;
  detector: FailureRateDetector;
  backoff: Backoff;
  /** For answers that say we go too fast (`slowDown` in the catalogue): lowers the rate, returns a short wait. */
  slowDown: (retryAfterMs?: number) => number;
  pairRateDelayMs: (attempt: number) => number;
  now: () => number;
}

/** Attempts at a recipient that keeps hitting temporary errors, before it is failed. */
export const MAX_ATTEMPTS = 8;
/** Pair-rate retries for one recipient (1 s, 4 s, 16 s, 64 s, 256 s). */
export const MAX_PAIR_RATE_ATTEMPTS = 5;

/**
 * Turns a send outcome into a recipient result and loop effects, by Meta's error code:
 * accepted → sent; ambiguous (may have been accepted) → unknown, never resent by itself;
 * fail_recipient → failed (and suppressed for opt-outs); retry_recipient → this one later;
 * retry_later → everybody waits; pause_campaign → back in the queue and the campaign pauses.
 */
export function applyOutcome(fx: OutcomeEffects, r: Claimed, outcome: SendOutcome): void {
  const now = fx.now();
  if (outcome.ok) {
    fx.record({
      id: r.id,
      kind: 'sent',
      wamid: outcome.wamid,
      waId: outcome.waId,
      at: now,
      held: isHeldStatus(outcome.messageStatus),
    });
    fx.accepted(r.phone, now);
    fx.detector.record(true);
    return;
  }
  const { failure } = outcome;
  const entry = failure.entry;
  const attempt = r.attempts + 1;
  if (failure.ambiguous) {
    fx.record({
      id: r.id,
      kind: 'unknown',
      code: outcome.code,
      title: `${entry.title}: the message may or may not have been delivered.`,
      at: now,
    });
    return;
  }
  switch (failure.handling) {
    case 'fail_recipient':
      fx.record({
        id: r.id,
        kind: 'failed',
        code: outcome.code,
        title: entry.title,
        at: now,
        ...(entry.suppress ? { suppress: { phone: r.phone, reason: entry.title } } : {}),
      });
      fx.detector.record(false);
      {
        const tripped = fx.detector.tripped();
        if (tripped) fx.pause('FAILURE_RATE', tripped.reason);
      }
      return;
    case 'retry_recipient':
      if (attempt >= MAX_PAIR_RATE_ATTEMPTS) {
        fx.record({ id: r.id, kind: 'failed', code: outcome.code, title: entry.title, at: now });
      } else {
        fx.record({
          id: r.id,
          kind: 'retry',
          nextAt: now + fx.pairRateDelayMs(attempt - 1),
          uncount: false,
        });
      }
      return;
    case 'retry_later': {
      const delay = entry.slowDown
        ? fx.slowDown(outcome.retryAfterMs)
        : fx.backoff.next(
            outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {},
          );
      // Nothing left the machine when the network is down: that try does not count.
      const offline = outcome.network !== undefined;
      const limit = entry.retryLimit !== undefined ? entry.retryLimit + 1 : MAX_ATTEMPTS;
      if (!offline && attempt >= limit) {
        fx.record({ id: r.id, kind: 'failed', code: outcome.code, title: entry.title, at: now });
      } else {
        fx.record({ id: r.id, kind: 'retry', nextAt: now + delay, uncount: offline });
      }
      fx.backOff(delay, {
        reason: offline ? 'offline' : 'throttled',
        message: offline
          ? 'No connection to WhatsApp. Sending continues by itself when the network is back.'
          : `${entry.explanation} Sending slows down and continues by itself.`,
        until: now + delay,
      });
      return;
    }
    case 'pause_campaign':
      fx.record({ id: r.id, kind: 'requeue' });
      fx.pause(
        String(outcome.code ?? outcome.httpStatus ?? 'ERROR'),
        `${entry.explanation} ${entry.action}`,
      );
      return;
  }
}
