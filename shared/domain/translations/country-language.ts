import { pickByBase } from './language-value';

/**
 * The languages customers in a country most likely read, most likely first. Assumed (common
 * official/business languages), not from Meta: it only picks among the languages a template
 * family already has, and a country not listed, or whose languages the family lacks, gets the
 * fallback language.
 */
const BY_COUNTRY: Readonly<Record<string, readonly string[]>> = {
  US: ['en', 'es'],
  GB: ['en'],
  IE: ['en', 'ga'],
  AU: ['en'],
  NZ: ['en'],
  ZA: ['en', 'af', 'zu'],
  NG: ['en', 'ha'],
  GH: ['en'],
  KE: ['en', 'sw'],
  UG: ['en'],
  TZ: ['sw', 'en'],
  IN: ['hi', 'en'],
  PK: ['ur', 'en'],
  SG: ['en', 'zh', 'ms'],
  MY: ['ms', 'en'],
  PH: ['fil', 'en'],
  CA: ['en', 'fr'],
  FR: ['fr'],
  BE: ['nl', 'fr', 'de'],
  CH: ['de', 'fr', 'it'],
  LU: ['fr', 'de'],
  MC: ['fr'],
  CI: ['fr'],
  SN: ['fr'],
  CM: ['fr', 'en'],
  MA: ['ar', 'fr'],
  DZ: ['ar', 'fr'],
  TN: ['ar', 'fr'],
  DE: ['de'],
  AT: ['de'],
  NL: ['nl'],
  ES: ['es', 'ca'],
  MX: ['es'],
  AR: ['es'],
  CO: ['es'],
  CL: ['es'],
  PE: ['es'],
  VE: ['es'],
  EC: ['es'],
  BR: ['pt'],
  PT: ['pt'],
  AO: ['pt'],
  MZ: ['pt'],
  IT: ['it'],
  GR: ['el'],
  TR: ['tr'],
  RU: ['ru'],
  UA: ['uk', 'ru'],
  PL: ['pl'],
  RO: ['ro'],
  CZ: ['cs'],
  SK: ['sk'],
  HU: ['hu'],
  SE: ['sv'],
  NO: ['nb'],
  DK: ['da'],
  FI: ['fi', 'sv'],
  IL: ['he', 'ar'],
  EG: ['ar'],
  SA: ['ar'],
  AE: ['ar', 'en'],
  QA: ['ar', 'en'],
  LB: ['ar', 'fr'],
  ID: ['id'],
  VN: ['vi'],
  TH: ['th'],
  JP: ['ja'],
  KR: ['ko'],
  CN: ['zh'],
  HK: ['zh', 'en'],
  TW: ['zh'],
  BD: ['bn'],
  IR: ['fa'],
};

/** The family's language for a recipient's country (ISO alpha-2), or null. */
export function languageOfCountry(
  country: string | null,
  family: readonly string[],
): string | null {
  if (country === null) return null;
  for (const base of BY_COUNTRY[country.toUpperCase()] ?? []) {
    const picked = pickByBase(base, country.toUpperCase(), family);
    if (picked) return picked;
  }
  return null;
}
