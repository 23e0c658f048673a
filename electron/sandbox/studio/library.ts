import {
  libraryDraft,
  libraryInputProblem,
  libraryMatches,
  type LibraryButtonInput,
  type LibraryTemplate,
} from '../../../shared/domain/studio';
import type { Template, TemplateComponent } from '../../../shared/domain/templates';
import { checkToken } from '../auth';
import { fail } from '../errors';
import { isRecord, ok, type Reply, type RouteRequest } from '../http';
import type { SandboxState } from '../state';
import { LIBRARY } from './library-data';

/**
 * GET /{version}/message_template_library and creation with `library_template_name` (Meta's
 * Template Library page; see shared/domain/studio/library.ts for what is verified). A library
 * template is already categorised and reviewed, so one created without changes is APPROVED at once
 * (the page: only a customised one goes through review). Paging is left out: the library here
 * is one short page.
 */

const FILTERS = ['topic', 'usecase', 'industry', 'language', 'name'] as const;

export function handleLibrary(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  const q = rr.query;
  const data = LIBRARY.filter((t) => {
    for (const f of FILTERS) {
      const want = q.get(f)?.trim().toUpperCase();
      if (!want) continue;
      const have = f === 'industry' ? t.industry : [f === 'name' ? t.name : t[f]];
      if (!have.some((v) => v.toUpperCase() === want)) return false;
    }
    return libraryMatches(t, q.get('search') ?? '');
  });
  return ok({ data });
}

// Graph reads a non-string where a string belongs as missing (then the input check names it).
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const inputsFrom = (raw: unknown): LibraryButtonInput[] => {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every(isRecord))
    return fail(100, 'Param library_template_button_inputs must be an array of objects.');
  return raw.map((r) => {
    const suffix = isRecord(r.url) ? text(r.url.url_suffix_example) : undefined;
    const phone = text(r.phone_number);
    return {
      type: (text(r.type) ?? '').toUpperCase(),
      ...(isRecord(r.url) && {
        url: {
          base_url: text(r.url.base_url) ?? '',
          ...(suffix !== undefined && { url_suffix_example: suffix }),
        },
      }),
      ...(phone !== undefined && { phone_number: phone }),
    };
  });
};

/** POST message_templates with `library_template_name`: the library entry with the business's values. */
export function createFromLibrary(state: SandboxState, raw: Record<string, unknown>): Reply {
  const libName = String(raw.library_template_name);
  const name = typeof raw.name === 'string' ? raw.name : '';
  const language = typeof raw.language === 'string' ? raw.language : 'en_US';
  if (!/^[a-z0-9_]{1,512}$/.test(name))
    fail(100, 'Param name must be lowercase letters, numbers and underscores.');
  const lib: LibraryTemplate | undefined = LIBRARY.find(
    (t) => t.name === libName && t.language === language,
  );
  if (!lib) return fail(100, `There is no library template "${libName}" in ${language}.`);
  const inputs = inputsFrom(raw.library_template_button_inputs);
  const problem = libraryInputProblem(lib, inputs);
  if (problem) fail(100, `Invalid parameter: ${problem}`);
  if (state.findTemplate(name, language))
    fail(100, `Message template "${name}" already exists in ${language}.`);
  const d = libraryDraft(lib, name, inputs);
  const t: Template = {
    name,
    language,
    status: 'APPROVED',
    category: lib.category,
    parameter_format: 'POSITIONAL',
    id: state.newId(),
    components: d.components.filter((c): c is TemplateComponent => c.type !== 'CAROUSEL'),
  };
  state.templates.push(t);
  return ok({ id: t.id, status: t.status, category: t.category });
}
