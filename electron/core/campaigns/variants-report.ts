import type { ReportVariant } from '../../../shared/api';
import type { Store } from '../db/connection';
import type { ClicksSource } from './variants-compare';
import { loadVariantPlan, variantLabelOf } from './variants-messages';

/**
 * What the delivery report needs of a split campaign's variants, read on the main thread and handed
 * to the export worker with the task; null for a campaign that is not split. `clicks` are template
 * analytics' button clicks of the variant's template, left empty where two variants share a template
 * (Meta counts per template, so they cannot be told apart) or nothing was fetched.
 */
export function reportVariants(
  store: Store,
  campaignId: number,
  clicksFor?: ClicksSource,
): ReportVariant[] | null {
  const plan = loadVariantPlan(store, campaignId);
  if (!plan.split) return null;
  const key = (s: (typeof plan.states)[number]) =>
    s.templateName && s.templateLanguage ? `${s.templateName}|${s.templateLanguage}` : null;
  const keys = plan.states.map(key);
  return plan.states.map((s, i) => {
    const k = keys[i] ?? null;
    const own = k !== null && keys.filter((x) => x === k).length === 1;
    const clicks =
      own && clicksFor && s.templateName && s.templateLanguage
        ? clicksFor({ name: s.templateName, language: s.templateLanguage })
        : null;
    return {
      id: s.variant,
      label: variantLabelOf(plan.setting, s.variant),
      templateName: s.templateName,
      templateLanguage: s.templateLanguage,
      category: s.info?.category ?? null,
      clicks: clicks?.total ?? null,
    };
  });
}
