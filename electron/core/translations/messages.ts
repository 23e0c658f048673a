import { languageForRow } from '../../../shared/domain/translations';
import { loadMessageState } from '../templates/campaign-message';
import {
  messageFromState,
  type CampaignMessage,
  type CampaignMessages,
} from '../templates/compose';
import { getTemplateRow, toTemplateInfo } from '../templates/store';
import type { Store } from '../db/connection';
import { familyLanguages, familyTemplateId } from './family';
import { languageChoiceOf } from './setting';
import { SPLIT_REFUSES_LANGUAGES } from './with-variants';

/**
 * The campaign's messages with its template family's other languages: each translation is the
 * same mapping and UTM tags on that language's approved template, and `forRecipient` picks the
 * recipient's language (the fallback when its value names none the family has). A campaign split
 * into A/B variants cannot also pick languages (with-variants.ts): one stored with both (written
 * before that rule, or by hand) is refused here, so the sender pauses with the reason instead of
 * silently sending everybody one language.
 */
export function withTranslations(
  store: Store,
  campaignId: number,
  base: CampaignMessages,
): { ok: true; value: CampaignMessages } | { ok: false; reason: string } {
  const c = store.first(
    store.q
      .selectFrom('campaigns')
      .select(['account_id', 'template_name', 'template_language', 'settings_json'])
      .where('id', '=', campaignId),
  );
  const choice = languageChoiceOf(c?.settings_json);
  if (!c || choice.kind === 'fixed' || c.template_name === null) return { ok: true, value: base };
  if (base.split) return { ok: false, reason: SPLIT_REFUSES_LANGUAGES };
  const a = base.forVariant('A');
  if (!a) return { ok: true, value: base };
  const family = familyLanguages(store, c.account_id, c.template_name);
  const fixed = c.template_language ?? a.template.language;
  const byLanguage = new Map<string, CampaignMessage>([[fixed, a]]);
  const state = loadMessageState(store, campaignId);
  for (const language of family) {
    if (byLanguage.has(language)) continue;
    const id = familyTemplateId(store, c.account_id, c.template_name, language);
    const row = id === null ? undefined : getTemplateRow(store, id);
    const info = row ? toTemplateInfo(row) : null;
    const loaded = messageFromState(
      { ...state, templateLanguage: language, info, templateWarning: null },
      `${language}: `,
    );
    if (!loaded.ok) return loaded;
    byLanguage.set(language, loaded.message);
  }
  return {
    ok: true,
    value: {
      ...base,
      translations: [...byLanguage.values()].filter((m) => m !== a),
      forRecipient: (r) =>
        byLanguage.get(
          languageForRow(choice, { cells: r.fields, country: r.country }, family, fixed).language,
        ) ?? a,
    },
  };
}
