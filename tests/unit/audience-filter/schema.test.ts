import { describe, expect, it } from 'vitest';
import {
  canonicalFilterJson,
  describeFilter,
  FILTER_LIMITS,
  parseFilter,
  type ConditionInput,
  type GroupInput,
} from '../../../shared/domain/audience-filter';
import { methods } from '../../../shared/api';
import { cond } from './helpers';

const wrap = (root: unknown) => ({ root, decimal: '.', dateOrder: 'dmy' });
const group = (items: unknown[], match = 'all'): GroupInput =>
  ({ kind: 'group', match, items }) as GroupInput;
const problems = (raw: unknown) => {
  const r = parseFilter(raw);
  return r.ok ? [] : r.problems;
};

describe('the filter schema: bad, hostile and oversized input', () => {
  it('accepts a valid filter and gives every node an id, keeping those given', () => {
    const r = parseFilter(
      wrap(
        group([
          { ...cond('City', 'equals', { value: 'London' }), id: 'c2' },
          group([cond('Spent', 'num_gt', { value: 5 })], 'any'),
        ]),
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ids = [r.filter.root.id, ...r.filter.root.items.map((i) => i.id)];
    expect(new Set(ids).size).toBe(3);
    expect(ids).toContain('c2');
    expect(r.filter.version).toBe(1);
  });

  it.each([
    ['an unknown operator', group([cond('City', 'like', { value: 'x' })]), /Invalid/],
    ['a text operator without a value', group([cond('City', 'equals')]), /value/],
    [
      'an empty value (use "is empty")',
      group([cond('City', 'equals', { value: '   ' })]),
      /is empty/,
    ],
    ['a number given as text', group([cond('Spent', 'num_gt', { value: '100' })]), /number/i],
    ['NaN', group([cond('Spent', 'num_gt', { value: Number.NaN })]), /number/i],
    ['Infinity', group([cond('Spent', 'num_gt', { value: Number.POSITIVE_INFINITY })]), /number/i],
    [
      'a reversed number range',
      group([cond('Spent', 'num_between', { min: 10, max: 1 })]),
      /larger/,
    ],
    [
      'a date not YYYY-MM-DD',
      group([cond('Joined', 'date_on', { value: '14/03/2026' })]),
      /YYYY-MM-DD/,
    ],
    [
      'an impossible date',
      group([cond('Joined', 'date_on', { value: '2026-02-30' })]),
      /YYYY-MM-DD/,
    ],
    [
      'a reversed date range',
      group([cond('Joined', 'date_between', { from: '2026-03-02', to: '2026-03-01' })]),
      /after/,
    ],
    ['an empty list', group([cond('City', 'one_of', { values: [] })]), /at least one/],
    [
      'a list with an empty value',
      group([cond('City', 'one_of', { values: ['a', ''] })]),
      /is empty/,
    ],
    ['no column', group([cond('', 'empty')]), /Choose a column/],
    [
      'an extra key',
      group([{ ...cond('City', 'empty'), sql: 'DROP TABLE' }]),
      /Unrecognized|unrecognized/,
    ],
    ['an id with odd characters', group([{ ...cond('City', 'empty'), id: 'a b' }]), /id/],
    [
      'a group matching neither all nor any',
      { kind: 'group', match: 'some', items: [] },
      /all.*any/,
    ],
  ])('refuses %s with a message', (_what, root, message) => {
    const p = problems(wrap(root));
    expect(p.length).toBeGreaterThan(0);
    expect(p.join(' ')).toMatch(message);
  });

  it('refuses a decimal or date order other than the two it knows', () => {
    expect(problems({ root: group([]), decimal: ';', dateOrder: 'dmy' }).join(' ')).toMatch(
      /decimal/,
    );
    expect(problems({ root: group([]), decimal: '.', dateOrder: 'ymd' }).join(' ')).toMatch(
      /day first/,
    );
    expect(problems(null).length).toBeGreaterThan(0);
    expect(problems('City = London').length).toBeGreaterThan(0);
    expect(problems([]).length).toBeGreaterThan(0);
  });

  it('bounds values, lists, conditions, groups and depth', () => {
    expect(
      problems(
        wrap(group([cond('City', 'equals', { value: 'x'.repeat(FILTER_LIMITS.valueLength + 1) })])),
      ).join(' '),
    ).toMatch(/at most 500 characters/);
    expect(
      problems(wrap(group([cond('x'.repeat(FILTER_LIMITS.columnLength + 1), 'empty')]))).join(' '),
    ).toMatch(/column name/);
    const list = Array.from({ length: FILTER_LIMITS.listValues + 1 }, (_, i) => `v${i}`);
    expect(problems(wrap(group([cond('City', 'one_of', { values: list })]))).join(' ')).toMatch(
      /at most 1,000 values/,
    );
    const tooLong = Array.from({ length: 300 }, () => 'y'.repeat(400));
    expect(problems(wrap(group([cond('City', 'one_of', { values: tooLong })]))).join(' ')).toMatch(
      /characters in all/,
    );
    const many = Array.from({ length: FILTER_LIMITS.conditions + 1 }, () =>
      cond('City', 'not_empty'),
    );
    expect(problems(wrap(group(many))).join(' ')).toMatch(
      /at most 50 conditions \(this one has 51\)/,
    );
    const groups = Array.from({ length: FILTER_LIMITS.groups }, () =>
      group([cond('City', 'empty')]),
    );
    expect(problems(wrap(group(groups))).join(' ')).toMatch(/at most 20 groups/);
    const deep = group([group([group([group([cond('City', 'empty')])])])]);
    expect(problems(wrap(deep)).join(' ')).toMatch(/levels deep/);
    expect(problems(wrap(group([group([group([cond('City', 'empty')])])])))).toEqual([]);
    expect(
      problems(
        wrap(
          group([
            { ...cond('A', 'empty'), id: 'x' },
            { ...cond('B', 'empty'), id: 'x' },
          ]),
        ),
      ).join(' '),
    ).toMatch(/share the id x/);
  });

  it('answers a document nested thousands deep with a message, without overflowing', () => {
    let root: unknown = cond('City', 'empty');
    for (let i = 0; i < 20_000; i++) root = { kind: 'group', match: 'all', items: [root] };
    expect(problems(wrap(root)).join(' ')).toMatch(/levels deep/);
  });

  it('is the contract’s input: setFilter refuses what parseFilter refuses', () => {
    const input = methods['campaigns.setFilter'].input;
    expect(input.safeParse({ campaignId: 1, filter: null }).success).toBe(true);
    expect(
      input.safeParse({
        campaignId: 1,
        filter: wrap(group([cond('City', 'like', { value: 'x' })])),
      }).success,
    ).toBe(false);
    expect(
      input.safeParse({
        campaignId: 1,
        filter: wrap(group([cond('City', 'equals', { value: 'x' })])),
      }).success,
    ).toBe(true);
  });
});

describe('canonical JSON and descriptions', () => {
  it('gives equal filters equal text whatever the key order', () => {
    const a = parseFilter({
      root: {
        kind: 'group',
        id: 'g',
        match: 'all',
        items: [{ kind: 'condition', id: 'c', column: 'City', op: 'equals', value: 'x' }],
      },
      decimal: '.',
      dateOrder: 'dmy',
    });
    const b = parseFilter({
      dateOrder: 'dmy',
      decimal: '.',
      root: {
        items: [{ value: 'x', op: 'equals', column: 'City', id: 'c', kind: 'condition' }],
        match: 'all',
        id: 'g',
        kind: 'group',
      },
    });
    expect(a.ok && b.ok && canonicalFilterJson(a.filter)).toBe(
      b.ok && canonicalFilterJson(b.filter),
    );
  });

  it('describes a filter in one line', () => {
    const conditions: ConditionInput[] = [
      cond('City', 'one_of', { values: ['London', 'Leeds'] }),
      cond('Spent', 'num_between', { min: 1000, max: 2500.5 }),
      cond('Joined', 'date_after', { value: '2026-03-14' }),
    ];
    const r = parseFilter({
      root: group([
        conditions[0],
        group([conditions[1], conditions[2], cond('VIP', 'not_empty')], 'any'),
      ]),
      decimal: ',',
      dateOrder: 'dmy',
    });
    expect(r.ok && describeFilter(r.filter)).toBe(
      '"City" is one of "London", "Leeds" AND ("Spent" between 1.000 and 2.500,5 OR "Joined" after 14 Mar 2026 OR "VIP" is not empty)',
    );
    const empty = parseFilter(wrap(group([])));
    expect(empty.ok && describeFilter(empty.filter)).toBeNull();
  });
});
