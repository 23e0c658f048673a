import { isRecord, parseCarousel, parseComponent, parseLto, typeName } from '../templates/schema';
import type { ParameterFormat } from '../templates/types';
import type { DraftComponent, TemplateDraft } from './draft';

export type DraftParseResult = { ok: true; draft: TemplateDraft } | { ok: false; errors: string[] };

const MAX_COMPONENTS = 20;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

function parseDraftComponent(
  raw: unknown,
  i: number,
  errors: string[],
): DraftComponent | undefined {
  const type = isRecord(raw) ? str(raw.type)?.toUpperCase() : undefined;
  const where = `Component ${i + 1} (${type ?? '?'})`;
  if (isRecord(raw) && type === 'LIMITED_TIME_OFFER') return parseLto(raw, where, errors);
  if (isRecord(raw) && type === 'CAROUSEL') return parseCarousel(raw, where, errors);
  return parseComponent(raw, i, errors);
}

/**
 * Parses a template creation request (the JSON body of `POST /{waba-id}/message_templates`).
 * Only the shape is checked here; what Meta would reject in the content is the check's job, so a
 * draft with an over-long body or a misplaced variable still parses.
 */
export function parseTemplateDraft(raw: unknown): DraftParseResult {
  if (!isRecord(raw))
    return { ok: false, errors: [`A template should be a JSON object, not ${typeName(raw)}.`] };
  const errors: string[] = [];
  const name = str(raw.name) ?? '';
  const lang = isRecord(raw.language) ? str(raw.language.code) : str(raw.language);
  const category = (str(raw.category) ?? '').toUpperCase();
  const rawFormat = (str(raw.parameter_format) ?? 'POSITIONAL').toUpperCase();
  if (rawFormat !== 'POSITIONAL' && rawFormat !== 'NAMED')
    errors.push(`"parameter_format" is "${rawFormat}"; use "positional" or "named".`);
  const components: DraftComponent[] = [];
  if (!Array.isArray(raw.components)) {
    errors.push('The template has no "components" list.');
  } else if (raw.components.length > MAX_COMPONENTS) {
    errors.push(`The template has ${raw.components.length} components; Meta allows a handful.`);
  } else {
    raw.components.forEach((c, i) => {
      const parsed = parseDraftComponent(c, i, errors);
      if (parsed) components.push(parsed);
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    draft: {
      name,
      language: lang ?? '',
      category,
      parameter_format: rawFormat as ParameterFormat,
      components,
    },
  };
}

/** Parses the text of a JSON file; a broken file gets one clear sentence, not a stack trace. */
export function parseTemplateDraftText(text: string): DraftParseResult {
  const clean = text.replace(/^\uFEFF/, '');
  if (clean.trim() === '') return { ok: false, errors: ['The file is empty.'] };
  let raw: unknown;
  try {
    raw = JSON.parse(clean);
  } catch (e) {
    return {
      ok: false,
      errors: [`The file is not valid JSON (${e instanceof Error ? e.message : String(e)}).`],
    };
  }
  return parseTemplateDraft(raw);
}
