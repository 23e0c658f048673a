import type { ReportVariant } from '../../../shared/api';
import type { Store } from '../db/connection';
import { loadVariantPlan, variantLabelOf } from './variants-messages';

/**
 * What the delivery report needs of a split campaign's variants, read on the main thread and handed
 * to the export worker with the task; null for a campaign that is not split. `clicks` is where template
 * analytics' button clicks per variant go once that is wired in (see variants-compare.ts).
 */
export function reportVariants(store: Store, campaignId: number): ReportVariant[] | null {
  const plan = loadVariantPlan(store, campaignId);
  if (!plan.split) return null;
  return plan.states.map((s) => ({
    id: s.variant,
    label: variantLabelOf(plan.setting, s.variant),
    templateName: s.templateName,
    templateLanguage: s.templateLanguage,
    category: s.info?.category ?? null,
  }));
}
