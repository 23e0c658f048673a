import { z } from 'zod';
import type { AnalyticsHealth, CampaignAnalytics, CampaignButtonClicks } from '../analytics';
import { id } from '../models';
import { method } from './define';

const byCampaign = z.object({ campaignId: id }).strict();
const byAccount = z.object({ accountId: id }).strict();

const enableInput = z
  .object({
    accountId: id,
    /** Meta cannot switch template insights off again: the caller must have asked the user. */
    confirmIrreversible: z.literal(
      true,
      "Template analytics cannot be switched off again on Meta's side: confirm with confirmIrreversible: true.",
    ),
  })
  .strict();

const setInput = z
  .object({
    accountId: id,
    polling: z.boolean().optional(),
    budgetPerHour: z.number().int().min(1).max(200).optional(),
  })
  .strict();

export const analyticsMethods = {
  /** Meta's template analytics for the campaign's template(s) and days, next to our counts (stored figures). */
  'campaigns.analytics': method<typeof byCampaign, CampaignAnalytics>(byCampaign),
  /** Fetches the campaign's analytics from Meta now (within the account's budget), then as above. */
  'campaigns.refreshAnalytics': method<typeof byCampaign, CampaignAnalytics>(byCampaign),
  /** Clicks per template and button on the campaign's days (the A/B comparison shows them per variant). */
  'campaigns.buttonClicks': method<typeof byCampaign, CampaignButtonClicks>(byCampaign),
  'accounts.analytics': method<typeof byAccount, AnalyticsHealth>(byAccount),
  /** Switches template insights on for the account's WABA at Meta (irreversible there), then polls. */
  'accounts.enableAnalytics': method<typeof enableInput, AnalyticsHealth>(enableInput),
  /** Campaign Desk's own switch and call budget; changes nothing at Meta. */
  'accounts.setAnalytics': method<typeof setInput, AnalyticsHealth>(setInput),
};
