import { describe, expect, it } from 'vitest';
import { uniqueColumns } from '../../../electron/core/contacts/headers';
import { guessPhoneColumn } from '../../../electron/core/contacts/phone-column';

describe('header row', () => {
  it('makes blank and repeated names unique, and says so', () => {
    const { names, renamed } = uniqueColumns(['name', 'phone', 'Phone', '', '  ', 'phone']);
    expect(names).toEqual(['name', 'phone', 'Phone (2)', 'Column 4', 'Column 5', 'phone (3)']);
    expect(renamed.map((r) => r.to)).toEqual(['Phone (2)', 'Column 4', 'Column 5', 'phone (3)']);
  });

  it('strips a stray BOM from the first header', () => {
    expect(uniqueColumns(['\uFEFFName', 'Phone']).names).toEqual(['Name', 'Phone']);
  });
});

describe('phone column detection', () => {
  const rows = [
    ['Ana', '+44 7911 123456', 'Leeds'],
    ['Bob', '07911 123457', 'York'],
  ];
  it('finds it by header name in several languages', () => {
    for (const header of [
      'Phone',
      'Mobile',
      'WhatsApp',
      'Teléfono',
      'Celular',
      'Handynummer',
      'Handy',
      'Téléphone',
      'Phone 1 - Value',
      'Default Address Phone',
    ]) {
      expect(guessPhoneColumn(['Name', header, 'City'], [], 'GB'), header).toBe(header);
    }
  });

  it('finds it by content when the header says nothing', () => {
    expect(guessPhoneColumn(['A', 'B', 'C'], rows, 'GB')).toBe('B');
  });

  it('prefers the column whose content is numbers over a "phone type" label column', () => {
    const sample = [['Mobile', '+34 612 34 56 78']];
    expect(guessPhoneColumn(['Phone 1 - Type', 'Phone 1 - Value'], sample, null)).toBe(
      'Phone 1 - Value',
    );
  });

  it('returns nothing when no column looks like phone numbers', () => {
    expect(guessPhoneColumn(['Name', 'City'], [['Ana', 'Leeds']], 'GB')).toBeUndefined();
  });
});
