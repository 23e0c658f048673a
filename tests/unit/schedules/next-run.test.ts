import { describe, expect, it } from 'vitest';
import {
  describeRule,
  nextOccurrence,
  parseRuleText,
  type ScheduleRule,
} from '../../../shared/domain/schedule';

const utc = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString();
const daily = (hh: number, mm = 0): ScheduleRule => ({ kind: 'daily', minute: hh * 60 + mm });

describe('nextOccurrence', () => {
  it('keeps 10:00 on the wall clock across the spring change in Paris (UTC moves by an hour)', () => {
    const first = nextOccurrence(daily(10), 'Europe/Paris', utc('2026-03-28T00:00:00Z'));
    expect(iso(first)).toBe('2026-03-28T09:00:00.000Z');
    expect(iso(nextOccurrence(daily(10), 'Europe/Paris', first))).toBe('2026-03-29T08:00:00.000Z');
  });

  it('runs a time the clocks skip at the jump (02:30 on 29 March 2026 in Paris → 03:00 CEST)', () => {
    const at = nextOccurrence(daily(2, 30), 'Europe/Paris', utc('2026-03-28T12:00:00Z'));
    expect(iso(at)).toBe('2026-03-29T01:00:00.000Z');
  });

  it('runs a time that happens twice once, at the first (02:30 on 25 October 2026 in Paris)', () => {
    const first = nextOccurrence(daily(2, 30), 'Europe/Paris', utc('2026-10-24T12:00:00Z'));
    expect(iso(first)).toBe('2026-10-25T00:30:00.000Z');
    // Not 01:30Z, the second 02:30 of that night: the next run is the next day's.
    expect(iso(nextOccurrence(daily(2, 30), 'Europe/Paris', first))).toBe(
      '2026-10-26T01:30:00.000Z',
    );
  });

  it('finds next Monday 10:00 in New York across the November change', () => {
    const rule: ScheduleRule = { kind: 'weekly', weekday: 1, minute: 600 };
    const a = nextOccurrence(rule, 'America/New_York', utc('2026-10-28T12:00:00Z')); // a Wednesday
    expect(iso(a)).toBe('2026-11-02T15:00:00.000Z'); // EST (−5) after 1 November
    const b = nextOccurrence(rule, 'America/New_York', utc('2026-10-20T12:00:00Z'));
    expect(iso(b)).toBe('2026-10-26T14:00:00.000Z'); // EDT (−4)
    expect(iso(nextOccurrence(rule, 'America/New_York', a))).toBe('2026-11-09T15:00:00.000Z');
  });

  it('is strictly after: an occurrence exactly at `after` is not returned again', () => {
    const at = utc('2026-06-01T07:00:00Z'); // 09:00 in Paris
    const rule: ScheduleRule = { kind: 'monthly', day: 1, minute: 540 };
    expect(iso(nextOccurrence(rule, 'Europe/Paris', at - 1))).toBe(iso(at));
    expect(iso(nextOccurrence(rule, 'Europe/Paris', at))).toBe('2026-07-01T07:00:00.000Z');
  });

  it('puts the 31st on the last day of shorter months, and returns to the 31st after', () => {
    const rule: ScheduleRule = { kind: 'monthly', day: 31, minute: 540 };
    const jan = nextOccurrence(rule, 'UTC', utc('2026-01-15T00:00:00Z'));
    expect(iso(jan)).toBe('2026-01-31T09:00:00.000Z');
    const feb = nextOccurrence(rule, 'UTC', jan);
    expect(iso(feb)).toBe('2026-02-28T09:00:00.000Z');
    const mar = nextOccurrence(rule, 'UTC', feb);
    expect(iso(mar)).toBe('2026-03-31T09:00:00.000Z');
    expect(iso(nextOccurrence(rule, 'UTC', mar))).toBe('2026-04-30T09:00:00.000Z');
  });

  it('runs the 29th on Feb 29 in a leap year and on Feb 28 otherwise, once per month', () => {
    const rule: ScheduleRule = { kind: 'monthly', day: 29, minute: 0 };
    expect(iso(nextOccurrence(rule, 'UTC', utc('2028-02-01T00:00:00Z')))).toBe(
      '2028-02-29T00:00:00.000Z',
    );
    expect(iso(nextOccurrence(rule, 'UTC', utc('2027-02-01T00:00:00Z')))).toBe(
      '2027-02-28T00:00:00.000Z',
    );
    // After Feb 28 2027 comes Mar 29, not Mar 1.
    expect(iso(nextOccurrence(rule, 'UTC', utc('2027-02-28T00:00:00Z')))).toBe(
      '2027-03-29T00:00:00.000Z',
    );
    const daily29: ScheduleRule = daily(23, 59);
    expect(iso(nextOccurrence(daily29, 'UTC', utc('2028-02-29T00:00:00Z')))).toBe(
      '2028-02-29T23:59:00.000Z',
    );
  });

  it('uses the zone for the date too: the 1st at 06:00 in Tokyo is the 31st at 21:00 UTC', () => {
    const rule: ScheduleRule = { kind: 'monthly', day: 1, minute: 360 };
    expect(iso(nextOccurrence(rule, 'Asia/Tokyo', utc('2026-05-31T20:00:00Z')))).toBe(
      '2026-05-31T21:00:00.000Z',
    );
    expect(iso(nextOccurrence(rule, 'Asia/Tokyo', utc('2026-05-31T21:00:00Z')))).toBe(
      '2026-06-30T21:00:00.000Z',
    );
  });

  it('throws RangeError for a zone the runtime does not know', () => {
    expect(() => nextOccurrence(daily(9), 'Mars/Olympus', 0)).toThrow(RangeError);
  });
});

describe('parseRuleText and describeRule', () => {
  it.each([
    ['mon 10:00', { kind: 'weekly', weekday: 1, minute: 600 }, 'every Monday at 10:00'],
    ['Friday 7:05', { kind: 'weekly', weekday: 5, minute: 425 }, 'every Friday at 07:05'],
    ['1st 09:00', { kind: 'monthly', day: 1, minute: 540 }, 'on the 1st of each month at 09:00'],
    [
      '31 09:00',
      { kind: 'monthly', day: 31, minute: 540 },
      'on the 31st of each month at 09:00 (the last day in shorter months)',
    ],
    ['daily 18:00', { kind: 'daily', minute: 1080 }, 'every day at 18:00'],
  ])('%s', (text, rule, words) => {
    expect(parseRuleText(text)).toEqual({ ok: true, rule });
    expect(describeRule(rule as ScheduleRule)).toBe(words);
  });

  it.each(['mon', 'mo 10:00', '32nd 09:00', '0 09:00', 'daily 24:00', 'daily 25:00', ''])(
    'refuses %j with an example of what works',
    (text) => {
      const r = parseRuleText(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain("'mon 10:00'");
    },
  );
});
