import { z } from 'zod';
import type { Account, AppInfo, Campaign, CampaignSummary } from '../models';
import { campaignName, id } from '../models';
import { method } from './define';

const empty = z.object({}).strict().optional().default({});
const byId = z.object({ id }).strict();

export const campaignMethods = {
  'app.info': method<typeof empty, AppInfo>(empty),
  'accounts.list': method<typeof empty, Account[]>(empty),
  'campaigns.list': method<typeof empty, CampaignSummary[]>(empty),
  'campaigns.create': method<
    z.ZodObject<{ name: typeof campaignName; accountId: z.ZodOptional<typeof id> }, z.core.$strict>,
    Campaign
  >(z.object({ name: campaignName, accountId: id.optional() }).strict()),
  'campaigns.get': method<typeof byId, Campaign>(byId),
  'campaigns.rename': method<
    z.ZodObject<{ id: typeof id; name: typeof campaignName }, z.core.$strict>,
    Campaign
  >(z.object({ id, name: campaignName }).strict()),
  'campaigns.delete': method<typeof byId, { id: number }>(byId),
};
