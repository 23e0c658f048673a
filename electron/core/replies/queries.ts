import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Reply, ReplyPage, ThreadSummary } from '../../../shared/api/replies';
import { searchClause } from '../suppression/repo';
import { createNameReader, nameFromAttributes } from './customer-name';

export interface ReplyRow {
  id: number;
  message_id: string;
  phone: string | null;
  type: string;
  body: string | null;
  button_payload: string | null;
  media_id: string | null;
  media_mime: string | null;
  media_filename: string | null;
  media_size: number | null;
  media_path: string | null;
  campaign_id: number | null;
  campaign_name: string | null;
  variant: string | null;
  matched_by: 'context' | 'latest' | 'none';
  meta_ts: number;
  read_at: number | null;
}

export const REPLY_COLUMNS = `r.id, r.message_id, r.phone, r.type, r.body, r.button_payload, r.media_id,
  r.media_mime, r.media_filename, r.media_size, r.media_path, r.campaign_id, c.name AS campaign_name,
  r.variant, r.matched_by, r.meta_ts, r.read_at`;

export const toReply = (r: ReplyRow): Reply => ({
  id: r.id,
  messageId: r.message_id,
  phone: r.phone,
  type: r.type,
  body: r.body,
  buttonPayload: r.button_payload,
  media: r.media_id
    ? {
        mimeType: r.media_mime,
        filename: r.media_filename,
        size: r.media_size,
        downloaded: r.media_path !== null,
      }
    : null,
  campaignId: r.campaign_id,
  campaignName: r.campaign_name,
  variant: r.variant,
  matchedBy: r.matched_by,
  at: r.meta_ts,
  unread: r.read_at === null,
});

export interface ListFilter {
  campaignId?: number | undefined;
  unread: boolean;
  search: string;
  limit: number;
  before?: string | undefined;
}

const cursorOf = (at: number, id: number) => `${at}:${id}`;
const parseCursor = (c: string | undefined): [number, number] | null => {
  if (!c) return null;
  const [at, id] = c.split(':').map(Number);
  return [at ?? 0, id ?? 0];
};

/** SQL's view of nameFromAttributes, registered on the connection by createReplyQueries. */
const NAME_FN = 'cd_customer_name';

/**
 * The WHERE of a filter; labels and the customer's name in the book are searchable as words of
 * the customer's replies.
 */
function where(f: ListFilter): { sql: string; params: unknown[] } {
  const parts: string[] = ['r.phone IS NOT NULL'];
  const params: unknown[] = [];
  if (f.campaignId !== undefined) {
    parts.push('r.campaign_id = ?');
    params.push(f.campaignId);
  }
  const s = searchClause(f.search, {
    phone: 'r.phone',
    text: [
      'r.body',
      'r.media_filename',
      "(SELECT group_concat(l.label, ' ') FROM customer_labels l WHERE l.phone = r.phone)",
      // The name the shop knows the customer by (the book's name columns, as the thread shows it).
      `(SELECT ${NAME_FN}(cu.attributes_json) FROM customers cu WHERE cu.phone = r.phone)`,
    ],
  });
  parts.push(s.sql);
  params.push(...s.params);
  return { sql: parts.join(' AND '), params };
}

/** Reads of the replies: single messages newest first, and threads (one per customer). */
export function createReplyQueries(db: SqliteDatabase) {
  // Deterministic: SQLite may reuse a result for the same JSON within a statement.
  db.function(NAME_FN, { deterministic: true }, (json: unknown) =>
    nameFromAttributes(typeof json === 'string' ? json : null),
  );
  const labelsOf = db
    .prepare<[string]>('SELECT label FROM customer_labels WHERE phone = ? ORDER BY set_at, label')
    .pluck();
  const optedOut = db.prepare<[string]>('SELECT 1 FROM suppression WHERE phone = ?').pluck();
  const nameOf = createNameReader(db);
  const byId = db.prepare<[number]>(
    `SELECT ${REPLY_COLUMNS} FROM replies r LEFT JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = ?`,
  );

  return {
    /** Single replies, newest first, keyset-paged. */
    list(f: ListFilter): ReplyPage<Reply> {
      const w = where(f);
      const unread = f.unread ? ' AND r.read_at IS NULL' : '';
      const total = db
        .prepare(`SELECT COUNT(*) FROM replies r WHERE ${w.sql}${unread}`)
        .pluck()
        .get(...w.params) as number;
      const cur = parseCursor(f.before);
      const rows = db
        .prepare(
          `SELECT ${REPLY_COLUMNS} FROM replies r LEFT JOIN campaigns c ON c.id = r.campaign_id
           WHERE ${w.sql}${unread}${cur ? ' AND (r.meta_ts, r.id) < (?, ?)' : ''}
           ORDER BY r.meta_ts DESC, r.id DESC LIMIT ?`,
        )
        .all(...w.params, ...(cur ?? []), f.limit + 1) as ReplyRow[];
      const more = rows.length > f.limit;
      const page = rows.slice(0, f.limit);
      const last = page.at(-1);
      return {
        rows: page.map(toReply),
        total,
        next: more && last ? cursorOf(last.meta_ts, last.id) : null,
      };
    },

    /**
     * One row per customer, the newest conversation first. A thread matches when any of its
     * replies does; with `unread` only threads with unread replies.
     */
    threads(f: ListFilter): ReplyPage<ThreadSummary> {
      const w = where(f);
      // SQLite: with MAX(), the bare column r.id comes from the row holding the maximum.
      const grouped = `SELECT r.phone AS phone, MAX(r.meta_ts) AS last_ts, r.id AS last_id, COUNT(*) AS n,
          SUM(r.read_at IS NULL) AS unread
        FROM replies r WHERE ${w.sql} GROUP BY r.phone${f.unread ? ' HAVING SUM(r.read_at IS NULL) > 0' : ''}`;
      const total = db
        .prepare(`SELECT COUNT(*) FROM (${grouped})`)
        .pluck()
        .get(...w.params);
      const cur = parseCursor(f.before);
      const rows = db
        .prepare(
          `SELECT * FROM (${grouped}) ${cur ? 'WHERE (last_ts, last_id) < (?, ?)' : ''}
           ORDER BY last_ts DESC, last_id DESC LIMIT ?`,
        )
        .all(...w.params, ...(cur ?? []), f.limit + 1) as {
        phone: string;
        last_ts: number;
        last_id: number;
        n: number;
        unread: number;
      }[];
      const more = rows.length > f.limit;
      const page = rows.slice(0, f.limit);
      const last = page.at(-1);
      return {
        rows: page.map((t) => ({
          phone: t.phone,
          name: nameOf(t.phone),
          last: toReply(byId.get(t.last_id) as ReplyRow),
          replies: t.n,
          unread: t.unread,
          labels: labelsOf.all(t.phone) as string[],
          optedOut: optedOut.get(t.phone) !== undefined,
        })),
        total: total as number,
        next: more && last ? cursorOf(last.last_ts, last.last_id) : null,
      };
    },

    unreadCount(): number {
      return db
        .prepare('SELECT COUNT(*) FROM replies WHERE read_at IS NULL')
        .pluck()
        .get() as number;
    },
  };
}
