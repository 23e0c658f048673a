/**
 * What the status sources tell us, typed. Every source (the webhook relay, the sandbox feed,
 * Cloud API message_history) is turned into these before the reconciler sees it, so the ladder and
 * the reconciler never look at a raw payload. Times are Unix milliseconds (Meta sends seconds).
 */

/** The statuses on the ladder (cloud-api.md §4.1). `played` (voice notes) never concerns templates. */
export const LADDER_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type LadderStatus = (typeof LADDER_STATUSES)[number];

export const isLadderStatus = (s: string): s is LadderStatus =>
  (LADDER_STATUSES as readonly string[]).includes(s);

export interface StatusError {
  /** Meta's numeric code; null when the source gives only words (message_history, §5.1). */
  code: number | null;
  title: string;
  details: string | null;
}

/** One `statuses[]` item of a `messages` webhook, or one event of a message_history entry. */
export interface StatusObservation {
  kind: 'status';
  wamid: string;
  status: LadderStatus;
  /** Meta's timestamp (when Meta triggered it), not when it reached us. */
  at: number;
  /** `recipient_id`: the customer's wa_id (digits, no '+'). */
  waId: string | null;
  /** `biz_opaque_callback_data`, e.g. "cd:12:3456": settles recipients whose send was ambiguous. */
  callback: string | null;
  error: StatusError | null;
  /** What Meta says it charges for the message; only webhooks carry it (not message_history). */
  pricing?: StatusPricing | null;
  phoneNumberId: string | null;
  raw: unknown;
}

export interface StatusPricing {
  billable: boolean | null;
  /** regular, free_customer_service, free_entry_point (per-message pricing since 2025-07-01). */
  type: string | null;
  /** marketing, utility, authentication, authentication_international, service, marketing_lite. */
  category: string | null;
}

/** A `message_template_status_update` change (cloud-api.md §6.3). */
export interface TemplateObservation {
  kind: 'template';
  /** `entry[].id`: the WhatsApp Business Account the template belongs to. */
  wabaId: string | null;
  /** `message_template_id` as a string (Meta sends an integer here, a string elsewhere). */
  templateId: string | null;
  name: string | null;
  language: string | null;
  event: string;
  reason: string | null;
  /** `other_info.title`, e.g. FIRST_PAUSE. */
  title: string | null;
  /** `template_category_update` (event CATEGORY_UPDATE): the category Meta moved the template to. */
  newCategory?: string | null;
  previousCategory?: string | null;
  /** `entry[].time`; 0 when Meta left it out. */
  at: number;
  raw: unknown;
}

/** A `user_preferences` item: the customer stopped or resumed marketing messages (cloud-api.md §9). */
export interface PreferenceObservation {
  kind: 'preference';
  /** Absent from username-era webhooks (issue 16 item 6): then only `userId` names the person. */
  waId: string | null;
  /** The business-scoped user id (`user_id`, e.g. "US.1349…"), when Meta sends one. */
  userId: string | null;
  value: 'stop' | 'resume';
  category: string | null;
  detail: string | null;
  at: number;
  phoneNumberId: string | null;
  raw: unknown;
}

/** An inbound customer message (a reply or a quick-reply tap). Opt-out keywords are issue 9's. */
export interface InboundObservation {
  kind: 'inbound';
  messageId: string;
  /** `from`; absent from username-era webhooks, where only `userId` names the sender. */
  waId: string | null;
  /** `from_user_id` (or the matching `contacts[].user_id`): the business-scoped user id. */
  userId: string | null;
  type: string;
  text: string | null;
  button: { payload: string | null; text: string | null } | null;
  /** The business message a reply answers (`context.id`). */
  contextId: string | null;
  at: number;
  phoneNumberId: string | null;
  /** An image, document, audio, video or sticker the customer sent (issue 19). */
  media?: InboundMedia | null;
  /** A reaction: the emoji and the message reacted to (an empty emoji removes a reaction). */
  reaction?: { messageId: string; emoji: string } | null;
  raw: unknown;
}

export interface InboundMedia {
  kind: 'image' | 'document' | 'audio' | 'video' | 'sticker';
  /** Meta's media id: GET /{id} gives a download URL for 5 minutes; the id lasts 7 days. */
  id: string;
  mimeType: string | null;
  sha256: string | null;
  caption: string | null;
  filename: string | null;
}

/** Meta's word that the business reached a volume tier (`account_update`, see tier-update.ts). */
export interface TierObservation {
  kind: 'tier';
  wabaId: string | null;
  /** YYYY-MM, `effective_month`. */
  month: string;
  /** UTILITY, AUTHENTICATION (Meta's `pricing_category`, upper case). */
  category: string;
  /** The market in Meta's words: "India", "Rest of Africa". */
  region: string;
  tierFrom: number;
  tierTo: number | null;
  /** `tier_update_time`, seconds. */
  at: number;
  raw: unknown;
}

export type Observation =
  | StatusObservation
  | TemplateObservation
  | PreferenceObservation
  | InboundObservation
  | TierObservation;

export interface ParsedObservations {
  observations: Observation[];
  /** Malformed entries and unknown statuses, in words; never thrown. Capped, see MAX_PROBLEMS. */
  problems: string[];
  /** Changes of fields we do not use (account_alerts, …): fine, not problems. */
  ignored: number;
}

/** A bad payload must not flood the log or the UI with one line per item. */
export const MAX_PROBLEMS = 20;

export function addProblem(out: ParsedObservations, problem: string): void {
  if (out.problems.length < MAX_PROBLEMS) out.problems.push(problem);
  else if (out.problems.length === MAX_PROBLEMS) out.problems.push('… more problems left out.');
}

/**
 * The idempotency key. Statuses are keyed by (wamid, status) as Meta's retries require (§4.2).
 * A failure known only in words (message_history has no code) gets its own key, so the same failure
 * arriving later by webhook, with Meta's code, still adds the code instead of being a duplicate.
 */
export function observationKey(o: Observation): string {
  switch (o.kind) {
    case 'status':
      return `s:${o.wamid}:${o.status}${o.status === 'failed' && o.error?.code == null ? ':nocode' : ''}`;
    case 'template':
      return `t:${o.wabaId ?? ''}:${o.templateId ?? `${o.name ?? ''}/${o.language ?? ''}`}:${o.event}:${o.at}`;
    case 'preference':
      return `p:${o.waId ?? `u:${o.userId ?? ''}`}:${o.at}:${o.value}`;
    case 'inbound':
      return `m:${o.messageId}`;
    case 'tier':
      return `v:${o.wabaId ?? ''}:${o.month}:${o.category}:${o.region}:${o.tierFrom}`;
  }
}
