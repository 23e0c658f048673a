import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../shared/domain/phone';
import { isPlainDigits, readDigits, type DigitsReading } from '../../shared/domain/phone-digits';

const ok = (raw: string, country: string | null) => {
  const r = normalizePhone(raw, country);
  if (!r.ok) throw new Error(`${raw}: ${r.reason}`);
  return r;
};
const problem = (raw: string, country: string | null) => {
  const r = normalizePhone(raw, country);
  return r.ok ? `accepted as ${r.e164}` : r.problem;
};

describe('normalizePhone', () => {
  it('accepts spaces, dashes, dots, brackets, a leading + or 00, and an apostrophe', () => {
    expect(ok('+44 7911 123456', null).e164).toBe('+447911123456');
    expect(ok('0044 7911-123-456', null).e164).toBe('+447911123456');
    expect(ok("'+447911123456", null).e164).toBe('+447911123456');
    expect(ok('(202) 555-0143', 'US').e164).toBe('+12025550143');
    expect(ok('202.555.0143', 'US').e164).toBe('+12025550143');
    expect(ok('+1\u00a0202\u00a0555\u00a00143', null).e164).toBe('+12025550143');
  });

  it('reads national numbers with the default country', () => {
    expect(ok('07911 123456', 'GB').e164).toBe('+447911123456');
    expect(ok('06 12 34 56 78', 'FR').e164).toBe('+33612345678');
    expect(ok('011 98765-4321', 'BR').e164).toBe('+5511987654321');
  });

  it('accepts a country code written without "+"', () => {
    expect(ok('447911123456', 'GB').e164).toBe('+447911123456');
    expect(ok('4915123456789', 'US').e164).toBe('+4915123456789');
    expect(ok('919876543210', null).e164).toBe('+919876543210');
  });

  it('never converts Excel scientific notation', () => {
    for (const raw of ['2.34803E+12', '4.47900E+11', '4,479E+11', '2E+12']) {
      expect(problem(raw, 'GB'), raw).toBe('SCIENTIFIC_NOTATION');
    }
    expect((normalizePhone('2.34803E+12', 'GB') as { reason: string }).reason).toMatch(
      /scientific notation/,
    );
  });

  it('does not merge a cell holding several numbers', () => {
    for (const raw of [
      '+44 7911 123456 / +44 7911 123457',
      '07911123456, 07911123457',
      '07911123456;07911123457',
      '07911123456 or 07911123457',
      '+44 7911 123456\n+44 7911 123457',
      '07911123456 07911123457 0791112345',
    ]) {
      expect(problem(raw, 'GB'), raw).toBe('SEVERAL_NUMBERS');
    }
  });

  it('flags but keeps non-mobile numbers', () => {
    const landline = ok('+44 20 7946 0958', null);
    expect(landline).toMatchObject({ e164: '+442079460958', nonMobile: true, type: 'FIXED_LINE' });
    expect(ok('+44 7911 123456', null).nonMobile).toBe(false);
  });

  it('rejects what is not a number, with a reason', () => {
    expect(problem('', 'GB')).toBe('EMPTY');
    expect(problem('   ', 'GB')).toBe('EMPTY');
    expect(problem('call me', 'GB')).toBe('NOT_A_NUMBER');
    expect(problem('12345', 'GB')).toBe('INVALID');
    expect(problem('+44 1234', null)).toBe('INVALID');
    expect(problem('07911 123456', null)).toBe('NEEDS_COUNTRY');
  });
});

/**
 * phone-digits.ts re-traces libphonenumber-js's parse for plain digit strings, with compiled
 * patterns. These tests hold it to the library's answers: every country as the default, and
 * the forms people type (national, with trunk prefix, country code with and without "+", IDD).
 */
describe('readDigits agrees with libphonenumber-js', () => {
  const library = (text: string, country: string | null): DigitsReading | undefined => {
    const p = parsePhoneNumberFromString(
      text,
      country ? { defaultCountry: country as CountryCode } : {},
    );
    return p
      ? { number: p.number, country: p.country, valid: p.isValid(), type: p.getType() }
      : undefined;
  };
  // A fixed generator: the same inputs on every run, so a failure can be reproduced.
  let seed = 20261123;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const randomDigits = (n: number) =>
    Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const mobileExamples = examples as Partial<Record<string, string>>;

  /** Valid-looking, nearly valid and arbitrary national numbers for one country. */
  function nationalNumbers(country: string): string[] {
    const example = mobileExamples[country];
    const out = [randomDigits(6 + Math.floor(random() * 8)), randomDigits(9), randomDigits(10)];
    if (example) {
      out.push(
        example,
        example.slice(0, -1),
        example + '7',
        example.slice(0, -2) + randomDigits(2),
      );
      out.push(example.slice(0, 1 + Math.floor(random() * 3)) + randomDigits(example.length - 2));
    }
    return out;
  }

  it('for every country, as the default country and as none', () => {
    let compared = 0;
    const differences: string[] = [];
    for (const country of getCountries()) {
      const code = getCountryCallingCode(country);
      for (const n of nationalNumbers(country)) {
        const forms = [
          n,
          '0' + n,
          '1' + n,
          '8' + n,
          code + n,
          code + '0' + n,
          '+' + code + n,
          '+' + code + '0' + n,
          '00' + code + n,
          '011' + code + n,
        ];
        for (const text of forms) {
          for (const defaultCountry of [country, null, compared % 2 ? 'GB' : 'US']) {
            const ours = JSON.stringify(readDigits(text, defaultCountry));
            const theirs = JSON.stringify(library(text, defaultCountry));
            if (ours !== theirs)
              differences.push(`${text} with ${defaultCountry}: ${ours} instead of ${theirs}`);
            compared++;
          }
        }
      }
    }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(40_000);
  });

  it('on the cases that exercise each step', () => {
    const cases: [string, string | null][] = [
      ['07911123456', 'GB'],
      ['07781123456', 'JE'],
      ['07781123456', 'GB'],
      ['07624123456', 'GB'],
      ['01481123456', 'GB'], // GB, JE, IM, GG share +44
      ['2025550143', 'US'],
      ['4165550143', 'US'],
      ['8095550143', 'US'],
      ['12025550143', 'CA'],
      ['01144791112345', 'US'], // NANP, IDD 011
      ['+80012345678', null],
      ['+8001234567', null],
      ['+979123456789', null], // non-geographic codes
      ['011987654321', 'BR'],
      ['01511987654321', 'BR'],
      ['0111598765432', 'AR'],
      ['91123456789', 'AR'], // carrier codes, transform rules
      ['447911123456', 'GB'],
      ['4915123456789', 'DE'],
      ['3312345678', 'FR'],
      ['33612345678', 'FR'], // country code without "+"
      ['12', 'GB'],
      ['123', null],
      ['+12', null],
      ['+123', null],
      ['+0123456789', null],
      ['0', 'GB'], // too short, leading 0 after "+"
      ['07911123456', 'XX'],
      ['1234567890123456789', 'GB'],
      ['+999123456789', null], // unknown country, too long, unknown code
    ];
    for (const [text, country] of cases)
      expect(readDigits(text, country), `${text} with ${country}`).toEqual(library(text, country));
  });

  it('takes only digits with an optional leading "+"', () => {
    for (const text of ['', '+', '07911 123456', '+44+7911123456', '٠٧٩١١١٢٣٤٥٦', '07911123456#1'])
      expect(isPlainDigits(text), text).toBe(false);
    expect(() => readDigits('07911 123456', 'GB')).toThrow();
  });
});
