import type { CampaignState, RecipientCounts } from './models';
import type { ExcludedGroup, QuietWaiting } from './pacing';
import type { FailureGroup } from './status';

/**
 * Why a sending campaign is not sending right now, in words the user can act on. 'quiet': everybody
 * left is in quiet hours; 'scheduled': a scheduled campaign not yet due.
 */
export interface SendWaiting {
  reason:
    | 'offline'
    | 'throttled'
    /** Most recent sends got no answer from WhatsApp (5xx, broken connections): one probe now and then. */
    | 'outage'
    | 'messaging_limit'
    | 'retry'
    | 'quiet'
    | 'scheduled'
    /** Only recipients WhatsApp limited are left: the campaign waits for their next try (issue 17). */
    | 'deferred'
    /** The campaign's stop-after has passed: nothing more is sent. */
    | 'stopped';
  message: string;
  until: number | null;
}

export interface SendProgress {
  campaignId: number;
  state: CampaignState;
  counts: RecipientCounts;
  /** Messages accepted per second over the last few seconds. */
  ratePerSecond: number;
  configuredRate: number;
  etaSeconds: number | null;
  waiting: SendWaiting | null;
  pauseReason: string | null;
  at: number;
  /**
   * Failures grouped by Meta's code with the catalogue's explanation and next step. Filled by
   * `campaigns.status`; absent from the sender's frequent `send.progress` pushes.
   */
  failedByCode?: FailureGroup[];
  /** Recipients held back by quiet hours in their time zone (others may be sending meanwhile). */
  quiet?: QuietWaiting | null;
  /**
   * Recipients WhatsApp accepted but holds for quality review (template pacing), counted in `sent`
   * until released or dropped (132015). Filled by `campaigns.status`.
   */
  held?: number;
  /**
   * Recipients WhatsApp refused for its per-user marketing limit, waiting for their next try ("Limited
   * by WhatsApp — next try …"), counted in `pending`; `nextTryAt` is the earliest. Filled by `campaigns.status`.
   */
  deferred?: { count: number; nextTryAt: number | null };
  /** When the campaign stops sending (its stop-after), null when never. Filled by `campaigns.status`. */
  stopAt?: number | null;
  /** Recipients skipped as "Excluded: …" (frequency cap, audience filter), by reason. Filled by `campaigns.status`. */
  excluded?: ExcludedGroup[];
  /**
   * Messages went out 10 minutes ago or more and no status source has reported a single status for
   * them: what is set up, what failed, and how to fix it. Filled by `campaigns.status`; null when fine.
   */
  statusSilence?: StatusSilence | null;
}

export interface StatusSilence {
  /** When the campaign started sending (Unix ms). */
  since: number;
  message: string;
  /** What to do, in order; the first is the most likely fix. */
  fixes: string[];
}

export interface PrecheckItem {
  id:
    | 'token'
    | 'phone_number'
    | 'template'
    | 'mapping'
    | 'media'
    | 'audience'
    | 'messaging_limit'
    | 'frequency_cap'
    | 'quiet_hours'
    | 'spread';
  ok: boolean;
  /** Warnings do not block sending. */
  severity: 'error' | 'warning';
  message: string;
}

export interface Precheck {
  ok: boolean;
  items: PrecheckItem[];
  sendable: number;
}

export interface RetryFailedResult {
  campaignId: number;
  recipients: number;
  leftOut: { reason: string; count: number }[];
  notBefore: number | null;
}

/** What "Retry failed" would do, shown before the draft is created. */
export type RetryFailedPlan = Omit<RetryFailedResult, 'campaignId'>;

export type TestSendResult =
  | { ok: true; wamid: string; to: string }
  | { ok: false; to: string | null; code: number | null; message: string; action: string };
