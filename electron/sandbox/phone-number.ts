import { canReadPortfolioLimit } from '../../shared/domain/limits';
import { checkPhoneNumberId, checkToken } from './auth';
import { fail } from './errors';
import { ok, type Reply, type RouteRequest } from './http';
import type { SandboxState } from './state';

/**
 * GET /{version}/{phone-number-id}: the app's connection check and the portfolio's messaging limit
 * (cloud-api.md §3.1, §3.2, §13). Fails on a wrong token and on an unknown id, like the real node.
 * (GET /{version}/{waba-id} is waba.ts.)
 */

/** This endpoint shows the number formatted, unlike webhook metadata, which carries bare digits. */
const formatted = (digits: string): string =>
  /^1\d{10}$/.test(digits)
    ? `+1 ${digits.slice(1, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`
    : `+${digits}`;

/** Meta's tier strings (verified: TIER_250, TIER_UNLIMITED; the others as SDKs spell them). */
const tierOf = (limit: number | null): string => {
  if (limit === null) return 'TIER_UNLIMITED';
  return limit >= 1000 && limit % 1000 === 0 ? `TIER_${limit / 1000}K` : `TIER_${limit}`;
};

const PORTFOLIO_FIELD = 'whatsapp_business_manager_messaging_limit';

/** Graph always returns `id`; without `fields`, every field this node has. */
function pick(all: Record<string, unknown>, rr: RouteRequest): Reply {
  const raw = rr.query.get('fields');
  if (raw === null || raw.trim() === '') return ok(all);
  const wanted = new Set(raw.split(',').map((f) => f.trim()));
  return ok(Object.fromEntries(Object.entries(all).filter(([k]) => k === 'id' || wanted.has(k))));
}

export function handlePhoneNumber(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  checkPhoneNumberId(state, rr.objectId, 'get');
  const fields = rr.query.get('fields') ?? '';
  // The field exists from v24.0 on (cloud-api.md §13); older versions answer as Graph does for an
  // unknown field.
  const portfolioReadable = canReadPortfolioLimit(rr.version);
  if (!portfolioReadable && fields.split(',').some((f) => f.trim() === PORTFOLIO_FIELD))
    fail(
      100,
      `(#100) Tried accessing nonexisting field (${PORTFOLIO_FIELD}) on node type (WhatsAppBusinessPhoneNumber)`,
    );
  return pick(
    {
      id: state.account.phoneNumberId,
      display_phone_number: formatted(state.account.displayPhoneNumber),
      verified_name: 'Campaign Desk Sandbox',
      quality_rating: 'GREEN',
      throughput: { level: state.rate.ratePerSecond >= 1000 ? 'HIGH' : 'STANDARD' },
      ...(portfolioReadable ? { [PORTFOLIO_FIELD]: tierOf(state.portfolio.limit) } : {}),
    },
    rr,
  );
}
