import type { Database as SqliteDatabase } from 'better-sqlite3';
import { sql, type RawBuilder } from 'kysely';

/**
 * Recipients of an import still being written (migration 100) are invisible: a query that reads
 * recipients of a draft campaign adds this condition. Staged rows only ever belong to draft
 * campaigns (a trigger keeps a campaign with a staged import in draft), so queries that read
 * only started campaigns (sending, status, reports of sends, analytics of sent messages) need not,
 * and do not, add it. Every reader of a draft uses these helpers (not a copy of the condition): lists
 * and counts (contacts, campaigns/repo, status), the filter scan and its preview, the message preview,
 * validation and reach, variants, pacing view and frequency cap, precheck.
 * tests/integration/import/staged.test.ts and draft-readers.test.ts call each of them.
 */
export function publishedSql(alias?: string): string {
  return `${alias ? `${alias}.` : ''}import_batch NOT IN (SELECT id FROM import_batches)`;
}

/** The same condition for kysely's where(). */
export function published(alias?: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.raw(publishedSql(alias))}`;
}

/** What start (core, CLI, UI) answers while an import into the campaign is still being written. */
export const IMPORT_RUNNING =
  'An import is still running for this campaign: wait for it to finish (or cancel it), then start again.';

/** Whether an import into this campaign is still being written (one indexed lookup). */
export function hasStagedImport(db: SqliteDatabase, campaignId: number): boolean {
  return (
    db.prepare('SELECT 1 FROM import_batches WHERE campaign_id = ? LIMIT 1').get(campaignId) !==
    undefined
  );
}

/**
 * ` AND <published>` while the campaign has a staged import, '' otherwise: counts that SQLite
 * answers from an index alone stay index-only in the usual case, where no import is running.
 */
export function whilePublishing(db: SqliteDatabase, campaignId: number, alias?: string): string {
  return hasStagedImport(db, campaignId) ? ` AND ${publishedSql(alias)}` : '';
}

/** How many of a campaign's rows are in a staged import, as a subquery over `campaignRef` (0 at once when none is). */
export function stagedCountSql(campaignRef: string): string {
  return `(SELECT count(*) FROM import_batches b JOIN recipients s ON s.campaign_id = b.campaign_id AND s.import_batch = b.id WHERE b.campaign_id = ${campaignRef})`;
}
