import { z } from 'zod';
import { languageOfCountry } from './country-language';
import { languageOfValue } from './language-value';

/**
 * How a campaign picks each recipient's language among its template family (the approved
 * templates sharing the campaign template's name): one language for all (`fixed`, the campaign's
 * own template language), a column of the file, or the phone's country. `fallback` is used for a
 * row whose value names no language the family has.
 */
export const languageChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed') }),
  z.object({ kind: z.literal('column'), column: z.string().min(1).max(200), fallback: z.string() }),
  z.object({ kind: z.literal('country'), fallback: z.string() }),
]);
export type LanguageChoice = z.infer<typeof languageChoiceSchema>;

export const FIXED_LANGUAGE: LanguageChoice = { kind: 'fixed' };

/** What the choice needs of one recipient: its cells and its phone's country (ISO alpha-2). */
export interface LanguageRow {
  cells: Readonly<Record<string, string | undefined>>;
  country: string | null;
}

export interface RowLanguage {
  language: string;
  /** True when the row's own value gave no family language and the fallback was used. */
  fellBack: boolean;
}

/**
 * The language a recipient gets. `fixedLanguage` is the campaign's template language (what the
 * `fixed` choice and a fallback outside the family resolve to).
 */
export function languageForRow(
  choice: LanguageChoice,
  row: LanguageRow,
  family: readonly string[],
  fixedLanguage: string,
): RowLanguage {
  if (choice.kind === 'fixed') return { language: fixedLanguage, fellBack: false };
  const own =
    choice.kind === 'column'
      ? languageOfValue(row.cells[choice.column] ?? '', family)
      : languageOfCountry(row.country, family);
  if (own !== null) return { language: own, fellBack: false };
  const fallback = family.includes(choice.fallback) ? choice.fallback : fixedLanguage;
  return { language: fallback, fellBack: true };
}

/** Problems with a choice against the family and the file's columns; empty when it can be used. */
export function languageChoiceProblems(
  choice: LanguageChoice,
  family: readonly string[],
  columns: readonly string[],
): string[] {
  if (choice.kind === 'fixed') return [];
  const out: string[] = [];
  if (choice.kind === 'column' && !columns.includes(choice.column))
    out.push(
      `The language column "${choice.column}" is not in the file. Choose one of its columns, or one language for everyone.`,
    );
  if (!family.includes(choice.fallback))
    out.push(
      family.length === 0
        ? 'This template has no approved language yet, so there is nothing to fall back to.'
        : `The fallback language "${choice.fallback}" has no approved template of this name. Choose one of: ${family.join(', ')}.`,
    );
  return out;
}

export interface LanguageCount {
  language: string;
  rows: number;
  /** Of those rows, how many got the language as the fallback. */
  fellBack: number;
}

/** Rows per language, largest first (ties by code), for the validation summary. */
export function countByLanguage(languages: Iterable<RowLanguage>): LanguageCount[] {
  const counts = new Map<string, LanguageCount>();
  for (const l of languages) {
    const c = counts.get(l.language) ?? { language: l.language, rows: 0, fellBack: 0 };
    c.rows += 1;
    if (l.fellBack) c.fellBack += 1;
    counts.set(l.language, c);
  }
  return [...counts.values()].sort(
    (a, b) => b.rows - a.rows || a.language.localeCompare(b.language),
  );
}

/** A recipient whose own value named no language of the family, so it gets the fallback. */
export interface FellBackRecipient {
  recipientId: number;
  rowNumber: number;
  phone: string;
  /** What the row said: the language column's cell, or the phone's country; '' when empty. */
  value: string;
}

/** A campaign's language choice with what it gives: the family and the rows per language. */
export interface LanguagePlan {
  choice: LanguageChoice;
  /** The approved languages of the campaign template's name. */
  family: string[];
  /** Rows per language they get, largest first. */
  counts: LanguageCount[];
  /**
   * The language a row gets when its own names none of the family (the choice's fallback, or the
   * campaign's template language when that fallback is no longer approved); null for `fixed`.
   * There is always one: nobody is left out for want of a translation.
   */
  fallback: string | null;
  /** The first few recipients who fell back, to name them (count in `counts[].fellBack`). */
  fellBackExamples: FellBackRecipient[];
}
