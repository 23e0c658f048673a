import { frequencyCapReason, type QuietWindow } from '../../../shared/domain/pacing';
import type { Store } from '../db/connection';
import { quietGroup, type QuietGroup } from '../sender/quiet-hours';
import { loadCampaignPacing, quietHoursToStore } from './pacing-settings';
import { writeSetting } from './settings';

/** What one run of the send loop needs to know about pacing, read once when the run starts. */
export interface PacingRun {
  accountId: number;
  cap: { enabled: boolean; days: number; reason: string };
  window: QuietWindow | null;
  chosenZones: Record<string, string>;
  fallbackCountry: string | null;
  /** One group per country with recipients in the campaign ('' for numbers without a country). */
  groups: QuietGroup[];
  deadline: number | null;
}

export function groupsFor(
  keys: Iterable<string>,
  chosen: Record<string, string>,
  fallbackCountry: string | null,
): QuietGroup[] {
  return [...new Set(keys)]
    .sort()
    .map((k) => quietGroup(k === '' ? null : k, chosen, fallbackCountry));
}

/**
 * Reads the campaign's pacing for a run. A campaign that still follows its account's default quiet
 * hours keeps them from now on (written into its settings), so changing the account's defaults later
 * never changes a campaign that has started.
 */
export function preparePacingRun(
  store: Store,
  campaignId: number,
  countries: Iterable<string>,
  now: number,
): PacingRun | undefined {
  const p = loadCampaignPacing(store, campaignId);
  if (!p) return undefined;
  if (p.quietHours.source === 'account' && p.quietHours.enabled) {
    writeSetting(store, campaignId, 'quietHours', quietHoursToStore(p.quietHours), now, {
      allowedStates: ['sending', 'scheduled', 'paused', 'draft'],
    });
  }
  const chosen = p.quietHours.zones;
  return {
    accountId: p.accountId,
    cap: {
      enabled: p.frequencyCap.enabled,
      days: p.frequencyCap.days,
      reason: frequencyCapReason(p.frequencyCap.days),
    },
    window: p.quietHours.window,
    chosenZones: chosen,
    fallbackCountry: p.fallbackCountry,
    groups: p.quietHours.window ? groupsFor(countries, chosen, p.fallbackCountry) : [],
    deadline: p.deadline,
  };
}
