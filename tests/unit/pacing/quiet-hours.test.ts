import { describe, expect, it } from 'vitest';
import {
  describeWindow,
  instantsOfLocal,
  isQuietIn,
  isQuietInAny,
  localTime,
  nextClosingIn,
  nextClosingInAny,
  nextOpeningIn,
  nextOpeningInAll,
  openMillisBetween,
  parseQuietWindow,
  zoneRule,
  zonesOfCountry,
  type QuietWindow,
} from '../../../shared/domain/pacing';

const H = 3600_000;
const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString().slice(0, 16));
const night = (from = '21:00', to = '08:00'): QuietWindow => {
  const p = parseQuietWindow(from, to);
  if (!p.ok) throw new Error(p.message);
  return p.window;
};

describe('quiet hours: parsing the window', () => {
  it('accepts windows that cross midnight and windows within a day, with 24:00 as an end', () => {
    expect(parseQuietWindow('21:00', '08:00')).toEqual({
      ok: true,
      window: { from: 1260, to: 480 },
    });
    expect(parseQuietWindow('12:30', '14:00')).toEqual({
      ok: true,
      window: { from: 750, to: 840 },
    });
    expect(parseQuietWindow('22:00', '24:00')).toEqual({
      ok: true,
      window: { from: 1320, to: 1440 },
    });
    expect(parseQuietWindow(' 7:05', '9:00')).toEqual({ ok: true, window: { from: 425, to: 540 } });
    expect(describeWindow(night())).toBe('21:00–08:00');
  });

  it('refuses a window of zero length, one covering the whole day, and what is not a time', () => {
    expect(parseQuietWindow('08:00', '08:00')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/empty/),
    });
    expect(parseQuietWindow('00:00', '24:00')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/whole day/),
    });
    expect(parseQuietWindow('24:00', '08:00')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/00:00/),
    });
    for (const bad of ['25:00', '21:60', '2100', '9pm', '', '21:00:00']) {
      expect(parseQuietWindow(bad, '08:00')).toMatchObject({
        ok: false,
        message: expect.stringMatching(/HH:MM/),
      });
    }
  });

  it('evaluates a zero-length or whole-day window consistently if one is built by hand', () => {
    const empty: QuietWindow = { from: 600, to: 600 };
    const t = utc(2026, 1, 10, 12);
    expect(isQuietIn(empty, 'Europe/London', t)).toBe(false);
    expect(nextOpeningIn(empty, 'Europe/London', t)).toBe(t);
    expect(nextClosingIn(empty, 'Europe/London', t)).toBeNull();
    const allDay: QuietWindow = { from: 0, to: 1440 };
    expect(isQuietIn(allDay, 'Europe/London', t)).toBe(true);
    expect(nextOpeningIn(allDay, 'Europe/London', t)).toBeNull();
    expect(nextOpeningInAll(allDay, ['Europe/London'], t)).toBeNull();
  });
});

describe('quiet hours in one zone', () => {
  it('crosses midnight: quiet from 21:00 local, open again at 08:00 the next morning', () => {
    const w = night();
    // Europe/London in January is UTC+0.
    expect(isQuietIn(w, 'Europe/London', utc(2026, 1, 10, 20, 59))).toBe(false);
    expect(isQuietIn(w, 'Europe/London', utc(2026, 1, 10, 21))).toBe(true);
    expect(isQuietIn(w, 'Europe/London', utc(2026, 1, 11, 0, 30))).toBe(true);
    expect(isQuietIn(w, 'Europe/London', utc(2026, 1, 11, 7, 59))).toBe(true);
    expect(isQuietIn(w, 'Europe/London', utc(2026, 1, 11, 8))).toBe(false);
    expect(iso(nextOpeningIn(w, 'Europe/London', utc(2026, 1, 10, 22)))).toBe('2026-01-11T08:00');
    expect(iso(nextOpeningIn(w, 'Europe/London', utc(2026, 1, 11, 3)))).toBe('2026-01-11T08:00');
    expect(iso(nextClosingIn(w, 'Europe/London', utc(2026, 1, 11, 9)))).toBe('2026-01-11T21:00');
  });

  it('a window inside the day', () => {
    const w = night('12:00', '14:00');
    expect(isQuietIn(w, 'Etc/UTC', utc(2026, 5, 1, 11, 59))).toBe(false);
    expect(isQuietIn(w, 'Etc/UTC', utc(2026, 5, 1, 13))).toBe(true);
    expect(isQuietIn(w, 'Etc/UTC', utc(2026, 5, 1, 14))).toBe(false);
    expect(iso(nextOpeningIn(w, 'Etc/UTC', utc(2026, 5, 1, 12, 30)))).toBe('2026-05-01T14:00');
    expect(iso(nextClosingIn(w, 'Etc/UTC', utc(2026, 5, 1, 15)))).toBe('2026-05-02T12:00');
  });

  it('differs by time zone: the same instant is quiet in Sydney and not in London', () => {
    const w = night();
    const t = utc(2026, 1, 10, 12); // 12:00 in London, 23:00 in Sydney (AEDT), 07:00 in New York
    expect(isQuietIn(w, 'Europe/London', t)).toBe(false);
    expect(isQuietIn(w, 'Australia/Sydney', t)).toBe(true);
    expect(isQuietIn(w, 'America/New_York', t)).toBe(true);
    expect(iso(nextOpeningIn(w, 'Australia/Sydney', t))).toBe('2026-01-10T21:00'); // 08:00 AEDT
    expect(iso(nextOpeningIn(w, 'America/New_York', t))).toBe('2026-01-10T13:00'); // 08:00 EST
  });

  it('handles 30- and 45-minute offsets (Asia/Kolkata +5:30, Asia/Kathmandu +5:45)', () => {
    const w = night();
    expect(localTime('Asia/Kolkata', utc(2026, 1, 10, 15, 30)).offset).toBe(330);
    expect(isQuietIn(w, 'Asia/Kolkata', utc(2026, 1, 10, 15, 29))).toBe(false);
    expect(isQuietIn(w, 'Asia/Kolkata', utc(2026, 1, 10, 15, 30))).toBe(true);
    expect(iso(nextClosingIn(w, 'Asia/Kolkata', utc(2026, 1, 10, 10)))).toBe('2026-01-10T15:30');
    expect(iso(nextOpeningIn(w, 'Asia/Kolkata', utc(2026, 1, 10, 16)))).toBe('2026-01-11T02:30');
    expect(localTime('Asia/Kathmandu', utc(2026, 1, 10, 0)).offset).toBe(345);
    expect(isQuietIn(w, 'Asia/Kathmandu', utc(2026, 1, 10, 15, 14))).toBe(false);
    expect(isQuietIn(w, 'Asia/Kathmandu', utc(2026, 1, 10, 15, 15))).toBe(true);
    expect(iso(nextOpeningIn(w, 'Asia/Kathmandu', utc(2026, 1, 10, 20)))).toBe('2026-01-11T02:15');
  });

  it('Europe/London across both DST changes', () => {
    const w = night();
    // Clocks go forward at 01:00 UTC on 29 March 2026: 08:00 BST is 07:00 UTC.
    expect(iso(nextOpeningIn(w, 'Europe/London', utc(2026, 3, 28, 22)))).toBe('2026-03-29T07:00');
    // Back at 01:00 UTC on 25 October 2026: 08:00 GMT is 08:00 UTC, 21:00 BST the evening before is 20:00 UTC.
    expect(iso(nextOpeningIn(w, 'Europe/London', utc(2026, 10, 24, 21)))).toBe('2026-10-25T08:00');
    expect(iso(nextClosingIn(w, 'Europe/London', utc(2026, 10, 24, 12)))).toBe('2026-10-24T20:00');
    expect(iso(nextClosingIn(w, 'Europe/London', utc(2026, 10, 25, 12)))).toBe('2026-10-25T21:00');
  });

  it('an end time the clocks jump over opens at the jump; one that happens twice opens at the first', () => {
    const w = night('21:00', '01:30');
    // 01:30 does not exist in London on 29 March 2026 (01:00 GMT → 02:00 BST at 01:00 UTC).
    expect(instantsOfLocal('Europe/London', 2026, 3, 29, 90)).toEqual([utc(2026, 3, 29, 1)]);
    expect(iso(nextOpeningIn(w, 'Europe/London', utc(2026, 3, 29, 0, 30)))).toBe(
      '2026-03-29T01:00',
    );
    // 01:30 happens twice on 25 October 2026: 00:30 UTC (BST), then 01:30 UTC (GMT).
    expect(instantsOfLocal('Europe/London', 2026, 10, 25, 90)).toEqual([
      utc(2026, 10, 25, 0, 30),
      utc(2026, 10, 25, 1, 30),
    ]);
    expect(iso(nextOpeningIn(w, 'Europe/London', utc(2026, 10, 24, 23)))).toBe('2026-10-25T00:30');
    // After the clocks went back it is 01:10 again, quiet again, until the second 01:30.
    expect(isQuietIn(w, 'Europe/London', utc(2026, 10, 25, 1, 10))).toBe(true);
    expect(iso(nextOpeningIn(w, 'Europe/London', utc(2026, 10, 25, 1, 10)))).toBe(
      '2026-10-25T01:30',
    );
  });

  it('America/New_York across both DST changes', () => {
    const w = night('22:00', '07:00');
    // DST starts 8 March 2026 at 02:00 EST: 07:00 EDT is 11:00 UTC.
    expect(iso(nextOpeningIn(w, 'America/New_York', utc(2026, 3, 8, 3)))).toBe('2026-03-08T11:00');
    // DST ends 1 November 2026 at 02:00 EDT: 07:00 EST is 12:00 UTC.
    expect(iso(nextOpeningIn(w, 'America/New_York', utc(2026, 11, 1, 3)))).toBe('2026-11-01T12:00');
    expect(iso(nextClosingIn(w, 'America/New_York', utc(2026, 11, 1, 15)))).toBe(
      '2026-11-02T03:00',
    );
  });

  it('Australia/Sydney across both DST changes (southern hemisphere)', () => {
    const w = night();
    // DST ends 5 April 2026 at 03:00 AEDT → 02:00 AEST: 08:00 AEST is 22:00 UTC the day before.
    expect(iso(nextOpeningIn(w, 'Australia/Sydney', utc(2026, 4, 4, 12)))).toBe('2026-04-04T22:00');
    // DST starts 4 October 2026 at 02:00 AEST → 03:00 AEDT: 08:00 AEDT is 21:00 UTC the day before.
    expect(iso(nextOpeningIn(w, 'Australia/Sydney', utc(2026, 10, 3, 12)))).toBe(
      '2026-10-03T21:00',
    );
    expect(iso(nextClosingIn(w, 'Australia/Sydney', utc(2026, 10, 3, 22)))).toBe(
      '2026-10-04T10:00',
    );
  });
});

describe('quiet hours for countries with several zones', () => {
  it('knows which countries span zones, and uses the one the user chose', () => {
    expect(zonesOfCountry('IN')).toEqual(['Asia/Kolkata']);
    expect(zonesOfCountry('US')).toEqual(
      expect.arrayContaining(['America/New_York', 'America/Chicago', 'Pacific/Honolulu']),
    );
    expect(zoneRule('IN', {})).toEqual({ kind: 'single', zones: ['Asia/Kolkata'] });
    expect(zoneRule('US', {}).kind).toBe('any');
    expect(zoneRule('US', { US: 'America/Chicago' })).toEqual({
      kind: 'chosen',
      zones: ['America/Chicago'],
    });
    expect(zoneRule(null, {})).toEqual({ kind: 'none', zones: [] });
    expect(zoneRule('ZZ', {})).toEqual({ kind: 'none', zones: [] });
  });

  it('is quiet while it is quiet in any zone, and opens when every zone is open', () => {
    const w = night();
    const us = zonesOfCountry('US');
    const t = utc(2026, 1, 10, 15); // 10:00 in New York, 05:00 in Honolulu
    expect(isQuietIn(w, 'America/New_York', t)).toBe(false);
    expect(isQuietInAny(w, us, t)).toBe(true);
    // Hawaii (and the Aleutians, UTC−10 in winter) open at 18:00 UTC, when New York is at 13:00.
    expect(iso(nextOpeningInAll(w, us, t))).toBe('2026-01-10T18:00');
    // New York closes first, at 21:00 EST = 02:00 UTC.
    expect(iso(nextClosingInAny(w, us, utc(2026, 1, 10, 18)))).toBe('2026-01-11T02:00');
    expect(openMillisBetween(w, us, utc(2026, 1, 10, 0), utc(2026, 1, 11, 0))).toBe(6 * H + 2 * H);
  });

  it('says "never" when the zones are so far apart that one is always quiet', () => {
    const w = night('18:00', '09:00');
    expect(
      nextOpeningInAll(w, ['America/New_York', 'Asia/Tokyo'], utc(2026, 1, 10, 12)),
    ).toBeNull();
    expect(
      openMillisBetween(
        w,
        ['America/New_York', 'Asia/Tokyo'],
        utc(2026, 1, 10, 0),
        utc(2026, 1, 12, 0),
      ),
    ).toBe(0);
  });
});

describe('open time between two instants', () => {
  it('counts only the hours outside the window, in local time', () => {
    const w = night();
    // Kolkata: open 08:00–21:00 local = 02:30–15:30 UTC, 13 hours a day.
    expect(openMillisBetween(w, ['Asia/Kolkata'], utc(2026, 1, 10, 0), utc(2026, 1, 11, 0))).toBe(
      13 * H,
    );
    expect(openMillisBetween(w, ['Asia/Kolkata'], utc(2026, 1, 10, 3), utc(2026, 1, 10, 9))).toBe(
      6 * H,
    );
    expect(openMillisBetween(w, ['Asia/Kolkata'], utc(2026, 1, 10, 15), utc(2026, 1, 10, 20))).toBe(
      H / 2,
    );
    expect(openMillisBetween(w, ['Asia/Kolkata'], utc(2026, 1, 10, 16), utc(2026, 1, 10, 20))).toBe(
      0,
    );
    // A DST day in London is 23 hours long, its open hours are still 13.
    expect(openMillisBetween(w, ['Europe/London'], utc(2026, 3, 29, 0), utc(2026, 3, 30, 0))).toBe(
      13 * H,
    );
  });
});
