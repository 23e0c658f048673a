import type { Database as SqliteDatabase } from 'better-sqlite3';
import type {
  ParsedInput,
  RecipientPage,
  RecipientState,
  RecipientStatus,
} from '../../../shared/api';
import { campaignIdRange } from './queries';
import { whilePublishing } from '../db/visibility';

/**
 * Keyset paging over a campaign's recipients for the table (smooth at 1,000,000 rows): by id, one
 * "lane" per state asked for (each uses the (campaign_id, state, id) index), merged. A search looks at
 * no more than SCAN_CAP rows per lane per call and says where it got to, so every call stays fast and
 * the table can ask for more as the user scrolls.
 */
export const SCAN_CAP = 100_000;

const COLUMNS =
  'id, row_number, phone, country, phone_type, state, skip_reason, fields_json, wamid, error_code, error_title, sent_at, delivered_at, read_at, failed_at, route, next_attempt_at, limited_at, deferrals';

interface Row {
  id: number;
  row_number: number;
  phone: string;
  country: string | null;
  phone_type: string | null;
  state: string;
  skip_reason: string | null;
  fields_json: string;
  wamid: string | null;
  error_code: number | null;
  error_title: string | null;
  sent_at: number | null;
  delivered_at: number | null;
  read_at: number | null;
  failed_at: number | null;
  route: 'cloud' | 'marketing_messages' | null;
  next_attempt_at: number | null;
  limited_at: number | null;
  deferrals: number;
}

const toStatus = (r: Row): RecipientStatus => ({
  id: r.id,
  rowNumber: r.row_number,
  phone: r.phone,
  country: r.country,
  phoneType: r.phone_type,
  state: r.state,
  skipReason: r.skip_reason,
  fields: JSON.parse(r.fields_json) as Record<string, string>,
  wamid: r.wamid,
  errorCode: r.error_code,
  errorTitle: r.error_title,
  sentAt: r.sent_at,
  deliveredAt: r.delivered_at,
  readAt: r.read_at,
  failedAt: r.failed_at,
  route: r.route,
  // Only a recipient WhatsApp limited waits for a "next try"; a transient retry is seconds away.
  nextTryAt: r.state === 'pending' && r.limited_at !== null ? r.next_attempt_at : null,
  deferrals: r.deferrals,
});

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A search that looks like a phone number matches the digits however the user spaced them. */
function patterns(search: string): { phone: string; fields: string } {
  const digits = search.replace(/[\s\-().]/g, '');
  const phoneLike = /^\+?\d{3,}$/.test(digits);
  const term = likeEscape(search);
  return {
    phone: `%${phoneLike ? likeEscape(digits.replace(/^\+/, '')) : term}%`,
    fields: `%${term}%`,
  };
}

interface Lane {
  rows: Row[];
  /** Every row of the lane with an id up to this has been looked at. */
  examinedTo: number;
  scanned: number;
}

export function recipientPage(
  db: SqliteDatabase,
  input: ParsedInput<'recipients.page'>,
): RecipientPage {
  const { campaignId, limit } = input;
  const states: (RecipientState | null)[] = input.states ? [...new Set(input.states)] : [null];
  // Without a state filter the rows are read in rowid order: start at the campaign's first row, not
  // at the table's (other campaigns' rows come first).
  const range = states[0] === null ? campaignIdRange(db, campaignId) : null;
  if (states[0] === null && !range) return { items: [], nextAfterId: null, scanned: 0 };
  const afterId = range ? Math.max(input.afterId, range.min - 1) : input.afterId;
  const lanes = states.map((state): Lane => {
    // Without a state, `+campaign_id` keeps SQLite on the rowid (= id) order instead of an index that sorts by state or phone.
    const where =
      (state === null ? '+campaign_id = ?' : 'campaign_id = ? AND state = ?') +
      whilePublishing(db, campaignId);
    const args: (string | number)[] = state === null ? [campaignId] : [campaignId, state];
    if (!input.search) {
      const rows = db
        .prepare(`SELECT ${COLUMNS} FROM recipients WHERE ${where} AND id > ? ORDER BY id LIMIT ?`)
        .all(...args, afterId, limit) as Row[];
      return {
        rows,
        examinedTo: rows.length === limit ? rows.at(-1)!.id : Infinity,
        scanned: rows.length,
      };
    }
    const window = db
      .prepare(
        `SELECT count(*) AS n, max(id) AS last FROM (SELECT id FROM recipients WHERE ${where} AND id > ? ORDER BY id LIMIT ?)`,
      )
      .get(...args, afterId, SCAN_CAP) as { n: number; last: number | null };
    if (window.last === null) return { rows: [], examinedTo: Infinity, scanned: 0 };
    const p = patterns(input.search);
    const rows = db
      .prepare(
        `SELECT ${COLUMNS} FROM recipients WHERE ${where} AND id > ? AND id <= ?
           AND (phone LIKE ? ESCAPE '\\' OR fields_json LIKE ? ESCAPE '\\') ORDER BY id LIMIT ?`,
      )
      .all(...args, afterId, window.last, p.phone, p.fields, limit) as Row[];
    const examinedTo =
      rows.length === limit ? rows.at(-1)!.id : window.n === SCAN_CAP ? window.last : Infinity;
    return { rows, examinedTo, scanned: window.n };
  });
  const bound = Math.min(...lanes.map((l) => l.examinedTo));
  const items = lanes
    .flatMap((l) => l.rows)
    .filter((r) => r.id <= bound)
    .sort((a, b) => a.id - b.id)
    .slice(0, limit);
  const nextAfterId = items.length === limit ? items.at(-1)!.id : bound === Infinity ? null : bound;
  return {
    items: items.map(toStatus),
    nextAfterId,
    scanned: lanes.reduce((n, l) => n + l.scanned, 0),
  };
}
