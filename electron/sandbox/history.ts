import { checkPhoneNumberId, checkToken } from './auth';
import { errorTitle, fail } from './errors';
import { decodeCursor, encodeCursor, limitParam, ok, type Reply, type RouteRequest } from './http';
import type { SandboxState, SentMessage } from './state';

/**
 * GET /{version}/{phone-number-id}/message_history (cloud-api.md §5.1, from Meta's OpenAPI only).
 * It is Meta's own record, so an event shows once its `timestamp` has passed, even when the webhook
 * for it reaches the relay later; duplicates of webhooks are not duplicated here.
 */

const EVENT_FIELDS = [
  'delivery_status',
  'timestamp',
  'webhook_update_state',
  'error_description',
] as const;

interface Fields {
  top: Set<string>;
  /** Undefined when events were not asked for. */
  events?: Set<string>;
}

/** Graph's field syntax: `id,message_id,events{delivery_status,timestamp}`. */
function parseFields(raw: string | null): Fields {
  const text = raw === null || raw.trim() === '' ? 'id,message_id' : raw;
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (depth < 0) fail(100, `The fields parameter "${text}" is malformed.`);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) fail(100, `The fields parameter "${text}" is malformed.`);
  parts.push(current);

  const fields: Fields = { top: new Set() };
  for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
    const m = /^events(?:\{(.*)\})?$/.exec(part);
    if (m) {
      const sub = (m[1] ?? EVENT_FIELDS.join(','))
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      fields.events = new Set(sub);
    } else {
      fields.top.add(part);
    }
  }
  return fields;
}

function eventsOf(m: SentMessage, wanted: Set<string>, now: number): Record<string, unknown>[] {
  return m.plan
    .filter((s) => s.timestamp <= now)
    .map((s) => {
      const e: Record<string, unknown> = { id: s.id };
      if (wanted.has('delivery_status')) e.delivery_status = s.status.toUpperCase();
      if (wanted.has('timestamp')) e.timestamp = Math.floor(s.timestamp / 1000);
      if (wanted.has('webhook_update_state')) e.webhook_update_state = 'DELIVERED';
      if (wanted.has('error_description') && s.error)
        e.error_description = errorTitle(s.error.code);
      return e;
    });
}

function entryOf(m: SentMessage, fields: Fields, now: number): Record<string, unknown> {
  // Graph always returns `id`.
  const entry: Record<string, unknown> = { id: m.historyId };
  if (fields.top.has('message_id')) entry.message_id = m.wamid;
  if (fields.events) entry.events = { data: eventsOf(m, fields.events, now) };
  return entry;
}

function descending(start: number, limit: number): number[] {
  const out: number[] = [];
  for (let i = start; i >= 0 && out.length < limit; i--) out.push(i);
  return out;
}

function ascending(start: number, end: number, limit: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, start); i < end && out.length < limit; i++) out.push(i);
  return out;
}

export function handleHistory(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  checkPhoneNumberId(state, rr.objectId, 'get');
  const { query } = rr;
  const fields = parseFields(query.get('fields'));
  const limit = limitParam(query, 25, 100);
  const now = state.now();

  const messageId = query.get('message_id');
  if (messageId !== null && messageId !== '') {
    const m = state.messages.get(messageId);
    if (!m) return fail(100, 'The requested message_id was not found in the message history.', 422);
    return ok({ data: [entryOf(m, fields, now)] });
  }

  // Cursors hold an accept-order position, so messages sent while a client pages through the
  // history do not shift the pages it has yet to read. Newest first unless the test switched it.
  const list = state.messageList;
  const after = query.get('after');
  const from = after === null || after === '' ? null : decodeCursor(after);
  const newestFirst = state.historyOrder === 'newest-first';
  const positions = newestFirst
    ? descending(from === null ? list.length - 1 : from - 1, limit)
    : ascending(from === null ? 0 : from + 1, list.length, limit);
  const page = positions.map((i) => list[i]!);
  if (page.length === 0) return ok({ data: [] });

  const firstPosition = positions[0]!;
  const lastPosition = positions[positions.length - 1]!;
  const paging: Record<string, unknown> = {
    cursors: { before: encodeCursor(firstPosition), after: encodeCursor(lastPosition) },
  };
  const more = newestFirst ? lastPosition > 0 : lastPosition < list.length - 1;
  if (more) {
    const next = new URL(`${rr.baseUrl}${rr.pathname}`);
    for (const [k, v] of query) if (k !== 'after') next.searchParams.set(k, v);
    next.searchParams.set('after', encodeCursor(lastPosition));
    paging.next = next.toString();
  }
  return ok({ data: page.map((m) => entryOf(m, fields, now)), paging });
}
