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

/** A region's name in the user's language ("FR" → "France"), its code when the browser has none. */
export function regionName(code: string): string {
  try {
    return new Intl.DisplayNames([navigator.language, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The user's own regions, from the browser's languages ("fr-FR" → FR, "pt-BR" → BR, "de" → DE by
 * likely subtags): the first-run default and a tie-break for the country suggestion.
 */
export function localeRegions(languages: readonly string[] = navigator.languages): string[] {
  const out: string[] = [];
  for (const tag of languages) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && /^[A-Z]{2}$/.test(region) && !out.includes(region)) out.push(region);
    } catch {
      // A malformed language tag says nothing about the user's country.
    }
  }
  return out;
}
