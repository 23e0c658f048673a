import {
  compileFilter,
  parseFilter,
  type AudienceFilter,
  type ConditionInput,
  type GroupInput,
} from '../../../shared/domain/audience-filter';

/** A filter from conditions (all of them) or a whole group, read with a decimal point, day first. */
export function filterOf(
  root: GroupInput | ConditionInput[],
  reading: Partial<Pick<AudienceFilter, 'decimal' | 'dateOrder'>> = {},
): AudienceFilter {
  const group: GroupInput = Array.isArray(root)
    ? { kind: 'group', match: 'all', items: root }
    : root;
  const parsed = parseFilter({
    root: group,
    decimal: reading.decimal ?? '.',
    dateOrder: reading.dateOrder ?? 'dmy',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join(' '));
  return parsed.filter;
}

/** Whether each row of fields matches one condition. */
export function matchRows(
  condition: ConditionInput,
  rows: Record<string, string | undefined>[],
  reading: Partial<Pick<AudienceFilter, 'decimal' | 'dateOrder'>> = {},
): boolean[] {
  const c = compileFilter(filterOf([condition], reading));
  return rows.map((fields) => c.matches(c.columns.map((col) => fields[col])));
}

export const cond = (
  column: string,
  op: string,
  extra: Record<string, unknown> = {},
): ConditionInput => ({ kind: 'condition', column, op, ...extra }) as ConditionInput;
