import { CoreError } from '../../../shared/api';
import {
  FIXED_LANGUAGE,
  languageChoiceProblems,
  languageChoiceSchema,
  type LanguageChoice,
} from '../../../shared/domain/translations';
import { parseSettingsJson, readSettings, writeSetting } from '../campaigns/settings';
import type { Store } from '../db/connection';
import { familyLanguages } from './family';
import { assertLanguageFitsVariants } from './with-variants';

/**
 * The campaign's language choice lives under its own key of campaigns.settings_json (the
 * per-feature settings object), so it needs no migration and leaves the slot mapping's shape alone.
 */
export const LANGUAGE_SETTING_KEY = 'language';

/** The stored choice; absent or unreadable reads as one language for everyone (today's behaviour). */
export function languageChoiceOf(settingsJson: string | null | undefined): LanguageChoice {
  const parsed = languageChoiceSchema.safeParse(
    parseSettingsJson(settingsJson)[LANGUAGE_SETTING_KEY],
  );
  return parsed.success ? parsed.data : FIXED_LANGUAGE;
}

export function readLanguageChoice(store: Store, campaignId: number): LanguageChoice {
  const parsed = languageChoiceSchema.safeParse(
    readSettings(store, campaignId)[LANGUAGE_SETTING_KEY],
  );
  return parsed.success ? parsed.data : FIXED_LANGUAGE;
}

/**
 * Sets the choice after checking it against the campaign's template family and file columns: a
 * fallback without an approved template would make Meta refuse every row that falls back.
 */
export function setLanguageChoice(
  store: Store,
  campaignId: number,
  input: unknown,
  now: number,
): LanguageChoice {
  const parsed = languageChoiceSchema.safeParse(input);
  if (!parsed.success)
    throw new CoreError(
      'VALIDATION',
      'Choose one language for everyone, a column holding each customer’s language, or their phone’s country, with a fallback language.',
    );
  const choice = parsed.data;
  const c = store.first(
    store.q
      .selectFrom('campaigns')
      .select(['account_id', 'template_name', 'columns_json', 'settings_json'])
      .where('id', '=', campaignId),
  );
  if (!c) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
  assertLanguageFitsVariants(choice, c.settings_json);
  if (choice.kind !== 'fixed' && c.template_name === null)
    throw new CoreError('VALIDATION', 'Choose the campaign’s template before its languages.');
  const family =
    c.template_name === null ? [] : familyLanguages(store, c.account_id, c.template_name);
  const problems = languageChoiceProblems(choice, family, columnsOf(c.columns_json));
  if (problems.length > 0) throw new CoreError('VALIDATION', problems.join(' '));
  writeSetting(
    store,
    campaignId,
    LANGUAGE_SETTING_KEY,
    choice.kind === 'fixed' ? undefined : choice,
    now,
    { allowedStates: ['draft', 'paused'] },
  );
  return choice;
}

function columnsOf(json: string | null): string[] {
  try {
    const v: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
