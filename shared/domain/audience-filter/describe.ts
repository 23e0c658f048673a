import { formatDay } from './dates';
import { formatNumber } from './numbers';
import type {
  AudienceFilter,
  Condition,
  DecimalSeparator,
  FilterNode,
  FilterOp,
  Group,
} from './types';

/** Plain-language labels and descriptions, shared by the filter builder and the CLI. */

export const OP_LABEL: Record<FilterOp, string> = {
  equals: 'is',
  not_equals: 'is not',
  contains: 'contains',
  not_contains: 'does not contain',
  one_of: 'is one of',
  empty: 'is empty',
  not_empty: 'is not empty',
  num_eq: '= (number)',
  num_ne: '≠ (number)',
  num_lt: '< (number)',
  num_le: '≤ (number)',
  num_gt: '> (number)',
  num_ge: '≥ (number)',
  num_between: 'between (numbers)',
  date_before: 'before (date)',
  date_after: 'after (date)',
  date_on: 'on (date)',
  date_between: 'between (dates)',
};

const SYMBOL: Partial<Record<FilterOp, string>> = {
  num_eq: '=',
  num_ne: '≠',
  num_lt: '<',
  num_le: '≤',
  num_gt: '>',
  num_ge: '≥',
  date_before: 'before',
  date_after: 'after',
  date_on: 'on',
};

const quote = (s: string) => `"${s.length > 60 ? `${s.slice(0, 57)}…` : s}"`;

export function describeCondition(c: Condition, decimal: DecimalSeparator): string {
  const col = quote(c.column);
  switch (c.op) {
    case 'equals':
    case 'not_equals':
    case 'contains':
    case 'not_contains':
      return `${col} ${OP_LABEL[c.op]} ${quote(c.value)}`;
    case 'one_of': {
      const shown = c.values.slice(0, 5).map(quote).join(', ');
      return `${col} is one of ${shown}${c.values.length > 5 ? ` and ${c.values.length - 5} more` : ''}`;
    }
    case 'empty':
    case 'not_empty':
      return `${col} ${OP_LABEL[c.op]}`;
    case 'num_eq':
    case 'num_ne':
    case 'num_lt':
    case 'num_le':
    case 'num_gt':
    case 'num_ge':
      return `${col} ${SYMBOL[c.op]!} ${formatNumber(c.value, decimal)}`;
    case 'num_between':
      return `${col} between ${formatNumber(c.min, decimal)} and ${formatNumber(c.max, decimal)}`;
    case 'date_before':
    case 'date_after':
    case 'date_on':
      return `${col} ${SYMBOL[c.op]!} ${formatDay(c.value)}`;
    case 'date_between':
      return `${col} between ${formatDay(c.from)} and ${formatDay(c.to)}`;
  }
}

function describeNode(n: FilterNode, decimal: DecimalSeparator, top: boolean): string | null {
  if (n.kind === 'condition') return describeCondition(n, decimal);
  const parts = n.items
    .map((i) => describeNode(i, decimal, false))
    .filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  const joined = parts.join(n.match === 'all' ? ' AND ' : ' OR ');
  return top ? joined : `(${joined})`;
}

/** One line: "City" is "London" AND ("Total spent" > 100 OR "VIP" is not empty). Null when empty. */
export function describeFilter(filter: AudienceFilter): string | null {
  return describeNode(filter.root, filter.decimal, true);
}

/** Counts the conditions of a group, however deep. */
export function countConditions(g: Group): number {
  return g.items.reduce((n, i) => n + (i.kind === 'group' ? countConditions(i) : 1), 0);
}
