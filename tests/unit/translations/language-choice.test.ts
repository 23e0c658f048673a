import { describe, expect, it } from 'vitest';
import {
  countByLanguage,
  languageChoiceProblems,
  languageChoiceSchema,
  languageForRow,
  languageOfCountry,
  languageOfValue,
} from '../../../shared/domain/translations';

const FAMILY = ['en_US', 'fr', 'pt_BR', 'es', 'es_MX', 'zh_TW'];

describe('languageOfValue: what a cell says, as one of the family codes', () => {
  it.each([
    ['fr', 'fr'],
    ['FR', 'fr'],
    ['fr_FR', 'fr'],
    ['fr-BE', 'fr'],
    ['French', 'fr'],
    ['Français', 'fr'],
    ['  francais ', 'fr'],
    ['en', 'en_US'],
    ['en-GB', 'en_US'],
    ['English', 'en_US'],
    ['pt', 'pt_BR'],
    ['Português', 'pt_BR'],
    ['Brazilian Portuguese', 'pt_BR'],
    ['es_MX', 'es_MX'],
    ['es-mx', 'es_MX'],
    ['es_AR', 'es'],
    ['Spanish', 'es'],
    ['Español', 'es'],
    ['zh-TW', 'zh_TW'],
  ])('%j → %s', (value, code) => {
    expect(languageOfValue(value, FAMILY)).toBe(code);
  });

  it.each(['', '   ', 'de', 'German', 'Klingon', 'x'.repeat(500), '12', 'fr_FR_extra'])(
    '%j names no language of the family',
    (value) => {
      expect(languageOfValue(value, FAMILY)).toBeNull();
    },
  );

  it('an empty family matches nothing', () => {
    expect(languageOfValue('fr', [])).toBeNull();
  });
});

describe('languageOfCountry', () => {
  it('picks the regional code when the family has it, else the plain language', () => {
    expect(languageOfCountry('MX', FAMILY)).toBe('es_MX');
    expect(languageOfCountry('ES', FAMILY)).toBe('es');
    expect(languageOfCountry('FR', FAMILY)).toBe('fr');
    expect(languageOfCountry('BR', FAMILY)).toBe('pt_BR');
    expect(languageOfCountry('TW', FAMILY)).toBe('zh_TW');
  });
  it('follows the country order of languages among those the family has', () => {
    expect(languageOfCountry('CA', FAMILY)).toBe('en_US');
    expect(languageOfCountry('CA', ['fr', 'de'])).toBe('fr');
    expect(languageOfCountry('BE', ['en', 'fr'])).toBe('fr');
  });
  it('null for an unknown country, no country, or a country whose languages the family lacks', () => {
    expect(languageOfCountry('DE', FAMILY)).toBeNull();
    expect(languageOfCountry(null, FAMILY)).toBeNull();
    expect(languageOfCountry('ZZ', FAMILY)).toBeNull();
  });
});

describe('languageForRow', () => {
  const row = (lang: string | undefined, country: string | null = null) => ({
    cells: lang === undefined ? {} : { lang },
    country,
  });
  it('fixed: always the campaign language', () => {
    expect(languageForRow({ kind: 'fixed' }, row('fr'), FAMILY, 'en_US')).toEqual({
      language: 'en_US',
      fellBack: false,
    });
  });
  it('column: the cell, else the fallback', () => {
    const choice = { kind: 'column', column: 'lang', fallback: 'es' } as const;
    expect(languageForRow(choice, row('Français'), FAMILY, 'en_US').language).toBe('fr');
    expect(languageForRow(choice, row('de'), FAMILY, 'en_US')).toEqual({
      language: 'es',
      fellBack: true,
    });
    expect(languageForRow(choice, row(undefined), FAMILY, 'en_US').fellBack).toBe(true);
  });
  it('country: the phone country, else the fallback', () => {
    const choice = { kind: 'country', fallback: 'en_US' } as const;
    expect(languageForRow(choice, row(undefined, 'FR'), FAMILY, 'es').language).toBe('fr');
    expect(languageForRow(choice, row(undefined, 'DE'), FAMILY, 'es')).toEqual({
      language: 'en_US',
      fellBack: true,
    });
  });
  it('a fallback outside the family resolves to the campaign language, never to a code Meta would refuse', () => {
    const choice = { kind: 'column', column: 'lang', fallback: 'de' } as const;
    expect(languageForRow(choice, row('xx'), FAMILY, 'en_US').language).toBe('en_US');
  });
});

describe('languageChoiceProblems and the stored shape', () => {
  it('names a missing column and a fallback without an approved template', () => {
    const problems = languageChoiceProblems(
      { kind: 'column', column: 'Langue', fallback: 'de' },
      FAMILY,
      ['Phone', 'Name'],
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('"Langue"');
    expect(problems[1]).toContain('"de"');
    expect(languageChoiceProblems({ kind: 'country', fallback: 'fr' }, FAMILY, [])).toEqual([]);
    expect(languageChoiceProblems({ kind: 'fixed' }, [], [])).toEqual([]);
  });
  it('the schema refuses an unknown kind and a column without a name', () => {
    expect(languageChoiceSchema.safeParse({ kind: 'guess' }).success).toBe(false);
    expect(
      languageChoiceSchema.safeParse({ kind: 'column', column: '', fallback: 'en' }).success,
    ).toBe(false);
    expect(languageChoiceSchema.safeParse({ kind: 'country', fallback: 'en' }).success).toBe(true);
  });
});

describe('countByLanguage', () => {
  it('counts rows per language and how many fell back, largest first', () => {
    expect(
      countByLanguage([
        { language: 'fr', fellBack: false },
        { language: 'en_US', fellBack: true },
        { language: 'en_US', fellBack: false },
      ]),
    ).toEqual([
      { language: 'en_US', rows: 2, fellBack: 1 },
      { language: 'fr', rows: 1, fellBack: 0 },
    ]);
    expect(countByLanguage([])).toEqual([]);
  });
});
