import type { CampaignState } from '../../../shared/api';
import {
  effectiveFrequencyCap,
  effectiveQuietHours,
  effectiveSpread,
  spreadDeadline,
  type EffectiveFrequencyCap,
  type EffectiveQuietHours,
  type SpreadSetting,
} from '../../../shared/domain/pacing';
import { accountQuietDefault } from '../accounts/quiet-defaults';
import type { Store } from '../db/connection';
import { parseSettingsJson } from './settings';

/** A campaign's pacing as it applies now: stored settings, or the defaults where none are stored. */
export interface CampaignPacing {
  campaignId: number;
  accountId: number;
  state: CampaignState;
  startedAt: number | null;
  templateCategory: string | null;
  accountRate: number;
  /** The country numbers without one of their own are timed as: the campaign's, else the account's. */
  fallbackCountry: string | null;
  frequencyCap: EffectiveFrequencyCap;
  quietHours: EffectiveQuietHours;
  accountQuietDefault: { from: string; to: string } | null;
  spread: SpreadSetting | null;
  /** When the spread must be done by (null: no spread, or not started yet). */
  deadline: number | null;
}

export function loadCampaignPacing(store: Store, campaignId: number): CampaignPacing | undefined {
  const row = store.first(
    store.q
      .selectFrom('campaigns')
      .innerJoin('accounts', 'accounts.id', 'campaigns.account_id')
      .leftJoin('templates', 'templates.id', 'campaigns.template_id')
      .select([
        'campaigns.account_id',
        'campaigns.state',
        'campaigns.started_at',
        'campaigns.settings_json',
        'campaigns.default_country',
        'accounts.default_country as account_country',
        'accounts.rate_per_second',
        'templates.category',
      ])
      .where('campaigns.id', '=', campaignId),
  );
  if (!row) return undefined;
  const settings = parseSettingsJson(row.settings_json);
  const accountDefault = accountQuietDefault(store, row.account_id);
  const spread = effectiveSpread(settings.spread);
  return {
    campaignId,
    accountId: row.account_id,
    state: row.state,
    startedAt: row.started_at,
    templateCategory: row.category ?? null,
    accountRate: row.rate_per_second,
    fallbackCountry: row.default_country ?? row.account_country ?? null,
    frequencyCap: effectiveFrequencyCap(settings.frequencyCap, row.category ?? null),
    quietHours: effectiveQuietHours(settings.quietHours, accountDefault),
    accountQuietDefault: accountDefault,
    spread,
    deadline: spread ? spreadDeadline(spread, row.started_at) : null,
  };
}

/** The stored form of the effective quiet hours (what a campaign keeps once it starts). */
export function quietHoursToStore(q: EffectiveQuietHours): {
  enabled: boolean;
  from: string;
  to: string;
  zones: Record<string, string>;
} {
  return { enabled: q.enabled, from: q.from, to: q.to, zones: q.zones };
}
