import { parseDate, parseIsoDay } from './dates';
import { parseNumber } from './numbers';
import { foldText, isBlank } from './text';
import { opKind, type AudienceFilter, type Condition, type Group } from './types';

/**
 * The one evaluator. A filter is compiled once (values folded, dates turned into day numbers) into
 * a function over a row's cells, so the preview, the counts and the SQLite function used when
 * sending all run exactly this code.
 */

/** A row's cells in `CompiledFilter.columns` order; null or undefined when the recipient lacks the column. */
export type Cells = readonly unknown[];

/** A reading of a column that can fail (as a number or as a date), reported as "unreadable cells". */
export interface ReadCheck {
  column: string;
  kind: 'number' | 'date';
  /** The conditions that read the column this way. */
  conditionIds: string[];
}

export interface CompiledFilter {
  /** The distinct columns the conditions read, in reading order. */
  columns: string[];
  checks: ReadCheck[];
  /** True when there is no condition at all: everybody matches. */
  everybody: boolean;
  matches(cells: Cells): boolean;
  /**
   * The match in bit 0 and, in bit j+1, whether check j's cell is filled but unreadable. Every check
   * is read (no short-circuit), so unreadable counts do not depend on the order of conditions.
   * At most 50 checks: the code stays an exact integer (below 2^53).
   */
  evaluate(cells: Cells): number;
}

type Predicate = (row: RowReader) => boolean;

/** Reads and memoises one row's cells as text, number and date; reused across rows (single-threaded). */
class RowReader {
  private cells: Cells = [];
  private stamp = 0;
  private readonly textAt: number[];
  private readonly texts: string[];
  private readonly numberAt: number[];
  private readonly numbers: (number | null)[];
  private readonly dateAt: number[];
  private readonly dates: (number | null)[];

  constructor(
    size: number,
    private readonly filter: AudienceFilter,
  ) {
    this.textAt = new Array<number>(size).fill(-1);
    this.texts = new Array<string>(size).fill('');
    this.numberAt = new Array<number>(size).fill(-1);
    this.numbers = new Array<number | null>(size).fill(null);
    this.dateAt = new Array<number>(size).fill(-1);
    this.dates = new Array<number | null>(size).fill(null);
  }

  load(cells: Cells): void {
    this.cells = cells;
    this.stamp = (this.stamp + 1) % Number.MAX_SAFE_INTEGER;
  }

  raw(i: number): string {
    const v = this.cells[i];
    if (v === null || v === undefined) return '';
    if (typeof v === 'string') return v;
    // SQLite hands numbers over for numeric JSON values; anything else is no text.
    return typeof v === 'number' || typeof v === 'bigint' ? String(v) : '';
  }

  blank(i: number): boolean {
    return isBlank(this.raw(i));
  }

  text(i: number): string {
    if (this.textAt[i] !== this.stamp) {
      this.texts[i] = foldText(this.raw(i));
      this.textAt[i] = this.stamp;
    }
    return this.texts[i]!;
  }

  number(i: number): number | null {
    if (this.numberAt[i] !== this.stamp) {
      const raw = this.raw(i);
      this.numbers[i] = raw === '' ? null : parseNumber(raw, this.filter.decimal);
      this.numberAt[i] = this.stamp;
    }
    return this.numbers[i]!;
  }

  date(i: number): number | null {
    if (this.dateAt[i] !== this.stamp) {
      const raw = this.raw(i);
      this.dates[i] = raw === '' ? null : parseDate(raw, this.filter.dateOrder);
      this.dateAt[i] = this.stamp;
    }
    return this.dates[i]!;
  }
}

function day(value: string): number {
  const d = parseIsoDay(value);
  // The schema already refused other forms; a stored filter edited by hand fails loudly here.
  if (d === null) throw new Error(`"${value}" is not a YYYY-MM-DD date.`);
  return d;
}

function conditionPredicate(c: Condition, i: number): Predicate {
  switch (c.op) {
    case 'equals': {
      const v = foldText(c.value);
      return (r) => r.text(i) === v;
    }
    case 'not_equals': {
      const v = foldText(c.value);
      return (r) => r.text(i) !== v;
    }
    case 'contains': {
      const v = foldText(c.value);
      return (r) => r.text(i).includes(v);
    }
    case 'not_contains': {
      const v = foldText(c.value);
      return (r) => !r.text(i).includes(v);
    }
    case 'one_of': {
      const set = new Set(c.values.map(foldText));
      return (r) => set.has(r.text(i));
    }
    case 'empty':
      return (r) => r.blank(i);
    case 'not_empty':
      return (r) => !r.blank(i);
    case 'num_eq':
    case 'num_ne':
    case 'num_lt':
    case 'num_le':
    case 'num_gt':
    case 'num_ge': {
      const v = c.value;
      const cmp = {
        num_eq: (n: number) => n === v,
        num_ne: (n: number) => n !== v,
        num_lt: (n: number) => n < v,
        num_le: (n: number) => n <= v,
        num_gt: (n: number) => n > v,
        num_ge: (n: number) => n >= v,
      }[c.op];
      return (r) => {
        const n = r.number(i);
        return n !== null && cmp(n);
      };
    }
    case 'num_between': {
      const { min, max } = c;
      return (r) => {
        const n = r.number(i);
        return n !== null && n >= min && n <= max;
      };
    }
    case 'date_before':
    case 'date_after':
    case 'date_on': {
      const v = day(c.value);
      const cmp = {
        date_before: (d: number) => d < v,
        date_after: (d: number) => d > v,
        date_on: (d: number) => d === v,
      }[c.op];
      return (r) => {
        const d = r.date(i);
        return d !== null && cmp(d);
      };
    }
    case 'date_between': {
      const from = day(c.from);
      const to = day(c.to);
      return (r) => {
        const d = r.date(i);
        return d !== null && d >= from && d <= to;
      };
    }
  }
}

export function compileFilter(filter: AudienceFilter): CompiledFilter {
  const columns: string[] = [];
  const columnIndex = (name: string) => {
    let i = columns.indexOf(name);
    if (i === -1) i = columns.push(name) - 1;
    return i;
  };
  const checks: (ReadCheck & { index: number })[] = [];

  const compileGroup = (g: Group): Predicate | null => {
    const parts: Predicate[] = [];
    for (const item of g.items) {
      if (item.kind === 'group') {
        // An empty group says nothing: it is left out rather than matching everybody in an "any".
        const p = compileGroup(item);
        if (p) parts.push(p);
        continue;
      }
      const i = columnIndex(item.column);
      const kind = opKind(item.op);
      if (kind === 'number' || kind === 'date') {
        let check = checks.find((c) => c.index === i && c.kind === kind);
        if (!check)
          checks.push((check = { column: item.column, kind, conditionIds: [], index: i }));
        check.conditionIds.push(item.id);
      }
      parts.push(conditionPredicate(item, i));
    }
    if (parts.length === 0) return null;
    if (parts.length === 1) return parts[0]!;
    return g.match === 'all' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
  };

  const predicate = compileGroup(filter.root);
  const reader = new RowReader(columns.length, filter);
  const matches = (cells: Cells): boolean => {
    if (!predicate) return true;
    reader.load(cells);
    return predicate(reader);
  };
  return {
    columns,
    checks: checks.map(({ column, kind, conditionIds }) => ({ column, kind, conditionIds })),
    everybody: predicate === null,
    matches,
    evaluate(cells) {
      if (!predicate) return 1;
      reader.load(cells);
      let code = predicate(reader) ? 1 : 0;
      let bit = 2;
      for (const c of checks) {
        const value = c.kind === 'number' ? reader.number(c.index) : reader.date(c.index);
        if (value === null && !reader.blank(c.index)) code += bit;
        bit *= 2;
      }
      return code;
    },
  };
}

/** The cells of one recipient's fields, in the compiled filter's column order. */
export function cellsOf(
  compiled: CompiledFilter,
  fields: Readonly<Record<string, unknown>>,
): unknown[] {
  return compiled.columns.map((c) =>
    Object.prototype.hasOwnProperty.call(fields, c) ? fields[c] : undefined,
  );
}

/** Whether a recipient (its imported fields) is in the audience the filter describes. */
export function matchesFields(
  compiled: CompiledFilter,
  fields: Readonly<Record<string, unknown>>,
): boolean {
  return compiled.matches(cellsOf(compiled, fields));
}
