import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { CoreError } from '../../../shared/api';
import { compileFilter } from '../../../shared/domain/audience-filter';
import type { Store } from '../db/connection';
import {
  FILTER_EXCLUSION_REASON,
  filterContext,
  missingColumns,
  readFilter,
} from './audience-filter-store';
import { filterSql } from './audience-filter-sql';
import { scanAudience, type ScanResult } from './audience-filter-scan';
import { frequencyCapReason } from '../../../shared/domain/pacing';
import { capSince } from '../sender/frequency-cap';
import { loadCampaignPacing } from './pacing-settings';
import { readSettings, type SettingsObject } from './settings';

/**
 * Who a campaign will be sent to: its pending recipients that every targeting exclusion keeps.
 * The preview's stepping, validation, the cost estimate and the prechecks all ask this module, so
 * they follow the audience filter (and any later exclusion) the same way; at start the exclusions
 * become skipped rows with their reason, after which the scope is simply "pending".
 *
 * A new exclusion (the frequency cap, say) is one more entry in EXCLUSION_SOURCES: an SQL
 * condition over `recipients` that is 1 for the recipients it keeps, a skip reason starting with
 * "Excluded: ", and a cache key naming everything that condition depends on.
 */

export interface Exclusion {
  /** The feature's settings key: 'filter', 'frequencyCap'… */
  key: string;
  /** For sentences: "the audience filter". */
  label: string;
  /** Written to skip_reason at start; begins with "Excluded: " so the UI can count exclusions apart. */
  reason: string;
  /** 1 for recipients this exclusion keeps, over `recipients` (the table or a subquery of that name). */
  keeps: RawBuilder<unknown>;
  /** Everything `keeps` depends on besides the recipients' own rows (cached counts are keyed by it). */
  cacheKey: string;
  /** Something that must be fixed before sending (a filter that cannot be read, a missing column). */
  problem: string | null;
  /** Where the user changes it, for messages: "change the filter in the Audience tab". */
  fix: string;
}

export interface ExclusionContext {
  store: Store;
  campaignId: number;
  settings: SettingsObject;
  /** Unix ms: exclusions over a time window (the frequency cap) are evaluated at this instant. */
  now: number;
}

export interface ExclusionSource {
  key: string;
  build: (ctx: ExclusionContext) => Exclusion | null;
}

const FILTER_FIX = 'change the filter in the Audience tab';

const filterExclusion: ExclusionSource = {
  key: 'filter',
  build({ store, campaignId }) {
    const stored = readFilter(store, campaignId);
    if (stored.problem) {
      // Never "no filter": an unreadable filter keeps nobody until it is set again.
      return {
        key: 'filter',
        label: 'the audience filter',
        reason: FILTER_EXCLUSION_REASON,
        keeps: sql<number>`0`,
        cacheKey: 'filter:damaged',
        problem: stored.problem,
        fix: FILTER_FIX,
      };
    }
    if (!stored.filter) return null;
    const missing = missingColumns(stored.filter, filterContext(store, campaignId).columns);
    const f = filterSql(store.sqlite, stored.filter);
    return {
      key: 'filter',
      label: 'the audience filter',
      reason: FILTER_EXCLUSION_REASON,
      keeps: f.match,
      cacheKey: `filter:${f.json}`,
      fix: FILTER_FIX,
      problem:
        missing.length > 0
          ? `The audience filter uses ${missing.map((m) => `"${m}"`).join(', ')}, which this audience does not have: change the filter in the Audience tab.`
          : null,
    };
  },
};

/** The cap's window starts on a whole minute, so counts cached a few seconds apart agree. */
const CAP_WINDOW_STEP_MS = 60_000;

/**
 * The frequency cap: recipients whose phone got a message from this account (another campaign,
 * accepted by Meta and not failed since) within the cap's window. The same condition as the sender's
 * claim-time check (sender/frequency-cap.ts RECENT_SEND_EXISTS), one indexed seek per recipient
 * through recipients_phone_sent. Its counts also depend on other campaigns' sends, so the cache key
 * names the newest send anywhere.
 */
const frequencyCapExclusion: ExclusionSource = {
  key: 'frequencyCap',
  build({ store, campaignId, now }) {
    const pacing = loadCampaignPacing(store, campaignId);
    if (!pacing?.frequencyCap.enabled) return null;
    const since =
      Math.floor(capSince(now, pacing.frequencyCap) / CAP_WINDOW_STEP_MS) * CAP_WINDOW_STEP_MS;
    // Nothing this account sent elsewhere within the window: the cap leaves nobody out, and the
    // preview and counts need no scan (a new user's first campaigns, and most drafts).
    const anyRecent = store.sqlite
      .prepare(
        `SELECT 1 FROM recipients o JOIN campaigns oc ON oc.id = o.campaign_id
         WHERE o.sent_at > ? AND oc.account_id = ? AND o.campaign_id <> ? AND o.state <> 'failed' LIMIT 1`,
      )
      .get(since, pacing.accountId, campaignId);
    if (!anyRecent) return null;
    const newest = store.sqlite
      .prepare('SELECT max(sent_at) AS at FROM recipients WHERE sent_at IS NOT NULL')
      .get() as { at: number | null };
    return {
      key: 'frequencyCap',
      label: 'the frequency cap',
      reason: frequencyCapReason(pacing.frequencyCap.days),
      keeps: sql<number>`(NOT EXISTS (SELECT 1 FROM recipients o JOIN campaigns oc ON oc.id = o.campaign_id
        WHERE o.phone = recipients.phone AND o.sent_at > ${since} AND o.campaign_id <> recipients.campaign_id
          AND oc.account_id = ${pacing.accountId} AND o.state <> 'failed'))`,
      cacheKey: `frequencyCap:${pacing.accountId}:${since}:${newest.at ?? 0}`,
      problem: null,
      fix: 'lower the frequency cap or turn it off in Review & send',
    };
  },
};

/** Every targeting exclusion, in the order their reasons win when several apply to one recipient. */
export const EXCLUSION_SOURCES: ExclusionSource[] = [filterExclusion, frequencyCapExclusion];

export interface AudienceScope {
  campaignId: number;
  /** Exclusions still to apply (drafts only: at start they become skipped rows). */
  exclusions: Exclusion[];
  /** True when no exclusion applies: every pending recipient is sent to. */
  everybody: boolean;
  /** 1 for recipients kept by every exclusion, over `recipients`. */
  keeps: RawBuilder<SqlBool>;
  /** Pending and kept: who will be sent to. */
  sendable: RawBuilder<SqlBool>;
  problems: string[];
  /** "the audience filter", "the audience filter and the frequency cap". */
  label: string;
  /** Where to change them: "change the filter in the Audience tab or lower the frequency cap…". */
  fix: string;
}

export function audienceScope(store: Store, campaignId: number, now: number): AudienceScope {
  const campaign = store.first(
    store.q.selectFrom('campaigns').select('state').where('id', '=', campaignId),
  );
  if (!campaign) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
  const exclusions: Exclusion[] = [];
  if (campaign.state === 'draft') {
    const ctx = { store, campaignId, settings: readSettings(store, campaignId), now };
    for (const source of EXCLUSION_SOURCES) {
      const e = source.build(ctx);
      if (e) exclusions.push(e);
    }
  }
  const keeps =
    exclusions.length === 0
      ? sql<SqlBool>`1`
      : sql<SqlBool>`(${sql.join(
          exclusions.map((e) => sql`(${e.keeps}) = 1`),
          sql` AND `,
        )})`;
  const labels = exclusions.map((e) => e.label);
  return {
    campaignId,
    exclusions,
    everybody: exclusions.length === 0,
    keeps,
    sendable: sql<SqlBool>`(recipients.state = 'pending' AND ${keeps})`,
    problems: exclusions.map((e) => e.problem).filter((p): p is string => p !== null),
    label:
      labels.length <= 1
        ? (labels[0] ?? '')
        : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)!}`,
    fix: exclusions.map((e) => e.fix).join(', or '),
  };
}

/**
 * The scope's scan (see audience-filter-scan.ts): kept ids for the preview and pending counts. The
 * filter's own function runs once per row; other exclusions add their condition beside it.
 */
export function scanScope(store: Store, scope: AudienceScope): Promise<ScanResult> {
  const filterExcl = scope.exclusions.find((e) => e.key === 'filter');
  // Null when there is none or it cannot be read; an unreadable one stays among the others (keeping nobody).
  const stored = filterExcl ? readFilter(store, scope.campaignId).filter : null;
  const f = stored ? filterSql(store.sqlite, stored) : null;
  const others = scope.exclusions.filter((e) => e !== filterExcl || !f);
  return scanAudience(store, {
    campaignId: scope.campaignId,
    key: scope.exclusions.map((e) => e.cacheKey).join('|'),
    evaluate: f?.evaluate ?? null,
    checks: stored ? compileFilter(stored).checks : [],
    othersKeep:
      others.length === 0
        ? null
        : sql`(${sql.join(
            others.map((e) => sql`(${e.keeps}) = 1`),
            sql` AND `,
          )})`,
    statesMatter: true,
  });
}

/**
 * At start: pending recipients some exclusion does not keep become skipped, with the reason of the
 * first exclusion that leaves them out. One UPDATE statement; call it inside the start transaction.
 */
export function applyExclusions(
  store: Store,
  scope: AudienceScope,
): { reason: string; count: number }[] {
  if (scope.exclusions.length === 0) return [];
  // With one exclusion its reason is known without evaluating it again for every row.
  const only = scope.exclusions.length === 1 ? scope.exclusions[0] : undefined;
  const reasonCase = only
    ? sql<string>`${only.reason}`
    : sql<string>`CASE ${sql.join(
        scope.exclusions.map((e) => sql`WHEN (${e.keeps}) != 1 THEN ${e.reason}`),
        sql` `,
      )} END`;
  store.run(
    store.q
      .updateTable('recipients')
      .set({ state: 'skipped', skip_reason: reasonCase })
      .where('campaign_id', '=', scope.campaignId)
      .where('state', '=', 'pending')
      .where(sql<SqlBool>`NOT ${scope.keeps}`),
  );
  // Counted afterwards by reason (an index range of this campaign's skipped rows), rather than
  // returning a million rows from the UPDATE.
  return store
    .all(
      store.q
        .selectFrom('recipients')
        .select((eb) => ['skip_reason', eb.fn.countAll<number>().as('count')])
        .where('campaign_id', '=', scope.campaignId)
        .where('state', '=', 'skipped')
        .where(
          'skip_reason',
          'in',
          scope.exclusions.map((e) => e.reason),
        )
        .groupBy('skip_reason'),
    )
    .map((r) => ({ reason: r.skip_reason ?? '', count: r.count }));
}
