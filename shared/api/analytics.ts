/**
 * Template analytics as a cross-check (issue 6 item 3, issue 9's click counts): Meta's own daily
 * figures per template next to the app's counts. Meta counts per template and UTC day, not per
 * campaign, so every figure here covers the campaign's template(s) on the campaign's days.
 */

/** What Meta last said about template insights on the WhatsApp Business Account. */
export type AnalyticsMetaState = 'unknown' | 'enabled' | 'not_enabled' | 'unsupported';

export interface AnalyticsHealth {
  accountId: number;
  sandbox: boolean;
  metaState: AnalyticsMetaState;
  /** When the user switched insights on through Campaign Desk (irreversible on Meta's side). */
  enabledAt: number | null;
  /** Whether Campaign Desk fetches analytics for this account (the user can switch it off). */
  polling: boolean;
  /** ok: the last fetch worked; failing: see lastError; idle: nothing fetched yet; off. */
  state: 'ok' | 'failing' | 'idle' | 'off';
  lastPollAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveErrors: number;
  nextPollAt: number | null;
  callsThisHour: number;
  budgetPerHour: number;
}

export interface ButtonClicks {
  /** Meta's kind: `url_button` or `quick_reply_button`. */
  type: string;
  /** The button's text, as Meta reports it. */
  button: string;
  count: number;
}

export interface CostFigure {
  /** Meta's kind, e.g. `amount_spent`, `cost_per_delivered`, `cost_per_url_button_click`. */
  type: string;
  /** In the account's currency (Meta's figure, not an invoice). */
  value: number;
}

export interface DeliveryFigures {
  sent: number;
  delivered: number;
  read: number;
}

export interface MetaFigures {
  /** Null when Meta did not report that metric. */
  sent: number | null;
  delivered: number | null;
  read: number | null;
  clicks: ButtonClicks[];
  /** Only `amount_spent` is summed over days; per-unit figures are recomputed from the sums. */
  cost: CostFigure[];
}

/** Our own counts for the same template(s) and UTC days, over every campaign of the account. */
export interface OwnFigures extends DeliveryFigures {
  /** Accepted by Meta, then failed: not in `sent`. */
  failed: number;
}

export interface AnalyticsDay {
  /** 00:00 UTC, Unix ms. */
  day: number;
  templateMetaId: string;
  /** Null when nothing was fetched for this day yet. */
  meta: MetaFigures | null;
  ours: OwnFigures;
  fetchedAt: number | null;
}

export interface AnalyticsTemplateRef {
  templateId: number;
  /** Meta's template id; without it Meta cannot be asked. */
  metaId: string | null;
  name: string;
  language: string;
}

/** Another campaign of the account that sent the same template on some of these days. */
export interface OverlappingCampaign {
  campaignId: number;
  name: string;
  /** Messages it had accepted on those days. */
  sent: number;
  /** 00:00 UTC of each shared day, Unix ms. */
  days: number[];
}

export type ExplanationCode =
  | 'not_enabled'
  | 'unsupported_region'
  | 'no_meta_id'
  | 'not_sent'
  | 'not_fetched'
  | 'fetch_failed'
  | 'sandbox_forgot'
  | 'other_campaigns'
  | 'late_counts'
  | 'utc_days'
  | 'sent_elsewhere'
  | 'meta_behind'
  | 'match';

export interface Explanation {
  code: ExplanationCode;
  text: string;
}

export interface CampaignAnalytics {
  campaignId: number;
  accountId: number;
  templates: AnalyticsTemplateRef[];
  /** The campaign's UTC days (first and last 00:00 UTC, Unix ms); null before anything was sent. */
  days: { from: number; to: number } | null;
  /** Meta's figures summed over the days (null: nothing fetched for any of them). */
  meta: MetaFigures | null;
  /** The app's counts for the same template(s) and days, all campaigns of the account. */
  ours: OwnFigures;
  /** This campaign alone. */
  campaign: OwnFigures;
  /** Meta minus ours; null where Meta's figure is missing. */
  differences: { sent: number | null; delivered: number | null; read: number | null };
  perDay: AnalyticsDay[];
  overlapping: OverlappingCampaign[];
  /** The oldest and newest fetch behind the figures. */
  fetched: { oldest: number; newest: number } | null;
  /** Why Meta's figures can differ from ours here, most important first. */
  explanations: Explanation[];
  health: AnalyticsHealth;
}

/** Clicks per template and button for a campaign's days: what the A/B comparison shows per variant. */
export interface CampaignButtonClicks {
  campaignId: number;
  templates: {
    templateId: number;
    metaId: string | null;
    name: string;
    language: string;
    clicks: ButtonClicks[];
    /** Other campaigns that sent this template on these days: Meta's clicks include theirs. */
    sharedWith: number[];
  }[];
  fetchedAt: number | null;
  /** Null when figures are there; otherwise why not, in words. */
  unavailable: string | null;
}
