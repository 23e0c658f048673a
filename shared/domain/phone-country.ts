import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import { normalizePhone } from './phone';

export interface CountrySuggestion {
  /** ISO 3166-1 alpha-2, e.g. "FR". */
  country: string;
  /** Its calling code without "+", e.g. "33". */
  callingCode: string;
  /** Numbers (without +code) invalid for the chosen country that this one reads as valid. */
  matches: number;
  /** Numbers written without +code that were looked at. */
  total: number;
}

/**
 * Last tie-break, after the user's own region: large WhatsApp markets first. Assumed (public
 * usage rankings), not from Meta; it only orders countries that read the numbers equally well.
 */
const COMMON = [
  'IN',
  'BR',
  'ID',
  'MX',
  'US',
  'PH',
  'ES',
  'AR',
  'CO',
  'IT',
  'DE',
  'TR',
  'FR',
  'GB',
  'NG',
  'ZA',
  'EG',
  'PK',
  'SA',
  'MY',
  'PT',
  'NL',
  'BE',
  'CH',
  'AT',
  'IE',
  'AU',
  'CA',
];

/** Written with a country code ("+33…", "0033…"): the default country does not apply to them. */
const hasCountryCode = (raw: string): boolean => /^\s*'?\s*(\+|00)/.test(raw);

/**
 * "These look like French numbers": when more than a third of the numbers written without a
 * country code are invalid for the chosen country (or no country is chosen) and another country
 * reads them as valid, that country. A national number is valid in many countries at once
 * ("06 12 34 56 78" is valid in some 28), so candidates are ranked by how many of the numbers they
 * read, then how many of those are mobiles (a customer file is mostly mobiles), then the user's own
 * region (`preferred`, from the locale), then large WhatsApp markets. Pure: computed from the preview's rows.
 */
export function suggestCountry(
  cells: readonly string[],
  chosen: string | null,
  preferred: readonly string[] = [],
): CountrySuggestion | null {
  const national = cells.map((c) => c.trim()).filter((c) => c !== '' && !hasCountryCode(c));
  if (national.length === 0) return null;
  const invalid = national.filter((c) => !normalizePhone(c, chosen).ok);
  if (invalid.length * 3 <= national.length) return null;

  const order = [...preferred, ...COMMON];
  let best: { country: string; valid: number; mobile: number; rank: number } | null = null;
  for (const country of getCountries()) {
    if (country === chosen) continue;
    let valid = 0;
    let mobile = 0;
    for (const cell of invalid) {
      const p = normalizePhone(cell, country);
      if (!p.ok || p.country !== country) continue;
      valid++;
      // Strictly MOBILE: countries whose plan cannot tell (FIXED_LINE_OR_MOBILE) must not win on it.
      if (p.type === 'MOBILE') mobile++;
    }
    if (valid * 3 <= national.length) continue;
    const at = order.indexOf(country);
    const rank = at < 0 ? order.length : at;
    if (
      !best ||
      valid > best.valid ||
      (valid === best.valid && mobile > best.mobile) ||
      (valid === best.valid && mobile === best.mobile && rank < best.rank)
    )
      best = { country, valid, mobile, rank };
  }
  if (!best) return null;
  return {
    country: best.country,
    callingCode: getCountryCallingCode(best.country as CountryCode),
    matches: best.valid,
    total: national.length,
  };
}
