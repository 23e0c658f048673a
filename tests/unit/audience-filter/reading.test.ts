import { describe, expect, it } from 'vitest';
import {
  defaultDateOrder,
  defaultDecimal,
  formatNumber,
  parseDate,
  parseNumber,
} from '../../../shared/domain/audience-filter';

const day = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) /
  86_400_000;

describe('reading numbers as spreadsheets write them', () => {
  it.each([
    ['1234', 1234, 1234],
    ['1,234.50', 1234.5, null],
    ['1.234,50', null, 1234.5],
    ['1,234', 1234, 1.234],
    ['1.234', 1.234, 1234],
    ['$1,234.50', 1234.5, null],
    ['1 234,50 €', null, 1234.5],
    ['1\u00a0234,50\u00a0€', null, 1234.5],
    ['R$ 12,90', null, 12.9],
    ['USD 100', 100, 100],
    ['100 EUR', 100, 100],
    ['£12.99', 12.99, null],
    ['-5', -5, -5],
    ['−5', -5, -5],
    ['-$5', -5, -5],
    ['$-5', -5, -5],
    ['(120.00)', -120, null],
    ['+7', 7, 7],
    ['15%', 15, 15],
    ['1.2E+5', 120000, null],
    ["1'234.50", 1234.5, null],
    ['1,23,456', 123456, null],
    ['١٢٣٫٥', 123.5, 123.5],
    ['.5', 0.5, null],
    ['0,5', null, 0.5],
  ])('%j → %s with a decimal point, %s with a decimal comma', (cell, point, comma) => {
    expect(parseNumber(cell, '.')).toBe(point);
    expect(parseNumber(cell, ',')).toBe(comma);
  });

  it.each([
    '',
    '   ',
    'abc',
    'n/a',
    '1,23',
    '12,3456',
    '1.2.3',
    '100 abc',
    '+44 7911 123456',
    '--5',
    '- $ - 5',
    '(−5)',
    '1,234 567',
    '$$5',
    '5.',
    'Infinity',
    'NaN',
    '1e999',
    '0x1A',
  ])('%j is not a number', (cell) => {
    expect(parseNumber(cell, '.')).toBeNull();
  });

  it('refuses huge cells quickly instead of reading them', () => {
    const started = performance.now();
    expect(parseNumber('9'.repeat(100_000), '.')).toBeNull();
    expect(parseNumber(`${'1,'.repeat(50_000)}000`, '.')).toBeNull();
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('formats numbers back the way the filter reads them', () => {
    expect(formatNumber(1234.5, '.')).toBe('1,234.5');
    expect(formatNumber(1234.5, ',')).toBe('1.234,5');
  });
});

describe('reading dates', () => {
  it.each([
    ['2026-03-14', '2026-03-14', '2026-03-14'],
    ['2026-3-4', '2026-03-04', '2026-03-04'],
    ['2026-03-14 10:30', '2026-03-14', '2026-03-14'],
    ['2026-03-14T23:30:00-05:00', '2026-03-14', '2026-03-14'],
    ['2026-03-14T23:30:00.123Z', '2026-03-14', '2026-03-14'],
    ['2026/03/14', '2026-03-14', '2026-03-14'],
    ['2026.03.14', '2026-03-14', '2026-03-14'],
    ['14/03/2026', '2026-03-14', null],
    ['3/14/2026', null, '2026-03-14'],
    ['03/04/2026', '2026-04-03', '2026-03-04'],
    ['14.03.2026', '2026-03-14', null],
    ['14-03-2026', '2026-03-14', null],
    ['14/03/26', '2026-03-14', null],
    ['01/02/85', '1985-02-01', '1985-01-02'],
    ['3/14/2026 10:30 PM', null, '2026-03-14'],
    ['14 Mar 2026', '2026-03-14', '2026-03-14'],
    ['14-Mar-26', '2026-03-14', '2026-03-14'],
    ['14th March 2026', '2026-03-14', '2026-03-14'],
    ['March 14, 2026', '2026-03-14', '2026-03-14'],
    ['Sept 1 2026', '2026-09-01', '2026-09-01'],
    ['29/02/2024', '2024-02-29', null],
  ])('%j → %s day first, %s month first', (cell, dmy, mdy) => {
    expect(parseDate(cell, 'dmy')).toBe(dmy === null ? null : day(dmy));
    expect(parseDate(cell, 'mdy')).toBe(mdy === null ? null : day(mdy));
  });

  it.each([
    '',
    'soon',
    '31/04/2026',
    '29/02/2025',
    '2026-13-01',
    '2026-00-10',
    '2026-02-30',
    '32/01/2026',
    '2026-03-14 25:00',
    '2026-03-14 10:61',
    '14/03',
    '14 Foo 2026',
    '0999-01-01',
    '12:30',
    '2026-03-14 13:00 PM',
  ])('%j is not a date', (cell) => {
    expect(parseDate(cell, 'dmy')).toBeNull();
    expect(parseDate(cell, 'mdy')).toBeNull();
  });

  it('refuses huge cells', () => {
    expect(parseDate(`2026-03-14${' '.repeat(100)}`, 'dmy')).toBe(day('2026-03-14'));
    expect(parseDate(`2026-03-14T${'0'.repeat(1000)}`, 'dmy')).toBeNull();
  });
});

describe('reading defaults from the campaign’s country', () => {
  it('month first only where people write it so; decimal commas where they do', () => {
    expect(defaultDateOrder('US')).toBe('mdy');
    expect(defaultDateOrder('GB')).toBe('dmy');
    expect(defaultDateOrder(null)).toBe('dmy');
    expect(defaultDecimal('DE')).toBe(',');
    expect(defaultDecimal('br')).toBe(',');
    expect(defaultDecimal('GB')).toBe('.');
    expect(defaultDecimal('IN')).toBe('.');
    expect(defaultDecimal(undefined)).toBe('.');
  });
});
