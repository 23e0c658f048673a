import type { Caller } from './caller';
import {
  failureFromCall,
  failureFromResponse,
  isSuccessStatus,
  malformedFailure,
  type FailureContext,
} from './failures';
import { edgeItems, isRecord, numberOr, parseJson, stringOr } from './json';
import type {
  MessageHistoryEvent,
  MessageHistoryItem,
  MessageHistoryOptions,
  MessageHistoryOutcome,
} from './types';

// cloud-api.md §5.1: the default fields are only id,message_id; the events must be asked for.
const FIELDS =
  'id,message_id,events{delivery_status,webhook_update_state,timestamp,error_description}';
const MAX_LIMIT = 100;

const parseEvent = (raw: unknown): MessageHistoryEvent | null => {
  if (!isRecord(raw)) return null;
  const status = stringOr(raw.delivery_status, null);
  const timestamp = numberOr(raw.timestamp, null);
  if (status === null || timestamp === null) return null;
  const event: MessageHistoryEvent = { status, timestamp };
  const webhookUpdateState = stringOr(raw.webhook_update_state, null);
  if (webhookUpdateState !== null) event.webhookUpdateState = webhookUpdateState;
  const errorDescription = stringOr(raw.error_description, null);
  if (errorDescription !== null) event.errorDescription = errorDescription;
  return event;
};

const idOf = (v: unknown): string | null =>
  stringOr(v, null) ?? (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : null);

const parseItem = (raw: unknown): MessageHistoryItem | null => {
  if (!isRecord(raw)) return null;
  const id = idOf(raw.id);
  const messageId = stringOr(raw.message_id, null);
  if (id === null || messageId === null) return null;
  const events = (edgeItems(raw.events) ?? [])
    .map(parseEvent)
    .filter((e): e is MessageHistoryEvent => e !== null);
  return { id, messageId, events };
};

/**
 * The cursor for the next page. Returned as a cursor, not as Meta's `next` URL, so the caller cannot
 * be steered into sending the token to whatever server a response names.
 */
const nextCursor = (page: Record<string, unknown>): string | null => {
  const paging = isRecord(page.paging) ? page.paging : {};
  const next = stringOr(paging.next, null);
  if (next === null) return null;
  const cursors = isRecord(paging.cursors) ? paging.cursors : {};
  const after = stringOr(cursors.after, null);
  if (after !== null) return after;
  try {
    return new URL(next).searchParams.get('after');
  } catch {
    return null;
  }
};

/**
 * GET /{v}/{phone-number-id}/message_history (cloud-api.md §5.1, known only from Meta's OpenAPI spec).
 * Typical failures — 403 code 200 (no permission), 422 code 100 (unknown message id), 429 code 4 — are
 * classified on their code like any other.
 */
export const messageHistory = async (
  caller: Caller,
  phoneNumberId: string,
  options: MessageHistoryOptions = {},
): Promise<MessageHistoryOutcome> => {
  const { limit } = options;
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT)) {
    throw new RangeError(`limit must be a whole number from 1 to ${MAX_LIMIT}, got ${limit}`);
  }
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const url = caller.url([phoneNumberId, 'message_history'], {
    fields: FIELDS,
    message_id: options.messageId,
    after: options.after,
    limit,
  });
  const result = await caller.call({ method: 'GET', url });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const page = parseJson(result.body);
  if (!isRecord(page) || !Array.isArray(page.data))
    return malformedFailure(result, ctx, 'the message history has no "data" list');
  const parsed = (page.data as unknown[]).map(parseItem);
  const items = parsed.filter((item): item is MessageHistoryItem => item !== null);
  return { ok: true, items, next: nextCursor(page), skipped: parsed.length - items.length };
};
