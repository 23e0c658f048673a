import {
  opKind,
  parseIsoDay,
  parseNumber,
  type AudienceFilter,
  type ConditionInput,
  type DateOrder,
  type DecimalSeparator,
  type FilterInput,
  type FilterOp,
  type GroupInput,
  type GroupMatch,
} from '../../../../../shared/domain/audience-filter';

/**
 * The filter builder's working copy: every input as the user typed it, including conditions not
 * finished yet. What is saved is the finished part (`toFilterInput`); an unfinished condition is
 * shown with what it still needs and left out until then, so the count never waits on typing.
 */

export interface DraftCondition {
  kind: 'condition';
  id: string;
  column: string;
  op: FilterOp;
  /** equals… contains, number comparisons and single dates. */
  value: string;
  /** one_of. */
  values: string[];
  /** num_between / date_between. */
  min: string;
  max: string;
}

export interface DraftGroup {
  kind: 'group';
  id: string;
  match: GroupMatch;
  items: DraftNode[];
}

export type DraftNode = DraftCondition | DraftGroup;

export interface Draft {
  root: DraftGroup;
  decimal: DecimalSeparator;
  dateOrder: DateOrder;
}

let counter = 0;
/** Ids unique within this app session (the schema allows letters, digits, - and _). */
export function newId(prefix: 'c' | 'g'): string {
  counter = (counter + 1) % 1_000_000;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}`;
}

export function newCondition(column = ''): DraftCondition {
  return {
    kind: 'condition',
    id: newId('c'),
    column,
    op: 'equals',
    value: '',
    values: [],
    min: '',
    max: '',
  };
}

export function newGroup(match: GroupMatch = 'any'): DraftGroup {
  return { kind: 'group', id: newId('g'), match, items: [newCondition()] };
}

export function emptyDraft(reading: { decimal: DecimalSeparator; dateOrder: DateOrder }): Draft {
  return { root: { kind: 'group', id: newId('g'), match: 'all', items: [] }, ...reading };
}

export function fromFilter(filter: AudienceFilter): Draft {
  // Numbers are shown as the user types them: with the filter's decimal separator, no grouping.
  const num = (n: number) => (filter.decimal === ',' ? String(n).replace('.', ',') : String(n));
  const node = (n: AudienceFilter['root']['items'][number]): DraftNode => {
    if (n.kind === 'group')
      return { kind: 'group', id: n.id, match: n.match, items: n.items.map(node) };
    const base: DraftCondition = {
      kind: 'condition',
      id: n.id,
      column: n.column,
      op: n.op,
      value: '',
      values: [],
      min: '',
      max: '',
    };
    switch (n.op) {
      case 'one_of':
        return { ...base, values: [...n.values] };
      case 'empty':
      case 'not_empty':
        return base;
      case 'num_between':
        return { ...base, min: num(n.min), max: num(n.max) };
      case 'date_between':
        return { ...base, min: n.from, max: n.to };
      case 'num_eq':
      case 'num_ne':
      case 'num_lt':
      case 'num_le':
      case 'num_gt':
      case 'num_ge':
        return { ...base, value: num(n.value) };
      default:
        return { ...base, value: n.value };
    }
  };
  return {
    root: {
      kind: 'group',
      id: filter.root.id,
      match: filter.root.match,
      items: filter.root.items.map(node),
    },
    decimal: filter.decimal,
    dateOrder: filter.dateOrder,
  };
}

/** What a condition still needs before it can apply, or null when it is complete. */
export function conditionProblem(c: DraftCondition, decimal: DecimalSeparator): string | null {
  if (c.column === '') return 'Choose a column.';
  const kind = opKind(c.op);
  const num = (s: string) => parseNumber(s, decimal);
  switch (kind) {
    case 'presence':
      return null;
    case 'text':
      return c.value.trim() === ''
        ? 'Type a value.'
        : c.value.length > 500
          ? 'At most 500 characters.'
          : null;
    case 'list':
      return c.values.filter((v) => v.trim() !== '').length === 0
        ? 'Add at least one value.'
        : null;
    case 'number':
      if (c.op === 'num_between') {
        if (num(c.min) === null || num(c.max) === null)
          return `Type two numbers (with a decimal "${decimal}").`;
        return num(c.min)! > num(c.max)!
          ? 'The first number must not be larger than the second.'
          : null;
      }
      return num(c.value) === null ? `Type a number (with a decimal "${decimal}").` : null;
    case 'date':
      if (c.op === 'date_between') {
        if (parseIsoDay(c.min) === null || parseIsoDay(c.max) === null) return 'Choose both dates.';
        return c.min > c.max ? 'The first date must not be after the second.' : null;
      }
      return parseIsoDay(c.value) === null ? 'Choose a date.' : null;
  }
}

function toCondition(c: DraftCondition, decimal: DecimalSeparator): ConditionInput {
  const base = { kind: 'condition' as const, id: c.id, column: c.column };
  const num = (s: string) => parseNumber(s, decimal)!;
  switch (c.op) {
    case 'one_of':
      return {
        ...base,
        op: c.op,
        values: [...new Set(c.values.map((v) => v.trim()).filter((v) => v !== ''))],
      };
    case 'empty':
    case 'not_empty':
      return { ...base, op: c.op };
    case 'num_between':
      return { ...base, op: c.op, min: num(c.min), max: num(c.max) };
    case 'date_between':
      return { ...base, op: c.op, from: c.min, to: c.max };
    case 'num_eq':
    case 'num_ne':
    case 'num_lt':
    case 'num_le':
    case 'num_gt':
    case 'num_ge':
      return { ...base, op: c.op, value: num(c.value) };
    default:
      return { ...base, op: c.op, value: c.value };
  }
}

/** The finished part of the draft, ready for `campaigns.setFilter`; null when nothing is finished. */
export function toFilterInput(draft: Draft): FilterInput | null {
  const group = (g: DraftGroup): GroupInput | null => {
    const items: (ConditionInput | GroupInput)[] = [];
    for (const n of g.items) {
      if (n.kind === 'group') {
        const sub = group(n);
        if (sub) items.push(sub);
      } else if (conditionProblem(n, draft.decimal) === null)
        items.push(toCondition(n, draft.decimal));
    }
    return items.length > 0 ? { kind: 'group', id: g.id, match: g.match, items } : null;
  };
  const root = group(draft.root);
  return root ? { root, decimal: draft.decimal, dateOrder: draft.dateOrder } : null;
}

// ---- Pure edits by node id, for the slice.

function mapGroup(g: DraftGroup, fn: (n: DraftNode) => DraftNode | null): DraftGroup {
  const items: DraftNode[] = [];
  for (const n of g.items) {
    const mapped = fn(n);
    if (mapped === null) continue;
    items.push(mapped.kind === 'group' ? mapGroup(mapped, fn) : mapped);
  }
  return { ...g, items };
}

export function updateNode(draft: Draft, id: string, change: (n: DraftNode) => DraftNode): Draft {
  if (draft.root.id === id) return { ...draft, root: change(draft.root) as DraftGroup };
  return { ...draft, root: mapGroup(draft.root, (n) => (n.id === id ? change(n) : n)) };
}

export function removeNode(draft: Draft, id: string): Draft {
  return { ...draft, root: mapGroup(draft.root, (n) => (n.id === id ? null : n)) };
}

export function addToGroup(draft: Draft, groupId: string, node: DraftNode): Draft {
  return updateNode(draft, groupId, (g) =>
    g.kind === 'group' ? { ...g, items: [...g.items, node] } : g,
  );
}

/** Changing the operator keeps what can be kept (a text value stays for another text operator). */
export function changeOp(c: DraftCondition, op: FilterOp): DraftCondition {
  const same = opKind(op) === opKind(c.op);
  const fromText =
    opKind(c.op) === 'text' && op === 'one_of' && c.value.trim() !== '' ? [c.value.trim()] : [];
  return same ? { ...c, op } : { ...c, op, value: '', values: fromText, min: '', max: '' };
}

export function countDraftConditions(g: DraftGroup): number {
  return g.items.reduce((n, i) => n + (i.kind === 'group' ? countDraftConditions(i) : 1), 0);
}
