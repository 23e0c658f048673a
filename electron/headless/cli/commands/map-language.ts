import { human, noun } from '../format';
import type { LanguageChoice, LanguagePlan } from '../../../../shared/domain/translations';
import { call, flag, str, UsageError, type Ctx } from '../framework';

/** `campaigns map`'s language options: a column or the phone's country, with a fallback. */
export const LANGUAGE_OPTIONS = {
  'language-column': { type: 'string' },
  'language-by-country': { type: 'boolean' },
  'fallback-language': { type: 'string' },
} as const;

export const LANGUAGE_USAGE =
  '[--language-column COL | --language-by-country [--fallback-language CODE]]';

/** The choice the options ask for, or undefined when they ask for none. */
export function languageChoiceOption(
  ctx: Ctx,
  templateLanguage: string,
): LanguageChoice | undefined {
  const column = str(ctx, 'language-column');
  const byCountry = flag(ctx, 'language-by-country');
  const fallback = str(ctx, 'fallback-language');
  if (column !== undefined && byCountry)
    throw new UsageError('Choose --language-column COL or --language-by-country, not both.');
  // Without a fallback, rows with no matching language keep the campaign's own template language.
  const fb = fallback ?? templateLanguage;
  if (column !== undefined) return { kind: 'column', column, fallback: fb };
  if (byCountry) return { kind: 'country', fallback: fb };
  if (fallback !== undefined)
    throw new UsageError(
      '--fallback-language goes with --language-column or --language-by-country.',
    );
  return undefined;
}

/** Sets the choice and says which language how many rows get. */
export async function applyLanguageOption(
  ctx: Ctx,
  campaignId: number,
  choice: LanguageChoice,
): Promise<string[]> {
  const plan: LanguagePlan = await call(ctx.core(), 'campaigns.setLanguage', {
    campaignId,
    choice,
  });
  const how =
    choice.kind === 'column'
      ? `from the column "${choice.column}"`
      : choice.kind === 'country'
        ? "from the phone's country"
        : 'one for everyone';
  return [
    `Language ${how}${choice.kind === 'fixed' ? '' : `, else ${choice.fallback}`} (approved: ${plan.family.join(', ') || 'none'}).`,
    ...plan.counts.map(
      (c) =>
        `  ${c.language.padEnd(8)}${human().countOf(c.rows, noun('row'))}${c.fellBack > 0 ? ` (${c.fellBack} by fallback)` : ''}`,
    ),
  ];
}
