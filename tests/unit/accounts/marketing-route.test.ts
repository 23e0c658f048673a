import { describe, expect, it } from 'vitest';
import {
  marketingRoute,
  marketingRouteText,
  productPolicyOf,
} from '../../../shared/domain/accounts/marketing-route';

describe('marketingRoute: which endpoint a template goes to', () => {
  const account = (marketingApi: 'on' | 'off' | 'auto', mmOnboarding: string | null = null) => ({
    marketingApi,
    mmOnboarding,
  });

  it('sends marketing templates to the MM API when on, or when auto and onboarded', () => {
    expect(marketingRoute(account('on'), 'MARKETING')).toBe('marketing_messages');
    expect(marketingRoute(account('auto', 'ONBOARDED'), 'marketing')).toBe('marketing_messages');
    expect(marketingRoute(account('auto', 'ELIGIBLE'), 'MARKETING')).toBe('cloud');
    expect(marketingRoute(account('auto'), 'MARKETING')).toBe('cloud');
    expect(marketingRoute(account('off', 'ONBOARDED'), 'MARKETING')).toBe('cloud');
  });

  it('keeps utility, authentication and unknown categories on /messages whatever the setting', () => {
    for (const category of ['UTILITY', 'AUTHENTICATION', '', null, undefined])
      expect(marketingRoute(account('on', 'ONBOARDED'), category)).toBe('cloud');
  });

  it("maps the policy to Meta's product_policy and says the method in words", () => {
    expect(productPolicyOf('fallback')).toBe('CLOUD_API_FALLBACK');
    expect(productPolicyOf('strict')).toBe('STRICT');
    expect(marketingRouteText(account('auto'))).toMatch(/Cloud API until .* onboarded/);
    expect(marketingRouteText(account('auto', 'ONBOARDED'))).toMatch(/Marketing Messages API/);
  });
});
