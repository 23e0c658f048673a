import { hashString, seededRandom } from './random';
import type { MarketingConfig, MarketingOnboarding } from './types';

/**
 * The Marketing Messages API side of the simulated account (cloud-api.md §13, Meta's MM API pages).
 *
 * Verified on Meta's pages (and partners quoting them, pages corpus, December 2026):
 * - onboarding is read from `GET /{waba-id}?fields=marketing_messages_onboarding_status`, values
 *   include ELIGIBLE and ONBOARDED (onboarding guide);
 * - `/marketing_messages` takes the Cloud API template body plus optional `product_policy`
 *   (CLOUD_API_FALLBACK | STRICT) and `message_activity_sharing` (meta-openapi-v23.yaml);
 * - status webhooks of its messages carry `pricing.category: marketing_lite`;
 * - it accepts marketing templates only (134100), errors are otherwise Cloud API's;
 * - the per-user marketing limit answers 131049 in a failed status webhook; wait at least 24 h before
 *   sending that person marketing again, earlier resends "will likely result in additional error
 *   responses"; the limit is not active for businesses or users in the EEA, UK, Japan, South Korea
 *   (per-user-limits page, updated Jun 17, 2026).
 * Assumed (no page says): what Meta answers on `/marketing_messages` for a WABA that is not
 * onboarded (the sandbox says 100 with a sentence), and that CLOUD_API_FALLBACK sends a template
 * that is still syncing (134101 under STRICT) through Cloud API at marketing price.
 */

/** Calling codes of the EEA (EU, Iceland, Liechtenstein, Norway), the UK, Japan and South Korea. */
const NO_PER_USER_LIMIT_CODES = [
  '30', '31', '32', '33', '34', '36', '39', '40', '43', '44', '45', '46', '47', '48', '49', '81',
  '82', '351', '352', '353', '354', '356', '357', '358', '359', '370', '371', '372', '385', '386',
  '420', '421', '423',
]; // prettier-ignore

/** Whether Meta's per-user marketing limit applies to this E.164 number at all. */
export const perUserLimitApplies = (e164: string): boolean =>
  !NO_PER_USER_LIMIT_CODES.some((code) => e164.startsWith(`+${code}`));

const DAY_MS = 86_400_000;

/** Marketing switches and the per-user marketing limit of one simulated WABA. */
export class MarketingState {
  onboarding: MarketingOnboarding;
  /** The WABA switched marketing templates off on Cloud API (131063 on /messages). */
  cloudApiMarketingOff: boolean;
  /** Share (0..1) of people over their limit when a new 24 h starts for them. */
  limitShare: number;
  /** When a template's MM API sync ends (ms); absent = synced. Sends before then are "still syncing". */
  readonly syncingUntil = new Map<string, number>();
  private readonly limitedUntil = new Map<string, number>();
  private readonly drawnAt = new Map<string, number>();
  private readonly seed: number;

  constructor(c: MarketingConfig | undefined, seed: number) {
    this.onboarding = c?.onboarding ?? 'ELIGIBLE';
    this.cloudApiMarketingOff = c?.cloudApiMarketingOff ?? false;
    this.limitShare = c?.perUserLimitShare ?? 0;
    this.seed = seed;
  }

  /**
   * Whether this marketing message to `to` is refused for the per-user limit. A person drawn over
   * the limit stays over it for 24 h; a send inside those 24 h is refused again. A new draw happens
   * at most once per 24 h per person, so the share is per person and day, not per message.
   */
  overLimit(to: string, now: number): boolean {
    if (this.limitShare <= 0 || !perUserLimitApplies(to)) return false;
    const until = this.limitedUntil.get(to);
    if (until !== undefined && now < until) return true;
    const drawn = this.drawnAt.get(to);
    if (drawn !== undefined && now - drawn < DAY_MS) return false;
    this.drawnAt.set(to, now);
    const day = Math.floor(now / DAY_MS);
    const over = seededRandom(hashString(`${this.seed}|limit|${to}|${day}`))() < this.limitShare;
    if (over) this.limitedUntil.set(to, now + DAY_MS);
    return over;
  }

  isSyncing(templateId: string, now: number): boolean {
    const until = this.syncingUntil.get(templateId);
    return until !== undefined && now < until;
  }
}
