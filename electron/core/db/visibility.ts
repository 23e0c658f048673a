import { sql, type RawBuilder } from 'kysely';

/**
 * Recipients of an import still being written (migration 100) are invisible: a query that reads
 * recipients of a draft campaign adds this condition. Staged rows only ever belong to draft
 * campaigns (a trigger keeps a campaign with a staged import in draft), so queries that read
 * only started campaigns (sending, status, reports of sends) need not, and do not, add it.
 * tests/integration/import/staged-invisible.test.ts lists which query files apply it.
 */
export function publishedSql(alias?: string): string {
  return `${alias ? `${alias}.` : ''}import_batch NOT IN (SELECT id FROM import_batches)`;
}

/** The same condition for kysely's where(). */
export function published(alias?: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.raw(publishedSql(alias))}`;
}
