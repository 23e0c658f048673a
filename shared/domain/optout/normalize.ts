/**
 * Text as the opt-out detector compares it: lower case, accents gone, punctuation and emoji gone,
 * words separated by single spaces. Pure string work, so the same rules hold on both sides.
 */

// Latin combining accents (é → e, ç → c, ã → a) and Arabic short vowels, tanwin, shadda, sukun and
// the superscript alef, which people type or leave out at will. Devanagari vowel signs are NOT
// removed: they are letters there, and dropping them would merge different words.
const DROPPED_MARKS = /[\u0300-\u036f\u064b-\u065f\u0670]/g;
// Tatweel (Arabic elongation) carries no meaning: "توقـــف" is "توقف".
const TATWEEL = /\u0640/g;

/** Letters with no decomposition that people still treat as their base letter. */
const FOLD: Readonly<Record<string, string>> = {
  ı: 'i', // Turkish dotless i: "çık" typed as "cik" or "çik" on a phone without Turkish keys
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ł: 'l',
  // Arabic letter variants that keyboards and people use interchangeably.
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');

// Anything that is not a letter, a digit or a mark within a word separates words. Underscores and
// dashes too, so button payloads such as "OPT_OUT" or "stop-promos" read as words.
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/gu;

/** A camelCase payload ("optOut", "StopPromos") reads as words as well. */
const splitCamel = (s: string): string => s.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');

export function normalizeWords(text: string, options: { camelCase?: boolean } = {}): string[] {
  const source = options.camelCase ? splitCamel(text) : text;
  const folded = source
    .normalize('NFKD')
    .replace(DROPPED_MARKS, '')
    .replace(TATWEEL, '')
    .normalize('NFC')
    // Turkish İ lower-cases to "i̇" (i + combining dot) in most locales: drop the dot as well.
    .toLowerCase()
    .replace(/\u0307/g, '')
    .replace(FOLDABLE, (c) => FOLD[c] ?? c);
  return folded.split(SEPARATORS).filter((w) => w !== '');
}
