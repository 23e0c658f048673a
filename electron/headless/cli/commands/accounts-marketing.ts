import type { Account, MarketingApiSetting, MmPolicy } from '../../../../shared/api';
import { marketingRouteText } from '../../../../shared/domain/accounts/marketing-route';
import { dispatch } from '../../../core/api/dispatch';
import { str, UsageError, type Ctx } from '../framework';

const SETTINGS: readonly MarketingApiSetting[] = ['on', 'off', 'auto'];
const POLICIES: readonly MmPolicy[] = ['fallback', 'strict'];

/** `--marketing-api on|off|auto` and `--mm-policy fallback|strict` of `accounts update`. */
export function marketingOptions(ctx: Ctx): {
  given: boolean;
  input: { marketingApi?: MarketingApiSetting; mmPolicy?: MmPolicy };
} {
  const api = str(ctx, 'marketing-api')?.toLowerCase();
  const policy = str(ctx, 'mm-policy')?.toLowerCase();
  if (api !== undefined && !SETTINGS.includes(api as MarketingApiSetting))
    throw new UsageError(`--marketing-api must be on, off or auto, not "${api}".`);
  if (policy !== undefined && !POLICIES.includes(policy as MmPolicy))
    throw new UsageError(`--mm-policy must be fallback or strict, not "${policy}".`);
  return {
    given: api !== undefined || policy !== undefined,
    input: {
      ...(api !== undefined ? { marketingApi: api as MarketingApiSetting } : {}),
      ...(policy !== undefined ? { mmPolicy: policy as MmPolicy } : {}),
    },
  };
}

/**
 * After turning the Marketing Messages API on or to auto: asks Meta whether the account is
 * onboarded, and says what will happen. A failed check does not undo the setting: it is reported.
 */
export async function checkMarketing(
  ctx: Ctx,
  account: Account,
  setting: MarketingApiSetting | undefined,
): Promise<{ account: Account; notes: string[] }> {
  if (setting === undefined || setting === 'off')
    return setting === 'off'
      ? { account, notes: [marketingRouteText(account)] }
      : { account, notes: [] };
  const r = await dispatch<'accounts.checkMarketingApi'>(
    ctx.core().handlers,
    'accounts.checkMarketingApi',
    {
      accountId: account.id,
    },
  );
  if (!r.ok) return { account, notes: [r.error.message, marketingRouteText(account)] };
  const onboarding = r.value.mmOnboarding ?? 'not reported';
  const warning =
    setting === 'on' && r.value.mmOnboarding !== 'ONBOARDED'
      ? [
          'This account is not onboarded yet: WhatsApp refuses marketing sends there until the terms are accepted in WhatsApp Manager.',
        ]
      : [];
  return {
    account: r.value,
    notes: [
      `Marketing Messages API onboarding: ${onboarding}.`,
      ...warning,
      marketingRouteText(r.value),
    ],
  };
}
