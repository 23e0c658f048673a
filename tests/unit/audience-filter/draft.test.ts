import { describe, expect, it } from 'vitest';
import {
  addToGroup,
  changeOp,
  conditionProblem,
  emptyDraft,
  fromFilter,
  newCondition,
  newGroup,
  removeNode,
  toFilterInput,
  updateNode,
  type DraftCondition,
} from '../../../renderer/src/features/audience/filter/draft';
import { normalizeFilter, parseFilter } from '../../../shared/domain/audience-filter';

const reading = { decimal: '.', dateOrder: 'dmy' } as const;
const withValue = (c: DraftCondition, change: Partial<DraftCondition>): DraftCondition => ({
  ...c,
  ...change,
});

describe('the filter builder’s working copy', () => {
  it('saves only finished conditions, and drops groups left with none', () => {
    let d = emptyDraft(reading);
    const city = withValue(newCondition('City'), { value: 'London' });
    const unfinished = newCondition('Spent');
    const group = {
      ...newGroup('any'),
      items: [withValue(newCondition('Spent'), { op: 'num_gt', value: '1,000.5' }), newCondition()],
    };
    const emptyGroup = { ...newGroup('all'), items: [unfinished] };
    d = addToGroup(
      addToGroup(addToGroup(d, d.root.id, city), d.root.id, group),
      d.root.id,
      emptyGroup,
    );
    const input = toFilterInput(d);
    expect(input).toEqual({
      root: {
        kind: 'group',
        id: d.root.id,
        match: 'all',
        items: [
          { kind: 'condition', id: city.id, column: 'City', op: 'equals', value: 'London' },
          {
            kind: 'group',
            id: group.id,
            match: 'any',
            items: [
              {
                kind: 'condition',
                id: group.items[0]!.id,
                column: 'Spent',
                op: 'num_gt',
                value: 1000.5,
              },
            ],
          },
        ],
      },
      decimal: '.',
      dateOrder: 'dmy',
    });
    // What is saved is a valid filter for the contract.
    expect(parseFilter(input).ok).toBe(true);
    expect(toFilterInput(emptyDraft(reading))).toBeNull();
  });

  it('says what an unfinished condition still needs', () => {
    const c = newCondition();
    expect(conditionProblem(c, '.')).toBe('Choose a column.');
    expect(conditionProblem({ ...c, column: 'A' }, '.')).toBe('Type a value.');
    expect(conditionProblem({ ...c, column: 'A', op: 'one_of', values: ['  '] }, '.')).toBe(
      'Add at least one value.',
    );
    expect(conditionProblem({ ...c, column: 'A', op: 'num_gt', value: '1.234,5' }, '.')).toBe(
      'Type a number (with a decimal ".").',
    );
    expect(conditionProblem({ ...c, column: 'A', op: 'num_gt', value: '1.234,5' }, ',')).toBeNull();
    expect(
      conditionProblem({ ...c, column: 'A', op: 'num_between', min: '5', max: '1' }, '.'),
    ).toMatch(/not be larger/);
    expect(conditionProblem({ ...c, column: 'A', op: 'date_on', value: '' }, '.')).toBe(
      'Choose a date.',
    );
    expect(
      conditionProblem(
        { ...c, column: 'A', op: 'date_between', min: '2026-03-02', max: '2026-03-01' },
        '.',
      ),
    ).toMatch(/not be after/);
    expect(conditionProblem({ ...c, column: 'A', op: 'empty' }, '.')).toBeNull();
  });

  it('keeps a value across operators of the same kind, and turns a text into the first list value', () => {
    const c = withValue(newCondition('City'), { value: 'London' });
    expect(changeOp(c, 'contains').value).toBe('London');
    expect(changeOp(c, 'one_of').values).toEqual(['London']);
    expect(changeOp(c, 'num_gt').value).toBe('');
  });

  it('edits and removes nodes by id, however deep', () => {
    const inner = newCondition('A');
    const g = { ...newGroup('any'), items: [inner] };
    let d = addToGroup(emptyDraft(reading), emptyDraft(reading).root.id, g);
    d = addToGroup(d, d.root.id, g);
    d = updateNode(d, inner.id, (n) => (n.kind === 'condition' ? { ...n, value: 'x' } : n));
    const first = d.root.items[0]!;
    expect(first.kind === 'group' && first.items[0]).toMatchObject({ value: 'x' });
    d = removeNode(d, g.id);
    expect(d.root.items).toEqual([]);
  });

  it('round-trips a saved filter through the draft unchanged', () => {
    const parsed = parseFilter({
      root: {
        kind: 'group',
        match: 'any',
        items: [
          { kind: 'condition', column: 'City', op: 'one_of', values: ['London', 'Leeds'] },
          {
            kind: 'group',
            match: 'all',
            items: [
              { kind: 'condition', column: 'Spent', op: 'num_between', min: 10, max: 20.5 },
              {
                kind: 'condition',
                column: 'Joined',
                op: 'date_between',
                from: '2026-01-01',
                to: '2026-02-01',
              },
            ],
          },
          { kind: 'condition', column: 'VIP', op: 'not_empty' },
          { kind: 'condition', column: 'Orders', op: 'num_ne', value: 3 },
        ],
      },
      decimal: '.',
      dateOrder: 'mdy',
    });
    if (!parsed.ok) throw new Error(parsed.problems.join(' '));
    const back = toFilterInput(fromFilter(parsed.filter));
    expect(back && normalizeFilter(back)).toEqual(parsed.filter);
    // With a decimal comma the numbers come back written with a comma, and read the same.
    const comma = { ...parsed.filter, decimal: ',' as const };
    const draft = fromFilter(comma);
    const between = draft.root.items[1]!;
    expect(between.kind === 'group' && between.items[0]).toMatchObject({ min: '10', max: '20,5' });
    const backComma = toFilterInput(draft);
    expect(backComma && normalizeFilter(backComma)).toEqual(comma);
  });
});
