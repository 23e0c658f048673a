import type { Database as SqliteDatabase } from 'better-sqlite3';
import { sql, type RawBuilder } from 'kysely';
import {
  canonicalFilterJson,
  compileFilter,
  type AudienceFilter,
} from '../../../shared/domain/audience-filter';

/**
 * SQL expressions over the `recipients` table (or a subquery aliased as `recipients`) that call the
 * filter functions of audience-filter-udf.ts. The filter travels as a bound parameter, never as SQL.
 */

/** JSON path for one object key: $."key" with `"` and `\` escaped, as SQLite's json_extract reads it. */
export function keyPath(key: string): string {
  return `$."${key.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

// Whether json_extract finds a key through keyPath: checked once per key against SQLite itself, so a
// name with characters a path cannot spell falls back to parsing the whole object instead of missing.
const pathWorks = new Map<string, boolean>();

function extractable(sqlite: SqliteDatabase, key: string): boolean {
  let ok = pathWorks.get(key);
  if (ok === undefined) {
    try {
      const row = sqlite
        .prepare('SELECT json_extract(json_object(?, ?), ?) AS v')
        .get(key, 'probe', keyPath(key)) as { v: unknown } | undefined;
      ok = row?.v === 'probe';
    } catch {
      ok = false;
    }
    if (pathWorks.size > 10_000) pathWorks.clear();
    pathWorks.set(key, ok);
  }
  return ok;
}

export interface FilterSql {
  json: string;
  /** 1 when the recipient matches. */
  match: RawBuilder<number>;
  /** The match in bit 0, unreadable cells per check above it (see CompiledFilter.evaluate). */
  evaluate: RawBuilder<number>;
}

export function filterSql(sqlite: SqliteDatabase, filter: AudienceFilter): FilterSql {
  const json = canonicalFilterJson(filter);
  const { columns } = compileFilter(filter);
  if (columns.every((c) => extractable(sqlite, c))) {
    const cells = columns.map((c) => sql`json_extract(recipients.fields_json, ${keyPath(c)})`);
    const args = cells.length > 0 ? sql`, ${sql.join(cells)}` : sql``;
    return {
      json,
      match: sql<number>`audience_match(${json}${args})`,
      evaluate: sql<number>`audience_eval(${json}${args})`,
    };
  }
  return {
    json,
    match: sql<number>`audience_match_json(${json}, recipients.fields_json)`,
    evaluate: sql<number>`audience_eval_json(${json}, recipients.fields_json)`,
  };
}
