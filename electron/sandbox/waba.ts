import { checkToken, checkWabaId } from './auth';
import { ok, type Reply, type RouteRequest } from './http';
import type { SandboxState } from './state';

/**
 * The WABA node and its phone_numbers edge ([OpenAPI] `/{Version}/{WABA-ID}` and
 * `/{Version}/{WABA-ID}/phone_numbers`), which "Test connection" reads. Like Graph: the token is
 * checked first (190), then the id (100, "Object with ID … does not exist").
 */
export function handleWaba(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  checkWabaId(state, rr.objectId, 'get');
  const all: Record<string, unknown> = {
    id: state.account.wabaId,
    name: 'Campaign Desk Sandbox',
    currency: 'USD',
    timezone_id: '1',
    message_template_namespace: 'campaign_desk_sandbox',
    // ASSUMED shape (Graph's WhatsApp Business Account reference; not in the OpenAPI file): the
    // business portfolio that owns the WABA, which the app reads for the portfolio's limit.
    owner_business_info: { id: state.portfolio.id, name: 'Sandbox Portfolio' },
    // Verified (MM API onboarding guide): ELIGIBLE until the business accepts the terms, then ONBOARDED.
    marketing_messages_onboarding_status: state.marketing.onboarding,
  };
  return ok(pick(all, rr.query.get('fields')));
}

export function handleWabaPhoneNumbers(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  checkWabaId(state, rr.objectId, 'get');
  const number: Record<string, unknown> = {
    id: state.account.phoneNumberId,
    display_phone_number: `+${state.account.displayPhoneNumber}`,
    verified_name: 'Campaign Desk Sandbox',
    quality_rating: 'GREEN',
  };
  // One number, so one page; Graph still sends cursors on the last page, without `next`.
  return ok({
    data: [pick(number, rr.query.get('fields'))],
    paging: { cursors: { before: 'MAZDZD', after: 'MAZDZD' } },
  });
}

/** Graph returns only the fields asked for, and always `id`. */
function pick(all: Record<string, unknown>, raw: string | null): Record<string, unknown> {
  if (raw === null || raw.trim() === '') return all;
  const wanted = new Set(raw.split(',').map((f) => f.trim()));
  return Object.fromEntries(Object.entries(all).filter(([k]) => k === 'id' || wanted.has(k)));
}
