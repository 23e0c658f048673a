import type { analyticsMethods } from '../../../shared/api/methods/analytics';
import type { HandlersFor } from '../api/handlers';
import type { AnalyticsService } from './service';

export const analyticsHandlers = (a: AnalyticsService): HandlersFor<typeof analyticsMethods> => ({
  'campaigns.analytics': (input) => a.analytics(input.campaignId),
  'campaigns.refreshAnalytics': (input) => a.refresh(input.campaignId),
  'campaigns.buttonClicks': (input) => a.buttonClicks(input.campaignId),
  'accounts.analytics': (input) => a.health(input.accountId),
  'accounts.enableAnalytics': (input) => a.enable(input.accountId),
  'accounts.setAnalytics': (input) => a.set(input),
});
