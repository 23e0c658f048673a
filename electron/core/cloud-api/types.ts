import type { MarketingMessageFields } from './send';
import type { MarketingOnboardingOutcome, WabaInfoOutcome, WabaPhoneNumbersOutcome } from './waba';
import type {
  CreateTemplateOutcome,
  DoneOutcome,
  LibraryOutcome,
  TemplateStateOutcome,
} from './template-admin';
import type { UploadHandleOutcome } from './resumable-upload';
import type { LookupFunction } from 'node:net';
import type { FailureClassification, NetworkFailure } from '../../../shared/domain/errors';
import type { CloudApiTemplateMessage, Template } from '../../../shared/domain/templates';
import type { PortfolioIdOutcome, PortfolioLimitOutcome } from './portfolio';
import type { MediaBytesOutcome, MediaInfoOutcome } from './inbound-media';

export interface CloudApiConfig {
  /** `https://graph.facebook.com`, or a local simulator such as `http://127.0.0.1:4004`. May carry a path prefix. */
  baseUrl: string;
  /** Pinned Graph version, e.g. `v23.0` (webhook and response shapes change by version). */
  graphVersion: string;
  phoneNumberId: string;
  wabaId: string;
  /** Asked before every request, so a token replaced in Accounts takes effect on the next call. */
  getToken: () => string | Promise<string>;
  /** Per request. JSON calls: the whole exchange; media upload: the longest silence. Default 15000. */
  timeoutMs?: number;
  /** Concurrent connections to the API. Default 8. */
  maxSockets?: number;
  /**
   * An idle kept-alive connection is closed after this long (default 10000), well below common load
   * balancer idle timeouts, so we rarely write a send onto a connection the server is closing — that
   * race ends in a reset, and a reset send is "maybe sent".
   */
  idleSocketMs?: number;
  userAgent?: string;
  /** Custom DNS resolution (tests, corporate resolvers). */
  lookup?: LookupFunction;
  /** One call per HTTP request, for the app log. The URL never contains a token. */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RequestLogEntry {
  method: string;
  url: string;
  httpStatus: number | null;
  network?: NetworkFailure;
  durationMs: number;
}

/**
 * Every expected failure of every method. Classified on Meta's numeric `code`; on the HTTP status only
 * when there is no code; on the network kind when no response arrived.
 */
export interface ApiFailure {
  ok: false;
  failure: FailureClassification;
  code: number | null;
  /** Deprecated by Meta since v16 but still seen; informational only. */
  subcode: number | null;
  httpStatus: number | null;
  metaMessage: string | null;
  /** `error.error_data.details`, or a short excerpt of a non-JSON error body. */
  details: string | null;
  fbtraceId: string | null;
  isTransient: boolean | null;
  retryAfterMs?: number;
  network?: NetworkFailure;
}

export interface SendSuccess {
  ok: true;
  wamid: string;
  waId: string | null;
  messageStatus: string | null;
  httpStatus: number;
  retryAfterMs?: number;
}

export type SendOutcome = SendSuccess | ApiFailure;

export interface ListTemplatesOptions {
  /** Page size asked of Meta. Default 100. */
  limit?: number;
  /** Safety bound against a server that never stops paging. Default 50. */
  maxPages?: number;
}

export interface InvalidTemplate {
  raw: unknown;
  errors: string[];
}

export interface ListTemplatesSuccess {
  ok: true;
  templates: Template[];
  invalid: InvalidTemplate[];
  pages: number;
  /** False only when `maxPages` stopped the listing while Meta still offered a next page. */
  complete: boolean;
}

export type ListTemplatesOutcome = ListTemplatesSuccess | ApiFailure;

export interface UploadMediaInput {
  path: string;
  mimeType: string;
  /** Name shown to Meta; defaults to the file's base name. */
  fileName?: string;
}

export type UploadMediaOutcome = { ok: true; id: string } | ApiFailure;

export interface MessageHistoryOptions {
  /** A wamid: restricts the history to that one message. */
  messageId?: string;
  /** The `next` of a previous page. */
  after?: string;
  limit?: number;
}

export interface MessageHistoryEvent {
  /** Meta's `delivery_status` as sent (SENT, DELIVERED, READ, FAILED, ...). */
  status: string;
  /** Unix seconds. */
  timestamp: number;
  webhookUpdateState?: string;
  errorDescription?: string;
}

export interface MessageHistoryItem {
  id: string;
  messageId: string;
  events: MessageHistoryEvent[];
}

export interface MessageHistorySuccess {
  ok: true;
  items: MessageHistoryItem[];
  /** Cursor to pass as `after` for the next page; null on the last page. */
  next: string | null;
  /** Entries without an id or message id, left out of `items`. */
  skipped: number;
}

export type MessageHistoryOutcome = MessageHistorySuccess | ApiFailure;

export interface PhoneNumberInfo {
  id: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
  /** `throughput.level`, e.g. STANDARD. */
  throughputLevel: string | null;
}

export type PhoneNumberInfoOutcome = { ok: true; info: PhoneNumberInfo } | ApiFailure;

export interface TemplateAnalyticsOptions {
  /** Unix seconds; Meta floors it to 00:00 UTC. */
  start: number;
  /** Unix seconds, after start; Meta rounds it up to the next 00:00 UTC. */
  end: number;
  /** Meta template ids (digits), 1 to 10. */
  templateIds: readonly string[];
  /** Default: all of SENT, DELIVERED, READ, CLICKED, COST. */
  metrics?: readonly string[];
  /** The cursor of a previous page. */
  after?: string;
  limit?: number;
}

export interface TemplateAnalyticsClick {
  /** Meta's `type`: `url_button` or `quick_reply_button` (kept as sent, so a new kind is not lost). */
  type: string;
  /** Meta's `button_content`: the button's text. */
  button: string;
  count: number;
}

/** One template on one UTC day, as Meta reports it; a metric Meta did not report is null. */
export interface TemplateAnalyticsPoint {
  templateId: string;
  /** Unix seconds of 00:00 UTC, and of the end of that day. */
  start: number;
  end: number;
  sent: number | null;
  delivered: number | null;
  read: number | null;
  clicked: TemplateAnalyticsClick[];
  /** Meta's `cost` items, e.g. `amount_spent`, `cost_per_delivered`, `cost_per_url_button_click`. */
  cost: { type: string; value: number }[];
}

export type TemplateAnalyticsOutcome =
  { ok: true; points: TemplateAnalyticsPoint[]; next: string | null } | ApiFailure;

export type EnableInsightsOutcome = { ok: true } | ApiFailure;

/**
 * A free-form message, allowed only within the customer-service window (issue 19). Shapes from
 * Meta's text, image and document messages pages (verified 2026): media by uploaded id.
 */
export type CloudApiSessionMessage = {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
} & (
  | { type: 'text'; text: { body: string; preview_url?: boolean } }
  | { type: 'image'; image: { id: string; caption?: string } }
  | { type: 'document'; document: { id: string; caption?: string; filename?: string } }
);

export interface CloudApiClient {
  /** Never retries: a send that may have been accepted must not be sent twice. */
  sendTemplate: (body: CloudApiTemplateMessage) => Promise<SendOutcome>;
  /** The same through the Marketing Messages API (marketing templates only); never retries either. */
  sendMarketing: (body: CloudApiTemplateMessage & MarketingMessageFields) => Promise<SendOutcome>;
  /** The WABA's marketing_messages_onboarding_status (waba.ts). */
  marketingOnboarding: () => Promise<MarketingOnboardingOutcome>;
  /** GET /{media-id}: where a customer's file can be downloaded (5 minutes), its type and size. */
  mediaInfo: (mediaId: string) => Promise<MediaInfoOutcome>;
  /** The file behind mediaInfo's URL, with the token (at most 16 MB, the response limit). */
  mediaBytes: (url: URL) => Promise<MediaBytesOutcome>;
  /** A text, image or document message inside the customer-service window; never retries either. */
  sendSession: (body: CloudApiSessionMessage) => Promise<SendOutcome>;
  listTemplates: (options?: ListTemplatesOptions) => Promise<ListTemplatesOutcome>;
  uploadMedia: (input: UploadMediaInput) => Promise<UploadMediaOutcome>;
  messageHistory: (options?: MessageHistoryOptions) => Promise<MessageHistoryOutcome>;
  phoneNumberInfo: () => Promise<PhoneNumberInfoOutcome>;
  /** The WABA node itself: proves the WABA id (and the token's access to it). */
  wabaInfo: () => Promise<WabaInfoOutcome>;
  /** The WABA's phone numbers: proves the phone number id belongs to this WABA. */
  wabaPhoneNumbers: () => Promise<WabaPhoneNumbersOutcome>;
  /** The business portfolio's messaging limit (Graph v24.0+; portfolio.ts). */
  portfolioMessagingLimit: () => Promise<PortfolioLimitOutcome>;
  /** The business portfolio that owns this account's WABA (portfolio.ts). */
  portfolioOfWaba: () => Promise<PortfolioIdOutcome>;
  /** One page of Meta's daily template analytics for the WABA (cloud-api.md §5). */
  templateAnalytics: (options: TemplateAnalyticsOptions) => Promise<TemplateAnalyticsOutcome>;
  /** Switches template analytics on for the WABA; irreversible on Meta's side. */
  enableTemplateInsights: () => Promise<EnableInsightsOutcome>;
  /** A cheap authenticated call (phoneNumberInfo) that proves token, permission and phone number id together. */
  checkToken: () => Promise<{ ok: true } | ApiFailure>;
  /** POST message_templates: submits a template for review (never retried: not idempotent). */
  createTemplate: (body: unknown) => Promise<CreateTemplateOutcome>;
  /** GET /{template-id}: status, category, rejection reason, previous category. */
  templateState: (templateId: string) => Promise<TemplateStateOutcome>;
  editTemplate: (templateId: string, body: unknown) => Promise<DoneOutcome>;
  /** Deletes every language of the name, or one template when `hsmId` is given. */
  deleteTemplate: (name: string, hsmId?: string) => Promise<DoneOutcome>;
  /** The Resumable Upload API: a sample file → the `header_handle` a template creation needs. */
  uploadSample: (input: { path: string; mimeType: string }) => Promise<UploadHandleOutcome>;
  /** GET /message_template_library: Meta's ready-made templates, by search and language. */
  templateLibrary: (query: { search?: string; language?: string }) => Promise<LibraryOutcome>;
  /** Destroys kept-alive connections. Calls made afterwards throw. */
  close: () => void;
}
