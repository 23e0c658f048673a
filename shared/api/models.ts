import { z } from 'zod';

/** Row shapes as the API returns them. Times are Unix milliseconds. */

export const CAMPAIGN_STATES = [
  'draft',
  'scheduled',
  'sending',
  'paused',
  'completed',
  'cancelled',
] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const RECIPIENT_STATES = [
  'pending',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'skipped',
  'unknown',
  'expired',
] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

export interface AppInfo {
  name: string;
  version: string;
  /** Which shell serves this API: the desktop app or the headless browser shell. */
  shell: 'electron' | 'headless';
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
}

export type AccountKind = 'sandbox' | 'cloud';
export type MarketingApiSetting = 'on' | 'off' | 'auto';
export type MmPolicy = 'fallback' | 'strict';
export type SendRoute = 'cloud' | 'marketing_messages';

export interface Account {
  id: number;
  name: string;
  kind: AccountKind;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string | null;
  /** ISO 3166-1 alpha-2 region used for numbers written without a country code. */
  defaultCountry: string | null;
  graphVersion: string;
  baseUrl: string;
  /** Name of the environment variable holding the token (headless shell and CLI). */
  tokenEnv: string | null;
  ratePerSecond: number;
  /**
   * The business portfolio's messaging limit: unique people per moving 24 hours, shared by every
   * number of the portfolio; null means unlimited.
   */
  messagingLimit: number | null;
  /** `meta`: read from Meta; `default`: 250 because it could not be read; `manual`: set by hand. */
  messagingLimitSource: 'meta' | 'default' | 'manual';
  /** When the limit was last read from Meta (Unix ms), null if never. */
  messagingLimitReadAt: number | null;
  /** Why the last read failed, in words for the user; null after a successful read. */
  messagingLimitError: string | null;
  /** The business portfolio (Meta business id) that owns the account's WABA; null if unknown. */
  businessPortfolioId: string | null;
  /** The Graph version to upgrade to (user-confirmed) when the current one cannot read the limit. */
  graphVersionUpgrade: string | null;
  /** How marketing templates are sent (migration 150; shared/domain/accounts/marketing-route.ts). */
  marketingApi: MarketingApiSetting;
  mmPolicy: MmPolicy;
  /** Meta's last answer on the WABA's onboarding to the Marketing Messages API; null if never read. */
  mmOnboarding: string | null;
  mmCheckedAt: number | null;
  createdAt: number;
  /**
   * The last "Test connection" (or the token repair of migration 130): null when never checked.
   * A new campaign never defaults to an account whose last check failed.
   */
  lastCheck: { ok: boolean; at: number; message: string | null } | null;
}

export type RecipientCounts = Record<RecipientState, number> & {
  total: number;
  /**
   * Accepted but held by WhatsApp for quality review (template pacing): part of `sent` until released
   * or dropped. Present where the counts come from the database (campaigns.get/list).
   */
  held?: number;
};

export interface CampaignSummary {
  id: number;
  accountId: number;
  name: string;
  state: CampaignState;
  pauseReason: string | null;
  templateName: string | null;
  templateLanguage: string | null;
  recipients: number;
  /** Recipients WhatsApp accepted a message for (sent, delivered, read or unknown): 0 means it sent nothing. */
  reached: number;
  createdAt: number;
  updatedAt: number;
}

export interface Campaign extends CampaignSummary {
  accountName: string;
  counts: RecipientCounts;
  scheduledAt: number | null;
  startedAt: number | null;
  completedAt: number | null;
}

/** Campaign names are shown in lists and file names: keep them to one readable line. */
export const campaignName = z
  .string()
  .trim()
  .min(1, 'Give the campaign a name.')
  .max(120, 'Keep the name under 120 characters.')
  .refine((s) => ![...s].some(isControlCharacter), 'The name cannot contain control characters.');

function isControlCharacter(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

export const id = z.number().int().positive();
