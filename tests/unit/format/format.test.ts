import { describe, expect, it } from 'vitest';
import { createFormat, localeFor, noun, safeLocale } from '../../../shared/format';

// ICU puts narrow no-break spaces (U+202F) and no-break spaces (U+00A0) in French and Portuguese
// output; comparing with plain spaces keeps the expectations readable.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const at = Date.UTC(2026, 11, 7, 15, 4, 5);

describe('counts and plurals', () => {
  it.each([
    ['fr-FR', '1 234 567'],
    ['en-US', '1,234,567'],
    ['en-IN', '12,34,567'],
    ['pt-BR', '1.234.567'],
  ])('%s groups digits its own way', (locale, expected) => {
    expect(plain(createFormat({ locale }).count(1234567))).toBe(expected);
  });

  it('says "1 utility message" and "0 utility messages" whatever the number locale', () => {
    for (const locale of ['fr-FR', 'en-US', 'en-IN', 'pt-BR']) {
      const f = createFormat({ locale });
      expect(f.countOf(1, noun('utility message'))).toBe('1 utility message');
      // French rules call 0 "one"; the words are English, so English rules decide.
      expect(f.countOf(0, noun('utility message'))).toBe('0 utility messages');
      expect(f.countOf(2, noun('person', 'people'))).toBe('2 people');
    }
  });

  it('shows a dash for numbers that are not numbers', () => {
    const f = createFormat({ locale: 'en-US' });
    expect(f.count(Number.NaN)).toBe('—');
    expect(f.percent(Number.POSITIVE_INFINITY)).toBe('—');
    expect(f.money(Number.NaN)).toBe('—');
  });
});

describe('money', () => {
  it('never shows a zero with four decimals for a few messages', () => {
    const f = createFormat({ locale: 'en-US' });
    expect(f.money(0.0004)).toBe('less than $0.01');
    expect(f.money(0)).toBe('$0.00');
    expect(f.money(0.13)).toBe('$0.13');
    expect(f.money(1234.5)).toBe('$1,234.50');
    expect(f.money(0.0004)).not.toContain('0.0000');
  });

  it("uses each currency's own digits", () => {
    const f = createFormat({ locale: 'en-US' });
    expect(f.money(1000, 'JPY')).toBe('¥1,000');
    expect(plain(f.money(1.2345, 'KWD'))).toBe('KWD 1.235');
    expect(plain(createFormat({ locale: 'fr-FR' }).money(1234.5, 'EUR'))).toBe('1 234,50 €');
    expect(plain(createFormat({ locale: 'pt-BR' }).money(1234.5, 'BRL'))).toBe('R$ 1.234,50');
    expect(createFormat({ locale: 'en-IN' }).money(123456.7, 'INR')).toBe('₹1,23,456.70');
  });

  it('keeps up to four decimals for a price per message, and no fewer than the currency has', () => {
    const f = createFormat({ locale: 'en-US' });
    expect(f.unitPrice(0.0147)).toBe('$0.0147');
    expect(f.unitPrice(0.025)).toBe('$0.025');
    expect(f.unitPrice(1)).toBe('$1.00');
    expect(plain(createFormat({ locale: 'fr-FR' }).unitPrice(0.0147))).toBe('0,0147 $US');
  });

  it('shows a negative amount below a cent as such', () => {
    expect(createFormat({ locale: 'en-US' }).money(-0.001)).toBe('a credit of less than $0.01');
  });
});

describe('percentages, signs and sizes', () => {
  it('formats ratios in the locale', () => {
    expect(createFormat({ locale: 'en-US' }).percent(0.1234)).toBe('12.3%');
    expect(plain(createFormat({ locale: 'fr-FR' }).percent(0.1234))).toBe('12,3 %');
    expect(createFormat({ locale: 'pt-BR' }).percent(1)).toBe('100%');
  });

  it('signs differences except zero', () => {
    const f = createFormat({ locale: 'en-US' });
    expect(f.signed(3)).toBe('+3');
    expect(f.signed(-2)).toBe('-2');
    expect(f.signed(0)).toBe('0');
  });

  it('sizes files in decimal units', () => {
    const f = createFormat({ locale: 'en-US' });
    expect(f.bytes(999)).toBe('999 bytes');
    expect(f.bytes(132)).toBe('132 bytes');
    expect(f.bytes(1)).toBe('1 byte');
    expect(f.bytes(1_234_567)).toBe('1.2 MB');
    expect(f.bytes(-1)).toBe('—');
  });
});

describe('dates and durations', () => {
  it('writes an instant in the locale and the zone given', () => {
    expect(createFormat({ locale: 'en-US', timeZone: 'America/New_York' }).date(at, 'time')).toBe(
      '10:04 AM',
    );
    expect(createFormat({ locale: 'fr-FR', timeZone: 'Europe/Paris' }).date(at, 'time')).toBe(
      '16:04',
    );
    expect(createFormat({ locale: 'en-IN', timeZone: 'Asia/Kolkata' }).date(at, 'date')).toBe(
      '7 Dec 2026',
    );
    expect(createFormat({ locale: 'pt-BR', timeZone: 'America/Sao_Paulo' }).date(at, 'time')).toBe(
      '12:04',
    );
  });

  it('falls back to the default zone for an unknown one and to a dash for no instant', () => {
    const f = createFormat({ locale: 'en-US', timeZone: 'Mars/Olympus' });
    expect(f.date(at, 'date')).toMatch(/2026/);
    expect(f.date(null)).toBe('—');
    expect(f.date(Number.NaN)).toBe('—');
  });

  it('rounds durations the way people estimate them', () => {
    const f = createFormat({ locale: 'en-US' });
    expect(f.duration(0)).toBe('1 s');
    expect(f.duration(42)).toBe('42 s');
    expect(f.duration(600)).toBe('10 min');
    expect(f.duration(5400)).toBe('1.5 h');
    expect(f.duration(3 * 86400)).toBe('3 days');
    expect(f.duration(null)).toBe('unknown');
    expect(f.duration(-5)).toBe('unknown');
    expect(createFormat({ locale: 'fr-FR' }).duration(5400)).toBe('1,5 h');
  });
});

describe('phone numbers', () => {
  it("shows Meta's display number and ours one way", () => {
    const f = createFormat({ locale: 'en-US' });
    expect(f.phone('+1 555-000-0000')).toBe(f.phone('15550000000'));
    expect(f.phone('+1 555 010 0001')).toBe('+1 555 010 0001');
    expect(f.phone('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(f.phone('+5511987654321')).toBe('+55 11 98765 4321');
    expect(f.phone('+919812345678')).toBe('+91 98123 45678');
  });

  it('shows what is not a number as it came', () => {
    const f = createFormat({ locale: 'en-US' });
    expect(f.phone('call the shop')).toBe('call the shop');
    expect(f.phone('')).toBe('');
    expect(f.phone(null)).toBe('');
  });
});

describe('locales', () => {
  it('takes the region from the business country only when the language has none', () => {
    expect(localeFor('en', 'FR')).toBe('en-FR');
    expect(localeFor('en-US', 'FR')).toBe('en-US');
    expect(localeFor('fr-FR', null)).toBe('fr-FR');
    expect(localeFor('en', 'not a country')).toBe('en');
  });

  it('falls back to English for a tag the runtime rejects', () => {
    expect(safeLocale('not_a_locale!!')).toBe('en-US');
    expect(safeLocale(undefined)).toBe('en-US');
    expect(createFormat({ locale: '!!' }).count(1000)).toBe('1,000');
  });
});
