import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../shared/domain/phone';

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
    expect((normalizePhone('2.34803E+12', 'GB') as { reason: string }).reason).toMatch(/scientific notation/);
  });

  it('does not merge a cell holding several numbers', () => {
    for (const raw of ['+44 7911 123456 / +44 7911 123457', '07911123456, 07911123457', '07911123456;07911123457', '07911123456 or 07911123457', '+44 7911 123456\n+44 7911 123457', '07911123456 07911123457 0791112345']) {
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
