import { afterEach, describe, expect, it } from 'vitest';
import { filterSql, keyPath } from '../../../electron/core/campaigns/audience-filter-sql';
import { scanAudience, SCAN_CHUNK } from '../../../electron/core/campaigns/audience-filter-scan';
import { createCore, type Core } from '../../../electron/core/service';
import {
  compileFilter,
  matchesFields,
  parseFilter,
  type AudienceFilter,
  type ConditionInput,
} from '../../../shared/domain/audience-filter';
import { seededRandom } from '../../unit/sender/prng';
import { countLoopTurns } from '../../helpers/loop-turns';
import { tempDir } from '../../helpers/tmp';

/** Column names a JSON path must escape, or that look like path syntax. */
const COLUMNS = [
  'City',
  'a"b',
  'a.b',
  'back\\slash',
  '$',
  '[0]',
  'Ünïcödé',
  'spaced name ',
  '*',
  "it's",
];
const VALUES = [
  'London',
  ' london',
  'LONDON',
  'Zürich',
  '',
  '   ',
  '1,234.50',
  '1.234,50',
  '€ 99',
  '-5',
  '(7)',
  'n/a',
  '2026-03-14',
  '14/03/2026',
  '3/14/2026',
  '😀',
  'x'.repeat(300),
  '\u200b',
  '0',
  '100',
];

function randomCondition(rand: () => number): ConditionInput {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const column = pick(COLUMNS);
  const text = pick(VALUES.filter((v) => v.trim() !== '' && v.length <= 500 && v !== '\u200b'));
  const n = pick([0, 5, 99, 100, 1234.5, -5]);
  const day = pick(['2026-03-14', '2026-01-01', '2026-12-31']);
  const options: ConditionInput[] = [
    { kind: 'condition', column, op: 'equals', value: text },
    { kind: 'condition', column, op: 'not_equals', value: text },
    { kind: 'condition', column, op: 'contains', value: text.slice(0, 3) || 'x' },
    { kind: 'condition', column, op: 'not_contains', value: text.slice(0, 3) || 'x' },
    {
      kind: 'condition',
      column,
      op: 'one_of',
      values: [text, pick(VALUES.filter((v) => v.trim() !== '' && v !== '\u200b'))],
    },
    { kind: 'condition', column, op: 'empty' },
    { kind: 'condition', column, op: 'not_empty' },
    {
      kind: 'condition',
      column,
      op: pick(['num_eq', 'num_ne', 'num_lt', 'num_le', 'num_gt', 'num_ge'] as const),
      value: n,
    },
    { kind: 'condition', column, op: 'num_between', min: -10, max: n + 1 },
    {
      kind: 'condition',
      column,
      op: pick(['date_before', 'date_after', 'date_on'] as const),
      value: day,
    },
    { kind: 'condition', column, op: 'date_between', from: '2026-01-01', to: day },
  ];
  return pick(options);
}

function randomFilter(rand: () => number): AudienceFilter {
  const group = (depth: number): unknown => ({
    kind: 'group',
    match: rand() < 0.5 ? 'all' : 'any',
    items: Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
      depth < 3 && rand() < 0.3 ? group(depth + 1) : randomCondition(rand),
    ),
  });
  const parsed = parseFilter({
    root: group(1),
    decimal: rand() < 0.5 ? '.' : ',',
    dateOrder: rand() < 0.5 ? 'dmy' : 'mdy',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join(' '));
  return parsed.filter;
}

describe('the SQLite functions run the same evaluator as the preview', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const f of cleanups.splice(0)) await f();
  });

  function setup(
    rows: number,
    seed = 1,
  ): { core: Core; campaignId: number; fields: Record<string, string>[] } {
    const dir = tempDir('cd-udf-');
    const core = createCore({ dataDir: dir.path, shell: 'headless', externalChangePollMs: 0 });
    cleanups.push(() => core.close(), dir.cleanup);
    const db = core.store.sqlite;
    const campaignId = Number(
      db
        .prepare(
          "INSERT INTO campaigns (account_id, name, columns_json, created_at, updated_at) VALUES (1, 'udf', ?, 0, 0)",
        )
        .run(JSON.stringify(COLUMNS)).lastInsertRowid,
    );
    const rand = seededRandom(seed);
    const insert = db.prepare(
      'INSERT INTO recipients (campaign_id, row_number, phone, fields_json, state) VALUES (?, ?, ?, ?, ?)',
    );
    const fields: Record<string, string>[] = [];
    db.transaction(() => {
      for (let i = 0; i < rows; i++) {
        const f: Record<string, string> = {};
        // Some rows lack some columns altogether.
        for (const col of COLUMNS)
          if (rand() < 0.9) f[col] = VALUES[Math.floor(rand() * VALUES.length)]!;
        fields.push(f);
        insert.run(
          campaignId,
          i + 2,
          `+1202555${String(i).padStart(4, '0')}`,
          JSON.stringify(f),
          rand() < 0.1 ? 'skipped' : 'pending',
        );
      }
    })();
    return { core, campaignId, fields };
  }

  it('spells every column name as a JSON path SQLite finds', () => {
    const { core } = setup(0);
    for (const col of COLUMNS) {
      const row = core.store.sqlite
        .prepare('SELECT json_extract(?, ?) AS v')
        .get(JSON.stringify({ [col]: 'found', other: 'no' }), keyPath(col)) as { v: unknown };
      expect(row.v, col).toBe('found');
    }
  });

  it('counts exactly what the evaluator says, for 60 random filters over hostile cells, in both argument forms', () => {
    const { core, campaignId, fields } = setup(600);
    const db = core.store.sqlite;
    const rand = seededRandom(42);
    for (let i = 0; i < 60; i++) {
      const filter = randomFilter(rand);
      const compiled = compileFilter(filter);
      const expected = fields.map((f) => matchesFields(compiled, f));
      const f = filterSql(db, filter);
      const viaCells = db
        .prepare(
          `SELECT ${f.match.compile(core.store.q).sql} AS m FROM recipients WHERE campaign_id = ? ORDER BY id`,
        )
        .all(...f.match.compile(core.store.q).parameters, campaignId) as { m: number }[];
      const viaJson = db
        .prepare(
          'SELECT audience_match_json(?, fields_json) AS m FROM recipients WHERE campaign_id = ? ORDER BY id',
        )
        .all(f.json, campaignId) as { m: number }[];
      expect(
        viaCells.map((r) => r.m === 1),
        JSON.stringify(filter),
      ).toEqual(expected);
      expect(viaJson.map((r) => r.m === 1)).toEqual(expected);
    }
  });

  it('scans in chunks, yielding between them, with the same counts and unreadable cells as the evaluator', async () => {
    const rows = SCAN_CHUNK * 2 + 123;
    const { core, campaignId, fields } = setup(rows, 9);
    const parsed = parseFilter({
      root: {
        kind: 'group',
        match: 'any',
        items: [
          { kind: 'condition', column: 'City', op: 'contains', value: 'lon' },
          { kind: 'condition', column: 'a.b', op: 'num_gt', value: 50 },
        ],
      },
      decimal: '.',
      dateOrder: 'dmy',
    });
    if (!parsed.ok) throw new Error('bad filter');
    const compiled = compileFilter(parsed.filter);
    const f = filterSql(core.store.sqlite, parsed.filter);
    const states = core.store.sqlite
      .prepare('SELECT state FROM recipients WHERE campaign_id = ? ORDER BY id')
      .all(campaignId) as { state: string }[];

    const turns = countLoopTurns();
    const scan = await scanAudience(core.store, {
      campaignId,
      key: f.json,
      evaluate: f.evaluate,
      checks: compiled.checks,
      othersKeep: null,
      statesMatter: true,
    });
    const yielded = turns.stop();

    const matches = fields.map((x) => matchesFields(compiled, x));
    // Bit 1 of the evaluator's code: the one check (a.b as a number) could not read a filled cell.
    const unreadable = fields.filter(
      (x, i) =>
        states[i]!.state === 'pending' && compiled.evaluate(compiled.columns.map((c) => x[c])) >= 2,
    ).length;
    expect(scan.all).toBe(rows);
    expect(scan.allMatching).toBe(matches.filter(Boolean).length);
    expect(scan.pendingMatching).toBe(
      matches.filter((m, i) => m && states[i]!.state === 'pending').length,
    );
    expect(scan.keptIds.length).toBe(scan.allMatching);
    expect([...scan.keptIds]).toEqual([...scan.keptIds].sort((a, b) => a - b));
    expect(scan.checks[0]).toMatchObject({
      column: 'a.b',
      kind: 'number',
      unreadablePending: unreadable,
    });
    expect(scan.checks[0]!.examples.length).toBeGreaterThan(0);
    // The event loop ran between chunks: at least once per chunk boundary (3 chunks here).
    expect(yielded).toBeGreaterThanOrEqual(Math.ceil(rows / SCAN_CHUNK) - 1);

    // The same inputs come from the cache; a new audience row starts a new scan.
    expect(
      await scanAudience(core.store, {
        campaignId,
        key: f.json,
        evaluate: f.evaluate,
        checks: compiled.checks,
        othersKeep: null,
        statesMatter: true,
      }),
    ).toBe(scan);
    core.store.sqlite
      .prepare(
        'INSERT INTO recipients (campaign_id, row_number, phone, fields_json) VALUES (?, 1, \'+19999999999\', \'{"City":"London"}\')',
      )
      .run(campaignId);
    const again = await scanAudience(core.store, {
      campaignId,
      key: f.json,
      evaluate: f.evaluate,
      checks: compiled.checks,
      othersKeep: null,
      statesMatter: true,
    });
    expect(again.allMatching).toBe(scan.allMatching + 1);
  }, 60_000);

  it('a newer filter stops an older scan of the same campaign', async () => {
    const { core, campaignId } = setup(SCAN_CHUNK * 2, 3);
    const filters = ['London', 'Zürich'].map((value) => {
      const p = parseFilter({
        root: {
          kind: 'group',
          match: 'all',
          items: [{ kind: 'condition', column: 'City', op: 'equals', value }],
        },
        decimal: '.',
        dateOrder: 'dmy',
      });
      if (!p.ok) throw new Error('bad');
      return filterSql(core.store.sqlite, p.filter);
    });
    const input = (f: (typeof filters)[number]) => ({
      campaignId,
      key: f.json,
      evaluate: f.evaluate,
      checks: [],
      othersKeep: null,
      statesMatter: true,
    });
    const older = scanAudience(core.store, input(filters[0]!));
    const newer = scanAudience(core.store, input(filters[1]!));
    await expect(older).rejects.toThrow(/changed while it was being counted/);
    expect((await newer).all).toBe(SCAN_CHUNK * 2);
  });

  it('agrees in both argument forms on fields that are not text (numbers, booleans, objects, null)', () => {
    const { core, campaignId } = setup(0);
    const db = core.store.sqlite;
    const odd = [
      { City: 5, 'a.b': true, VIP: { x: 1 }, $: null },
      { City: '5', 'a.b': 1, VIP: '{"x":1}' },
      { City: 5.5, 'a.b': false },
    ];
    odd.forEach((f, i) =>
      db
        .prepare(
          'INSERT INTO recipients (campaign_id, row_number, phone, fields_json) VALUES (?, 1, ?, ?)',
        )
        .run(campaignId, `+1${i}`, JSON.stringify(f)),
    );
    const conditions: ConditionInput[] = [
      { kind: 'condition', column: 'City', op: 'equals', value: '5' },
      { kind: 'condition', column: 'City', op: 'num_gt', value: 5 },
      { kind: 'condition', column: 'a.b', op: 'num_eq', value: 1 },
      { kind: 'condition', column: 'VIP', op: 'contains', value: '"x"' },
      { kind: 'condition', column: '$', op: 'empty' },
    ];
    for (const cond of conditions) {
      const p = parseFilter({
        root: { kind: 'group', match: 'all', items: [cond] },
        decimal: '.',
        dateOrder: 'dmy',
      });
      if (!p.ok) throw new Error('bad');
      const f = filterSql(db, p.filter);
      const compiled = f.match.compile(core.store.q);
      const viaCells = db
        .prepare(`SELECT ${compiled.sql} AS m FROM recipients WHERE campaign_id = ? ORDER BY id`)
        .all(...compiled.parameters, campaignId);
      const viaJson = db
        .prepare(
          'SELECT audience_match_json(?, fields_json) AS m FROM recipients WHERE campaign_id = ? ORDER BY id',
        )
        .all(f.json, campaignId);
      expect(viaJson, JSON.stringify(cond)).toEqual(viaCells);
    }
  });

  it('a filter JSON that is not a filter is an SQL error, not a silent match', () => {
    const { core } = setup(1);
    expect(() =>
      core.store.sqlite.prepare("SELECT audience_match('{\"root\":1}', 'x')").get(),
    ).toThrow(/audience filter/);
    expect(() => core.store.sqlite.prepare("SELECT audience_match('not json')").get()).toThrow(
      /not JSON/,
    );
  });
});
