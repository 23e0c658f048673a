import { graphComponents, type Template } from '../../shared/domain/templates';
import { checkToken, checkWabaId } from './auth';
import { decodeCursor, encodeCursor, limitParam, ok, type Reply, type RouteRequest } from './http';
import type { SandboxState } from './state';

/** GET /{version}/{waba-id}/message_templates with cursor paging (cloud-api.md §6.1). */

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

function toGraph(t: Template, fields: Set<string> | undefined): Record<string, unknown> {
  const all: Record<string, unknown> = {
    name: t.name,
    parameter_format: t.parameter_format,
    components: graphComponents(t.components),
    language: t.language,
    status: t.status,
    category: t.category,
    ...(t.sub_category !== undefined && { sub_category: t.sub_category }),
    ...(t.quality_score !== undefined && { quality_score: t.quality_score }),
    ...(t.message_send_ttl_seconds !== undefined && {
      message_send_ttl_seconds: t.message_send_ttl_seconds,
    }),
    id: t.id,
  };
  if (!fields) return all;
  // Graph always returns `id`, whatever `fields` asks for.
  return Object.fromEntries(Object.entries(all).filter(([k]) => k === 'id' || fields.has(k)));
}

const listParam = (raw: string | null): string[] | undefined =>
  raw === null || raw.trim() === ''
    ? undefined
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

export function handleTemplates(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  checkWabaId(state, rr.objectId, 'get');
  const { query } = rr;
  const limit = limitParam(query, DEFAULT_LIMIT, MAX_LIMIT);
  const fieldList = listParam(query.get('fields'));
  const fields = fieldList ? new Set(fieldList.map((f) => f.replace(/\{.*$/, ''))) : undefined;
  const statuses = listParam(query.get('status'))?.map((s) => s.toUpperCase());

  const list = statuses
    ? state.templates.filter((t) => statuses.includes(t.status))
    : state.templates;
  const after = query.get('after');
  const start = after === null || after === '' ? 0 : decodeCursor(after);
  const page = list.slice(start, start + limit);
  if (page.length === 0) return ok({ data: [] });

  const end = start + page.length;
  const paging: Record<string, unknown> = {
    cursors: { before: encodeCursor(start), after: encodeCursor(end) },
  };
  if (end < list.length) {
    const next = new URL(`${rr.baseUrl}${rr.pathname}`);
    for (const [k, v] of query) if (k !== 'after') next.searchParams.set(k, v);
    next.searchParams.set('after', encodeCursor(end));
    paging.next = next.toString();
  }
  return ok({ data: page.map((t) => toGraph(t, fields)), paging });
}
