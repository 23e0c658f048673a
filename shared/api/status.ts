import type { Recipient } from './audience';
import type { RecipientCounts } from './models';

/** Where delivery status comes from (ARCHITECTURE.md, "Status without a tunnel"). */
export const STATUS_SOURCE_IDS = ['sandbox', 'relay', 'history'] as const;
export type StatusSourceId = (typeof STATUS_SOURCE_IDS)[number];

/** How one source of one account is doing, for the settings page and the progress view. */
export interface SourceHealth {
  source: StatusSourceId;
  /** Set up: the sandbox always is for the Sandbox account; a relay needs a URL and a token variable. */
  configured: boolean;
  enabled: boolean;
  /**
   * ok: last poll worked; failing: the last poll(s) failed (see lastError); idle: not polled yet;
   * unproven: message_history has never answered for this account (one probing call at a time); off.
   */
  state: 'ok' | 'failing' | 'idle' | 'unproven' | 'off';
  lastPollAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveErrors: number;
  /** When this source is polled next at the earliest (backoff after errors, history's budget pacing). */
  nextPollAt: number | null;
  /** New observations taken from this source since it was set up. */
  observations: number;
  /** message_history only: calls used in the current hour and the budget. */
  callsThisHour: number | null;
  budgetPerHour: number | null;
}

export interface StatusSources {
  accountId: number;
  relayUrl: string | null;
  /** The NAME of the environment variable holding the relay's read token (never the token). */
  relayTokenEnv: string | null;
  relayEnabled: boolean;
  historyEnabled: boolean;
  /** The budget in force: the user's, or sized by the last sweep when historyBudgetAuto. */
  historyBudgetPerHour: number;
  historyBudgetAuto: boolean;
  sources: SourceHealth[];
}

/** What one source did in one sync round. */
export interface SourceRound {
  source: StatusSourceId;
  /** False when the source failed this round (the others still ran). */
  ok: boolean;
  /** Why it was not polled: not configured, switched off, backing off, budget used up. */
  skipped: string | null;
  calls: number;
  observations: number;
  applied: number;
  duplicates: number;
  unmatched: number;
  problems: string[];
}

/** What `campaigns.syncStatus` changed. */
export interface SyncResult {
  campaignId: number;
  accountId: number;
  before: RecipientCounts;
  after: RecipientCounts;
  /** Observations that changed a recipient (or paused a campaign, or suppressed a number). */
  applied: number;
  /** Seen before: changed nothing (Meta retries webhooks for up to 7 days). */
  duplicates: number;
  /** New, but older than what the recipient already had (a `sent` after `read`). */
  unchanged: number;
  /** Statuses for wamids Campaign Desk did not send (or has not recorded yet): kept, retried for a while. */
  unmatched: number;
  /** Recipients in "unknown" that a status proved were sent. */
  settled: number;
  suppressed: number;
  expired: number;
  pausedCampaigns: number[];
  sources: SourceRound[];
  at: number;
}

/** Failures of a campaign grouped by Meta's code, with the catalogue's words. */
export interface FailureGroup {
  code: number | null;
  title: string;
  explanation: string;
  action: string;
  count: number;
  /** Worth a "retry failed" follow-up (shared/domain/errors canRetryFailure), possibly after a wait. */
  retryable: boolean;
  /** The number went on the suppression list (opted out). */
  suppressed: boolean;
  /**
   * Accepted by WhatsApp, then failed with no code and no recognisable words (message_history):
   * listed apart from coded failures, never retried automatically.
   */
  reasonUnknown: boolean;
}

export interface TimelineBucket {
  /** Start of the bucket, Unix ms. */
  at: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

export interface Timeline {
  campaignId: number;
  /** May be larger than asked for: a timeline has at most MAX_TIMELINE_BUCKETS buckets. */
  bucketSeconds: number;
  buckets: TimelineBucket[];
}

export const MAX_TIMELINE_BUCKETS = 2000;

export interface RecipientStatus extends Recipient {
  wamid: string | null;
  errorCode: number | null;
  errorTitle: string | null;
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
  failedAt: number | null;
}

export interface RecipientPage {
  items: RecipientStatus[];
  /** Pass as `afterId` for the next page; null when there is nothing after. */
  nextAfterId: number | null;
  /** A search looks at a bounded number of rows per call; this many were looked at. */
  scanned: number;
}

/** Pushed after each background sync round of an account. */
export interface StatusSyncEvent {
  accountId: number;
  applied: number;
  campaignIds: number[];
  sources: SourceHealth[];
  at: number;
}
