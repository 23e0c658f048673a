import { describe, expect, it } from 'vitest';
import { suggestCountry } from '../../shared/domain/phone-country';

const FRENCH = ['06 12 34 56 78', '07 81 23 45 67', '01 42 68 53 00', '06 45 87 96 32'];

describe('the country suggestion of the import preview', () => {
  it('offers France for a French file read as US numbers', () => {
    expect(suggestCountry(FRENCH, 'US')).toEqual({
      country: 'FR',
      callingCode: '33',
      matches: 4,
      total: 4,
    });
  });

  it('offers a country when none is chosen and the numbers need one', () => {
    expect(suggestCountry(FRENCH, null)?.country).toBe('FR');
  });

  it('says nothing when the chosen country reads the numbers', () => {
    expect(suggestCountry(FRENCH, 'FR')).toBeNull();
    expect(
      suggestCountry(['(415) 555-0132', '212-555-0199', '+33 6 12 34 56 78'], 'US'),
    ).toBeNull();
  });

  it('needs more than a third of the numbers without +code to be wrong', () => {
    const us = ['(415) 555-0132', '(212) 555-0199', '(312) 555-0147', '(617) 555-0123'];
    // One French number among four US ones: a typo, not a file of another country.
    expect(suggestCountry([...us, FRENCH[0]!], 'US')).toBeNull();
    // Numbers written with +code do not count either way.
    expect(
      suggestCountry(['+1 415 555 0132', '+1 212 555 0199', '+1 312 555 0147', FRENCH[0]!], 'US'),
    ).toMatchObject({ country: 'FR', matches: 1, total: 1 });
    expect(suggestCountry([FRENCH[0]!, FRENCH[1]!, us[0]!, us[1]!], 'US')?.country).toBe('FR');
  });

  it('breaks ties with the user region, then large markets', () => {
    const spanish = ['612 345 678', '699 123 456'];
    expect(suggestCountry(spanish, 'US')?.country).toBe('ES');
    expect(suggestCountry(spanish, 'US', ['DZ'])?.country).toBe('DZ');
  });

  it('says nothing for cells that are no numbers at all or empty', () => {
    expect(suggestCountry(['', 'n/a', 'call me'], 'US')).toBeNull();
    expect(suggestCountry([], 'US')).toBeNull();
  });
});
