import type { Caller } from './caller';
import {
  failureFromCall,
  failureFromResponse,
  isSuccessStatus,
  malformedFailure,
  type FailureContext,
} from './failures';
import { isRecord, numberOr, parseJson, stringOr } from './json';
import type { ApiFailure } from './types';

export type WabaInfoOutcome = { ok: true; id: string; name: string | null } | ApiFailure;
export type WabaPhoneNumbersOutcome = { ok: true; ids: string[]; complete: boolean } | ApiFailure;

const idOf = (v: unknown): string | null => {
  const id = stringOr(v, null) ?? numberOr(v, null);
  return id === null ? null : String(id);
};

/**
 * GET /{v}/{waba-id}?fields=id,name ([OpenAPI] `/{Version}/{WABA-ID}`). A wrong id answers code 100
 * ("Object with ID … does not exist, cannot be loaded due to missing permissions"), like any node.
 */
export const wabaInfo = async (caller: Caller, wabaId: string): Promise<WabaInfoOutcome> => {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const result = await caller.call({
    method: 'GET',
    url: caller.url([wabaId], { fields: 'id,name' }),
  });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  const id = isRecord(json) ? idOf(json.id) : null;
  if (!isRecord(json) || id === null)
    return malformedFailure(result, ctx, 'the WABA answer has no id');
  return { ok: true, id, name: stringOr(json.name, null) };
};

const MAX_PAGES = 10;

/**
 * The ids of the WABA's phone numbers ([OpenAPI] `/{Version}/{WABA-ID}/phone_numbers`, a Graph
 * edge: `{ data: [{ id, … }], paging: { cursors: { after }, next? } }`). Pages follow the `after`
 * cursor on our own base URL, never `next` itself; bounded, and `complete: false` when cut short.
 */
export const wabaPhoneNumbers = async (
  caller: Caller,
  wabaId: string,
): Promise<WabaPhoneNumbersOutcome> => {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = { fields: 'id,display_phone_number', limit: 100, ...(after ? { after } : {}) };
    const result = await caller.call({
      method: 'GET',
      url: caller.url([wabaId, 'phone_numbers'], query),
    });
    if (result.kind !== 'response') return failureFromCall(result, ctx);
    if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
    const json = parseJson(result.body);
    if (!isRecord(json) || !Array.isArray(json.data))
      return malformedFailure(result, ctx, 'the phone number list has no data');
    for (const item of json.data) {
      const id = isRecord(item) ? idOf(item.id) : null;
      if (id !== null) ids.push(id);
    }
    const paging = isRecord(json.paging) ? json.paging : {};
    const cursors = isRecord(paging.cursors) ? paging.cursors : {};
    // Graph keeps `cursors` on the last page; only `next` means there is more.
    after = paging.next ? stringOr(cursors.after, null) : null;
    if (after === null) return { ok: true, ids, complete: true };
  }
  return { ok: true, ids, complete: false };
};

export type MarketingOnboardingOutcome = { ok: true; status: string | null } | ApiFailure;

/**
 * GET /{v}/{waba-id}?fields=marketing_messages_onboarding_status: whether the WABA may use the
 * Marketing Messages API. Verified (MM API onboarding guide): ELIGIBLE before the terms are
 * accepted, ONBOARDED after; other values exist. Absent field (older Graph, no permission): null.
 */
export const marketingOnboarding = async (
  caller: Caller,
  wabaId: string,
): Promise<MarketingOnboardingOutcome> => {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const result = await caller.call({
    method: 'GET',
    url: caller.url([wabaId], { fields: 'marketing_messages_onboarding_status' }),
  });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  if (!isRecord(json)) return malformedFailure(result, ctx, 'the WABA answer is not JSON');
  return { ok: true, status: stringOr(json.marketing_messages_onboarding_status, null) };
};
