import type { CostEstimate } from '../../../shared/api';
import { estimateMixedCost } from '../../../shared/domain/pricing';
import type { VariantId } from '../../../shared/domain/variants';
import type { Store } from '../db/connection';
import { campaignMonthVolume, effectiveRateCard } from '../pricing/rates';
import { loadVariantPlan, variantLabelOf } from './variants-messages';

/**
 * The cost estimate of a split campaign: each variant's valid recipients (by their variant, exactly as
 * the validation counted them) priced at its own template's category, then added up per country.
 * Before start, each recipient counts in the variant the seeded draw gives it, which is the one start
 * assigns. A campaign without a split keeps the estimate as it was.
 */
export function withVariantCosts(
  store: Store,
  campaignId: number,
  validByVariant: ReadonlyMap<VariantId, ReadonlyMap<string | null, number>>,
  estimate: CostEstimate,
  at: number,
): CostEstimate {
  if (estimate.unavailable) return estimate;
  const plan = loadVariantPlan(store, campaignId);
  if (!plan.split) return estimate;
  const card = effectiveRateCard(store, at);
  const mixed = estimateMixedCost(
    card,
    plan.states.map((s) => ({
      category: s.info?.category ?? 'MARKETING',
      byCountry: [...(validByVariant.get(s.variant) ?? new Map<string | null, number>())].map(
        ([country, messages]) => ({ country, messages }),
      ),
    })),
    campaignMonthVolume(store, campaignId, at, card),
  );
  const { parts, ...breakdown } = mixed;
  const byVariant = plan.states.map((s, i) => {
    const p = parts[i]!;
    return {
      id: s.variant,
      label: variantLabelOf(plan.setting, s.variant),
      category: p.category,
      messages: p.messages,
      total: p.total,
    };
  });
  const differ = new Set(byVariant.map((v) => v.category)).size > 1;
  return {
    ...estimate,
    ...breakdown,
    byVariant,
    note:
      `${estimate.note} Each A/B variant is priced at its own template's category` +
      `${differ ? ' (they differ here, so a country’s price per message is the average over its variants)' : ''}; ` +
      'before start, each recipient counts in the variant the seeded draw gives it, which is the one start assigns.',
  };
}
