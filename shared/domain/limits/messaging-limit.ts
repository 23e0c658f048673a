/**
 * The business portfolio's messaging limit: unique people reached outside a customer-service window
 * in a moving 24 h, shared by every phone number of the portfolio. Verified (cloud-api.md §3.2, §13,
 * Meta's messaging-limits page of Nov 2025): levels 250 → 2,000 → 10,000 → 100,000 → unlimited, a
 * new portfolio starts at 250, and the limit is read with the phone number field
 * `whatsapp_business_manager_messaging_limit`, which exists from Graph v24.0 on.
 */

/** What a new portfolio gets, and what Campaign Desk assumes when the limit cannot be read. */
export const DEFAULT_MESSAGING_LIMIT = 250;

/** The first Graph version with `whatsapp_business_manager_messaging_limit`. */
export const PORTFOLIO_LIMIT_MIN_VERSION = 'v24.0';

/** The Graph version new accounts use. */
export const DEFAULT_GRAPH_VERSION = 'v24.0';

/** How old a limit read from Meta may be before it is read again (Meta raises it within 6 h). */
export const MESSAGING_LIMIT_MAX_AGE_MS = 4 * 3600_000;

/** `v24.0` → [24, 0]; anything else → null. */
const versionParts = (v: string): [number, number] | null => {
  const m = /^v(\d{1,3})\.(\d{1,3})$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
};

/** Whether this Graph version can read the portfolio limit (v24.0 or later). */
export function canReadPortfolioLimit(graphVersion: string): boolean {
  const have = versionParts(graphVersion);
  const need = versionParts(PORTFOLIO_LIMIT_MIN_VERSION)!;
  if (!have) return false;
  return have[0] > need[0] || (have[0] === need[0] && have[1] >= need[1]);
}

/**
 * Meta's tier string as a number of people (null = unlimited), or undefined when the value is not a
 * tier. Verified strings: `TIER_250`, `TIER_UNLIMITED` (Meta's text). Assumed from SDKs: `TIER_2K`,
 * `TIER_10K`, `TIER_100K` and spelled-out numbers (`TIER_2000`), all read by the same rule.
 */
export function parseMessagingTier(value: unknown): number | null | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toUpperCase();
  if (v === 'TIER_UNLIMITED' || v === 'UNLIMITED') return null;
  const m = /^TIER_(\d{1,6})(K?)$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] ? 1000 : 1);
  return n > 0 ? n : undefined;
}
