import { parseMessagingTier } from '../../../shared/domain/limits';
import type { Caller } from './caller';
import {
  failureFromCall,
  failureFromResponse,
  isSuccessStatus,
  malformedFailure,
  type FailureContext,
} from './failures';
import { isRecord, parseJson, stringOr } from './json';
import type { ApiFailure } from './types';

export type PortfolioLimitOutcome =
  /** `limit`: people per moving 24 h, null = unlimited. */
  { ok: true; limit: number | null; tier: string } | ApiFailure;

export type PortfolioIdOutcome = { ok: true; portfolioId: string | null } | ApiFailure;

/**
 * GET /{v}/{phone-number-id}?fields=whatsapp_business_manager_messaging_limit. Verified: the field
 * and its `TIER_…` values (cloud-api.md §3.2, §13; Graph v24.0 or later — on older versions Graph
 * answers that the field does not exist, code 100, which comes back as a failure here).
 */
export async function portfolioMessagingLimit(
  caller: Caller,
  phoneNumberId: string,
): Promise<PortfolioLimitOutcome> {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const result = await caller.call({
    method: 'GET',
    url: caller.url([phoneNumberId], { fields: 'whatsapp_business_manager_messaging_limit' }),
  });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  const raw = isRecord(json) ? json.whatsapp_business_manager_messaging_limit : undefined;
  const limit = parseMessagingTier(raw);
  if (limit === undefined || typeof raw !== 'string')
    return malformedFailure(result, ctx, 'the messaging limit is missing or not a known tier');
  return { ok: true, limit, tier: raw };
}

/**
 * The business portfolio that owns the WABA: GET /{v}/{waba-id}?fields=owner_business_info →
 * `{ owner_business_info: { id, name } }`. ASSUMED: the field is in Graph's WhatsApp Business
 * Account reference but not in meta-openapi-v23.yaml (which lists `business_id` on another schema).
 * An answer without it is not an error: the portfolio is then unknown (null).
 */
export async function portfolioOfWaba(caller: Caller, wabaId: string): Promise<PortfolioIdOutcome> {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const result = await caller.call({
    method: 'GET',
    url: caller.url([wabaId], { fields: 'owner_business_info' }),
  });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  if (!isRecord(json)) return malformedFailure(result, ctx, 'the account answer is not an object');
  const owner = isRecord(json.owner_business_info) ? json.owner_business_info : {};
  const id = stringOr(owner.id, null);
  return { ok: true, portfolioId: id !== null && /^\d{1,25}$/.test(id) ? id : null };
}
