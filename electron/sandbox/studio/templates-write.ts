import { parseTemplateDraft, type TemplateDraft } from '../../../shared/domain/studio';
import type { Template, TemplateComponent } from '../../../shared/domain/templates';
import { checkToken, checkWabaId } from '../auth';
import { fail } from '../errors';
import { isRecord, ok, readJson, type Reply, type RouteRequest } from '../http';
import type { SandboxState } from '../state';
import { readTtlSetting } from '../ttl';
import { createFromLibrary } from './library';

/**
 * POST / DELETE /{version}/{waba-id}/message_templates and GET / POST /{version}/{template-id}
 * (Meta's Message Templates API; the answers' shapes are the OpenAPI description's examples).
 * Error codes are 100 with Meta's wording where we know it; the exact subcodes Meta uses are not
 * documented for every case and are left out (assumed).
 */

const STANDARD = new Set(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']);

function draftFrom(raw: unknown, fallback?: TemplateDraft): TemplateDraft {
  const parsed = parseTemplateDraft(fallback && isRecord(raw) ? { ...fallback, ...raw } : raw);
  if (!parsed.ok)
    return fail(100, `Invalid parameter: ${parsed.errors[0] ?? 'malformed template'}`);
  const d = parsed.draft;
  if (d.name === '') fail(100, 'The parameter name is required.');
  if (d.language === '') fail(100, 'The parameter language is required.');
  if (!['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(d.category))
    fail(100, 'Param category must be one of {AUTHENTICATION, MARKETING, UTILITY}.');
  return d;
}

function checkHandles(state: SandboxState, d: TemplateDraft): void {
  const handles = d.components.flatMap((c) =>
    c.type === 'HEADER'
      ? (c.example?.header_handle ?? [])
      : c.type === 'CAROUSEL'
        ? c.cards.flatMap((k) =>
            k.components.flatMap((x) =>
              x.type === 'HEADER' ? (x.example?.header_handle ?? []) : [],
            ),
          )
        : [],
  );
  for (const h of handles)
    if (!state.studio.handles.has(h))
      fail(
        100,
        `Invalid parameter: the header_handle "${h.slice(0, 40)}" is not a handle from the Resumable Upload API.`,
      );
}

// The listing (and the app's parser) knows the four standard components; limited-time offer and
// carousel parts stay in the review but are not listed until the template engine reads them.
const listed = (d: TemplateDraft): TemplateComponent[] =>
  d.components.filter((c): c is TemplateComponent => STANDARD.has(c.type));

export async function handleCreateTemplate(state: SandboxState, rr: RouteRequest): Promise<Reply> {
  checkToken(state, rr.req);
  checkWabaId(state, rr.objectId, 'post');
  const raw = await readJson(rr.req);
  if (isRecord(raw) && raw.library_template_name !== undefined)
    return createFromLibrary(state, raw);
  const d = draftFrom(raw);
  state.studio.settle(state.templates);
  if (state.findTemplate(d.name, d.language))
    fail(
      100,
      `Message template "${d.name}" already exists in ${d.language}. Create a template with another name, or add another language.`,
    );
  checkHandles(state, d);
  const ttl = readTtlSetting(d.category, isRecord(raw) ? raw.message_send_ttl_seconds : undefined);
  const t: Template = {
    name: d.name,
    language: d.language,
    status: 'PENDING',
    category: d.category,
    parameter_format: d.parameter_format,
    id: state.newId(),
    components: listed(d),
    ...(ttl !== undefined && { message_send_ttl_seconds: ttl }),
  };
  state.templates.push(t);
  state.studio.submit(t, d);
  return ok({ id: t.id, status: t.status, category: t.category });
}

export function handleDeleteTemplates(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  checkWabaId(state, rr.objectId, 'delete');
  const name = rr.query.get('name');
  const hsmId = rr.query.get('hsm_id');
  if (!name) return fail(100, 'The parameter name is required.');
  const doomed = state.templates.filter((t) => t.name === name && (!hsmId || t.id === hsmId));
  if (doomed.length === 0) return fail(100, `Message template "${name}" was not found.`);
  for (const t of doomed) {
    state.templates.splice(state.templates.indexOf(t), 1);
    state.studio.reviews.cancel(t.id ?? '');
  }
  return ok({ success: true });
}

function byId(state: SandboxState, rr: RouteRequest, method: string): Template {
  state.studio.settle(state.templates);
  const t = state.templates.find((x) => x.id === rr.objectId);
  return (
    t ??
    fail(
      100,
      `Unsupported ${method} request. Object with ID '${rr.objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    )
  );
}

/** GET /{template-id}: what status polling reads, with `rejected_reason` as Meta's template object has it. */
export function handleGetTemplate(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  const t = byId(state, rr, 'get');
  return ok({
    id: t.id,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    parameter_format: t.parameter_format,
    components: t.components,
    ...(t.message_send_ttl_seconds !== undefined && {
      message_send_ttl_seconds: t.message_send_ttl_seconds,
    }),
    rejected_reason: state.studio.rejected.get(t.id ?? '') ?? 'NONE',
    ...(t.status !== 'PENDING' &&
      state.studio.previousCategory.has(t.id ?? '') && {
        previous_category: state.studio.previousCategory.get(t.id ?? ''),
      }),
  });
}

/**
 * POST /{template-id}: edit. Meta lets rejected and paused templates be edited freely; an approved
 * one once per 24 hours and 10 times per 30 days, and not its category (template management page).
 */
export async function handleEditTemplate(state: SandboxState, rr: RouteRequest): Promise<Reply> {
  checkToken(state, rr.req);
  const t = byId(state, rr, 'post');
  const raw = await readJson(rr.req);
  if (!isRecord(raw)) return fail(100, 'The request body must be a JSON object.');
  const category = typeof raw.category === 'string' ? raw.category : t.category;
  const ttl = readTtlSetting(category, raw.message_send_ttl_seconds);
  // Only the time-to-live: the content is unchanged, so no review and no edit counted (ASSUMED, ttl.ts).
  if (ttl !== undefined && Object.keys(raw).every((k) => k === 'message_send_ttl_seconds')) {
    t.message_send_ttl_seconds = ttl;
    return ok({ success: true });
  }
  if (t.status === 'PENDING')
    fail(100, 'The template is in review; edit it once the review is done.');
  if (t.status === 'APPROVED') {
    if (typeof raw.category === 'string' && raw.category.toUpperCase() !== t.category)
      fail(100, "An approved template's category cannot be changed.");
    const refusal = state.studio.editRefusal(t.id ?? '');
    if (refusal) fail(100, refusal);
  }
  const current = {
    name: t.name,
    language: t.language,
    category: t.category,
    parameter_format: t.parameter_format,
    components: t.components,
  };
  const d = draftFrom({ ...current, ...raw, name: t.name, language: t.language });
  checkHandles(state, d);
  if (t.status === 'APPROVED') state.studio.recordEdit(t.id ?? '');
  t.components = listed(d);
  t.category = d.category;
  if (ttl !== undefined) t.message_send_ttl_seconds = ttl;
  t.status = 'PENDING';
  state.studio.rejected.delete(t.id ?? '');
  state.studio.submit(t, d);
  return ok({ success: true });
}
