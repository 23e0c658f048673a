import { CoreError } from '../../../shared/api';
import type { LanguageChoice } from '../../../shared/domain/translations';
import { variantsOfRow } from '../campaigns/variants-settings';

/**
 * A/B variants and per-recipient languages do not mix: each variant is one template in one
 * language, and a variant per language family would make the comparison measure languages as
 * much as wording. So a campaign does one or the other, and says why when asked for both.
 */
export const SPLIT_REFUSES_LANGUAGES =
  'This campaign is split into A/B variants, and each variant sends its own template in one language. Remove variants B and C to send each customer their language, or keep the test with one language for everybody.';

export const LANGUAGES_REFUSE_SPLIT =
  'This campaign sends each customer their language. A/B variants each send one template in one language, so choose “One language for everybody” before adding a variant.';

export const isSplit = (settingsJson: string | null | undefined): boolean =>
  (variantsOfRow(settingsJson).setting?.variants.length ?? 1) > 1;

/** Refuses a per-recipient language for a split campaign. */
export function assertLanguageFitsVariants(
  choice: LanguageChoice,
  settingsJson: string | null | undefined,
): void {
  if (choice.kind !== 'fixed' && isSplit(settingsJson))
    throw new CoreError('VALIDATION', SPLIT_REFUSES_LANGUAGES);
}
