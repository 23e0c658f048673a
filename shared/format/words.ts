import { numberFormat } from './numbers';

/**
 * The words are the app's English whatever the number locale, so the plural category comes from
 * English rules ("1 message", "0 messages", "1.5 messages"), not from the number's locale: French
 * rules put 0 and 1.5 in "one", which would give "0 message" in an English sentence.
 */
const englishPlurals = new Intl.PluralRules('en');

export interface Noun {
  one: string;
  other: string;
}

export function pluralWord(n: number, noun: Noun): string {
  return englishPlurals.select(n) === 'one' ? noun.one : noun.other;
}

/** "1 utility message", "2,500 recipients" (the number in the locale, the noun in English). */
export function formatCountOf(locale: string, n: number, noun: Noun): string {
  const shown = Number.isFinite(n)
    ? numberFormat(locale, { maximumFractionDigits: 1 }).format(n)
    : '—';
  return `${shown} ${pluralWord(n, noun)}`;
}

/** Most nouns add an "s"; pass the plural for the others ("person", "people"). */
export const noun = (one: string, other = `${one}s`): Noun => ({ one, other });
