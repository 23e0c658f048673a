import { normalizePhone } from '../../shared/domain/phone';
import { BUNDLED_RATE_CARD, marketFor } from '../../shared/domain/pricing';
import type { PlannedStatus } from './delivery';
import type { FeedLog } from './feed';
import type { AccountInfo } from './webhooks';

/**
 * Meta's volume tier webhook (VERIFIED shape: "Tiering webhooks" of its pricing page, updated Mar
 * 30, 2026): when the business's charged utility or authentication messages of a month, in one
 * market, reach a tier, Meta posts an `account_update` with event VOLUME_BASED_PRICING_TIER_UPDATE.
 * The sandbox counts its delivered (billable) messages per month, market and category and posts it
 * when a count reaches one of `thresholds`. Meta's real thresholds are in its rate-card files, not
 * found from here, so tests give their own; `alreadyThisMonth` stands for messages the portfolio
 * sent elsewhere (another WABA, another provider: Meta's example 4), which the app never saw.
 */
export interface VolumeTierConfig {
  /** Lower bounds of the tiers (1-based message counts), ascending, e.g. [1001, 5001]. */
  thresholds: number[];
  alreadyThisMonth?: number;
}

const TIERED: Record<string, string> = { utility: 'UTILITY', authentication: 'AUTHENTICATION' };

export class VolumeTierCounter {
  private readonly counts = new Map<string, number>();
  private readonly thresholds: number[];

  constructor(
    private readonly config: VolumeTierConfig | undefined,
    private readonly account: AccountInfo,
    private readonly feed: FeedLog,
  ) {
    this.thresholds = [...(config?.thresholds ?? [])].filter((t) => t >= 1).sort((a, b) => a - b);
  }

  /** Counts a message once its plan delivers it, and schedules the webhook of a tier it reaches. */
  count(to: string, category: string, plan: readonly PlannedStatus[]): void {
    const pricingCategory = TIERED[category];
    const delivered = plan.find((s) => s.status === 'delivered');
    if (!this.config || !pricingCategory || !delivered) return;
    const phone = normalizePhone(to, null);
    const market = marketFor(BUNDLED_RATE_CARD, phone.ok ? phone.country : null);
    const month = new Date(delivered.timestamp).toISOString().slice(0, 7);
    const key = `${month}|${pricingCategory}|${market.name}`;
    const n = (this.counts.get(key) ?? this.config.alreadyThisMonth ?? 0) + 1;
    this.counts.set(key, n);
    const i = this.thresholds.indexOf(n);
    if (i < 0) return;
    const next = this.thresholds[i + 1];
    const tier = `${n}:${next === undefined ? 'MAX' : next - 1}`;
    const at = delivered.timestamp;
    this.feed.schedule(delivered.visibleAt, () => ({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: this.account.wabaId,
          time: Math.floor(at / 1000),
          changes: [
            {
              value: {
                volume_tier_info: {
                  tier_update_time: Math.floor(at / 1000),
                  pricing_category: pricingCategory,
                  tier,
                  effective_month: month,
                  region: market.name,
                },
                event: 'VOLUME_BASED_PRICING_TIER_UPDATE',
              },
              field: 'account_update',
            },
          ],
        },
      ],
    }));
  }
}
