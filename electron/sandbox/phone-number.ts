import { checkPhoneNumberId, checkToken } from './auth';
import { ok, type Reply, type RouteRequest } from './http';
import type { SandboxState } from './state';

/**
 * GET /{version}/{phone-number-id}: the app's connection check (cloud-api.md §3.1, §3.2). It fails on
 * a wrong token and on a wrong phone number id, like the real node.
 */

/** This endpoint shows the number formatted, unlike webhook metadata, which carries bare digits. */
const formatted = (digits: string): string =>
  /^1\d{10}$/.test(digits)
    ? `+1 ${digits.slice(1, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`
    : `+${digits}`;

export function handlePhoneNumber(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  checkPhoneNumberId(state, rr.objectId, 'get');
  const all: Record<string, unknown> = {
    id: state.account.phoneNumberId,
    display_phone_number: formatted(state.account.displayPhoneNumber),
    verified_name: 'Campaign Desk Sandbox',
    quality_rating: 'GREEN',
    throughput: { level: state.rate.ratePerSecond >= 1000 ? 'HIGH' : 'STANDARD' },
    whatsapp_business_manager_messaging_limit: 'TIER_UNLIMITED',
  };
  const raw = rr.query.get('fields');
  if (raw === null || raw.trim() === '') return ok(all);
  const wanted = new Set(raw.split(',').map((f) => f.trim()));
  // Graph always returns `id`.
  return ok(Object.fromEntries(Object.entries(all).filter(([k]) => k === 'id' || wanted.has(k))));
}
