import { parseTemplateJson } from './schema';
import type { Template } from './types';

export type TemplateListParseResult =
  { ok: true; templates: Template[] } | { ok: false; errors: string[] };

export interface TemplateTextOptions {
  /**
   * The status given to a template whose JSON has none: the body of a template *creation* request has
   * no status, and a template pasted that way is not approved until a sync says so.
   */
  defaultStatus?: string;
}

const withDefaultStatus = (raw: unknown, status: string | undefined): unknown =>
  status !== undefined &&
  typeof raw === 'object' &&
  raw !== null &&
  !Array.isArray(raw) &&
  (raw as { status?: unknown }).status == null
    ? { ...raw, status }
    : raw;

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** V8 says "... in JSON at position 16"; people find "line 3, column 5" easier to act on. */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /at position (\d+)/.exec(message);
  const reason = message
    .replace(/\s*(in JSON )?at position \d+.*$/s, '')
    .replace(/^JSON\.parse: /, '');
  if (!match?.[1]) return `This is not valid JSON: ${reason}.`;
  const { line, column } = lineAndColumn(text, Number(match[1]));
  return `This is not valid JSON: ${reason} (line ${line}, column ${column}).`;
}

const templateLabel = (raw: unknown, index: number): string => {
  const name =
    typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? `Template ${index + 1} ("${name}")` : `Template ${index + 1}`;
};

/**
 * Parses pasted or downloaded JSON: one template, a `{ "data": [...] }` page from
 * `GET message_templates`, or a plain list of templates. All-or-nothing, so a half-imported page
 * never looks complete.
 */
export function parseTemplateText(
  text: string,
  options: TemplateTextOptions = {},
): TemplateListParseResult {
  if (text.trim() === '')
    return { ok: false, errors: ["The text is empty: paste a template's JSON."] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [describeJsonError(text, error)] };
  }

  const isPage =
    typeof raw === 'object' &&
    raw !== null &&
    !Array.isArray(raw) &&
    Array.isArray((raw as { data?: unknown }).data);
  const items: unknown[] | undefined = Array.isArray(raw)
    ? raw
    : isPage
      ? (raw as { data: unknown[] }).data
      : undefined;
  if (items === undefined) {
    const one = parseTemplateJson(withDefaultStatus(raw, options.defaultStatus));
    return one.ok ? { ok: true, templates: [one.template] } : one;
  }
  if (items.length === 0) return { ok: false, errors: ['The list contains no templates.'] };

  const templates: Template[] = [];
  const errors: string[] = [];
  items.forEach((item, i) => {
    const r = parseTemplateJson(withDefaultStatus(item, options.defaultStatus));
    if (r.ok) templates.push(r.template);
    else errors.push(...r.errors.map((e) => `${templateLabel(item, i)}: ${e}`));
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, templates };
}
