/**
 * What a customer file says about a recipient's language ("fr", "fr-FR", "FR_fr", "French",
 * "Français", "Brazilian Portuguese"), matched to one of a template family's language codes.
 *
 * Meta's codes are a base language with an optional region after an underscore ("fr", "fr_CA",
 * "pt_BR", "prs_AF"), case-sensitive (verified: developers.facebook.com …/templates/supported-languages,
 * updated May 21, 2026). Names come from Intl.DisplayNames in English and in the language itself,
 * so any language a family holds is recognised without a table of our own.
 */

/** "fr_ca" / "FR-CA" / "fr" → { base: "fr", region: "CA" }; null when it is not code-shaped. */
export function splitLanguageCode(value: string): { base: string; region: string | null } | null {
  const m = /^([a-z]{2,3})(?:[_-]([a-z]{2}))?$/i.exec(value.trim());
  if (!m || m[1] === undefined) return null;
  return { base: m[1].toLowerCase(), region: m[2] === undefined ? null : m[2].toUpperCase() };
}

/** Lowercase, accents and punctuation dropped: "Français" and "francais" compare equal. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function displayName(locale: string, code: string): string | null {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? null;
  } catch {
    return null;
  }
}

/** The folded names a code is written as: English and native, for the code and its base. */
export function namesOfLanguage(code: string): string[] {
  const parts = splitLanguageCode(code);
  if (!parts) return [];
  const bcp = parts.region ? `${parts.base}-${parts.region}` : parts.base;
  const names = [
    displayName('en', bcp),
    displayName(parts.base, bcp),
    displayName('en', parts.base),
    displayName(parts.base, parts.base),
  ];
  return [...new Set(names.filter((n): n is string => n !== null).map(foldName))].filter(
    (n) => n !== '',
  );
}

/**
 * The family language a base and region pick: the exact regional code, else the plain base
 * ("fr" for "fr_BE"), else the family's first code of that base ("pt_BR" for "pt").
 */
export function pickByBase(
  base: string,
  region: string | null,
  family: readonly string[],
): string | null {
  const same = family.filter((c) => splitLanguageCode(c)?.base === base);
  if (same.length === 0) return null;
  if (region !== null) {
    const exact = same.find((c) => splitLanguageCode(c)?.region === region);
    if (exact) return exact;
  }
  return same.find((c) => splitLanguageCode(c)?.region === null) ?? same[0] ?? null;
}

/**
 * The family's code for a cell's value, or null when the value names no language of the family
 * (empty, unknown, or a language the family has no template in).
 */
export function languageOfValue(value: string, family: readonly string[]): string | null {
  const text = value.trim();
  if (text === '' || text.length > 80) return null;
  const exact = family.find((c) => c === text);
  if (exact) return exact;
  const code = splitLanguageCode(text);
  if (code) return pickByBase(code.base, code.region, family);
  const folded = foldName(text);
  // Full names first ("brazilian portuguese" → pt_BR), then base names ("portuguese" → pt…).
  for (const c of family) if (namesOfLanguage(c)[0] === folded) return c;
  for (const c of family) if (namesOfLanguage(c).includes(folded)) return c;
  return null;
}
