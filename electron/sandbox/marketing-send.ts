import type { Template } from '../../shared/domain/templates';
import { fail } from './errors';
import type { SandboxState } from './state';

/** What the two send endpoints do differently (marketing.ts says what is verified and assumed). */

export type SendRoute = 'cloud' | 'marketing_messages';

export interface MarketingOptions {
  policy: 'CLOUD_API_FALLBACK' | 'STRICT';
  activitySharing: boolean | undefined;
}

export function checkOnboarded(state: SandboxState): void {
  if (state.marketing.onboarding !== 'ONBOARDED')
    fail(
      100,
      'This WhatsApp Business Account is not onboarded to the Marketing Messages API: accept its terms in WhatsApp Manager first.',
    );
}

export function readMarketingOptions(e: {
  productPolicy?: unknown;
  activitySharing?: unknown;
}): MarketingOptions {
  const policy = e.productPolicy ?? 'CLOUD_API_FALLBACK';
  if (policy !== 'CLOUD_API_FALLBACK' && policy !== 'STRICT')
    fail(100, 'product_policy must be "CLOUD_API_FALLBACK" or "STRICT".');
  if (e.activitySharing !== undefined && typeof e.activitySharing !== 'boolean')
    fail(100, 'message_activity_sharing must be a boolean.');
  return {
    policy: policy as MarketingOptions['policy'],
    activitySharing: e.activitySharing as boolean | undefined,
  };
}

const isMarketing = (t: Template) => t.category.toUpperCase() === 'MARKETING';

/**
 * On /marketing_messages: marketing templates only (134100). A template still syncing with the
 * MM API is refused under STRICT (134101) and, under CLOUD_API_FALLBACK, sent through Cloud API at
 * marketing price (ASSUMED, marketing.ts). Returns whether the MM API itself carries the message.
 */
export function routeOnMarketingApi(
  state: SandboxState,
  template: Template,
  options: MarketingOptions,
): boolean {
  if (!isMarketing(template))
    fail(
      134100,
      `Template ${template.name} is ${template.category}: the Marketing Messages API sends marketing templates only.`,
    );
  if (!state.marketing.isSyncing(template.id ?? '', state.now())) return true;
  if (options.policy === 'STRICT')
    fail(134101, `Template ${template.name} is still syncing with the Marketing Messages API.`);
  checkCloudMarketing(state, template);
  return false;
}

/** On /messages: a WABA that switched marketing off on Cloud API refuses marketing templates. */
export function checkCloudMarketing(state: SandboxState, template: Template): false {
  if (state.marketing.cloudApiMarketingOff && isMarketing(template))
    fail(
      131063,
      'Marketing template messages are turned off for Cloud API on this WhatsApp Business Account.',
    );
  return false;
}
