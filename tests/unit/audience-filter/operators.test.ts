import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../shared/domain/audience-filter';
import { cond, filterOf, matchRows } from './helpers';

const cities = [
  { City: 'London' },
  { City: ' LONDON ' },
  { City: 'londonderry' },
  { City: 'Leeds' },
  { City: '' },
  {},
];

describe('text operators (case- and accent-insensitive, trimmed)', () => {
  it('equals and not equals', () => {
    expect(matchRows(cond('City', 'equals', { value: 'london' }), cities)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    // An empty or missing cell is "not London".
    expect(matchRows(cond('City', 'not_equals', { value: 'London' }), cities)).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
  });

  it('contains and not contains', () => {
    expect(matchRows(cond('City', 'contains', { value: 'LON' }), cities)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(matchRows(cond('City', 'not_contains', { value: 'don' }), cities)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  it('one of a list', () => {
    expect(matchRows(cond('City', 'one_of', { values: ['leeds', 'London'] }), cities)).toEqual([
      true,
      true,
      false,
      true,
      false,
      false,
    ]);
  });

  it('empty and not empty (spaces and invisible characters count as empty; a missing column is empty)', () => {
    const rows = [
      { Email: 'a@b.c' },
      { Email: '   ' },
      { Email: '\u200b\ufeff' },
      { Email: '' },
      {},
    ];
    expect(matchRows(cond('Email', 'empty'), rows)).toEqual([false, true, true, true, true]);
    expect(matchRows(cond('Email', 'not_empty'), rows)).toEqual([true, false, false, false, false]);
  });

  it('ignores accents, case, compatibility forms and ß, but not different letters', () => {
    const rows = [
      { City: 'Zürich' },
      { City: 'ZURICH' },
      { City: 'zurich' },
      { City: 'Ｚｕｒｉｃｈ' },
      { City: 'Zurick' },
    ];
    expect(matchRows(cond('City', 'equals', { value: 'Zurich' }), rows)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(
      matchRows(cond('Street', 'equals', { value: 'strasse' }), [
        { Street: 'STRASSE' },
        { Street: 'Straße' },
        { Street: 'Strase' },
      ]),
    ).toEqual([true, true, false]);
    expect(
      matchRows(cond('Name', 'contains', { value: 'jose' }), [
        { Name: 'José Álvarez' },
        { Name: 'JOSÉ' },
        { Name: 'Josefina' },
        { Name: 'Jöse' },
      ]),
    ).toEqual([true, true, true, true]);
  });

  it('handles unicode cells: right-to-left, emoji, CJK, combining sequences', () => {
    expect(
      matchRows(cond('Name', 'contains', { value: 'محمد' }), [
        { Name: 'السيد محمد' },
        { Name: 'Mohammed' },
      ]),
    ).toEqual([true, false]);
    expect(
      matchRows(cond('Tag', 'equals', { value: '⭐ VIP' }), [{ Tag: '⭐ vip' }, { Tag: 'VIP' }]),
    ).toEqual([true, false]);
    expect(
      matchRows(cond('City', 'equals', { value: '東京' }), [{ City: '東京' }, { City: '京都' }]),
    ).toEqual([true, false]);
    // "é" typed as e + combining accent equals the precomposed one.
    expect(
      matchRows(cond('Name', 'equals', { value: 'Ren\u00e9' }), [{ Name: 'Rene\u0301' }]),
    ).toEqual([true]);
  });

  it('collapses runs of spaces inside a cell', () => {
    expect(
      matchRows(cond('Name', 'equals', { value: 'Ann Lee' }), [
        { Name: 'Ann   Lee' },
        { Name: 'Ann\u00a0Lee' },
        { Name: 'AnnLee' },
      ]),
    ).toEqual([true, true, false]);
  });
});

describe('number operators', () => {
  const rows = [
    { Spent: '50' },
    { Spent: '100' },
    { Spent: '100.00' },
    { Spent: '$1,234.50' },
    { Spent: 'n/a' },
    { Spent: '' },
    {},
  ];

  it('compares =, ≠, <, ≤, >, ≥ and between; unreadable and empty cells never match', () => {
    expect(matchRows(cond('Spent', 'num_eq', { value: 100 }), rows)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(matchRows(cond('Spent', 'num_ne', { value: 100 }), rows)).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(matchRows(cond('Spent', 'num_lt', { value: 100 }), rows)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(matchRows(cond('Spent', 'num_le', { value: 100 }), rows)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(matchRows(cond('Spent', 'num_gt', { value: 100 }), rows)).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(matchRows(cond('Spent', 'num_ge', { value: 100 }), rows)).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(matchRows(cond('Spent', 'num_between', { min: 60, max: 1234.5 }), rows)).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('reads cells with the filter’s decimal separator', () => {
    const euro = [{ Spent: '1.234,50 €' }, { Spent: '1,234.50' }, { Spent: '99,9' }];
    expect(matchRows(cond('Spent', 'num_gt', { value: 1000 }), euro, { decimal: ',' })).toEqual([
      true,
      false,
      false,
    ]);
    expect(matchRows(cond('Spent', 'num_gt', { value: 1000 }), euro, { decimal: '.' })).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('counts filled cells it cannot read, once per column and kind, whatever short-circuits', () => {
    const f = filterOf({
      kind: 'group',
      match: 'any',
      items: [
        cond('City', 'equals', { value: 'London' }),
        cond('Spent', 'num_gt', { value: 10 }),
        cond('Spent', 'num_lt', { value: 5 }),
        cond('Joined', 'date_after', { value: '2026-01-01' }),
      ],
    });
    const c = compileFilter(f);
    expect(c.checks.map((k) => [k.column, k.kind, k.conditionIds.length])).toEqual([
      ['Spent', 'number', 2],
      ['Joined', 'date', 1],
    ]);
    const code = (cells: Record<string, string>) => c.evaluate(c.columns.map((col) => cells[col]));
    // London matches (bit 0) and the other cells are still read: Spent unreadable (bit 1), Joined too (bit 2).
    expect(code({ City: 'London', Spent: 'lots', Joined: 'someday' })).toBe(1 + 2 + 4);
    expect(code({ City: 'Paris', Spent: '20', Joined: '' })).toBe(1);
    expect(code({ City: 'Paris', Spent: '', Joined: '2025-12-31' })).toBe(0);
  });
});

describe('date operators', () => {
  const rows = [
    { Joined: '2026-03-14' },
    { Joined: '14/03/2026' },
    { Joined: '2026-03-15T08:00:00Z' },
    { Joined: '13.03.2026' },
    { Joined: 'soon' },
    { Joined: '' },
  ];

  it('before, after, on and between compare calendar days', () => {
    expect(matchRows(cond('Joined', 'date_on', { value: '2026-03-14' }), rows)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(matchRows(cond('Joined', 'date_before', { value: '2026-03-14' }), rows)).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
    ]);
    expect(matchRows(cond('Joined', 'date_after', { value: '2026-03-14' }), rows)).toEqual([
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(
      matchRows(cond('Joined', 'date_between', { from: '2026-03-14', to: '2026-03-15' }), rows),
    ).toEqual([true, true, true, false, false, false]);
  });

  it('reads slashed dates in the order the filter says, never guessing', () => {
    const ambiguous = [{ D: '03/04/2026' }, { D: '14/03/2026' }, { D: '3/14/2026' }];
    expect(
      matchRows(cond('D', 'date_on', { value: '2026-04-03' }), ambiguous, { dateOrder: 'dmy' }),
    ).toEqual([true, false, false]);
    expect(
      matchRows(cond('D', 'date_on', { value: '2026-03-04' }), ambiguous, { dateOrder: 'mdy' }),
    ).toEqual([true, false, false]);
    expect(
      matchRows(cond('D', 'date_on', { value: '2026-03-14' }), ambiguous, { dateOrder: 'mdy' }),
    ).toEqual([false, false, true]);
    expect(
      matchRows(cond('D', 'date_on', { value: '2026-03-14' }), ambiguous, { dateOrder: 'dmy' }),
    ).toEqual([false, true, false]);
  });
});

describe('groups: AND / OR, nesting and empty groups', () => {
  const rows = [
    { City: 'London', Spent: '150', VIP: '' },
    { City: 'London', Spent: '50', VIP: 'yes' },
    { City: 'London', Spent: '50', VIP: '' },
    { City: 'Leeds', Spent: '500', VIP: 'yes' },
  ];
  const run = (f: ReturnType<typeof filterOf>) => {
    const c = compileFilter(f);
    return rows.map((r) => c.matches(c.columns.map((col) => r[col as keyof typeof r])));
  };

  it('City = London AND (Spent > 100 OR VIP not empty)', () => {
    const f = filterOf({
      kind: 'group',
      match: 'all',
      items: [
        cond('City', 'equals', { value: 'London' }),
        {
          kind: 'group',
          match: 'any',
          items: [cond('Spent', 'num_gt', { value: 100 }), cond('VIP', 'not_empty')],
        },
      ],
    });
    expect(run(f)).toEqual([true, true, false, false]);
  });

  it('any of the top-level conditions', () => {
    const f = filterOf({
      kind: 'group',
      match: 'any',
      items: [cond('City', 'equals', { value: 'Leeds' }), cond('VIP', 'not_empty')],
    });
    expect(run(f)).toEqual([false, true, false, true]);
  });

  it('leaves empty groups out instead of letting them match everybody in an "any"', () => {
    const f = filterOf({
      kind: 'group',
      match: 'any',
      items: [
        cond('City', 'equals', { value: 'Leeds' }),
        { kind: 'group', match: 'all', items: [] },
      ],
    });
    expect(run(f)).toEqual([false, false, false, true]);
    const none = filterOf({
      kind: 'group',
      match: 'all',
      items: [{ kind: 'group', match: 'any', items: [] }],
    });
    expect(compileFilter(none).everybody).toBe(true);
    expect(run(none)).toEqual([true, true, true, true]);
  });
});
