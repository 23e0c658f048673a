import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  parseStopAfter,
  planDeferral,
  readDelivery,
  stopAfterAt,
  type DeferInput,
} from '../../../shared/domain/delivery';

const base: DeferInput = {
  code: 131049,
  wasHeld: false,
  phone: '+919812345678',
  country: 'IN',
  deferrals: 0,
  deferDays: 3,
  stopAt: null,
  now: 1_000_000,
};

describe('planDeferral', () => {
  it('defers a per-user limit answer a day later, up to the campaign days', () => {
    expect(planDeferral(base)).toEqual({ kind: 'defer', nextAt: 1_000_000 + DAY_MS + 1000 });
    expect(planDeferral({ ...base, deferrals: 2 })).toEqual({
      kind: 'defer',
      nextAt: 1_000_000 + DAY_MS + 1000,
    });
    expect(planDeferral({ ...base, deferrals: 3 }).kind).toBe('final');
  });

  it('defers a held message dropped with 132015, not a plain template pause', () => {
    expect(planDeferral({ ...base, code: 132015, wasHeld: true }).kind).toBe('defer');
    expect(planDeferral({ ...base, code: 132015 }).kind).toBe('not_limited');
    expect(planDeferral({ ...base, code: 131026 }).kind).toBe('not_limited');
  });

  it('never for US numbers (Canada shares +1 and is retried), nor with retries off, nor past stop-after', () => {
    expect(planDeferral({ ...base, phone: '+12025550123', country: 'US' }).kind).toBe('final');
    expect(planDeferral({ ...base, phone: '+12025550123', country: null }).kind).toBe('final');
    expect(planDeferral({ ...base, phone: '+14165550123', country: 'CA' }).kind).toBe('defer');
    expect(planDeferral({ ...base, deferDays: null }).kind).toBe('final');
    expect(planDeferral({ ...base, stopAt: base.now + DAY_MS })).toEqual({
      kind: 'final',
      why: 'The offer ends before the next try.',
    });
  });
});

describe('stop after', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  it('reads durations, zoned times and off; refuses the rest with a sentence', () => {
    expect(parseStopAfter('48h', now)).toEqual({ ok: true, value: { afterMinutes: 2880 } });
    expect(parseStopAfter('1d12h', now)).toEqual({ ok: true, value: { afterMinutes: 2160 } });
    expect(parseStopAfter('off', now)).toEqual({ ok: true, value: null });
    expect(parseStopAfter('2026-12-24T18:00+01:00', now)).toEqual({
      ok: true,
      value: { at: Date.parse('2026-12-24T17:00:00Z') },
    });
    const noZone = parseStopAfter('2026-12-24T18:00', now);
    expect(noZone.ok).toBe(false);
    expect(parseStopAfter('2026-12-01T18:00Z', now)).toEqual({
      ok: false,
      message: 'Stop after must be in the future.',
    });
    expect(parseStopAfter('60d', now).ok).toBe(false);
    expect(parseStopAfter('soon', now).ok).toBe(false);
  });

  it('counts a duration from the start, and reads damaged settings as the default', () => {
    expect(stopAfterAt({ afterMinutes: 60 }, null)).toBeNull();
    expect(stopAfterAt({ afterMinutes: 60 }, now)).toBe(now + 3_600_000);
    expect(stopAfterAt({ at: now }, null)).toBe(now);
    expect(readDelivery({ deferDays: 9, stopAfter: null })).toEqual({
      deferDays: 3,
      stopAfter: null,
    });
    expect(readDelivery(undefined)).toEqual({ deferDays: 3, stopAfter: null });
  });
});
