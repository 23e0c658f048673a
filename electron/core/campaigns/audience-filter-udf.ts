import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  compileFilter,
  parseFilter,
  type CompiledFilter,
} from '../../../shared/domain/audience-filter';

/**
 * The audience filter as SQLite functions, so counts, paging, validation and the exclusion at
 * start run the same evaluator as the preview, inside the queries themselves:
 *
 *   audience_match(filter_json, cell1, cell2, …)   1 when the recipient matches, else 0
 *   audience_eval(filter_json, cell1, cell2, …)    the match in bit 0 and unreadable cells above it
 *   audience_match_json(filter_json, fields_json)  the same from the whole fields object
 *   audience_eval_json(filter_json, fields_json)
 *
 * Cells come in `CompiledFilter.columns` order, extracted by SQLite's json_extract (C code, much
 * cheaper than JSON.parse per row); the _json forms are the fallback for column names no JSON path
 * can spell. The functions are deterministic: the answer depends only on the arguments, and the
 * compiled filter is cached per filter JSON (the text the query binds), so a million calls compile once.
 */

const CACHE_SIZE = 32;
const compiled = new Map<string, CompiledFilter>();

/** The compiled form of a filter's canonical JSON; throws (an SQLite error for the query) when it is not a filter. */
export function compiledFor(json: string): CompiledFilter {
  let c = compiled.get(json);
  if (c) return c;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('audience filter: not JSON');
  }
  const parsed = parseFilter(raw);
  if (!parsed.ok) throw new Error(`audience filter: ${parsed.problems.join(' ')}`);
  c = compileFilter(parsed.filter);
  if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
  compiled.set(json, c);
  return c;
}

function fieldsCells(c: CompiledFilter, fieldsJson: unknown): unknown[] {
  if (typeof fieldsJson !== 'string') return [];
  let fields: unknown;
  try {
    fields = JSON.parse(fieldsJson);
  } catch {
    return [];
  }
  if (fields === null || typeof fields !== 'object') return [];
  const f = fields as Record<string, unknown>;
  // Values as json_extract would hand them over, so both forms of the function agree.
  const asSql = (v: unknown): unknown =>
    typeof v === 'boolean'
      ? v
        ? 1
        : 0
      : v !== null && typeof v === 'object'
        ? JSON.stringify(v)
        : v;
  return c.columns.map((col) =>
    Object.prototype.hasOwnProperty.call(f, col) ? asSql(f[col]) : undefined,
  );
}

const asJson = (v: unknown): string => {
  if (typeof v !== 'string')
    throw new Error('audience filter: the first argument is the filter JSON');
  return v;
};

export function registerAudienceFilterFunctions(sqlite: SqliteDatabase): void {
  const options = { deterministic: true, varargs: true } as const;
  sqlite.function('audience_match', options, (json: unknown, ...cells: unknown[]) =>
    compiledFor(asJson(json)).matches(cells) ? 1 : 0,
  );
  sqlite.function('audience_eval', options, (json: unknown, ...cells: unknown[]) =>
    compiledFor(asJson(json)).evaluate(cells),
  );
  sqlite.function(
    'audience_match_json',
    { deterministic: true },
    (json: unknown, fields: unknown) => {
      const c = compiledFor(asJson(json));
      return c.matches(fieldsCells(c, fields)) ? 1 : 0;
    },
  );
  sqlite.function(
    'audience_eval_json',
    { deterministic: true },
    (json: unknown, fields: unknown) => {
      const c = compiledFor(asJson(json));
      return c.evaluate(fieldsCells(c, fields));
    },
  );
}
