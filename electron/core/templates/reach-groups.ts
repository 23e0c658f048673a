import { sql, type RawBuilder } from 'kysely';
import { EXCLUDED_PREFIX } from '../../../shared/domain/pacing';
import {
  DECLINED_MARKETING_PREFIX,
  LEFT_OUT_TEXT,
  US_MARKETING_SKIP,
  type LeftOutGroup,
  type LeftOutKind,
} from '../../../shared/domain/reach';
import type { AudienceScope } from '../campaigns/audience-scope';
import { FILTER_EXCLUSION_REASON } from '../campaigns/audience-filter-store';
import type { Store } from '../db/connection';
import { whilePublishing } from '../db/visibility';

/** Left-out counts by kind, plus the skip reasons that fit no kind (kept in their own words). */
export type LeftOutCounts = Record<LeftOutKind, number> & { other: Map<string, number> };

/**
 * The key of the first targeting exclusion that leaves a recipient out, or NULL when all keep it,
 * over `recipients`: one pass tells who is out and why.
 */
export function excludedBySql(scope: AudienceScope): RawBuilder<string | null> {
  if (scope.exclusions.length === 0) return sql<string | null>`NULL`;
  return sql<string | null>`CASE ${sql.join(
    scope.exclusions.map((e) => sql`WHEN (${e.keeps}) != 1 THEN ${e.key}`),
    sql` `,
  )} ELSE NULL END`;
}

function kindOfSkip(reason: string): LeftOutKind {
  // "Suppressed: …" at claim, "suppressed" at import.
  if (/^suppressed\b/i.test(reason)) return 'suppressed';
  if (reason === US_MARKETING_SKIP) return 'us_marketing';
  if (reason.startsWith(DECLINED_MARKETING_PREFIX)) return 'declined_marketing';
  if (reason === FILTER_EXCLUSION_REASON) return 'filter';
  if (reason.startsWith(EXCLUDED_PREFIX)) return 'frequencyCap';
  return 'skipped';
}

/** Recipients already skipped (on the suppression list at import, excluded at start…), by kind. */
export function skippedByKind(store: Store, campaignId: number): LeftOutCounts {
  const counts: LeftOutCounts = {
    skipped: 0,
    filter: 0,
    frequencyCap: 0,
    suppressed: 0,
    declined_marketing: 0,
    us_marketing: 0,
    invalid: 0,
    other: new Map(),
  };
  const rows = store.sqlite
    .prepare(
      `SELECT coalesce(skip_reason, '') AS reason, count(*) AS n FROM recipients
       WHERE campaign_id = ? AND state = 'skipped'${whilePublishing(store.sqlite, campaignId)} GROUP BY skip_reason`,
    )
    .all(campaignId) as { reason: string; n: number }[];
  for (const r of rows) {
    const kind = kindOfSkip(r.reason);
    if (kind === 'skipped') counts.other.set(r.reason, (counts.other.get(r.reason) ?? 0) + r.n);
    else counts[kind] += r.n;
  }
  return counts;
}

const ORDER: LeftOutKind[] = [
  'filter',
  'frequencyCap',
  'suppressed',
  'declined_marketing',
  'us_marketing',
  'invalid',
];

/** The groups with anyone in them, in the order the rules apply, then the other skip reasons. */
export function leftOutGroups(counts: LeftOutCounts): LeftOutGroup[] {
  const groups: LeftOutGroup[] = ORDER.filter((k) => counts[k] > 0).map((kind) => ({
    kind,
    count: counts[kind],
    ...LEFT_OUT_TEXT[kind],
  }));
  for (const [reason, count] of counts.other)
    groups.push({
      kind: 'skipped',
      reason: reason || LEFT_OUT_TEXT.skipped.reason,
      count,
      fix: null,
    });
  return groups;
}
