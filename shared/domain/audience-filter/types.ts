/**
 * The audience filter: which of a campaign's imported recipients a campaign is sent to, as a tree
 * of groups (all / any of their items) holding conditions on the imported columns. The tree is
 * stored as JSON in the campaign's settings (key `filter`) and evaluated by one pure function in
 * the preview, the counts and, through an SQLite function, at the start of sending.
 */

export const TEXT_OPS = ['equals', 'not_equals', 'contains', 'not_contains'] as const;
export const LIST_OPS = ['one_of'] as const;
export const PRESENCE_OPS = ['empty', 'not_empty'] as const;
export const NUMBER_OPS = ['num_eq', 'num_ne', 'num_lt', 'num_le', 'num_gt', 'num_ge'] as const;
export const NUMBER_RANGE_OPS = ['num_between'] as const;
export const DATE_OPS = ['date_before', 'date_after', 'date_on'] as const;
export const DATE_RANGE_OPS = ['date_between'] as const;

export type TextOp = (typeof TEXT_OPS)[number];
export type ListOp = (typeof LIST_OPS)[number];
export type PresenceOp = (typeof PRESENCE_OPS)[number];
export type NumberOp = (typeof NUMBER_OPS)[number];
export type NumberRangeOp = (typeof NUMBER_RANGE_OPS)[number];
export type DateOp = (typeof DATE_OPS)[number];
export type DateRangeOp = (typeof DATE_RANGE_OPS)[number];
export type FilterOp =
  TextOp | ListOp | PresenceOp | NumberOp | NumberRangeOp | DateOp | DateRangeOp;

/** What a condition reads its cells as: numbers and dates can be unreadable, text never is. */
export type OpKind = 'text' | 'list' | 'presence' | 'number' | 'date';

export function opKind(op: FilterOp): OpKind {
  if ((TEXT_OPS as readonly string[]).includes(op)) return 'text';
  if (op === 'one_of') return 'list';
  if (op === 'empty' || op === 'not_empty') return 'presence';
  if (op.startsWith('num_')) return 'number';
  return 'date';
}

interface ConditionBase {
  kind: 'condition';
  /** Stable within the filter, so counts and hints find their condition while the user edits. */
  id: string;
  /** An imported column's header, exactly as the audience has it. */
  column: string;
}

export type Condition = ConditionBase &
  (
    | { op: TextOp; value: string }
    | { op: ListOp; values: string[] }
    | { op: PresenceOp }
    | { op: NumberOp; value: number }
    | { op: NumberRangeOp; min: number; max: number }
    /** Dates are calendar days, written YYYY-MM-DD. */
    | { op: DateOp; value: string }
    | { op: DateRangeOp; from: string; to: string }
  );

export type GroupMatch = 'all' | 'any';

export interface Group {
  kind: 'group';
  id: string;
  /** all: every item must hold (AND); any: at least one (OR). */
  match: GroupMatch;
  items: FilterNode[];
}

export type FilterNode = Condition | Group;

/** How cells are read as numbers: the decimal separator. The other of `.` and `,` groups thousands. */
export type DecimalSeparator = '.' | ',';
/** How dates written with slashes, dots or dashes and a year last are read: day first or month first. */
export type DateOrder = 'dmy' | 'mdy';

export interface AudienceFilter {
  version: 1;
  root: Group;
  /** Explicit, never guessed from the cells: the UI and CLI show it and default it from the country. */
  decimal: DecimalSeparator;
  dateOrder: DateOrder;
}

/**
 * Bounds, so a filter stays something a person built and SQLite can evaluate at a million rows:
 * the SQL function gets one argument per distinct column (SQLite allows 127 at most).
 */
export const FILTER_LIMITS = {
  conditions: 50,
  groups: 20,
  /** The root group is depth 1: two more levels of groups inside it. */
  depth: 3,
  valueLength: 500,
  listValues: 1000,
  listTotalLength: 100_000,
  columnLength: 500,
  idLength: 40,
  /** Cells longer than this are not read as numbers or dates (they cannot be one). */
  cellParseLength: 64,
} as const;
