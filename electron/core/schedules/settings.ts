import { CoreError } from '../../../shared/api';
import { FILTER_KEY } from '../campaigns/audience-filter-store';
import { parseSettingsJson } from '../campaigns/settings';
import type { Store } from '../db/connection';

/**
 * What a schedule copies from the campaign it was made from, once, when it is made: the account,
 * the template and its mapping, and settings_json (pacing, quiet hours, marketing settings, A/B
 * variants). Not the audience filter: it is about that campaign's file; the segment chooses who.
 */
export interface CopiedSettings {
  accountId: number;
  templateId: number | null;
  templateName: string | null;
  templateLanguage: string | null;
  mappingJson: string | null;
  settingsJson: string;
  defaultCountry: string | null;
}

export function copySettings(store: Store, campaignId: number): CopiedSettings {
  const c = store.first(store.q.selectFrom('campaigns').selectAll().where('id', '=', campaignId));
  if (!c) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
  if (!c.template_name)
    throw new CoreError(
      'VALIDATION',
      `"${c.name}" has no template yet: choose its template and fields, then make the schedule from it.`,
    );
  const settings = parseSettingsJson(c.settings_json);
  delete settings[FILTER_KEY];
  return {
    accountId: c.account_id,
    templateId: c.template_id,
    templateName: c.template_name,
    templateLanguage: c.template_language,
    mappingJson: c.mapping_json,
    settingsJson: JSON.stringify(settings),
    defaultCountry: c.default_country,
  };
}

/** A stored copy; a damaged one reads as null and the run fails with words saying so. */
export function readCopiedSettings(json: string): CopiedSettings | null {
  try {
    const v = JSON.parse(json) as Partial<CopiedSettings>;
    if (typeof v.accountId !== 'number' || typeof v.settingsJson !== 'string') return null;
    return {
      accountId: v.accountId,
      templateId: v.templateId ?? null,
      templateName: v.templateName ?? null,
      templateLanguage: v.templateLanguage ?? null,
      mappingJson: v.mappingJson ?? null,
      settingsJson: v.settingsJson,
      defaultCountry: v.defaultCountry ?? null,
    };
  } catch {
    return null;
  }
}

/** A new draft with the copied settings; inside the caller's transaction. */
export function insertRunCampaign(
  store: Store,
  s: CopiedSettings,
  name: string,
  now: number,
): number {
  const { lastInsertRowid } = store.run(
    store.q.insertInto('campaigns').values({
      account_id: s.accountId,
      name: name.slice(0, 120),
      template_id: s.templateId,
      template_name: s.templateName,
      template_language: s.templateLanguage,
      mapping_json: s.mappingJson,
      settings_json: s.settingsJson,
      default_country: s.defaultCountry,
      parent_campaign_id: null,
      pause_code: null,
      pause_reason: null,
      scheduled_at: null,
      started_at: null,
      completed_at: null,
      created_at: now,
      updated_at: now,
    }),
  );
  return Number(lastInsertRowid);
}
