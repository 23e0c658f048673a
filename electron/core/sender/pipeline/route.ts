import type { SendRoute } from '../../../../shared/api';
import { marketingRoute } from '../../../../shared/domain/accounts/marketing-route';
import type { Claimed } from '../repo';
import type { PipelineArgs } from './run';

/** The endpoint of this recipient's message: its variant's template category and the account's setting. */
export function routeOf(a: PipelineArgs, r: Claimed): SendRoute {
  const category = a.messages.forVariant(r.variant ?? null)?.template.category;
  const account = {
    marketingApi: a.account.marketing_api ?? 'off',
    mmOnboarding: a.account.mm_onboarding ?? null,
  };
  return marketingRoute(account, category);
}
