import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  MAX_TIMELINE_BUCKETS,
  RECIPIENT_STATES,
  type FailureGroup,
  type RecipientCounts,
  type RecipientState,
  type Timeline,
} from '../../../shared/api';
import { describeError, lookupCode, RETRYABLE_FAILURE_CODES } from '../../../shared/domain/errors';

/** Read-side queries for the progress view: counts, failures by code, the chart's buckets. */

export function countStates(db: SqliteDatabase, campaignId: number): RecipientCounts {
  const counts = Object.fromEntries(RECIPIENT_STATES.map((s) => [s, 0])) as Record<RecipientState, number>;
  let total = 0;
  for (const row of db.prepare('SELECT state, count(*) AS n FROM recipients WHERE campaign_id = ? GROUP BY state').all(campaignId) as { state: RecipientState; n: number }[]) {
    counts[row.state] = row.n;
    total += row.n;
  }
  return { ...counts, total };
}

/**
 * Failures grouped by Meta's code with the catalogue's explanation and next step (USERS.md #1: an
 * obvious reason and a next step for every failure). Failures without a code are grouped by their words.
 */
export function failureGroups(db: SqliteDatabase, campaignId: number): FailureGroup[] {
  const rows = db
    .prepare(
      `SELECT error_code AS code, CASE WHEN error_code IS NULL THEN error_title END AS words, count(*) AS n
       FROM recipients WHERE campaign_id = ? AND state = 'failed'
       GROUP BY error_code, words ORDER BY n DESC, code LIMIT 200`,
    )
    .all(campaignId) as { code: number | null; words: string | null; n: number }[];
  return rows.map((r) => {
    if (r.code === null) {
      return {
        code: null,
        title: r.words ?? 'Failed',
        explanation: r.words ?? 'WhatsApp gave no reason.',
        action: 'If this keeps happening, send us the campaign log.',
        count: r.n,
        retryable: true,
        suppressed: false,
      };
    }
    const entry = describeError(r.code);
    const known = lookupCode(r.code) !== undefined;
    return {
      code: r.code,
      title: entry.title,
      explanation: entry.explanation,
      action: entry.action,
      count: r.n,
      // The catalogue's "retry failed" rule (some only after a wait); unknown codes may be tried again.
      retryable: known ? RETRYABLE_FAILURE_CODES.has(r.code) : true,
      suppressed: entry.suppress === true,
    };
  });
}

/**
 * Sent, delivered, read and failed per time bucket, for the chart. The range runs from the campaign's
 * start to now, so the bucket is widened (to a whole multiple) when it would give too many buckets.
 * Each series is one grouped scan of the campaign's rows.
 */
export function timeline(db: SqliteDatabase, campaignId: number, bucketSeconds: number, now: number): Timeline {
  const c = db.prepare('SELECT started_at FROM campaigns WHERE id = ?').get(campaignId) as { started_at: number | null } | undefined;
  const asked = bucketSeconds * 1000;
  if (!c?.started_at) return { campaignId, bucketSeconds, buckets: [] };
  const span = Math.max(0, now - c.started_at);
  const factor = Math.max(1, Math.ceil(span / asked / MAX_TIMELINE_BUCKETS));
  const ms = asked * factor;
  const byBucket = new Map<number, { at: number; sent: number; delivered: number; read: number; failed: number }>();
  const series = [
    ['sent', 'sent_at', 'sent_at IS NOT NULL'],
    ['delivered', 'delivered_at', 'delivered_at IS NOT NULL'],
    ['read', 'read_at', 'read_at IS NOT NULL'],
    ['failed', 'failed_at', "state = 'failed' AND failed_at IS NOT NULL"],
  ] as const;
  for (const [key, column, where] of series) {
    const rows = db.prepare(`SELECT ${column} / ? AS b, count(*) AS n FROM recipients WHERE campaign_id = ? AND ${where} GROUP BY b`).all(ms, campaignId) as {
      b: number;
      n: number;
    }[];
    for (const r of rows) {
      const at = Math.floor(r.b) * ms;
      const bucket = byBucket.get(at) ?? { at, sent: 0, delivered: 0, read: 0, failed: 0 };
      bucket[key] += r.n;
      byBucket.set(at, bucket);
    }
  }
  return { campaignId, bucketSeconds: ms / 1000, buckets: [...byBucket.values()].sort((a, b) => a.at - b.at) };
}
