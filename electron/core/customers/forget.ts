import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { ForgetResult } from '../../../shared/api';
import { writeTransaction } from '../db/tx';
import { log } from '../log';

/** Unmatched events scanned per read when looking for the number in their payloads. */
const SCAN_PAGE = 5000;

/**
 * Erases one number for a data-protection request (issue 18): the book row; every campaign's row
 * for it is kept for the counts but loses the number, its fields, Meta's ids (a wamid encodes the
 * number) and the user id; its stored events go, as do unmatched events whose payload names the
 * number, and its opt-out entries. The erasure is recorded and logged without the number.
 *
 * secure_delete zeroes the bytes this erasure frees and a TRUNCATE checkpoint empties the WAL
 * (tests/integration/customers/forget.test.ts reads the bytes). Free space left by earlier page
 * splits may still hold old copies of cells; `compact` rewrites the file (VACUUM) to remove them.
 * The checkpoint is best effort: a reader holding an old snapshot keeps the WAL until it ends.
 */
export function forgetNumber(
  db: SqliteDatabase,
  e164: string,
  now: number,
  compact = false,
  /** Removes a file the customer sent (replies' media, relative to the data folder). */
  removeFile: (relativePath: string) => void = () => undefined,
): ForgetResult {
  const digits = e164.replace(/^\+/, '');
  const unmatched = unmatchedEventsNaming(db, digits);
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    const files = db
      .prepare(
        'SELECT media_path FROM replies WHERE (phone = ? OR wa_id = ?) AND media_path IS NOT NULL',
      )
      .pluck()
      .all(e164, digits) as string[];
    const result = writeTransaction(db, () => erase(db, e164, digits, unmatched, now))();
    for (const f of files) removeFile(f);
    log.info('A customer was forgotten at their request', {
      recipientsRedacted: result.recipientsRedacted,
      eventsRemoved: result.eventsRemoved,
      suppressionRemoved: result.suppressionRemoved,
      repliesRemoved: result.repliesRemoved,
    });
    // Pages split or freed by earlier writes can keep stale copies of cells in their free space.
    if (compact && result.forgotten) db.exec('VACUUM');
    return { ...result, compacted: compact && result.forgotten };
  } finally {
    db.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

function erase(
  db: SqliteDatabase,
  e164: string,
  digits: string,
  unmatched: number[],
  now: number,
): Omit<ForgetResult, 'compacted'> {
  // Through campaigns: each lookup uses the (campaign_id, phone) key instead of a scan.
  const recipientIds = db
    .prepare(
      `SELECT r.id FROM campaigns c JOIN recipients r ON r.campaign_id = c.id AND r.phone = ?
       UNION SELECT id FROM recipients WHERE wa_id = ?`,
    )
    .pluck()
    .all(e164, digits) as number[];
  let eventsRemoved = 0;
  const dropEvents = db.prepare('DELETE FROM status_events WHERE recipient_id = ?');
  const redact = db.prepare(
    `UPDATE recipients SET phone = 'forgotten-' || id, country = NULL, fields_json = '{}',
       wa_id = NULL, wamid = NULL, user_id = NULL WHERE id = ?`,
  );
  for (const id of recipientIds) {
    eventsRemoved += dropEvents.run(id).changes;
    redact.run(id);
  }
  const dropEvent = db.prepare('DELETE FROM status_events WHERE id = ?');
  for (const id of unmatched) eventsRemoved += dropEvent.run(id).changes;
  const suppressionRemoved =
    db.prepare('DELETE FROM suppression WHERE phone = ?').run(e164).changes +
    db.prepare('DELETE FROM suppression_removals WHERE phone = ?').run(e164).changes;
  // Replies (issue 19): what the customer wrote, what was answered, and the labels on the number.
  const repliesRemoved =
    db.prepare('DELETE FROM replies WHERE phone = ? OR wa_id = ?').run(e164, digits).changes +
    db.prepare('DELETE FROM reply_answers WHERE phone = ?').run(e164).changes +
    db.prepare('DELETE FROM customer_labels WHERE phone = ?').run(e164).changes;
  const forgotten = db.prepare('DELETE FROM customers WHERE phone = ?').run(e164).changes > 0;
  const result = {
    forgotten:
      forgotten ||
      recipientIds.length > 0 ||
      eventsRemoved > 0 ||
      suppressionRemoved > 0 ||
      repliesRemoved > 0,
    recipientsRedacted: recipientIds.length,
    eventsRemoved,
    suppressionRemoved,
    repliesRemoved,
  };
  if (result.forgotten)
    db.prepare(
      'INSERT INTO customer_forgets (forgotten_at, recipients_redacted, events_removed, suppression_removed) VALUES (?, ?, ?, ?)',
    ).run(now, result.recipientsRedacted, eventsRemoved, suppressionRemoved);
  return result;
}

/**
 * Events not tied to a recipient (replies, opt-outs, statuses never matched) that name the number
 * in their payload: read in pages outside any write transaction, so writers are never held up.
 */
function unmatchedEventsNaming(db: SqliteDatabase, digits: string): number[] {
  const page = db
    .prepare(
      `SELECT id, instr(payload_json, ?) > 0 AS hit FROM status_events
       WHERE recipient_id IS NULL AND id > ? ORDER BY id LIMIT ${SCAN_PAGE}`,
    )
    .raw();
  const found: number[] = [];
  let after = 0;
  // Bounded: each page moves `after` forward, or ends the scan.
  for (;;) {
    const rows = page.all(digits, after) as [number, number][];
    for (const [id, hit] of rows) if (hit) found.push(id);
    const last = rows.at(-1);
    if (!last || rows.length < SCAN_PAGE) break;
    after = last[0];
  }
  return found;
}
