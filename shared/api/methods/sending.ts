import { z } from 'zod';
import { baseUrlProblem, looksLikeToken } from '../../domain/accounts';
import { parseQuietWindow } from '../../domain/pacing';
import type { Account } from '../models';
import { id } from '../models';
import type {
  Precheck,
  RetryFailedPlan,
  RetryFailedResult,
  SendProgress,
  TestSendResult,
} from '../sending';
import { method } from './define';

const byCampaign = z.object({ campaignId: id }).strict();
const startInput = z
  .object({
    campaignId: id,
    /** Unix ms; absent or in the past means now. */
    scheduleAt: z.number().int().positive().optional(),
  })
  .strict();
const testSendInput = z
  .object({ campaignId: id, phone: z.string().trim().min(3).max(40), recipientId: id.optional() })
  .strict();
const rate = z
  .number({ error: 'The rate is a number of messages per second.' })
  .int('The rate is a whole number of messages per second.')
  .min(1, 'The rate is at least 1 message per second.')
  .max(1000, 'Meta allows at most 1,000 messages per second.');
const limit = z.union(
  [z.literal(250), z.literal(2000), z.literal(10_000), z.literal(100_000), z.null()],
  {
    error:
      "The messaging limit is your number's tier in WhatsApp Manager: 250, 2,000, 10,000, 100,000, or unlimited.",
  },
);
const accountName = z
  .string()
  .trim()
  .min(1, 'Give the account a name, e.g. the shop or the number.')
  .max(120, 'Keep the name under 120 characters.');
// Meta's ids are long numbers; people paste the phone number itself (with + or spaces) instead.
const phoneNumberId = z
  .string()
  .trim()
  .regex(
    /^\d{5,25}$/,
    'The phone number ID is the long number under the phone number in WhatsApp Manager › Phone numbers (or in the API Setup page), not the phone number itself.',
  );
const wabaId = z
  .string()
  .trim()
  .regex(
    /^\d{5,25}$/,
    'The WhatsApp Business Account ID is a long number, shown in WhatsApp Manager › Account tools › Business account info.',
  );
// A pasted token is refused before the pattern check so the message never quotes it back.
const tokenEnv = z
  .string()
  .trim()
  .refine((v) => !looksLikeToken(v), {
    message:
      'That looks like an access token, not the name of an environment variable. Paste the token in the "Access token" field instead: it is stored encrypted and never shown again.',
    abort: true,
  })
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,100}$/,
    'Use the name of an environment variable (letters, digits and _), e.g. WA_TOKEN — not the token itself.',
  );
/** https:// everywhere; http:// only to this computer (see baseUrlProblem). */
const baseUrl = z
  .string()
  .trim()
  .max(2000, 'The API address is too long.')
  .superRefine((v, ctx) => {
    const problem = baseUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const addAccountInput = z
  .object({
    name: accountName,
    phoneNumberId,
    wabaId,
    tokenEnv: tokenEnv.optional(),
    baseUrl: baseUrl.optional(),
    graphVersion: z
      .string()
      .regex(/^v\d+\.\d+$/, 'The Graph API version looks like v23.0.')
      .optional(),
    ratePerSecond: rate.optional(),
    messagingLimit: limit.optional(),
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'The country is a two-letter code such as GB or BR.')
      .optional(),
  })
  .strict();
/** Default quiet hours of an account ("21:00" to "08:00"), taken by its new campaigns; null: none. */
const accountQuietHours = z
  .object({ from: z.string().max(10), to: z.string().max(10) })
  .strict()
  .superRefine((v, ctx) => {
    const w = parseQuietWindow(v.from, v.to);
    if (!w.ok) ctx.addIssue({ code: 'custom', message: w.message });
  });
const updateAccountInput = z
  .object({
    id,
    name: accountName.optional(),
    ratePerSecond: rate.optional(),
    messagingLimit: limit.optional(),
    tokenEnv: tokenEnv.nullable().optional(),
    /** A new host drops the stored token: it was given for the old one. */
    baseUrl: baseUrl.optional(),
    quietHours: accountQuietHours.nullable().optional(),
    /** How marketing templates are sent (shared/domain/accounts/marketing-route.ts). */
    marketingApi: z.enum(['on', 'off', 'auto']).optional(),
    mmPolicy: z.enum(['fallback', 'strict']).optional(),
  })
  .strict();

export const sendingMethods = {
  'campaigns.precheck': method<typeof byCampaign, Precheck>(byCampaign),
  /** Starts now, or schedules; runs the prechecks first and refuses with their messages. */
  'campaigns.start': method<typeof startInput, SendProgress>(startInput),
  'campaigns.pause': method<typeof byCampaign, SendProgress>(byCampaign),
  'campaigns.resume': method<typeof byCampaign, SendProgress>(byCampaign),
  'campaigns.cancel': method<typeof byCampaign, SendProgress>(byCampaign),
  'campaigns.status': method<typeof byCampaign, SendProgress>(byCampaign),
  /** Puts recipients in "unknown" (a send that may or may not have arrived) back in the queue. */
  'campaigns.resendUnknown': method<typeof byCampaign, { requeued: number }>(byCampaign),
  'campaigns.testSend': method<typeof testSendInput, TestSendResult>(testSendInput),
  /** A new draft with the failed recipients worth retrying (never opt-outs or numbers not on WhatsApp). */
  'campaigns.retryFailed': method<typeof byCampaign, RetryFailedResult>(byCampaign),
  /** Who "Retry failed" would include and who it leaves out and why, without creating anything. */
  'campaigns.retryFailedPlan': method<typeof byCampaign, RetryFailedPlan>(byCampaign),
  'accounts.add': method<typeof addAccountInput, Account>(addAccountInput),
  'accounts.update': method<typeof updateAccountInput, Account>(updateAccountInput),
};
