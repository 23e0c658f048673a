import { describe, expect, it } from 'vitest';
import type { SendOutcome } from '../../../electron/core/cloud-api';
import { createBackoff, pairRateDelayMs } from '../../../electron/core/sender/backoff';
import { createFailureRateDetector } from '../../../electron/core/sender/failure-rate';
import {
  applyOutcome,
  MAX_ATTEMPTS,
  type OutcomeEffects,
} from '../../../electron/core/sender/outcome';
import { pacedBucket } from '../../../electron/core/sender/loop';
import type { SendResult } from '../../../electron/core/sender/repo';
import { classifyFailure } from '../../../shared/domain/errors';

function fx() {
  const log = {
    results: [] as SendResult[],
    pauses: [] as string[],
    backOffs: [] as string[],
    accepted: 0,
    slowDowns: 0,
    health: [] as boolean[],
  };
  const effects: OutcomeEffects = {
    record: (r) => log.results.push(r),
    accepted: () => log.accepted++,
    backOff: (_ms, w) => log.backOffs.push(w.reason),
    pause: (code, reason) => log.pauses.push(`${code}: ${reason}`),
    detector: createFailureRateDetector({ maxConsecutiveFailures: 5, minSamples: 50 }),
    backoff: createBackoff({ baseMs: 100, maxMs: 1000, random: () => 0.5 }),
    slowDown: (retryAfterMs) => {
      log.slowDowns++;
      return Math.max(retryAfterMs ?? 0, 40);
    },
    pairRateDelayMs,
    transientDelayMs: (attempt, floorMs) => Math.max(floorMs, 1000 * attempt),
    health: (_id, up) => log.health.push(up),
    now: () => 1_000_000,
  };
  return { effects, log };
}

const failure = (
  code: number | undefined,
  extra: Partial<Parameters<typeof classifyFailure>[0]> = {},
): SendOutcome => ({
  ok: false,
  failure: classifyFailure({ ...(code !== undefined ? { code } : {}), ...extra }),
  code: code ?? null,
  subcode: null,
  httpStatus: 400,
  metaMessage: null,
  details: null,
  fbtraceId: null,
  isTransient: null,
  ...(extra.network ? { network: extra.network } : {}),
});
const claimed = (attempts = 0) => ({ id: 7, phone: '+447911123456', fieldsJson: '{}', attempts });

describe('what one send outcome does', () => {
  it('records an accepted send with its wamid', () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(), {
      ok: true,
      wamid: 'wamid.X',
      waId: '447911123456',
      messageStatus: 'accepted',
      httpStatus: 200,
    });
    expect(log.results).toEqual([
      {
        id: 7,
        kind: 'sent',
        wamid: 'wamid.X',
        waId: '447911123456',
        at: 1_000_000,
        held: false,
        route: 'cloud',
      },
    ]);
    expect(log.accepted).toBe(1);
  });

  it('marks a send WhatsApp holds for quality review (template pacing) as held', () => {
    for (const messageStatus of ['held_for_quality_assessment', 'paused']) {
      const { effects, log } = fx();
      applyOutcome(effects, claimed(), {
        ok: true,
        wamid: 'wamid.H',
        waId: '447911123456',
        messageStatus,
        httpStatus: 200,
      });
      expect(log.results).toMatchObject([{ kind: 'sent', held: true }]);
      expect(log.accepted).toBe(1);
    }
  });

  it('fails the recipient for "not on WhatsApp" and suppresses an opt-out', () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(), failure(131026));
    applyOutcome(effects, claimed(), failure(131050));
    expect(log.results[0]).toMatchObject({ kind: 'failed', code: 131026 });
    expect(log.results[0]).not.toHaveProperty('suppress');
    expect(log.results[1]).toMatchObject({
      kind: 'failed',
      code: 131050,
      suppress: { phone: '+447911123456' },
    });
  });

  it('retries only this recipient after 4^x s on the pair rate limit', () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(0), failure(131056));
    applyOutcome(effects, claimed(2), failure(131056));
    expect(log.results).toEqual([
      { id: 7, kind: 'retry', nextAt: 1_000_000 + 1000, uncount: false },
      { id: 7, kind: 'retry', nextAt: 1_000_000 + 16_000, uncount: false },
    ]);
    expect(log.backOffs).toEqual([]);
  });

  it('backs the whole loop off on throughput errors, and fails after too many tries', () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(0), failure(130429));
    expect(log.results[0]).toMatchObject({ kind: 'retry', uncount: false });
    expect(log.backOffs).toEqual(['throttled']);
    applyOutcome(effects, claimed(MAX_ATTEMPTS), failure(130429));
    expect(log.results[1]).toMatchObject({ kind: 'failed', code: 130429 });
  });

  it('retries only this recipient after a server error, with its own growing wait, then fails it', () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(0), failure(2));
    applyOutcome(effects, claimed(3), failure(2, { httpStatus: 503 }));
    expect(log.results).toEqual([
      { id: 7, kind: 'retry', nextAt: 1_000_000 + 1000, uncount: false },
      { id: 7, kind: 'retry', nextAt: 1_000_000 + 4000, uncount: false },
    ]);
    // Nobody else waits, nothing slows down; the circuit breaker hears of two failures.
    expect(log.backOffs).toEqual([]);
    expect(log.slowDowns).toBe(0);
    expect(log.health).toEqual([false, false]);
    // 131000 allows two more tries (retryLimit 2); code 2 the general bound.
    applyOutcome(effects, claimed(2), failure(131000));
    applyOutcome(effects, claimed(MAX_ATTEMPTS - 1), failure(2));
    expect(log.results.slice(2).map((r) => r.kind)).toEqual(['failed', 'failed']);
  });

  it("waits at least Meta's documented time for an account in maintenance (131057)", () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(0), failure(131057));
    expect(log.results[0]).toMatchObject({ kind: 'retry', nextAt: 1_000_000 + 60_000 });
  });

  it('tells the circuit breaker whether WhatsApp answered at all', () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(), failure(131026));
    applyOutcome(effects, claimed(), failure(131056));
    applyOutcome(effects, claimed(), failure(130429));
    applyOutcome(effects, claimed(), failure(undefined, { network: 'reset', requestSent: true }));
    applyOutcome(effects, claimed(), failure(undefined, { httpStatus: 502 }));
    applyOutcome(effects, claimed(), failure(undefined, { network: 'refused' }));
    // Offline says nothing about WhatsApp (it has its own wait): not counted.
    expect(log.health).toEqual([true, true, true, false, false]);
  });

  it('slows down (short wait, lower rate) on "too fast" answers only', () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(0), failure(130429));
    applyOutcome(effects, claimed(0), failure(80007));
    applyOutcome(effects, claimed(0), failure(4));
    expect(log.slowDowns).toBe(3);
    expect(log.results.slice(0, 3).map((r) => r.kind === 'retry' && r.nextAt)).toEqual([
      1_000_040, 1_000_040, 1_000_040,
    ]);
    applyOutcome(effects, claimed(0), failure(2));
    expect(log.slowDowns).toBe(3);
    expect(log.backOffs).toEqual(['throttled', 'throttled', 'throttled']);
  });

  it('backs the whole loop off while offline, with the general backoff', () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(0), failure(undefined, { network: 'dns' }));
    // Full jitter over 100 ms × 2^0 with random 0.5.
    expect(log.results[0]).toMatchObject({ kind: 'retry', nextAt: 1_000_050, uncount: true });
  });

  it('does not count tries made while offline', () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(50), failure(undefined, { network: 'refused' }));
    expect(log.results[0]).toMatchObject({ kind: 'retry', uncount: true });
    expect(log.backOffs).toEqual(['offline']);
  });

  it('marks a send that may have been accepted as unknown, never retried', () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(), failure(undefined, { network: 'timeout', requestSent: true }));
    expect(log.results[0]).toMatchObject({ kind: 'unknown' });
    expect(log.backOffs).toEqual([]);
  });

  it('pauses the campaign with the reason on token and template errors, requeueing the recipient', () => {
    const { effects, log } = fx();
    applyOutcome(effects, claimed(), failure(190));
    applyOutcome(effects, claimed(), failure(132015));
    expect(log.results.map((r) => r.kind)).toEqual(['requeue', 'requeue']);
    expect(log.pauses[0]).toMatch(/^190: /);
    expect(log.pauses[1]).toMatch(/^132015: .*paus/i);
  });

  it('pauses after a run of failures well above normal', () => {
    const { effects, log } = fx();
    for (let i = 0; i < 5; i++) applyOutcome(effects, claimed(), failure(131026));
    expect(log.pauses).toHaveLength(1);
    expect(log.pauses[0]).toMatch(/^FAILURE_RATE/);
  });
});

describe('pacing', () => {
  it('leaves room for network jitter and late timers while keeping at least 97% of the rate', () => {
    for (const rate of [20, 80, 250, 1000]) {
      const b = pacedBucket(rate, () => 0);
      // In any second: tokens held (burst) + refill over a second stretched by 5 ms of jitter.
      expect(b.burst + b.ratePerSecond * 1.005, `rate ${rate}`).toBeLessThanOrEqual(rate);
      if (rate >= 80) expect(b.ratePerSecond / rate, `rate ${rate}`).toBeGreaterThanOrEqual(0.97);
    }
  });
});
