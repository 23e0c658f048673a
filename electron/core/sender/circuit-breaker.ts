import type { SendWaiting } from '../../../shared/api';

/**
 * Holds sending while WhatsApp is down (most recent sends answered by a server error or a broken
 * connection) and tries one message now and then; the first answer from Meta closes it again.
 *
 * Only "is Meta answering" counts: an accepted send and any real answer about the message or the
 * recipient (not on WhatsApp, pair rate, too fast…) are `up`; server errors without a verdict (5xx,
 * codes 1, 2, 131000, 131016) and sends that may or may not have arrived (reset, timeout) are `down`.
 * Being offline has its own wait (nothing leaves the machine) and is not counted.
 */
export interface CircuitBreakerOptions {
  /** Recent outcomes the ratio looks at. */
  windowSize?: number;
  /** The ratio is ignored until this many outcomes are in the window. */
  minSamples?: number;
  /** Opens when down / outcomes in the window is above this. */
  maxDownRatio?: number;
  /** Opens on this many downs in a row, even before `minSamples`. */
  maxConsecutiveDown?: number;
  /** First wait before a probe; doubles after each failed probe up to `probeMaxMs`. */
  probeBaseMs?: number;
  probeMaxMs?: number;
  now: () => number;
  random: () => number;
}

export type BreakerGate =
  | { kind: 'send' }
  /** Open and a probe is due: one message may go; the breaker waits for its outcome. */
  | { kind: 'probe' }
  | { kind: 'wait'; ms: number };

export interface CircuitBreaker {
  /** The outcome of the send to recipient `id`: true when Meta answered, false for an outage sign. */
  record: (id: number, up: boolean) => void;
  gate: () => BreakerGate;
  /** A send to `id` is starting; when a probe is due, it is that probe. */
  sending: (id: number) => void;
  /** The wait shown to the user while open, null when closed. */
  waiting: () => SendWaiting | null;
  isOpen: () => boolean;
}

export const BREAKER_DEFAULTS = {
  windowSize: 40,
  minSamples: 20,
  maxDownRatio: 0.5,
  maxConsecutiveDown: 12,
  probeBaseMs: 2_000,
  probeMaxMs: 60_000,
} as const;

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const o = { ...BREAKER_DEFAULTS, ...options };
  const ring: boolean[] = [];
  let next = 0;
  let downs = 0;
  let consecutive = 0;
  let state: 'closed' | 'open' | 'probing' = 'closed';
  let probeId: number | null = null;
  let probeAt = 0;
  let failedProbes = 0;
  let reason = '';

  const clear = () => {
    ring.length = 0;
    next = 0;
    downs = 0;
    consecutive = 0;
  };
  const scheduleProbe = () => {
    const ceiling = Math.min(o.probeMaxMs, o.probeBaseMs * 2 ** Math.min(failedProbes, 30));
    // Equal jitter: never sooner than half the step, so a dead API is not hammered.
    probeAt = o.now() + ceiling / 2 + o.random() * (ceiling / 2);
  };
  const open = (why: string) => {
    state = 'open';
    reason = why;
    failedProbes = 0;
    scheduleProbe();
  };
  const push = (up: boolean) => {
    if (ring.length < o.windowSize) ring.push(up);
    else {
      if (ring[next] === false) downs--;
      ring[next] = up;
    }
    next = (next + 1) % o.windowSize;
    if (!up) downs++;
    consecutive = up ? 0 : consecutive + 1;
    if (consecutive >= o.maxConsecutiveDown)
      open(`the last ${consecutive} sends got no answer from WhatsApp`);
    else if (ring.length >= o.minSamples && downs / ring.length > o.maxDownRatio)
      open(`${downs} of the last ${ring.length} sends got no answer from WhatsApp`);
  };

  return {
    record(id, up) {
      if (state === 'closed') return push(up);
      // While open, only the probe's own outcome decides: late answers of earlier sends say little.
      if (state !== 'probing' || id !== probeId) return;
      probeId = null;
      if (up) {
        state = 'closed';
        clear();
        return;
      }
      state = 'open';
      failedProbes++;
      scheduleProbe();
    },
    gate() {
      if (state === 'closed') return { kind: 'send' };
      if (state === 'probing') return { kind: 'wait', ms: 1000 };
      const ms = probeAt - o.now();
      return ms <= 0 ? { kind: 'probe' } : { kind: 'wait', ms };
    },
    sending(id) {
      if (state !== 'open' || probeAt > o.now()) return;
      state = 'probing';
      probeId = id;
    },
    waiting() {
      if (state === 'closed') return null;
      return {
        reason: 'outage',
        message: `WhatsApp is not answering normally (${reason}). Sending holds and tries one message now and then; it continues by itself as soon as WhatsApp answers.`,
        until: state === 'open' ? Math.round(probeAt) : null,
      };
    },
    isOpen: () => state !== 'closed',
  };
}
