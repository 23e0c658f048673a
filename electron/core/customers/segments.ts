import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  CoreError,
  type ParsedInput,
  type Segment,
  type SegmentCount,
  type SegmentDefinition,
} from '../../../shared/api';
import { normalizeFilter } from '../../../shared/domain/audience-filter';
import type { Store } from '../db/connection';
import { segmentWhere, type SqlPart, type StartedAt } from './segment-sql';

interface SegmentRow {
  id: number;
  name: string;
  definition_json: string;
  created_at: number;
}

const toSegment = (r: SegmentRow): Segment => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  ...(JSON.parse(r.definition_json) as SegmentDefinition),
});

export const startedAtOf =
  (db: SqliteDatabase): StartedAt =>
  (campaignId) =>
    (db.prepare('SELECT started_at FROM campaigns WHERE id = ?').pluck().get(campaignId) as
      number | null | undefined) ?? 0;

/** Checks that the campaigns a segment names exist, so a typo is refused when it is saved. */
function checkCampaigns(db: SqliteDatabase, def: SegmentDefinition) {
  const exists = db.prepare('SELECT 1 FROM campaigns WHERE id = ?').pluck();
  for (const h of def.history)
    if ((h.kind === 'got' || h.kind === 'outcome') && !exists.get(h.campaignId))
      throw new CoreError('NOT_FOUND', `Campaign ${h.campaignId} does not exist.`);
}

/** Saved segments: create, list, read, and count over the book (one read, no write lock). */
export function createSegmentRepo(store: Store, now: () => number) {
  const db = store.sqlite;
  const get = (id: number): Segment => {
    const r = db.prepare('SELECT * FROM segments WHERE id = ?').get(id) as SegmentRow | undefined;
    if (!r) throw new CoreError('NOT_FOUND', `Segment ${id} does not exist.`);
    return toSegment(r);
  };
  /** A definition as it will be saved: the filter normalised, the campaigns it names existing. */
  const check = (input: ParsedInput<'segments.count'>): SegmentDefinition => {
    const def: SegmentDefinition = {
      filter: input.filter ? normalizeFilter(input.filter) : null,
      history: input.history,
    };
    checkCampaigns(db, def);
    return def;
  };
  return {
    get,
    check,

    create(input: ParsedInput<'segments.create'>): Segment {
      const def = check(input);
      const id = store.tx(() => {
        if (db.prepare('SELECT 1 FROM segments WHERE name = ?').get(input.name))
          throw new CoreError('CONFLICT', `There is already a segment named "${input.name}".`);
        const t = now();
        return Number(
          db
            .prepare(
              'INSERT INTO segments (name, definition_json, created_at, updated_at) VALUES (?, ?, ?, ?)',
            )
            .run(input.name, JSON.stringify(def), t, t).lastInsertRowid,
        );
      });
      return get(id);
    },

    list(): Segment[] {
      return (db.prepare('SELECT * FROM segments ORDER BY name').all() as SegmentRow[]).map(
        toSegment,
      );
    },

    /** A saved segment's WHERE over `customers c`, evaluated now. */
    where(id: number): SqlPart {
      return segmentWhere(get(id), now(), startedAtOf(db));
    },

    /** The live count: evaluated now, every time (the book and the history move). */
    count(def: SegmentDefinition): SegmentCount {
      const started = Date.now();
      const where = segmentWhere(def, now(), startedAtOf(db));
      const row = db
        .prepare(
          `SELECT count(*) AS members,
             coalesce(sum(EXISTS (SELECT 1 FROM suppression s WHERE s.phone = c.phone)), 0) AS optedOut
           FROM customers c WHERE ${where.sql}`,
        )
        .get(...where.params) as { members: number; optedOut: number };
      return { ...row, durationMs: Date.now() - started };
    },
  };
}
