import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  MAX_TIMELINE_BUCKETS,
  RECIPIENT_STATES,
  type FailureGroup,
  type RecipientCounts,
  type RecipientState,
  type Timeline,
  type TimelineBucket,
} from '../../../shared/api';
import {
  codeFromWords,
  describeError,
  lookupCode,
  RETRYABLE_FAILURE_CODES,
} from '../../../shared/domain/errors';
import { whilePublishing } from '../db/visibility';

/** Read-side queries for the progress view: counts, failures by code, the chart's buckets. */

export function countStates(db: SqliteDatabase, campaignId: number): RecipientCounts {
  const counts = Object.fromEntries(RECIPIENT_STATES.map((s) => [s, 0])) as Record<
    RecipientState,
    number
  >;
  let total = 0;
  for (const row of db
    .prepare(
      `SELECT state, count(*) AS n FROM recipients WHERE campaign_id = ?${whilePublishing(db, campaignId)} GROUP BY state`,
    )
    .all(campaignId) as { state: RecipientState; n: number }[]) {
    counts[row.state] = row.n;
    total += row.n;
  }
  return { ...counts, total };
}

/** Recipients accepted but held by WhatsApp for quality review (template pacing, migration 140). */
export function countHeld(db: SqliteDatabase, campaignId: number): number {
  return (
    db
      .prepare(
        "SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND state = 'sent' AND held_at IS NOT NULL",
      )
      .get(campaignId) as { n: number }
  ).n;
}

/**
 * Failures grouped by Meta's code with the catalogue's explanation and next step (USERS.md #1: an
 * obvious reason and a next step for every failure). Failures without a code are grouped by their words.
 */
export function failureGroups(db: SqliteDatabase, campaignId: number): FailureGroup[] {
  const rows = db
    .prepare(
      `SELECT error_code AS code, CASE WHEN error_code IS NULL THEN error_title END AS words,
              CASE WHEN error_code IS NULL THEN wamid IS NOT NULL END AS accepted, count(*) AS n
       FROM recipients WHERE campaign_id = ? AND state = 'failed'
       GROUP BY error_code, words, accepted ORDER BY n DESC, code LIMIT 200`,
    )
    .all(campaignId) as {
    code: number | null;
    words: string | null;
    accepted: 0 | 1 | null;
    n: number;
  }[];
  return rows.map((r) => (r.code === null ? codelessGroup(r) : codedGroup(r.code, r.n)));
}

function codedGroup(code: number, count: number): FailureGroup {
  const entry = describeError(code);
  const known = lookupCode(code) !== undefined;
  return {
    code,
    title: entry.title,
    explanation: entry.explanation,
    action: entry.action,
    count,
    // The catalogue's "retry failed" rule (some only after a wait); unknown codes may be tried again.
    retryable: known ? RETRYABLE_FAILURE_CODES.has(code) : true,
    suppressed: entry.suppress === true,
    reasonUnknown: false,
  };
}

/**
 * No code. Accepted by WhatsApp first (it has a wamid): the failure came from a source without codes
 * (message_history), so the reason is unknown and it is listed apart and never retried (issue 16
 * item 2), unless its words are Meta's own wording of a known failure (words.ts). Not accepted: the
 * request never reached WhatsApp.
 */
function codelessGroup(r: {
  words: string | null;
  accepted: 0 | 1 | null;
  n: number;
}): FailureGroup {
  const inferred = codeFromWords(r.words);
  if (inferred !== undefined) return { ...codedGroup(inferred, r.n), code: null };
  if (r.accepted) {
    return {
      code: null,
      title: 'Reason unknown',
      explanation:
        'WhatsApp accepted these messages, then reported them failed without saying why' +
        (r.words ? ` ("${r.words}").` : '.'),
      action:
        'They are not retried automatically: the reason could be the customer stopping your messages. Check them by hand before sending again.',
      count: r.n,
      retryable: false,
      suppressed: false,
      reasonUnknown: true,
    };
  }
  return {
    code: null,
    title: r.words ?? 'Failed',
    explanation: r.words ?? 'WhatsApp gave no reason.',
    action: 'If this keeps happening, send us the campaign log.',
    count: r.n,
    retryable: true,
    suppressed: false,
    reasonUnknown: false,
  };
}

/**
 * The first and last recipient id of a campaign, from index seeks only (one per state): rows of one
 * campaign are mostly contiguous (imports are atomic), so a rowid range then covers it tightly.
 */
export function campaignIdRange(
  db: SqliteDatabase,
  campaignId: number,
): { min: number; max: number } | null {
  const lo = db.prepare('SELECT min(id) AS id FROM recipients WHERE campaign_id = ? AND state = ?');
  const hi = db.prepare('SELECT max(id) AS id FROM recipients WHERE campaign_id = ? AND state = ?');
  let min = Infinity;
  let max = -Infinity;
  for (const state of RECIPIENT_STATES) {
    const a = (lo.get(campaignId, state) as { id: number | null }).id;
    const b = (hi.get(campaignId, state) as { id: number | null }).id;
    if (a !== null) min = Math.min(min, a);
    if (b !== null) max = Math.max(max, b);
  }
  return min === Infinity ? null : { min, max };
}

/**
 * Sent, delivered, read and failed per time bucket, for the chart. The range runs from the campaign's
 * start to now, so the bucket is widened (to a whole multiple) when it would give too many buckets.
 * One pass over the campaign's rowid range, counted here: the table is read once, in order. (A GROUP BY
 * per series reads it four times and measured twice as slow at 1,000,000 rows.)
 */
export function timeline(
  db: SqliteDatabase,
  campaignId: number,
  bucketSeconds: number,
  now: number,
): Timeline {
  const c = db.prepare('SELECT started_at FROM campaigns WHERE id = ?').get(campaignId) as
    { started_at: number | null } | undefined;
  const asked = bucketSeconds * 1000;
  const range = c?.started_at ? campaignIdRange(db, campaignId) : null;
  if (!c?.started_at || !range) return { campaignId, bucketSeconds, buckets: [] };
  const span = Math.max(0, now - c.started_at);
  const factor = Math.max(1, Math.ceil(span / asked / MAX_TIMELINE_BUCKETS));
  const ms = asked * factor;
  const byBucket = new Map<number, TimelineBucket>();
  const add = (at: number | null, key: 'sent' | 'delivered' | 'read' | 'failed') => {
    if (at === null) return;
    const b = Math.floor(at / ms) * ms;
    let bucket = byBucket.get(b);
    if (!bucket) byBucket.set(b, (bucket = { at: b, sent: 0, delivered: 0, read: 0, failed: 0 }));
    bucket[key]++;
  };
  // Failures Meta refused at once have no sent_at but belong on the chart like the counters.
  // A message that failed after it was accepted counts once, as failed, as on the counters and the
  // table's chips (issue 15 item 4: "Accepted" on the chart had it, the counters did not).
  // `+campaign_id`: walk the rowid range, not the (campaign_id, state, id) index (state order, random reads).
  const rows = db
    .prepare(
      `SELECT CASE WHEN state <> 'failed' THEN sent_at END, delivered_at, read_at, CASE WHEN state = 'failed' THEN failed_at END FROM recipients
       WHERE id BETWEEN ? AND ? AND +campaign_id = ? AND (sent_at IS NOT NULL OR state = 'failed')`,
    )
    .raw()
    .iterate(range.min, range.max, campaignId) as IterableIterator<
    [number | null, number | null, number | null, number | null]
  >;
  for (const [sent, delivered, read, failed] of rows) {
    add(sent, 'sent');
    add(delivered, 'delivered');
    add(read, 'read');
    add(failed, 'failed');
  }
  return {
    campaignId,
    bucketSeconds: ms / 1000,
    buckets: [...byBucket.values()].sort((a, b) => a.at - b.at),
  };
}
