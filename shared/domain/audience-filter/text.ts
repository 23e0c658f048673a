/**
 * Text comparison for filters: case- and accent-insensitive, trimmed. "Zürich", " ZURICH " and
 * "zurich" are equal; "Straße" equals "strasse"; full-width and compatibility forms (ｌｏｎｄｏｎ, ﬁ)
 * fold to their plain letters (NFKD). Zero-width characters that spreadsheets leave behind are dropped.
 */

const ASCII = /^[\x20-\x7e]*$/;
const MARKS = /\p{M}+/gu;
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/g;
const SPACES = /\s+/gu;
const DOUBLE_SPACE = /\s\s/;

export function foldText(raw: string): string {
  const s = raw.trim();
  // Most cells are plain ASCII: skip the Unicode work for them (a million cells per count).
  if (ASCII.test(s)) {
    const lower = s.toLowerCase();
    return DOUBLE_SPACE.test(lower) ? lower.replace(SPACES, ' ') : lower;
  }
  return s
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(SPACES, ' ')
    .trim();
}

/** Empty once trimmed (a cell of spaces or invisible characters only is empty too). */
export function isBlank(raw: string | undefined): boolean {
  return raw === undefined || raw.replace(INVISIBLE, '').trim() === '';
}
