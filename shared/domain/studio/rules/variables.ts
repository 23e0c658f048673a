import { findPlaceholders, type Placeholder } from '../../templates/placeholders';
import type { TemplateDraft } from '../draft';
import type { CheckFinding } from '../findings';
import { variableTexts, type DraftText } from '../texts';

/** What a name such as `First Name!` becomes in Meta's lower_snake_case. */
export const snakeName = (raw: string): string =>
  raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/**
 * Renumbers positional variables in order of first appearance: `{{3}} … {{1}}` → `{{1}} … {{2}}`.
 * The map is what each old number became, so examples can follow.
 */
export function renumber(text: string): { text: string; map: Map<string, string> } {
  const map = new Map<string, string>();
  for (const p of findPlaceholders(text))
    if (p.kind === 'positional' && !map.has(p.name)) map.set(p.name, String(map.size + 1));
  const out = text.replace(/\{\{\s*([1-9][0-9]*)\s*\}\}/g, (_m, n: string) => `{{${map.get(n)}}}`);
  return { text: out, map };
}

function syntax(t: DraftText, d: TemplateDraft, out: CheckFinding[], found: Placeholder[]): void {
  const stripped = found.reduceRight((s, p) => s.slice(0, p.start) + s.slice(p.end), t.text);
  if (/\{\{|\}\}|\{\s*[1-9a-z_]+\s*\}/i.test(stripped) || /\{\{[^}]*$/.test(stripped)) {
    out.push({
      rule: 'placeholder-syntax',
      severity: 'error',
      field: t.field,
      message: `The ${t.label} has a variable with missing or mismatched curly braces.`,
      fix: 'Write each variable with two braces on each side, e.g. {{1}} or {{first_name}}.',
    });
  }
  for (const p of found.filter((x) => x.kind === 'invalid')) {
    const name = snakeName(p.name);
    const usable = d.parameter_format === 'NAMED' && /[a-z]/.test(name);
    out.push({
      rule: 'placeholder-syntax',
      severity: 'error',
      field: t.field,
      message: `"${p.raw}" in the ${t.label} is not a valid variable: names use only lowercase letters, digits and underscores, with no spaces or characters such as #, $ or %.`,
      fix: usable ? `Rename it {{${name}}}.` : 'Use {{1}}, {{2}}… or a lower_snake_case name.',
      ...(usable && {
        autofix: {
          kind: 'set',
          field: t.field,
          value: t.text.split(p.raw).join(`{{${name}}}`),
          label: `Rename to {{${name}}}`,
        },
      }),
    });
  }
}

function format(t: DraftText, d: TemplateDraft, out: CheckFinding[], found: Placeholder[]): void {
  const wrong = found.filter(
    (p) => p.kind === (d.parameter_format === 'NAMED' ? 'positional' : 'named'),
  );
  if (wrong.length === 0) return;
  const isNamed = d.parameter_format === 'NAMED';
  out.push({
    rule: 'placeholder-format',
    severity: 'error',
    field: t.field,
    message: `The template's parameter format is ${isNamed ? 'named' : 'positional'}, but the ${t.label} has ${isNamed ? 'numbered' : 'named'} variables (${[...new Set(wrong.map((p) => p.raw))].join(', ')}).`,
    fix: isNamed
      ? 'Give every variable a lower_snake_case name, or switch the parameter format to positional.'
      : 'Number the variables {{1}}, {{2}}…, or switch the parameter format to named.',
  });
}

function sequence(t: DraftText, out: CheckFinding[], found: Placeholder[]): void {
  const seen = [...new Set(found.filter((p) => p.kind === 'positional').map((p) => p.name))];
  if (seen.length === 0) return;
  const inOrder = seen.every((n, i) => n === String(i + 1));
  if (inOrder) return;
  const sorted = [...seen].map(Number).sort((a, b) => a - b);
  const gap = sorted.some((n, i) => n !== i + 1);
  const fixed = renumber(t.text).text;
  out.push({
    rule: 'placeholder-sequence',
    severity: gap ? 'error' : 'warning',
    field: t.field,
    message: gap
      ? `The ${t.label}'s variables must be numbered {{1}} to {{${sorted.length}}} without gaps; it has ${sorted.map((n) => `{{${n}}}`).join(', ')}.`
      : `The ${t.label}'s variables appear out of order (${seen.map((n) => `{{${n}}}`).join(', ')}).`,
    fix: 'Number them in the order they appear: {{1}}, {{2}}, {{3}}…',
    autofix: { kind: 'set', field: t.field, value: fixed, label: 'Renumber the variables' },
  });
}

/** Placeholder syntax, parameter_format consistency and positional numbering in every text. */
export function placeholderRules(d: TemplateDraft): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const t of variableTexts(d)) {
    const found = findPlaceholders(t.text);
    syntax(t, d, out, found);
    format(t, d, out, found);
    if (d.parameter_format === 'POSITIONAL') sequence(t, out, found);
  }
  return out;
}
