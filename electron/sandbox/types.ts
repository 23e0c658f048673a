import type { Template } from '../../shared/domain/templates';

/** Delays of the status playout, counted from acceptance. Non-test numbers get a seeded ±50% jitter. */
export interface DeliveryConfig {
  sentAfterMs: number;
  deliveredAfterMs: number;
  readAfterMs: number;
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
  /** Pair rate: at most `max` accepted messages to one recipient within `windowMs`. Default 10 in 6 000 ms. */
  pairRate?: { max: number; windowMs: number };
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
  /** Changes the portfolio's messaging limit (null = unlimited), as Meta's scaling would. */
  setPortfolioLimit: (limit: number | null) => void;
  setToken: (t: string) => void;
  /** Puts an inbound `messages` webhook in the feed; returns its wamid. */
  injectInbound: (m: InboundMessage) => string;
  state: SandboxStateView;
}
