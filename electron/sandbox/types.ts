import type { VolumeTierConfig } from './volume-tiers';
import type { Template } from '../../shared/domain/templates';

/** Delays of the status playout, counted from acceptance. Non-test numbers get a seeded ±50% jitter. */
export interface DeliveryConfig {
  sentAfterMs: number;
  deliveredAfterMs: number;
  readAfterMs: number;
  /**
   * Multiplies the reply test numbers' answer delays (issue 19: 20 s to 3 min, as people take);
   * tests and demos shorten them. Default 1.
   */
  replyDelayScale?: number;
  /** Seeds the outcome mix of numbers that are not documented test numbers. */
  seed: number;
}

/** Where transport faults may strike. Sends only by default, so template sync and polling stay calm. */
export type FaultRoute =
  'messages' | 'media' | 'templates' | 'history' | 'phone_number' | 'analytics';

export interface FaultConfig {
  /** 0..1: answer 500 code 131000 or 503 code 2; nothing is accepted. */
  serverErrorRate?: number;
  /** 0..1: destroy the socket without answering; nothing is accepted. */
  resetRate?: number;
  /** 0..1: accept the message (it counts and plays out), then destroy the socket: the ambiguous case. */
  acceptThenResetRate?: number;
  /** 0..1: hold the request open for `timeoutMs`, then drop it; nothing is accepted. */
  timeoutRate?: number;
  /** Default 30 000. */
  timeoutMs?: number;
  /** Delay every answer on the fault routes. */
  slowMs?: number;
  /** After this many accepted messages (counted from when this config was set) the token stops working. */
  revokeTokenAfter?: number;
  /** After this many accepted messages of that template (counted from when set) it becomes PAUSED. */
  pauseTemplateAfter?: { name: string; language: string; after: number };
  seed?: number;
  /** Default ['messages']. */
  routes?: FaultRoute[];
}

/** Template analytics (cloud-api.md §5), served from what the sandbox accepted and delivered. */
export interface AnalyticsConfig {
  /** Template insights switched on for the WABA. Default true; false to try the opt-in flow. */
  enabled?: boolean;
  /** Answer like a WABA of an EU, UK or Japanese business: template analytics are not offered. */
  unsupportedRegion?: boolean;
  /**
   * Meta adds reads and button clicks to its daily figures late (days, cloud-api.md §5); the sandbox
   * counts one this many ms after it happened. Default 2000.
   */
  countDelayMs?: number;
  /** Share of read messages whose URL / quick-reply button gets clicked (seeded). Default 0.3 / 0.15. */
  clickRates?: { url: number; quickReply: number };
  /** Data points per page. Default 30. */
  pageSize?: number;
  /** Refuse every template_analytics call as Meta does without permission (403, code 200) or when rate limited (429, code 4). */
  refuse?: 'permission' | 'rate_limit';
}

export type HistoryOrder = 'newest-first' | 'oldest-first';
export type MarketingOnboarding = 'ONBOARDED' | 'ELIGIBLE' | 'NOT_ELIGIBLE';

/** The Marketing Messages API side of the account (marketing.ts). */
export interface MarketingConfig {
  /** `marketing_messages_onboarding_status` of the WABA. Default ELIGIBLE (not onboarded yet). */
  onboarding?: MarketingOnboarding;
  /** The WABA switched marketing templates off on Cloud API: /messages answers 131063. */
  cloudApiMarketingOff?: boolean;
  /**
   * Share (0..1) of people (outside the EEA, UK, Japan, South Korea) over Meta's per-user marketing
   * limit on a given day: their marketing messages fail with 131049 for 24 h. Default 0.
   */
  perUserLimitShare?: number;
}

export interface SandboxOptions {
  /** 0 or absent: a random free port. */
  port?: number;
  /** The access token the Graph routes accept. Default 'sandbox-token'. */
  token?: string;
  /** The token of the webhook relay feed (GET /events). Default 'sandbox-feed-token'. */
  feedToken?: string;
  phoneNumberId?: string;
  wabaId?: string;
  /** Digits without '+', as Meta puts it in webhook metadata. */
  displayPhoneNumber?: string;
  /** Throughput limit of the business number (Meta default 80). */
  ratePerSecond?: number;
  /** Pair rate: bursts of `burst` to one recipient, paid back at one per `intervalMs`. Default 45, 6 000 ms (Meta's). */
  pairRate?: { burst: number; intervalMs: number };
  templates?: Template[];
  delivery?: Partial<DeliveryConfig>;
  faults?: FaultConfig;
  analytics?: AnalyticsConfig;
  now?: () => number;
  /**
   * The business portfolio the number belongs to and its messaging limit (unique people per moving
   * 24 h; null = unlimited). Default id '300000000000001', unlimited.
   */
  portfolio?: { id?: string; limit?: number | null };
  /**
   * The order of message_history pages. Meta's pages document no order (cloud-api.md §5.1), so the
   * app must work with either; tests switch it. Default newest-first.
   */
  historyOrder?: HistoryOrder;
  marketing?: MarketingConfig;
  /** Meta's volume tier webhook: the sandbox posts it when its month's count reaches a threshold. */
  volumeTiers?: VolumeTierConfig;
  /** How long a submitted template stays PENDING before its review settles (on `now`). Default 60 000. */
  reviewDelayMs?: number;
  /** Keep each accepted send's `template.components` in `state.messages()` (tests; off by default to save memory). */
  keepComponents?: boolean;
}

export interface SandboxStats {
  /** Keyed by the recipient as E.164 with '+'. */
  acceptedByRecipient: Record<string, number>;
  accepted: number;
  /** Error answers of POST messages, by Meta code. */
  rejected: Record<number, number>;
  /** The most sends accepted within any 1 000 ms. */
  maxInOneSecond: number;
  /** Successful media uploads. */
  media: number;
  /** Send requests reset or timed out before any answer, excluding accept-then-reset. */
  dropped: number;
}

export interface InboundMessage {
  /** The customer's number, with or without '+'. */
  from: string;
  text?: string;
  /** A quick-reply tap: the payload the send carried (or the button text when it carried none). */
  buttonPayload?: string;
  buttonText?: string;
  /** Profile name shown in `contacts`. Default 'Sandbox Customer'. */
  name?: string;
  /** The wamid a button tap replies to; defaults to the last message sent to this customer. */
  contextId?: string;
  /** Username-era webhook: only `from_user_id`, no `from` phone number (cloud-api.md §13). */
  phoneHidden?: boolean;
}

export type StatusName = 'sent' | 'delivered' | 'read' | 'failed';

export interface SentMessageView {
  wamid: string;
  /** E.164 with '+'. */
  to: string;
  waId: string;
  template: { name: string; language: string; category: string };
  /** The endpoint that accepted it, and so how it was priced (`marketing_lite` for the MM API). */
  route: 'cloud' | 'marketing_messages';
  /** `template.components` as the send carried them. */
  components?: unknown;
  bizOpaqueCallbackData?: string;
  acceptedAt: number;
  /** The statuses this message will go through, in timestamp order, with when each becomes visible. */
  plan: { status: StatusName; timestamp: number; visibleAt: number; errorCode?: number }[];
}

export interface SandboxStateView {
  messages: () => readonly SentMessageView[];
  templates: () => Template[];
  /** The token currently accepted, or null after a revocation. */
  token: () => string | null;
  faults: () => FaultConfig;
  /** When this simulator started: it knows nothing sent before (it keeps everything in memory). */
  startedAt: () => number;
  /** Whether template insights are switched on (the opt-in can be made through the API). */
  analyticsEnabled: () => boolean;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  phoneNumberId: string;
  wabaId: string;
  feedToken: string;
  close: () => Promise<void>;
  stats: () => SandboxStats;
  /** Replaces the fault config; the fault random sequence and the "after N" counters restart. */
  setFaults: (f: FaultConfig) => void;
  /** Pauses the template and puts a message_template_status_update PAUSED event in the feed. */
  pauseTemplate: (name: string, language: string) => void;
  revokeToken: () => void;
  /** Changes the Marketing Messages API side of the account (onboarding, 131063, per-user limit). */
  setMarketing: (m: MarketingConfig) => void;
  /** The template is "still syncing" with the MM API for `ms` from now (134101 under STRICT). */
  syncTemplate: (name: string, language: string, ms: number) => void;
  /** Changes the portfolio's messaging limit (null = unlimited), as Meta's scaling would. */
  setPortfolioLimit: (limit: number | null) => void;
  /**
   * Tells the embedded simulator a customer wrote at `at` (its clock). Meta keeps the 24-hour window
   * across our restarts; an in-memory simulator would forget it, so the app restores it on start.
   */
  rememberInbound: (waId: string, at: number) => void;
  setToken: (t: string) => void;
  setHistoryOrder: (order: HistoryOrder) => void;
  /** Puts an inbound `messages` webhook in the feed; returns its wamid. */
  injectInbound: (m: InboundMessage) => string;
  state: SandboxStateView;
}
