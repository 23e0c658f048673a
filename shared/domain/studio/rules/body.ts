import { findPlaceholders } from '../../templates/placeholders';
import type { TemplateDraft } from '../draft';
import type { CheckFinding } from '../findings';
import { variableTexts, type DraftText } from '../texts';

/**
 * Rules on where variables sit in a body. Meta's guidelines list as rejection reasons a template
 * that starts or ends with a variable and variables placed directly next to each other (verified:
 * "Common rejection reasons" of Meta's template guidelines). The length-per-variable ratio is
 * Meta's "too many variables for its length" rejection; Meta publishes no formula, so the ratio
 * below (at least 2 words per variable, plus one) is an assumption tuned on Meta's own examples.
 */

function edges(t: DraftText, out: CheckFinding[]): void {
  const trimmed = t.text.trim();
  const ps = findPlaceholders(trimmed).filter((p) => p.kind !== 'invalid');
  const first = ps[0];
  const last = ps[ps.length - 1];
  const atStart = first?.start === 0;
  const atEnd = last !== undefined && last.end === trimmed.length;
  if (!atStart && !atEnd) return;
  const where = atStart && atEnd ? 'starts and ends' : atStart ? 'starts' : 'ends';
  out.push({
    rule: 'variable-at-edge',
    severity: 'error',
    field: t.field,
    message: `The ${t.label} ${where} with a variable (${[atStart && first.raw, atEnd && last.raw].filter(Boolean).join(' … ')}); Meta rejects templates whose text begins or ends with a variable.`,
    fix: atEnd
      ? `Add words after the last variable, e.g. "… ${last.raw} today." or "… ${last.raw}. Thank you!"`
      : `Add words before the first variable, e.g. "Hello ${first!.raw}, …" or "Order ${first!.raw} …"`,
  });
}

function adjacent(t: DraftText, out: CheckFinding[]): void {
  const ps = findPlaceholders(t.text);
  for (let i = 1; i < ps.length; i++) {
    const a = ps[i - 1]!;
    const b = ps[i]!;
    const between = t.text.slice(a.end, b.start);
    if (/^[\s\p{P}]*$/u.test(between)) {
      out.push({
        rule: 'adjacent-variables',
        severity: 'error',
        field: t.field,
        message: `${a.raw} and ${b.raw} in the ${t.label} sit next to each other with no words between them.`,
        fix: `Put words between them (e.g. "${a.raw} at ${b.raw}"), or use one variable for both values.`,
      });
    }
  }
}

/** Words of the text outside its variables. */
export const wordsOutsideVariables = (text: string): number =>
  text
    .replace(/\{\{[^{}]*\}\}/g, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

function density(t: DraftText, out: CheckFinding[]): void {
  const vars = findPlaceholders(t.text).length;
  if (vars === 0) return;
  const words = wordsOutsideVariables(t.text);
  const needed = 2 * vars + 1;
  if (words >= needed) return;
  out.push({
    rule: 'too-many-variables',
    severity: 'error',
    field: t.field,
    message: `The ${t.label} has ${vars} variable${vars === 1 ? '' : 's'} but only ${words} other word${words === 1 ? '' : 's'}; Meta rejects templates with too many variables for their length.`,
    fix: `Write at least ${needed} words around the variables, or use fewer variables.`,
  });
}

export function bodyRules(d: TemplateDraft): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const t of variableTexts(d).filter((x) => x.kind === 'body')) {
    edges(t, out);
    adjacent(t, out);
    density(t, out);
  }
  return out;
}
