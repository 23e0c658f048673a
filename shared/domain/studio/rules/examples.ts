import { distinctVariables } from '../../templates/placeholders';
import type { TemplateDraft } from '../draft';
import type { CheckFinding } from '../findings';
import { variableTexts, type DraftText } from '../texts';

/**
 * Every variable needs a sample value at creation (Meta's components page: "If this string
 * contains a parameter, you must include the example property"); positional samples go in
 * `header_text` / `body_text[0]` in order, named ones in `*_named_params` by name.
 */

function examplesOf(t: DraftText, named: boolean): { values: string[]; names?: string[] } | null {
  const ex = t.component.example as Record<string, unknown> | undefined;
  if (!ex) return null;
  if (t.kind === 'header') {
    const list = named ? ex.header_text_named_params : ex.header_text;
    if (!Array.isArray(list)) return null;
    return named
      ? {
          values: list.map((p: { example: string }) => p.example),
          names: list.map((p: { param_name: string }) => p.param_name),
        }
      : { values: list as string[] };
  }
  if (named) {
    const list = ex.body_text_named_params;
    if (!Array.isArray(list)) return null;
    return {
      values: list.map((p: { example: string }) => p.example),
      names: list.map((p: { param_name: string }) => p.param_name),
    };
  }
  const rows = ex.body_text;
  return Array.isArray(rows) && Array.isArray(rows[0]) ? { values: rows[0] as string[] } : null;
}

function checkText(t: DraftText, d: TemplateDraft, out: CheckFinding[]): void {
  const named = d.parameter_format === 'NAMED';
  const vars = distinctVariables(t.text).filter((v) => named === !/^[0-9]+$/.test(v));
  const ex = examplesOf(t, named);
  const base = { rule: 'examples' as const, field: t.field };
  if (vars.length === 0) return;
  const key = t.kind === 'header' ? 'header_text' : 'body_text';
  if (!ex) {
    out.push({
      ...base,
      severity: 'error',
      message: `The ${t.label} has variables (${vars.map((v) => `{{${v}}}`).join(', ')}) but no sample values.`,
      fix: `Give a realistic sample for each variable (in "example.${named ? `${key}_named_params` : key}"), e.g. a real-looking name or order number; Meta reviews the template with them.`,
    });
    return;
  }
  if (named) {
    const names = new Set(ex.names ?? []);
    const missing = vars.filter((v) => !names.has(v));
    const extra = [...names].filter((n) => !vars.includes(n));
    if (missing.length > 0 || extra.length > 0)
      out.push({
        ...base,
        severity: 'error',
        message: `The ${t.label}'s samples do not match its variables${missing.length ? `: no sample for ${missing.map((v) => `{{${v}}}`).join(', ')}` : ''}${extra.length ? `${missing.length ? ';' : ':'} samples for unknown ${extra.join(', ')}` : ''}.`,
        fix: 'Give exactly one sample per variable, under the same name.',
      });
  } else if (ex.values.length !== vars.length) {
    out.push({
      ...base,
      severity: 'error',
      message: `The ${t.label} has ${vars.length} variable(s) but ${ex.values.length} sample value(s).`,
      fix: 'Give exactly one sample per variable, in the order {{1}}, {{2}}…',
    });
  }
  ex.values.forEach((v, i) => {
    if (typeof v !== 'string' || v.trim() === '')
      out.push({
        ...base,
        severity: 'error',
        message: `Sample ${i + 1} of the ${t.label} is empty.`,
        fix: 'Write a realistic value, such as "Maria" or "#10452".',
      });
    else if (/[\n\t]| {5,}|\{\{|\}\}/.test(v))
      out.push({
        ...base,
        severity: 'error',
        message: `Sample "${v.slice(0, 40)}" of the ${t.label} has a line break, a tab, more than four spaces in a row, or braces.`,
        fix: 'Use a plain one-line value; Meta refuses such values.',
      });
  });
}

export function exampleRules(d: TemplateDraft): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const t of variableTexts(d)) checkText(t, d, out);
  return out;
}
