import { isHeldStatus } from '../../../shared/domain/status';
import type { SendRoute, SendWaiting } from '../../../shared/api';
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
  /** This recipient's own wait after a transient fault (attempt 1, 2, …), never below `floorMs`. */
  transientDelayMs: (attempt: number, floorMs: number) => number;
  /** Whether WhatsApp answered this send at all (the circuit breaker's input, circuit-breaker.ts). */
  health: (id: number, up: boolean) => void;
  now: () => number;
}

/**
 * Exponential backoff with equal jitter for one recipient after a transient fault: 1 s, 2 s, 4 s…
 * up to a minute, each between half and all of its step, so the retries of one outage spread out.
 */
export function transientDelayMs(attempt: number, floorMs: number, random: () => number): number {
  const step = Math.min(60_000, 1000 * 2 ** Math.min(Math.max(attempt - 1, 0), 16));
  return Math.max(Math.ceil(floorMs), Math.round(step / 2 + random() * (step / 2)));
}

/** Attempts at a recipient that keeps hitting temporary errors, before it is failed. */
export const MAX_ATTEMPTS = 8;
/** Pair-rate retries for one recipient (1 s, 4 s, 16 s, 64 s, 256 s). */
export const MAX_PAIR_RATE_ATTEMPTS = 5;

/**
 * Turns a send outcome into a recipient result and loop effects, by Meta's error code:
 * accepted → sent; ambiguous (may have been accepted) → unknown, never resent by itself;
 * fail_recipient → failed (and suppressed for opt-outs); retry_recipient → this one later;
 * retry_later → this one later when the server failed, everybody slower when we go too fast or
 * everybody waits when offline; pause_campaign → back in the queue and the campaign pauses.
 */
export function applyOutcome(
  fx: OutcomeEffects,
  r: Claimed,
  outcome: SendOutcome,
  route: SendRoute = 'cloud',
): void {
  const now = fx.now();
  if (outcome.ok) {
    fx.record({
      id: r.id,
      kind: 'sent',
      wamid: outcome.wamid,
      waId: outcome.waId,
      at: now,
      held: isHeldStatus(outcome.messageStatus),
      route,
    });
    fx.accepted(r.phone, now);
    fx.detector.record(true);
    fx.health(r.id, true);
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
    fx.health(r.id, false);
    return;
  }
  switch (failure.handling) {
    case 'fail_recipient':
      fx.health(r.id, true);
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
      fx.health(r.id, true);
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
    case 'retry_later':
      if (entry.slowDown || outcome.network !== undefined) return loopWide(fx, r, outcome, attempt);
      return transient(fx, r, outcome, attempt);
    case 'pause_campaign':
      fx.health(r.id, true);
      fx.record({ id: r.id, kind: 'requeue' });
      fx.pause(
        String(outcome.code ?? outcome.httpStatus ?? 'ERROR'),
        `${entry.explanation} ${entry.action}`,
      );
      return;
  }
}

type Failed = Extract<SendOutcome, { ok: false }>;

const retryLimitOf = (outcome: Failed): number =>
  outcome.failure.entry.retryLimit !== undefined
    ? outcome.failure.entry.retryLimit + 1
    : MAX_ATTEMPTS;

/**
 * A server error about this one send (5xx, codes 1, 2, 131000, 131016, 131057): only this
 * recipient waits, with its own backoff, while the others keep going at the paced rate. An
 * outage shows as many of these at once, which the circuit breaker turns into one wait.
 */
function transient(fx: OutcomeEffects, r: Claimed, outcome: Failed, attempt: number): void {
  const now = fx.now();
  const entry = outcome.failure.entry;
  fx.health(r.id, false);
  if (attempt >= retryLimitOf(outcome)) {
    fx.record({ id: r.id, kind: 'failed', code: outcome.code, title: entry.title, at: now });
    return;
  }
  const floor = Math.max(outcome.retryAfterMs ?? 0, (entry.waitSeconds ?? 0) * 1000);
  fx.record({
    id: r.id,
    kind: 'retry',
    nextAt: now + fx.transientDelayMs(attempt, floor),
    uncount: false,
  });
}

/**
 * We go too fast (130429, 80007, code 4, HTTP 429: the number slows down), or nothing leaves this
 * machine (offline: everybody waits, and the try does not count).
 */
function loopWide(fx: OutcomeEffects, r: Claimed, outcome: Failed, attempt: number): void {
  const now = fx.now();
  const entry = outcome.failure.entry;
  const offline = outcome.network !== undefined;
  if (!offline) fx.health(r.id, true);
  const delay = entry.slowDown
    ? fx.slowDown(outcome.retryAfterMs)
    : fx.backoff.next(
        outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {},
      );
  if (!offline && attempt >= retryLimitOf(outcome)) {
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
}
