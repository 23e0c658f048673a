import { describe, expect, it } from 'vitest';
import { capSince } from '../../../electron/core/sender/frequency-cap';
import { spreadRateNow } from '../../../electron/core/sender/spread';
import {
  createQuietGate,
  quietGroup,
  quietWaiting,
} from '../../../electron/core/sender/quiet-hours';
import {
  effectiveFrequencyCap,
  effectiveQuietHours,
  formatDuration,
  frequencyCapReason,
  parseDuration,
  parseQuietWindow,
  quietHoursSetting,
  spreadDeadline,
  spreadRate,
  suppressedReason,
} from '../../../shared/domain/pacing';

const H = 3600_000;
const DAY = 24 * H;

describe('spread rate', () => {
  it('is what is left over the time left, capped at the account rate', () => {
    expect(spreadRate([{ remaining: 3600, openMs: 6 * H, openNow: true }], 80)).toBeCloseTo(
      1 / 6,
      9,
    );
    expect(spreadRate([{ remaining: 1_000_000, openMs: H, openNow: true }], 80)).toBe(80);
    // Past the deadline (or in its last second): the full rate.
    expect(spreadRate([{ remaining: 10, openMs: 0, openNow: true }], 80)).toBe(80);
    expect(spreadRate([{ remaining: 10, openMs: -5000, openNow: true }], 80)).toBe(80);
    // Nothing to send, or nothing open: a tiny positive rate, never 0 (the token bucket needs one).
    expect(spreadRate([{ remaining: 0, openMs: H, openNow: true }], 80)).toBeGreaterThan(0);
    expect(spreadRate([{ remaining: 50, openMs: H, openNow: false }], 80)).toBeLessThan(1e-5);
  });

  it('adds up the countries awake now, each over its own open time', () => {
    const groups = [
      { remaining: 600, openMs: 2 * H, openNow: true }, // 600 over 2 h awake: 1/12 per s
      { remaining: 600, openMs: 6 * H, openNow: true }, // 600 over 6 h: 1/36 per s
      { remaining: 9999, openMs: 4 * H, openNow: false }, // asleep now: waits
    ];
    expect(spreadRate(groups, 80)).toBeCloseTo(1 / 12 + 1 / 36, 9);
  });

  it('takes quiet hours out of the time available (in the loop’s terms)', () => {
    // 10:00 UTC in January: Kolkata open until 15:30 UTC; deadline 20:00 UTC → 5.5 h of the 10 h usable.
    const now = Date.UTC(2026, 0, 10, 10);
    const w = parseQuietWindow('21:00', '08:00');
    if (!w.ok) throw new Error(w.message);
    const groups = [quietGroup('IN', {}, null), quietGroup('GB', {}, null)];
    const gate = createQuietGate(w.window, groups).at(now);
    const rate = spreadRateNow({
      now,
      deadline: now + 10 * H,
      maxRate: 80,
      window: w.window,
      groups,
      gate,
      pending: new Map([
        ['IN', 1980],
        ['GB', 3600],
      ]),
    });
    // IN: 1980 over 5.5 h; GB (open 08:00–21:00 UTC): 3600 over 10 h.
    expect(rate).toBeCloseTo(1980 / (5.5 * 3600) + 3600 / (10 * 3600), 9);
    // Without quiet hours everything shares the whole time.
    expect(
      spreadRateNow({
        now,
        deadline: now + 10 * H,
        maxRate: 80,
        window: null,
        groups: [],
        gate: null,
        pending: new Map([['*', 3600]]),
      }),
    ).toBeCloseTo(0.1, 9);
  });

  it('counts the deadline from the start, or from the change if later', () => {
    expect(spreadDeadline({ durationMinutes: 60, setAt: 1000 }, null)).toBeNull();
    expect(spreadDeadline({ durationMinutes: 60, setAt: 1000 }, 5000)).toBe(5000 + H);
    expect(spreadDeadline({ durationMinutes: 60, setAt: 9000 }, 5000)).toBe(9000 + H);
  });

  it('parses and prints durations', () => {
    expect(parseDuration('6h')).toEqual({ ok: true, minutes: 360 });
    expect(parseDuration('1h30m')).toEqual({ ok: true, minutes: 90 });
    expect(parseDuration('1d 12h')).toEqual({ ok: true, minutes: 2160 });
    expect(parseDuration('45min')).toEqual({ ok: true, minutes: 45 });
    expect(parseDuration('2m')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at least 5 minutes/),
    });
    expect(parseDuration('15d')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at most 14 days/),
    });
    for (const bad of ['6', 'h', '6 hours', '-1h', '1.5h', ''])
      expect(parseDuration(bad)).toMatchObject({ ok: false });
    expect(formatDuration(360)).toBe('6 h');
    expect(formatDuration(2190)).toBe('1 d 12 h 30 min');
  });
});

describe('frequency cap window and defaults', () => {
  it('starts N days before now, and is out of reach when off', () => {
    const now = Date.UTC(2026, 10, 23, 9);
    expect(capSince(now, { enabled: true, days: 7 })).toBe(now - 7 * DAY);
    expect(capSince(now, { enabled: true, days: 1 })).toBe(now - DAY);
    expect(capSince(now, { enabled: false, days: 7 })).toBeGreaterThan(now + 1000 * 365 * DAY);
  });

  it('is on for MARKETING templates by default, off for the others, and a stored choice wins', () => {
    expect(effectiveFrequencyCap(undefined, 'MARKETING')).toEqual({
      enabled: true,
      days: 7,
      source: 'default',
    });
    expect(effectiveFrequencyCap(undefined, 'UTILITY')).toEqual({
      enabled: false,
      days: 7,
      source: 'default',
    });
    expect(effectiveFrequencyCap(undefined, null)).toMatchObject({ enabled: false });
    expect(effectiveFrequencyCap({ enabled: false, days: 3 }, 'MARKETING')).toEqual({
      enabled: false,
      days: 3,
      source: 'campaign',
    });
    // A damaged value reads as the default.
    expect(effectiveFrequencyCap({ enabled: 'yes', days: -1 }, 'MARKETING')).toMatchObject({
      enabled: true,
      source: 'default',
    });
  });

  it('says why in the skip reason', () => {
    expect(frequencyCapReason(7)).toBe(
      'Excluded: got a message from this account in the last 7 days (frequency cap).',
    );
    expect(frequencyCapReason(1)).toBe(
      'Excluded: got a message from this account in the last day (frequency cap).',
    );
    expect(suppressedReason('Opted out of marketing (131050).')).toBe(
      'Suppressed: Opted out of marketing (131050).',
    );
    expect(suppressedReason('  ')).toBe('Suppressed: on the suppression list.');
  });
});

describe('quiet hours settings and waiting summary', () => {
  it('uses the campaign’s own, else the account’s defaults', () => {
    expect(effectiveQuietHours(undefined, null)).toMatchObject({
      enabled: false,
      window: null,
      source: 'account',
    });
    expect(effectiveQuietHours(undefined, { from: '22:00', to: '07:00' })).toMatchObject({
      enabled: true,
      window: { from: 1320, to: 420 },
      source: 'account',
    });
    const own = { enabled: false, from: '21:00', to: '08:00', zones: {} };
    expect(effectiveQuietHours(own, { from: '22:00', to: '07:00' })).toMatchObject({
      enabled: false,
      window: null,
      source: 'campaign',
    });
    expect(quietHoursSetting.safeParse({ ...own, zones: { AU: 'Australia/Perth' } }).success).toBe(
      true,
    );
  });

  it('groups numbers without a country under the fallback country', () => {
    expect(quietGroup(null, {}, 'IN')).toEqual({
      key: '',
      country: null,
      rule: 'fallback',
      zones: ['Asia/Kolkata'],
      zone: 'Asia/Kolkata',
    });
    expect(quietGroup(null, {}, null)).toEqual({
      key: '',
      country: null,
      rule: 'none',
      zones: [],
      zone: null,
    });
  });

  it('lists who waits, earliest opening first, with never-opening groups last', () => {
    const w = parseQuietWindow('18:00', '09:00');
    if (!w.ok) throw new Error(w.message);
    const now = Date.UTC(2026, 0, 10, 23); // 23:00 London, 18:00 New York, 08:00 Tokyo (next day)
    const groups = [
      quietGroup('GB', {}, null),
      quietGroup('JP', {}, null),
      { ...quietGroup('US', {}, null), key: 'XX', zones: ['America/New_York', 'Asia/Tokyo'] },
    ];
    const state = createQuietGate(w.window, groups).at(now);
    const waiting = quietWaiting(
      groups,
      state,
      new Map([
        ['GB', 5],
        ['JP', 2],
        ['XX', 1],
      ]),
    );
    expect(waiting).toEqual({
      recipients: 8,
      until: Date.UTC(2026, 0, 11, 0), // 09:00 in Tokyo
      groups: [
        expect.objectContaining({ country: 'JP', recipients: 2, until: Date.UTC(2026, 0, 11, 0) }),
        expect.objectContaining({ country: 'GB', recipients: 5, until: Date.UTC(2026, 0, 11, 9) }),
        expect.objectContaining({ recipients: 1, until: null }),
      ],
    });
  });

  it('caches its states until something changes', () => {
    const w = parseQuietWindow('21:00', '08:00');
    if (!w.ok) throw new Error(w.message);
    const gate = createQuietGate(w.window, [quietGroup('GB', {}, null)]);
    const a = gate.at(Date.UTC(2026, 0, 10, 12));
    expect(gate.at(Date.UTC(2026, 0, 10, 12, 0, 30))).toBe(a);
    expect(gate.at(Date.UTC(2026, 0, 10, 21)).anyQuiet).toBe(true);
    expect(gate.at(Date.UTC(2026, 0, 10, 20)).anyQuiet).toBe(false); // the clock stepped back
  });
});
