import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { SuppressionEntry, SuppressionPage, SuppressionRemoval } from '../../../shared/api';
import { writeTransaction } from '../db/tx';

/**
 * The suppression list's queries, on raw better-sqlite3 (synchronous, prepared once). Pages are
 * keyset-paged on (created_at, phone) — the index migration 80 adds — so page 2,000 of a list of
 * 100,000 costs what page 1 does.
 */

interface EntryRow {
  phone: string;
  reason: string;
  source: string;
  detail: string | null;
  words: string | null;
  wamid: string | null;
  campaign_id: number | null;
  campaign_name: string | null;
  account_id: number | null;
  created_at: number;
  event_at: number | null;
}

interface RemovalRow {
  id: number;
  phone: string;
  reason: string;
  source: string;
  detail: string | null;
  words: string | null;
  added_at: number;
  note: string | null;
  removed_at: number;
}

export const toEntry = (r: EntryRow): SuppressionEntry => ({
  phone: r.phone,
  reason: r.reason,
  source: r.source,
  detail: r.detail,
  words: r.words,
  wamid: r.wamid,
  campaignId: r.campaign_id,
  campaignName: r.campaign_name,
  accountId: r.account_id,
  createdAt: r.created_at,
  eventAt: r.event_at,
});

const toRemoval = (r: RemovalRow): SuppressionRemoval => ({
  id: r.id,
  phone: r.phone,
  reason: r.reason,
  source: r.source,
  detail: r.detail,
  words: r.words,
  addedAt: r.added_at,
  note: r.note,
  removedAt: r.removed_at,
});

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A search of digits (with the +, spaces, dashes and brackets people type) looks in the numbers;
 * anything else in the reason, the customer's words and the details too.
 */
export function searchClause(
  search: string,
  columns: { phone: string; text: string[] },
): { sql: string; params: string[] } {
  const s = search.trim();
  if (s === '') return { sql: '1', params: [] };
  if (/^[+\d\s().-]+$/.test(s)) {
    const digits = s.replace(/\D/g, '');
    if (digits !== '')
      return { sql: `${columns.phone} LIKE ? ESCAPE '\\'`, params: [`%${digits}%`] };
  }
  const like = `%${likeEscape(s)}%`;
  const all = [columns.phone, ...columns.text];
  return {
    sql: `(${all.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`,
    params: all.map(() => like),
  };
}

/** "<time>:<key>" — the last row of a page. */
const parseCursor = (cursor: string | undefined): { at: number; key: string } | null => {
  if (!cursor) return null;
  const i = cursor.indexOf(':');
  return { at: Number(cursor.slice(0, i)), key: cursor.slice(i + 1) };
};

export function createSuppressionRepo(db: SqliteDatabase) {
  const ENTRY_COLUMNS = `s.phone, s.reason, s.source, s.detail, s.words, s.wamid, s.campaign_id, c.name AS campaign_name,
    s.account_id, s.created_at, s.event_at`;
  const getEntry = db.prepare<[string]>(
    `SELECT ${ENTRY_COLUMNS} FROM suppression s LEFT JOIN campaigns c ON c.id = s.campaign_id WHERE s.phone = ?`,
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO suppression (phone, reason, source, detail, created_at, account_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const logRemoval = db.prepare(
    `INSERT INTO suppression_removals (phone, reason, source, detail, words, added_at, note, removed_at)
     SELECT phone, reason, source, detail, words, created_at, ?, ? FROM suppression WHERE phone = ?`,
  );
  const remove = db.prepare('DELETE FROM suppression WHERE phone = ?');

  return {
    get: (phone: string): SuppressionEntry | undefined => {
      const r = getEntry.get(phone) as EntryRow | undefined;
      return r ? toEntry(r) : undefined;
    },

    /** True when the number was added (false: already listed, its first reason stands). */
    add: (
      phone: string,
      reason: string,
      source: string,
      detail: string | null,
      at: number,
      accountId: number | null = null,
    ): boolean => insert.run(phone, reason, source, detail, at, accountId).changes === 1,

    /** Moves the entry to the removal log and off the list, in one transaction. */
    remove: writeTransaction(db, (phone: string, note: string | null, at: number): boolean => {
      if (logRemoval.run(note, at, phone).changes === 0) return false;
      remove.run(phone);
      return true;
    }),

    list(input: {
      search: string;
      limit: number;
      after?: string | undefined;
    }): SuppressionPage<SuppressionEntry> {
      const where = searchClause(input.search, {
        phone: 's.phone',
        text: ['s.reason', 's.words', 's.detail'],
      });
      const total =
        (db
          .prepare(`SELECT COUNT(*) FROM suppression s WHERE ${where.sql}`)
          .pluck()
          .get(...where.params) as number) ?? 0;
      const cursor = parseCursor(input.after);
      const page = db
        .prepare(
          `SELECT ${ENTRY_COLUMNS} FROM suppression s LEFT JOIN campaigns c ON c.id = s.campaign_id
           WHERE ${where.sql} ${cursor ? 'AND (s.created_at < ? OR (s.created_at = ? AND s.phone < ?))' : ''}
           ORDER BY s.created_at DESC, s.phone DESC LIMIT ?`,
        )
        .all(
          ...where.params,
          ...(cursor ? [cursor.at, cursor.at, cursor.key] : []),
          input.limit + 1,
        ) as EntryRow[];
      const more = page.length > input.limit;
      const rows = page.slice(0, input.limit).map(toEntry);
      const last = rows.at(-1);
      return { rows, total, next: more && last ? `${last.createdAt}:${last.phone}` : null };
    },

    removals(input: {
      search: string;
      limit: number;
      after?: string | undefined;
    }): SuppressionPage<SuppressionRemoval> {
      const where = searchClause(input.search, {
        phone: 'phone',
        text: ['reason', 'words', 'note'],
      });
      const total =
        (db
          .prepare(`SELECT COUNT(*) FROM suppression_removals WHERE ${where.sql}`)
          .pluck()
          .get(...where.params) as number) ?? 0;
      const cursor = parseCursor(input.after);
      const page = db
        .prepare(
          `SELECT id, phone, reason, source, detail, words, added_at, note, removed_at FROM suppression_removals
           WHERE ${where.sql} ${cursor ? 'AND (removed_at < ? OR (removed_at = ? AND id < ?))' : ''}
           ORDER BY removed_at DESC, id DESC LIMIT ?`,
        )
        .all(
          ...where.params,
          ...(cursor ? [cursor.at, cursor.at, Number(cursor.key)] : []),
          input.limit + 1,
        ) as RemovalRow[];
      const more = page.length > input.limit;
      const rows = page.slice(0, input.limit).map(toRemoval);
      const last = rows.at(-1);
      return { rows, total, next: more && last ? `${last.removedAt}:${last.id}` : null };
    },
  };
}
