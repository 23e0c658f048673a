import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { PacingView, QuietCountry, QuietWaiting } from '../../../shared/api';
import { countryName, zonesOfCountry } from '../../../shared/domain/pacing';
import { createQuietGate, groupState, quietGroup, quietWaiting } from '../sender/quiet-hours';
import { spreadRateNow } from '../sender/spread';
import type { createFrequencyCapQueries } from './pacing-exclusion';
import { excludedGroups } from './pacing-exclusion';
import type { CampaignPacing } from './pacing-settings';
import { groupsFor } from './pacing-run';
import { whilePublishing } from '../db/visibility';

/** Pending recipients per country ('' for none), read from the partial index on pending rows. */
export function pendingByCountry(db: SqliteDatabase, campaignId: number): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT coalesce(country, '') AS country, count(*) AS n FROM recipients WHERE campaign_id = ? AND state = 'pending'${whilePublishing(db, campaignId)} GROUP BY country`,
    )
    .all(campaignId) as { country: string; n: number }[];
  return new Map(rows.map((r) => [r.country, r.n]));
}

/** The audience's countries as quiet hours see them now, most recipients first. */
export function quietCountries(
  p: CampaignPacing,
  pending: ReadonlyMap<string, number>,
  now: number,
): QuietCountry[] {
  const q = p.quietHours;
  return [...pending.entries()]
    .map(([key, recipients]): QuietCountry => {
      const country = key === '' ? null : key;
      const g = quietGroup(country, q.zones, p.fallbackCountry);
      const s = groupState(q.window, g, now);
      return {
        country,
        name: country ? countryName(country) : 'No country',
        recipients,
        zones: country ? zonesOfCountry(country) : [],
        chosenZone: country ? (q.zones[country] ?? null) : null,
        rule: g.rule,
        quietNow: s.quiet,
        opensAt: s.opensAt,
        closesAt: s.closesAt,
      };
    })
    .sort(
      (a, b) => b.recipients - a.recipients || (a.country ?? '').localeCompare(b.country ?? ''),
    );
}

/** Who waits for quiet hours now, for `campaigns.status` (the loop keeps its own, live). */
export function quietWaitingNow(
  p: CampaignPacing,
  pending: ReadonlyMap<string, number>,
  now: number,
): QuietWaiting | null {
  if (!p.quietHours.window) return null;
  const groups = groupsFor(pending.keys(), p.quietHours.zones, p.fallbackCountry);
  return quietWaiting(groups, createQuietGate(p.quietHours.window, groups).at(now), pending);
}

export function buildPacingView(
  db: SqliteDatabase,
  cap: ReturnType<typeof createFrequencyCapQueries>,
  p: CampaignPacing,
  now: number,
  /** A draft's recipients who will receive the message, by country (the reach): not all pending ones. */
  willReceive?: ReadonlyMap<string, number>,
): PacingView {
  const pending = willReceive ?? pendingByCountry(db, p.campaignId);
  const countries = quietCountries(p, pending, now);
  const remaining = [...pending.values()].reduce((a, n) => a + n, 0);
  const spread = p.spread;
  let ratePerSecond: number | null = null;
  let deadline: number | null = null;
  if (spread) {
    // Before the start, as if it started now.
    deadline = p.deadline ?? now + spread.durationMinutes * 60_000;
    const groups = groupsFor(pending.keys(), p.quietHours.zones, p.fallbackCountry);
    const gate = p.quietHours.window ? createQuietGate(p.quietHours.window, groups).at(now) : null;
    ratePerSecond =
      spreadRateNow({
        now,
        deadline,
        maxRate: p.accountRate,
        window: p.quietHours.window,
        groups,
        gate,
        pending: p.quietHours.window ? pending : new Map([['*', remaining]]),
      }) ?? 0;
    if (p.deadline === null) deadline = null;
  }
  const draft = p.state === 'draft';
  const paused = p.state === 'paused';
  return {
    campaignId: p.campaignId,
    state: p.state,
    templateCategory: p.templateCategory,
    editable: { frequencyCap: draft, quietHours: draft || paused, spread: draft || paused },
    frequencyCap: {
      enabled: p.frequencyCap.enabled,
      days: p.frequencyCap.days,
      source: p.frequencyCap.source,
      wouldExclude: cap.wouldExclude(p.campaignId, p.accountId, p.frequencyCap, now),
    },
    quietHours: {
      enabled: p.quietHours.enabled,
      from: p.quietHours.from,
      to: p.quietHours.to,
      zones: p.quietHours.zones,
      source: p.quietHours.source,
      accountDefault: p.accountQuietDefault,
      fallbackCountry: p.fallbackCountry,
      countries,
      waitingNow: countries.filter((c) => c.quietNow).reduce((a, c) => a + c.recipients, 0),
    },
    spread: {
      durationMinutes: spread?.durationMinutes ?? null,
      deadline,
      ratePerSecond,
      accountRate: p.accountRate,
    },
    excluded: excludedGroups(db, p.campaignId),
    at: now,
  };
}
