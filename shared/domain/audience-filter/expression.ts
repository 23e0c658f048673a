import type { ConditionInput } from './schema';
import { parseNumber } from './numbers';
import { parseIsoDay } from './dates';
import type { DecimalSeparator } from './types';

/**
 * One condition written as text, for the command line:
 *
 *   City = London              City != London             City contains lon      City not contains lon
 *   City in London, Leeds, "York, UK"                     Email is empty         Email is not empty
 *   Total spent > 100          >= < <=                    Orders == 3            Orders !== 3
 *   Total spent between 10 and 99.5                       Joined before 2026-01-01   after   on
 *   Joined between 2026-01-01 and 2026-03-31
 *
 * `=` and `!=` compare text (case and accents ignored); `==` and `!==` compare numbers. A column with
 * an operator word in its name can be quoted ("Sign on date" after 2026-01-01); when the audience's
 * columns are known, the split that names a real column wins, and the column's case is corrected.
 * Numbers in the expression are read with the filter's decimal separator.
 */

export class ExpressionError extends Error {}

type OpSpec = { token: RegExp; op: string };

// Longer symbols first, so ">=" is not read as ">" followed by "=…".
const OPERATORS: OpSpec[] = [
  { token: /\s+is\s+not\s+empty\s*$/iy, op: 'not_empty' },
  { token: /\s+is\s+empty\s*$/iy, op: 'empty' },
  { token: /\s+not\s+contains\s+/iy, op: 'not_contains' },
  { token: /\s+contains\s+/iy, op: 'contains' },
  { token: /\s+in\s+/iy, op: 'one_of' },
  { token: /\s+between\s+/iy, op: 'between' },
  { token: /\s+before\s+/iy, op: 'date_before' },
  { token: /\s+after\s+/iy, op: 'date_after' },
  { token: /\s+on\s+/iy, op: 'date_on' },
  { token: /\s*!==\s*/y, op: 'num_ne' },
  { token: /\s*==\s*/y, op: 'num_eq' },
  { token: /\s*(?:!=|<>)\s*/y, op: 'not_equals' },
  { token: /\s*(?:>=|≥)\s*/y, op: 'num_ge' },
  { token: /\s*(?:<=|≤)\s*/y, op: 'num_le' },
  { token: /\s*≠\s*/y, op: 'num_ne' },
  { token: /\s*>\s*/y, op: 'num_gt' },
  { token: /\s*<\s*/y, op: 'num_lt' },
  { token: /\s*=\s*/y, op: 'equals' },
];

function unquote(s: string): string {
  const t = s.trim();
  const m = /^(["'`])([\s\S]*)\1$/.exec(t);
  return m ? m[2]! : t;
}

/** Splits "a, b, "c, d"" on commas outside double quotes. */
function splitList(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((v) => unquote(v)).filter((v) => v.trim() !== '');
}

interface Split {
  column: string;
  op: string;
  rest: string;
}

function candidates(expr: string): Split[] {
  const out: Split[] = [];
  for (let at = 1; at < expr.length; at++) {
    for (const spec of OPERATORS) {
      spec.token.lastIndex = at;
      const m = spec.token.exec(expr);
      if (!m) continue;
      out.push({ column: expr.slice(0, at), op: spec.op, rest: expr.slice(at + m[0].length) });
      break; // the longest operator at this position
    }
  }
  return out;
}

function resolveColumn(raw: string, columns: readonly string[] | undefined): string | null {
  const trimmed = raw.trim();
  // A quote that does not close before the operator: the operator is inside the quoted name.
  if (/^["'`]/.test(trimmed) && !/^(["'`])[\s\S]*\1$/.test(trimmed)) return null;
  const name = unquote(raw);
  if (name === '') return null;
  if (!columns) return name;
  if (columns.includes(name)) return name;
  const folded = columns.filter((c) => c.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? folded[0]! : null;
}

function number(raw: string, decimal: DecimalSeparator, expr: string): number {
  const n = parseNumber(unquote(raw), decimal);
  if (n === null)
    throw new ExpressionError(
      `"${expr}": "${raw.trim()}" is not a number (numbers are read with a decimal "${decimal}").`,
    );
  return n;
}

function isoDay(raw: string, expr: string): string {
  const v = unquote(raw);
  if (parseIsoDay(v) === null)
    throw new ExpressionError(
      `"${expr}": write the date as YYYY-MM-DD, e.g. 2026-03-14, not "${v}".`,
    );
  return v;
}

function build(
  split: Split,
  column: string,
  decimal: DecimalSeparator,
  expr: string,
): ConditionInput {
  const base = { kind: 'condition' as const, column };
  const { op, rest } = split;
  switch (op) {
    case 'empty':
    case 'not_empty':
      return { ...base, op };
    case 'equals':
    case 'not_equals':
    case 'contains':
    case 'not_contains': {
      const value = unquote(rest);
      if (value.trim() === '')
        throw new ExpressionError(
          `"${expr}": give a value after the operator (or write "${column} is empty").`,
        );
      return { ...base, op, value };
    }
    case 'one_of': {
      const values = splitList(rest);
      if (values.length === 0)
        throw new ExpressionError(`"${expr}": list the values after "in", separated by commas.`);
      return { ...base, op, values };
    }
    case 'num_eq':
    case 'num_ne':
    case 'num_lt':
    case 'num_le':
    case 'num_gt':
    case 'num_ge':
      return { ...base, op, value: number(rest, decimal, expr) };
    case 'date_before':
    case 'date_after':
    case 'date_on':
      return { ...base, op, value: isoDay(rest, expr) };
    case 'between': {
      const m = /^(.+?)\s+and\s+(.+)$/i.exec(rest.trim());
      if (!m) throw new ExpressionError(`"${expr}": write "between A and B".`);
      const [a, b] = [m[1]!, m[2]!];
      if (/^\s*["'`]?\d{4}-\d{2}-\d{2}["'`]?\s*$/.test(a))
        return { ...base, op: 'date_between', from: isoDay(a, expr), to: isoDay(b, expr) };
      return {
        ...base,
        op: 'num_between',
        min: number(a, decimal, expr),
        max: number(b, decimal, expr),
      };
    }
    default:
      throw new ExpressionError(`"${expr}": unknown operator.`);
  }
}

/** Parses one condition; `columns` (the audience's headers) makes the column check and case exact. */
export function parseConditionExpression(
  expression: string,
  decimal: DecimalSeparator,
  columns?: readonly string[],
): ConditionInput {
  const expr = expression.trim();
  if (expr === '') throw new ExpressionError('An empty --filter: write e.g. "City = London".');
  if (expr.length > 20_000)
    throw new ExpressionError('That --filter is far too long; use --filter-json with a file.');
  const splits = candidates(expr);
  if (splits.length === 0) {
    throw new ExpressionError(
      `"${expr}": no operator found. Use one of = != contains "not contains" in "is empty" "is not empty" > >= < <= == !== between before after on.`,
    );
  }
  // Prefer a split that names a real column; otherwise the first operator in the text.
  const named = splits
    .map((s) => ({ s, column: resolveColumn(s.column, columns) }))
    .filter((x) => x.column !== null);
  const chosen = named[0];
  if (!chosen) {
    const first = splits[0]!;
    const shown = unquote(first.column);
    throw new ExpressionError(
      columns
        ? `"${expr}": the audience has no column "${shown}". Columns: ${columns.slice(0, 30).join(', ') || '(none yet: import customers first)'}. Quote a name with an operator word in it.`
        : `"${expr}": no column before the operator.`,
    );
  }
  return build(chosen.s, chosen.column!, decimal, expr);
}
