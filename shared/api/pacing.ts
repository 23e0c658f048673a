import type { CampaignState } from './models';

/**
 * Pacing of a campaign: frequency cap, quiet hours in the recipients' time zones, and spreading
 * the sends over a duration. Stored as the `frequencyCap`, `quietHours` and `spread` keys of the
 * campaign's settings (see shared/domain/pacing/settings.ts for their schemas).
 */

export interface FrequencyCapView {
  enabled: boolean;
  days: number;
  /** 'default': not set on the campaign; on for MARKETING templates, off otherwise. */
  source: 'default' | 'campaign';
  /** Recipients still to send who got a message from this account within the window, now. */
  wouldExclude: number;
}

/** One country of the audience as quiet hours see it. */
export interface QuietCountry {
  /** ISO 3166-1 alpha-2; null for numbers without a country (timed by the fallback country). */
  country: string | null;
  name: string;
  /** Recipients still to send. */
  recipients: number;
  /** The country's zones (several for the US, Canada, Brazil, Russia, Australia…). */
  zones: string[];
  /** The zone the user chose for it, if any. */
  chosenZone: string | null;
  /**
   * single: one zone; chosen: the user's pick; any: several zones and none chosen, so it counts as
   * quiet while it is quiet in any of them; fallback: no country of its own, timed as `fallbackCountry`;
   * none: no zone known, never held back.
   */
  rule: 'single' | 'chosen' | 'any' | 'fallback' | 'none';
  quietNow: boolean;
  /** When these recipients may next be sent (now when open); null when they never can with these settings. */
  opensAt: number | null;
  /** When quiet hours next begin for them. */
  closesAt: number | null;
}

export interface QuietHoursView {
  enabled: boolean;
  from: string;
  to: string;
  zones: Record<string, string>;
  /** 'account': the campaign has no quiet hours of its own, the account's defaults apply. */
  source: 'campaign' | 'account';
  accountDefault: { from: string; to: string } | null;
  /** The country numbers without a country of their own are timed by (campaign, then account). */
  fallbackCountry: string | null;
  countries: QuietCountry[];
  /** Recipients in quiet hours right now. */
  waitingNow: number;
}

export interface SpreadView {
  /** null: the account's fixed rate. */
  durationMinutes: number | null;
  /** When a started campaign's spread ends; null before it starts. */
  deadline: number | null;
  /** The rate the spread would need now for the recipients left (messages per second), capped at the account's. */
  ratePerSecond: number | null;
  accountRate: number;
}

export interface ExcludedGroup {
  /** The skip reason, beginning with "Excluded: ". */
  reason: string;
  count: number;
}

export interface PacingView {
  campaignId: number;
  state: CampaignState;
  templateCategory: string | null;
  /** Which parts may be changed in this state: all while draft, quiet hours and spread also while paused. */
  editable: { frequencyCap: boolean; quietHours: boolean; spread: boolean };
  frequencyCap: FrequencyCapView;
  quietHours: QuietHoursView;
  spread: SpreadView;
  /** Recipients already skipped as "Excluded: …" (frequency cap, audience filter), by reason. */
  excluded: ExcludedGroup[];
  at: number;
}

/** Recipients waiting for their quiet hours to end, for the progress view. */
export interface QuietWaiting {
  recipients: number;
  /** The earliest opening among them; null when none of them can ever be sent with these settings. */
  until: number | null;
  groups: {
    country: string | null;
    name: string;
    zone: string | null;
    recipients: number;
    until: number | null;
  }[];
}

export interface AccountPacingDefaults {
  accountId: number;
  /** Quiet hours new campaigns of this account start with; null: none. */
  quietHours: { from: string; to: string } | null;
}
