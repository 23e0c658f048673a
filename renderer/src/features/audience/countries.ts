import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

/** Options for the "default country" select: name in the user's language, code and +prefix. */
export function countryOptions(locale = navigator.language): { value: string; label: string }[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  } catch {
    names = undefined;
  }
  return getCountries()
    .map((code) => ({
      value: code,
      label: `${names?.of(code) ?? code} (+${getCountryCallingCode(code)})`,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
