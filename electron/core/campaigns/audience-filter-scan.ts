import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Statement } from 'better-sqlite3';
import { sql, type RawBuilder } from 'kysely';
import { CoreError } from '../../../shared/api';
import type { ReadCheck } from '../../../shared/domain/audience-filter';
import type { Store } from '../db/connection';
import { whilePublishing } from '../db/visibility';

/**
 * One pass over a campaign's recipients that answers everything the audience filter's UI asks:
 * who is kept (their ids, in order, for the preview's stepping), how many of them are pending,
 * and how many cells each number or date condition could not read. It runs the filter's SQLite
 * function (the same evaluator as everywhere else) in chunks of rows along the primary key,
 * yielding to the event loop between chunks, so a million recipients take about a second without
 * freezing the app; the result is cached until the filter or the audience changes.
 */

export interface ScanCheck extends ReadCheck {
  /** Filled but unreadable cells among pending recipients, and among all recipients. */
  unreadablePending: number;
  unreadableAll: number;
  /** A few unreadable cells, as written, for the hint. */
  examples: string[];
}

export interface ScanResult {
  /** Ids of the recipients kept (matching the filter and every other exclusion), any state, ascending. */
  keptIds: Float64Array;
  pending: number;
  pendingKept: number;
  /** Pending recipients that match the filter (ignoring other exclusions). */
  pendingMatching: number;
  all: number;
  allMatching: number;
  checks: ScanCheck[];
  durationMs: number;
}

export interface ScanInput {
  campaignId: number;
  /** Everything the result depends on besides the recipients themselves (filter JSON, exclusions). */
  key: string;
  /** The filter's evaluate expression (match in bit 0, unreadable checks above); null without a filter. */
  evaluate: RawBuilder<number> | null;
  checks: readonly ReadCheck[];
  /** 1 when the other exclusions keep the recipient; null when there are none. */
  othersKeep: RawBuilder<unknown> | null;
  /** Drafts: pending counts are part of the answer, so a state change starts a new scan. */
  statesMatter: boolean;
  now?: () => number;
}

/** Rows per chunk: ~10–30 ms of work at a time, then the event loop runs again. */
export const SCAN_CHUNK = 5_000;
const EXAMPLES = 3;
const DONE_CACHE = 4;

interface Run {
  key: string;
  token: { cancelled: boolean };
  promise: Promise<ScanResult>;
}

interface Cache {
  runs: Map<number, Run>;
  done: Map<string, ScanResult>;
}

const caches = new WeakMap<Store, Cache>();

function cacheOf(store: Store): Cache {
  let c = caches.get(store);
  if (!c) caches.set(store, (c = { runs: new Map(), done: new Map() }));
  return c;
}

interface Stamped {
  stamp: string;
  stampStmt: Statement<[], number>;
  byCampaign: Map<number, { text: string; minId: number; maxId: number }>;
}
const stamps = new WeakMap<Store, Stamped>();

/**
 * Whether anything at all was written since the last look: `data_version` moves when another
 * connection commits (the import worker, the CLI), `total_changes()` when this one writes. While
 * both stay, the recipients are as they were and the per-state counts need not be read again, so
 * stepping through the preview of a million-row draft costs no full index scan per step.
 */
function writesStamp(store: Store): Stamped {
  let s = stamps.get(store);
  if (!s)
    stamps.set(
      store,
      (s = {
        stamp: '',
        stampStmt: store.sqlite.prepare<[], number>('SELECT total_changes() AS n').pluck(),
        byCampaign: new Map(),
      }),
    );
  const stamp = `${String(store.sqlite.pragma('data_version', { simple: true }))}:${String(s.stampStmt.get())}`;
  if (stamp !== s.stamp) {
    s.stamp = stamp;
    s.byCampaign.clear();
  }
  return s;
}

/** The campaign's recipients by state: rows added or removed, and states changed. */
function recipientsByState(
  store: Store,
  campaignId: number,
): { text: string; minId: number; maxId: number } {
  const stamped = writesStamp(store);
  const known = stamped.byCampaign.get(campaignId);
  if (known) return known;
  const rows = store.sqlite
    .prepare(
      `SELECT state, count(*) AS n, min(id) AS lo, max(id) AS hi FROM recipients WHERE campaign_id = ?${whilePublishing(store.sqlite, campaignId)} GROUP BY state`,
    )
    .all(campaignId) as { state: string; n: number; lo: number; hi: number }[];
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const r of rows) {
    lo = Math.min(lo, r.lo);
    hi = Math.max(hi, r.hi);
  }
  const result = {
    text: JSON.stringify(rows.map((r) => [r.state, r.n, r.lo, r.hi])),
    minId: rows.length === 0 ? 0 : lo,
    maxId: hi,
  };
  if (stamped.byCampaign.size > 100) stamped.byCampaign.clear();
  stamped.byCampaign.set(campaignId, result);
  return result;
}

/**
 * What the recipients contribute to the cache key. Drafts: their rows and states (an import, an
 * opt-out). Started campaigns never gain or lose recipients and the counts ignore states, so the
 * key needs no query at all (the progress view's many refreshes stay free); the range is read only
 * when a scan actually runs.
 */
function fingerprint(
  store: Store,
  campaignId: number,
  statesMatter: boolean,
): { text: string; range: () => { minId: number; maxId: number } } {
  if (!statesMatter) return { text: 'started', range: () => recipientsByState(store, campaignId) };
  const r = recipientsByState(store, campaignId);
  return { text: r.text, range: () => r };
}

async function scan(
  store: Store,
  input: ScanInput,
  range: { minId: number; maxId: number },
  token: { cancelled: boolean },
): Promise<ScanResult> {
  const started = (input.now ?? Date.now)();
  const evaluate = input.evaluate ?? sql<number>`1`;
  const others = input.othersKeep ?? sql<number>`1`;
  // `+campaign_id` keeps SQLite on the primary key (ordered by id) rather than the campaign indexes,
  // which are not: each chunk is a short range walk from the last id seen.
  const visible = sql.raw(whilePublishing(store.sqlite, input.campaignId));
  const chunk = (after: number) =>
    sql`SELECT id, state = 'pending' AS p, ${evaluate} AS r, ${others} AS k FROM recipients
      WHERE +campaign_id = ${input.campaignId} AND id > ${after} AND id <= ${range.maxId}${visible} ORDER BY id LIMIT ${SCAN_CHUNK}`.compile(
      store.q,
    );
  // The text is the same for every chunk (only the parameters change): prepared once.
  const stmt = store.sqlite.prepare(chunk(0).sql).raw();

  const kept: number[] = [];
  let pending = 0;
  let pendingKept = 0;
  let pendingMatching = 0;
  let all = 0;
  let allMatching = 0;
  const checks = input.checks.map((c) => ({
    ...c,
    unreadablePending: 0,
    unreadableAll: 0,
    exampleIds: [] as number[],
  }));
  let after = range.minId - 1;
  for (;;) {
    const rows = stmt.all(...(chunk(after).parameters as unknown[])) as [
      number,
      number,
      number,
      number,
    ][];
    for (const [id, p, r, k] of rows) {
      all++;
      const match = r % 2 === 1;
      if (match) allMatching++;
      const keep = match && k === 1;
      if (keep) kept.push(id);
      if (p === 1) {
        pending++;
        if (match) pendingMatching++;
        if (keep) pendingKept++;
      }
      if (r >= 2) {
        let bits = Math.floor(r / 2);
        for (let j = 0; j < checks.length && bits > 0; j++, bits = Math.floor(bits / 2)) {
          if (bits % 2 === 0) continue;
          const c = checks[j]!;
          c.unreadableAll++;
          if (p === 1) c.unreadablePending++;
          if (c.exampleIds.length < EXAMPLES) c.exampleIds.push(id);
        }
      }
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < SCAN_CHUNK) break;
    after = last[0];
    await yieldToEventLoop();
    if (token.cancelled)
      throw new CoreError(
        'CONFLICT',
        'The audience filter changed while it was being counted; it is being counted again.',
      );
  }
  return {
    keptIds: Float64Array.from(kept),
    pending,
    pendingKept,
    pendingMatching,
    all,
    allMatching,
    checks: checks.map(({ exampleIds, ...c }) => ({
      ...c,
      examples: exampleCells(store, exampleIds, c.column),
    })),
    durationMs: (input.now ?? Date.now)() - started,
  };
}

function exampleCells(store: Store, ids: number[], column: string): string[] {
  if (ids.length === 0) return [];
  const rows = store.sqlite
    .prepare(
      `SELECT fields_json FROM recipients WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`,
    )
    .all(...ids) as { fields_json: string }[];
  const out: string[] = [];
  for (const r of rows) {
    try {
      const v = (JSON.parse(r.fields_json) as Record<string, unknown>)[column];
      const s = typeof v === 'string' ? v.trim() : String(v);
      if (!out.includes(s)) out.push(s.length > 40 ? `${s.slice(0, 39)}…` : s);
    } catch {
      // A damaged row gives no example; it was still counted.
    }
  }
  return out;
}

/**
 * The scan for these inputs: cached while the inputs and the recipients stay the same, shared
 * between callers asking at the same time, and a newer input for the same campaign stops an
 * older scan at its next chunk (its callers get CONFLICT, as a superseded validation does).
 */
export function scanAudience(store: Store, input: ScanInput): Promise<ScanResult> {
  const cache = cacheOf(store);
  const fp = fingerprint(store, input.campaignId, input.statesMatter);
  const key = `${input.campaignId}|${input.key}|${fp.text}`;
  const done = cache.done.get(key);
  if (done) {
    // Most recently used last, so the oldest is the one to drop.
    cache.done.delete(key);
    cache.done.set(key, done);
    return Promise.resolve(done);
  }
  const current = cache.runs.get(input.campaignId);
  if (current && current.key === key && !current.token.cancelled) return current.promise;
  if (current) current.token.cancelled = true;
  const token = { cancelled: false };
  const promise = scan(store, input, fp.range(), token).then((result) => {
    cache.done.set(key, result);
    if (cache.done.size > DONE_CACHE) cache.done.delete(cache.done.keys().next().value as string);
    return result;
  });
  const run: Run = { key, token, promise };
  cache.runs.set(input.campaignId, run);
  const clear = () => {
    if (cache.runs.get(input.campaignId) === run) cache.runs.delete(input.campaignId);
  };
  promise.then(clear, clear);
  return promise;
}
