import { z } from 'zod';
import { id, RECIPIENT_STATES } from '../models';
import type { FailureGroup, RecipientPage, StatusSources, SyncResult, Timeline } from '../status';
import { method } from './define';

const byCampaign = z.object({ campaignId: id }).strict();
const byAccount = z.object({ accountId: id }).strict();

const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,100}$/,
    'Use the name of an environment variable, e.g. RELAY_READ_TOKEN.',
  );

const setSourcesInput = z
  .object({
    accountId: id,
    /** The relay's base URL; the app reads `<url>/events`. null removes it. */
    relayUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .optional(),
    relayTokenEnv: envName.nullable().optional(),
    relayEnabled: z.boolean().optional(),
    historyEnabled: z.boolean().optional(),
    /** null: sized by what a sweep reads (status/config.ts). */
    historyBudgetPerHour: z.number().int().min(0).max(3600).nullable().optional(),
  })
  .strict();

const timelineInput = z
  .object({
    campaignId: id,
    bucketSeconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 86_400)
      .default(60),
  })
  .strict();

const pageInput = z
  .object({
    campaignId: id,
    /** One state or several (e.g. delivered and read). */
    states: z.array(z.enum(RECIPIENT_STATES)).min(1).max(RECIPIENT_STATES.length).optional(),
    /** Matches the phone or any column's value, case-insensitively for ASCII letters. */
    search: z.string().trim().min(1).max(100).optional(),
    afterId: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const statusMethods = {
  /** Polls the account's status sources now and applies what they report. */
  'campaigns.syncStatus': method<typeof byCampaign, SyncResult>(byCampaign),
  'campaigns.failures': method<typeof byCampaign, FailureGroup[]>(byCampaign),
  'campaigns.timeline': method<typeof timelineInput, Timeline>(timelineInput),
  'recipients.page': method<typeof pageInput, RecipientPage>(pageInput),
  'accounts.statusSources': method<typeof byAccount, StatusSources>(byAccount),
  'accounts.setStatusSources': method<typeof setSourcesInput, StatusSources>(setSourcesInput),
};
