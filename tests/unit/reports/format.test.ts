import { describe, expect, it } from 'vitest';
import { escapeFormula } from '../../../electron/core/csv/formula-escape';
import { createZoneFormatter } from '../../../electron/core/reports/time-format';
import { isTimeZone } from '../../../shared/api';

describe('formula escaping', () => {
  it('prefixes a single quote to cells a spreadsheet would run', () => {
    for (const s of [
      '=SUM(A1)',
      '+44 20',
      '+1-555-0100',
      '-5+3',
      '-A1',
      '@cmd',
      '\tx',
      '\rx',
      '=HYPERLINK("http://x","y")',
    ])
      expect(escapeFormula(s)).toBe(`'${s}`);
  });
  it('leaves everything else alone', () => {
    // A sign before a plain number is a number to a spreadsheet: E.164 phones keep no apostrophe.
    for (const s of [
      '',
      'Ann',
      ' =x',
      "'already",
      '5-3',
      'a=b',
      'Ünïcødé 😀',
      '\nx',
      '+2348031234567',
      '-5',
      '+3.25',
    ])
      expect(escapeFormula(s)).toBe(s);
  });
});

describe('times in the user zone', () => {
  const reference = (ms: number, zone: string) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(ms)
        .map((x) => [x.type, x.value]),
    );
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  };

  it('formats as YYYY-MM-DD HH:MM:SS', () => {
    expect(createZoneFormatter('UTC').format(Date.UTC(2026, 10, 23, 14, 5, 9))).toBe(
      '2026-11-23 14:05:09',
    );
    expect(createZoneFormatter('Europe/Berlin').format(Date.UTC(2026, 10, 23, 14, 5, 9))).toBe(
      '2026-11-23 15:05:09',
    );
    expect(createZoneFormatter('Asia/Kolkata').format(Date.UTC(2026, 10, 23, 14, 5, 9))).toBe(
      '2026-11-23 19:35:09',
    );
    expect(createZoneFormatter('UTC').format(null)).toBe('');
  });

  it('agrees with Intl around daylight-saving changes and at random instants', () => {
    const zones = [
      'Europe/London',
      'America/New_York',
      'Australia/Lord_Howe',
      'America/Sao_Paulo',
      'Asia/Kathmandu',
      'Pacific/Chatham',
    ];
    const instants: number[] = [
      // Europe 2026: 29 March and 25 October, 01:00 UTC; US: 8 March 07:00 UTC and 1 November 06:00 UTC.
      ...[
        Date.UTC(2026, 2, 29, 1),
        Date.UTC(2026, 9, 25, 1),
        Date.UTC(2026, 2, 8, 7),
        Date.UTC(2026, 10, 1, 6),
      ].flatMap((t) => [t - 1000, t, t + 1000]),
    ];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      instants.push(Date.UTC(2020, 0, 1) + (seed % (8 * 365 * 86_400)) * 1000);
    }
    for (const zone of zones) {
      const f = createZoneFormatter(zone);
      for (const t of instants) expect(f.format(t), `${zone} ${t}`).toBe(reference(t, zone));
    }
  });

  it('knows IANA zones from typos', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
