import type { MessageSetup, PreviewLanguage, PreviewRecipient } from '../../../shared/api';
import { languageForRow } from '../../../shared/domain/translations';
import type { CampaignMessageState } from '../templates/campaign-message';
import { getTemplateRow, toTemplateInfo } from '../templates/store';
import type { Store } from '../db/connection';
import { familyLanguages, familyTemplateId } from './family';
import { readLanguageChoice } from './setting';

/** The campaign's language choice and its template family, for the Message tab's controls. */
export function languageSetup(
  store: Store,
  state: CampaignMessageState,
): NonNullable<MessageSetup['language']> {
  return {
    choice: readLanguageChoice(store, state.campaignId),
    family: state.templateName ? familyLanguages(store, state.accountId, state.templateName) : [],
  };
}

/**
 * Which language the preview shows: the one asked for when the family has it, else the one this
 * recipient gets (as the sender picks it: languageForRow with the same family and fallback).
 * Returns the state on that language's template, so the bubble and request are that translation's.
 * Only the campaign's own message (variant A) has translations; null when the family has one language.
 */
export function stateForPreviewLanguage(
  store: Store,
  state: CampaignMessageState,
  row: PreviewRecipient | null,
  asked: string | undefined,
): { state: CampaignMessageState; language: PreviewLanguage | null } {
  if (state.variant !== 'A' || !state.templateName || !state.info) return { state, language: null };
  const { choice, family } = languageSetup(store, state);
  if (family.length < 2 && choice.kind === 'fixed') return { state, language: null };
  const fixed = state.templateLanguage ?? state.info.language;
  const gets = row
    ? languageForRow(choice, { cells: row.fields, country: row.country }, family, fixed)
    : { language: fixed, fellBack: false };
  const shown = asked !== undefined && family.includes(asked) ? asked : gets.language;
  const language: PreviewLanguage = {
    shown,
    recipientGets: gets.language,
    fellBack: gets.fellBack,
    family,
    perRecipient: choice.kind !== 'fixed',
  };
  if (shown === state.info.language) return { state, language };
  const id = familyTemplateId(store, state.accountId, state.templateName, shown);
  const tr = id === null ? undefined : getTemplateRow(store, id);
  const info = tr ? toTemplateInfo(tr) : null;
  if (!info) return { state, language: { ...language, shown: state.info.language } };
  return { state: { ...state, info, templateLanguage: shown, templateWarning: null }, language };
}
