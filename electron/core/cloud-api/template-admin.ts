import type { Caller } from './caller';
import {
  failureFromCall,
  failureFromResponse,
  isSuccessStatus,
  malformedFailure,
  type FailureContext,
} from './failures';
import { isRecord, parseJson, stringOr } from './json';
import type { LibraryTemplate } from '../../../shared/domain/studio';
import type { ApiFailure } from './types';

/**
 * Template management (Meta's Message Templates API; shapes from the OpenAPI description):
 * POST /{waba-id}/message_templates → { id, status, category }; GET /{template-id} for status
 * polling (with `rejected_reason` and `previous_category`); POST /{template-id} to edit;
 * DELETE /{waba-id}/message_templates?name=…[&hsm_id=…].
 * Creation is not idempotent: a timeout after sending is reported, never retried here.
 */

export type CreateTemplateOutcome =
  { ok: true; id: string; status: string; category: string } | ApiFailure;
export interface TemplateState {
  ok: true;
  id: string;
  status: string;
  category: string;
  rejectedReason: string | null;
  previousCategory: string | null;
}
export type TemplateStateOutcome = TemplateState | ApiFailure;
export type DoneOutcome = { ok: true } | ApiFailure;

const idOf = (v: unknown): string | null => (typeof v === 'number' ? String(v) : stringOr(v, null));

const jsonCall = (body: unknown) => ({
  headers: { 'Content-Type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
});

export const createTemplate = async (
  caller: Caller,
  wabaId: string,
  body: unknown,
): Promise<CreateTemplateOutcome> => {
  const ctx: FailureContext = { idempotent: false, redact: caller.redact };
  const result = await caller.call({
    method: 'POST',
    url: caller.url([wabaId, 'message_templates']),
    ...jsonCall(body),
  });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  const id = isRecord(json) ? idOf(json.id) : null;
  if (!isRecord(json) || id === null)
    return malformedFailure(result, ctx, 'the template creation answer has no id');
  return {
    ok: true,
    id,
    status: (stringOr(json.status, null) ?? 'PENDING').toUpperCase(),
    category: (stringOr(json.category, null) ?? '').toUpperCase(),
  };
};

const STATE_FIELDS = 'id,name,language,status,category,rejected_reason,previous_category';

export const templateState = async (
  caller: Caller,
  templateId: string,
): Promise<TemplateStateOutcome> => {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const result = await caller.call({
    method: 'GET',
    url: caller.url([templateId], { fields: STATE_FIELDS }),
  });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  const status = isRecord(json) ? stringOr(json.status, null) : null;
  if (!isRecord(json) || status === null)
    return malformedFailure(result, ctx, 'the template answer has no status');
  const reason = stringOr(json.rejected_reason, null);
  return {
    ok: true,
    id: idOf(json.id) ?? templateId,
    status: status.toUpperCase(),
    category: (stringOr(json.category, null) ?? '').toUpperCase(),
    rejectedReason: reason === null || reason === 'NONE' ? null : reason,
    previousCategory: stringOr(json.previous_category, null),
  };
};

const successCall = async (
  caller: Caller,
  spec: Parameters<Caller['call']>[0],
  idempotent: boolean,
): Promise<DoneOutcome> => {
  const ctx: FailureContext = { idempotent, redact: caller.redact };
  const result = await caller.call(spec);
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  if (!isRecord(json) || json.success !== true)
    return malformedFailure(result, ctx, 'the answer does not say success');
  return { ok: true };
};

export const editTemplate = (caller: Caller, templateId: string, body: unknown) =>
  successCall(caller, { method: 'POST', url: caller.url([templateId]), ...jsonCall(body) }, false);

export const deleteTemplate = (caller: Caller, wabaId: string, name: string, hsmId?: string) =>
  successCall(
    caller,
    { method: 'DELETE', url: caller.url([wabaId, 'message_templates'], { name, hsm_id: hsmId }) },
    true,
  );

export type LibraryOutcome = { ok: true; templates: LibraryTemplate[] } | ApiFailure;

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** One entry of Meta's library, or null when it lacks what the studio needs (name, body). */
function libraryEntry(v: unknown): LibraryTemplate | null {
  if (!isRecord(v)) return null;
  const name = stringOr(v.name, null);
  const body = stringOr(v.body, null);
  if (name === null || body === null) return null;
  const buttons = Array.isArray(v.buttons)
    ? v.buttons.filter(isRecord).map((b) => ({
        type: (stringOr(b.type, null) ?? '').toUpperCase(),
        text: stringOr(b.text, null) ?? '',
        ...(typeof b.url === 'string' && { url: b.url }),
        ...(typeof b.phone_number === 'string' && { phone_number: b.phone_number }),
      }))
    : [];
  const header = stringOr(v.header, null);
  return {
    id: idOf(v.id) ?? name,
    name,
    language: stringOr(v.language, null) ?? 'en_US',
    category: (stringOr(v.category, null) ?? 'UTILITY').toUpperCase(),
    topic: stringOr(v.topic, null) ?? '',
    usecase: stringOr(v.usecase, null) ?? '',
    industry: strings(v.industry),
    ...(header !== null && { header }),
    body,
    body_params: strings(v.body_params),
    body_param_types: strings(v.body_param_types),
    buttons,
  };
}

/** GET /message_template_library (Meta's Template Library page): browse with `search` and filters. */
export const templateLibrary = async (
  caller: Caller,
  query: { search?: string; language?: string },
): Promise<LibraryOutcome> => {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const result = await caller.call({
    method: 'GET',
    url: caller.url(['message_template_library'], query),
  });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  if (!isRecord(json) || !Array.isArray(json.data))
    return malformedFailure(result, ctx, 'the library answer has no data list');
  return {
    ok: true,
    templates: json.data.map(libraryEntry).filter((t): t is LibraryTemplate => t !== null),
  };
};
