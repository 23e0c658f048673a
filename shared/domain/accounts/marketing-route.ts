import type { MarketingApiSetting, MmPolicy, SendRoute } from '../../api/models';

/**
 * Which endpoint a template goes to (issue 17 item 1). Only MARKETING templates may use the
 * Marketing Messages API (it refuses others with 134100, Meta's MM API pages); utility and
 * authentication stay on /messages. `auto` follows Meta's own answer: the WABA's
 * marketing_messages_onboarding_status is ONBOARDED (verified: MM API onboarding guide).
 */
export function marketingRoute(
  account: { marketingApi: MarketingApiSetting; mmOnboarding: string | null },
  templateCategory: string | null | undefined,
): SendRoute {
  if ((templateCategory ?? '').toUpperCase() !== 'MARKETING') return 'cloud';
  if (account.marketingApi === 'on') return 'marketing_messages';
  if (account.marketingApi === 'auto' && account.mmOnboarding === 'ONBOARDED')
    return 'marketing_messages';
  return 'cloud';
}

/** Meta's `product_policy` for the setting (meta-openapi-v23.yaml, MarketingMessageRequestPayload). */
export const productPolicyOf = (p: MmPolicy): 'CLOUD_API_FALLBACK' | 'STRICT' =>
  p === 'strict' ? 'STRICT' : 'CLOUD_API_FALLBACK';

/** The shop owner's words for the sending method of an account. */
export function marketingRouteText(account: {
  marketingApi: MarketingApiSetting;
  mmOnboarding: string | null;
}): string {
  const onboarded = account.mmOnboarding === 'ONBOARDED';
  switch (account.marketingApi) {
    case 'on':
      return 'Marketing messages go through the Marketing Messages API.';
    case 'off':
      return 'Marketing messages go through the Cloud API.';
    case 'auto':
      return onboarded
        ? 'Marketing messages go through the Marketing Messages API (this account is onboarded).'
        : 'Marketing messages go through the Cloud API until this account is onboarded to the Marketing Messages API.';
  }
}
