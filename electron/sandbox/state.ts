import { normalizePhone } from '../../shared/domain/phone';
import type { Template } from '../../shared/domain/templates';
import { decideOutcome, planStatuses, type PlannedStatus } from './delivery';
import { dropAfterTtl, effectiveTtlMs } from './ttl';
import { FeedLog } from './feed';
import { MarketingState } from './marketing';
import { scheduleReply } from './inbound';
import { Faults } from './faults';
import { createIdMaker, createWamidMaker } from './random';
import { RateLimiter } from './rate';
import type {
  AnalyticsConfig,
  MarketingConfig,
  DeliveryConfig,
  FaultConfig,
  HistoryOrder,
  SandboxStateView,
  SandboxStats,
  SentMessageView,
} from './types';
import { statusWebhook, templateStatusWebhook, type AccountInfo } from './webhooks';
import { StudioState } from './studio/state';
import { VolumeTierCounter, type VolumeTierConfig } from './volume-tiers';

const DAY_MS = 86_400_000;

/**
 * ASSUMED: Meta documents no answer for a portfolio over its messaging limit (cloud-api.md §3.2:
 * "no dedicated code"). The sandbox accepts the message and fails it with 131000 (unknown error), so
 * an app that overruns the limit sees failures rather than silence.
 */
const PORTFOLIO_LIMIT_OUTCOME = { kind: 'failed', code: 131000 } as const;

export interface SentMessage {
  wamid: string;
  /** message_history entry id. */
  historyId: string;
  /** E.164 with '+'. */
  to: string;
  waId: string;
  template: { name: string; language: string; category: string };
  /** `template.components` exactly as received, so tests can see which parameters each recipient got. */
  components?: unknown;
  bizOpaqueCallbackData?: string;
  route: 'cloud' | 'marketing_messages';
  acceptedAt: number;
  /** How many messages this recipient had accepted before this one (seeds simulated clicks). */
  nth: number;
  plan: PlannedStatus[];
}

export interface StoredMedia {
  id: string;
  mime: string;
  size: number;
  uploadedAt: number;
  /** A customer's file (issue 19): kept so GET /{media-id} and its URL can serve it. */
  bytes?: Buffer;
  sha256?: string;
  inbound?: boolean;
}

export interface StateConfig {
  account: AccountInfo;
  token: string;
  feedToken: string;
  templates: readonly Template[];
  delivery: DeliveryConfig;
  rate: { ratePerSecond: number; pairBurst: number; pairIntervalMs: number };
  faults: FaultConfig;
  analytics?: AnalyticsConfig;
  now: () => number;
  keepComponents?: boolean;
  historyOrder?: HistoryOrder;
  /** The business portfolio the number belongs to; limit null = unlimited. */
  portfolio: { id: string; limit: number | null };
  marketing?: MarketingConfig;
  /** How long a submitted template stays in review (on `now`'s clock). */
  reviewDelayMs?: number;
  volumeTiers?: VolumeTierConfig;
}

export interface AcceptInput {
  to: string;
  waId: string;
  /** A session message (issue 19) names its type, e.g. "(text)", with category SERVICE. */
  template: Pick<Template, 'name' | 'language' | 'category' | 'message_send_ttl_seconds'>;
  components?: unknown;
  bizOpaqueCallbackData?: string;
  /** Accepted on /marketing_messages and delivered there (not fallen back to Cloud API). */
  marketingLite?: boolean;
}

/** Everything the sandbox remembers; the HTTP handlers read and change it only through here. */
export class SandboxState {
  readonly account: AccountInfo;
  readonly feedToken: string;
  readonly now: () => number;
  readonly delivery: DeliveryConfig;
  readonly feed: FeedLog;
  readonly rate: RateLimiter;
  readonly faults: Faults;
  readonly startedAt: number;
  /** Template analytics settings with their defaults; `enabled` changes with the opt-in. */
  readonly analytics: Required<Omit<AnalyticsConfig, 'refuse'>> & Pick<AnalyticsConfig, 'refuse'>;
  readonly newId = createIdMaker();
  readonly newWamid = createWamidMaker();
  token: string | null;
  readonly templates: Template[];
  readonly messages = new Map<string, SentMessage>();
  /** Accept order, for message_history paging. */
  readonly messageList: SentMessage[] = [];
  readonly media = new Map<string, StoredMedia>();
  readonly studio: StudioState;
  /** The business portfolio and its messaging limit (people per moving 24 h; null = unlimited). */
  readonly portfolio: { id: string; limit: number | null };
  readonly marketing: MarketingState;
  private readonly volume: VolumeTierCounter;
  /** When each recipient last had a message accepted: the portfolio limit's moving 24 h. */
  private readonly reachedAt = new Map<string, number>();
  private readonly keepComponents: boolean;
  /** message_history's page order; tests may switch it while the sandbox runs. */
  historyOrder: HistoryOrder;
  private readonly lastWamidTo = new Map<string, string>();
  /** When each customer (wa_id) wrote to the business: the customer-service windows. */
  private readonly inboundAt = new Map<string, number[]>();
  private readonly acceptedByRecipient = new Map<string, number>();
  private readonly rejected = new Map<number, number>();
  private accepted = 0;
  private mediaUploads = 0;
  private dropped = 0;

  constructor(c: StateConfig) {
    this.account = c.account;
    this.token = c.token;
    this.feedToken = c.feedToken;
    this.now = c.now;
    this.delivery = c.delivery;
    this.feed = new FeedLog(c.now);
    this.rate = new RateLimiter(c.rate);
    this.faults = new Faults(c.faults);
    this.startedAt = c.now();
    this.analytics = {
      enabled: c.analytics?.enabled ?? true,
      unsupportedRegion: c.analytics?.unsupportedRegion ?? false,
      countDelayMs: c.analytics?.countDelayMs ?? 2000,
      clickRates: c.analytics?.clickRates ?? { url: 0.3, quickReply: 0.15 },
      pageSize: c.analytics?.pageSize ?? 30,
      refuse: c.analytics?.refuse,
    };
    this.keepComponents = c.keepComponents ?? false;
    this.historyOrder = c.historyOrder ?? 'newest-first';
    this.portfolio = { ...c.portfolio };
    this.marketing = new MarketingState(c.marketing, c.delivery.seed);
    this.volume = new VolumeTierCounter(c.volumeTiers, c.account, this.feed);
    this.studio = new StudioState({
      account: c.account,
      feed: this.feed,
      now: c.now,
      // Meta reviews most templates within minutes (up to 24 h); a minute keeps demos short.
      reviewDelayMs: c.reviewDelayMs ?? 60_000,
    });
    // Copies, so pausing one never touches the caller's (or SANDBOX_TEMPLATES') objects.
    this.templates = c.templates.map((t) => ({ ...structuredClone(t), id: t.id ?? this.newId() }));
  }

  findTemplate(name: string, language: string): Template | undefined {
    this.studio.settle(this.templates);
    return this.templates.find((t) => t.name === name && t.language === language);
  }

  setTemplateStatus(name: string, language: string, status: string): void {
    const t = this.findTemplate(name, language);
    if (!t) throw new Error(`The sandbox has no template "${name}" in "${language}".`);
    if (t.status === status) return;
    t.status = status;
    if (status === 'PAUSED')
      t.quality_score = { score: 'RED', date: Math.floor(this.now() / 1000) };
    const at = this.now();
    const subject = { id: t.id ?? '0', name: t.name, language: t.language, category: t.category };
    this.feed.schedule(at, () => templateStatusWebhook(this.account, subject, status, at));
  }

  /** Records an accepted send and schedules its status playout. */
  accept(input: AcceptInput): SentMessage {
    const now = this.now();
    const nth = this.acceptedByRecipient.get(input.to) ?? 0;
    const category = input.template.category.toLowerCase();
    const decision = decideOutcome({
      to: input.to,
      marketing: category === 'marketing',
      nth,
      seed: this.delivery.seed,
    });
    if (category === 'marketing' && this.marketing.overLimit(input.to, now))
      decision.outcome = { kind: 'failed', code: 131049 };
    // Meta stopped delivering marketing templates to US numbers on 2025-04-01: accepted, then
    // failed with 131049 (shared/domain/reach says where that is verified).
    if (category === 'marketing' && isUsNumber(input.to))
      decision.outcome = { kind: 'failed', code: 131049 };
    if (this.overPortfolioLimit(input.to, now)) decision.outcome = PORTFOLIO_LIMIT_OUTCOME;
    const route = input.marketingLite ? 'marketing_messages' : 'cloud';
    const message: SentMessage = {
      wamid: this.newWamid(input.waId),
      historyId: this.newId(),
      to: input.to,
      waId: input.waId,
      template: { name: input.template.name, language: input.template.language, category },
      route,
      acceptedAt: now,
      nth,
      plan: dropAfterTtl(
        planStatuses(decision, now, this.delivery, this.newId),
        now,
        effectiveTtlMs(input.template, route),
      ),
      ...(this.keepComponents &&
        input.components !== undefined && { components: input.components }),
      ...(input.bizOpaqueCallbackData !== undefined && {
        bizOpaqueCallbackData: input.bizOpaqueCallbackData,
      }),
    };
    this.messages.set(message.wamid, message);
    this.messageList.push(message);
    this.lastWamidTo.set(input.waId, message.wamid);
    this.acceptedByRecipient.set(input.to, nth + 1);
    this.accepted += 1;
    this.rate.record(input.to, now);

    const subject = {
      wamid: message.wamid,
      waId: message.waId,
      // Messages the MM API delivered are priced as marketing_lite (cloud-api.md §13).
      category: input.marketingLite ? 'marketing_lite' : category,
      bizOpaqueCallbackData: message.bizOpaqueCallbackData,
    };
    for (const s of message.plan) {
      for (let copy = 0; copy < s.copies; copy++) {
        // A retried duplicate arrives a little after the original.
        this.feed.schedule(s.visibleAt + copy, () => statusWebhook(this.account, subject, s));
      }
    }
    this.volume.count(input.to, subject.category, message.plan);
    scheduleReply(this, message);
    return message;
  }

  /**
   * Whether a message to `to` goes past the portfolio's limit of unique people in a moving 24 h
   * (cloud-api.md §3.2). People already reached in the window cost nothing more.
   */
  private overPortfolioLimit(to: string, now: number): boolean {
    const { limit } = this.portfolio;
    const last = this.reachedAt.get(to);
    const counted = last !== undefined && last > now - DAY_MS;
    if (limit === null || counted) {
      this.reachedAt.set(to, now);
      return false;
    }
    let used = 0;
    for (const at of this.reachedAt.values()) if (at > now - DAY_MS) used++;
    if (used >= limit) return true;
    this.reachedAt.set(to, now);
    return false;
  }

  /** A customer's message at `at` (possibly still to come on the sandbox's clock). */
  recordInbound(waId: string, at: number): void {
    const list = this.inboundAt.get(waId) ?? [];
    list.push(at);
    // Bounded: only the newest message opens the window, a few are kept for out-of-order arrivals.
    if (list.length > 8) list.splice(0, list.length - 8);
    this.inboundAt.set(waId, list);
  }

  /** The customer's latest message at or before `now`, or undefined if they never wrote. */
  lastInboundBefore(waId: string, now: number): number | undefined {
    let last: number | undefined;
    for (const at of this.inboundAt.get(waId) ?? []) if (at <= now && (last ?? -1) < at) last = at;
    return last;
  }

  lastWamidSentTo(waId: string): string | undefined {
    return this.lastWamidTo.get(waId);
  }

  countRejected(code: number): void {
    this.rejected.set(code, (this.rejected.get(code) ?? 0) + 1);
  }

  countDropped(): void {
    this.dropped += 1;
  }

  countMedia(): void {
    this.mediaUploads += 1;
  }

  stats(): SandboxStats {
    return {
      acceptedByRecipient: Object.fromEntries(this.acceptedByRecipient),
      accepted: this.accepted,
      rejected: Object.fromEntries(this.rejected),
      maxInOneSecond: this.rate.maxInOneSecond(),
      media: this.mediaUploads,
      dropped: this.dropped,
    };
  }

  view(): SandboxStateView {
    const toView = (m: SentMessage): SentMessageView => ({
      wamid: m.wamid,
      to: m.to,
      waId: m.waId,
      template: { ...m.template },
      route: m.route,
      ...(m.components !== undefined && { components: structuredClone(m.components) }),
      ...(m.bizOpaqueCallbackData !== undefined && {
        bizOpaqueCallbackData: m.bizOpaqueCallbackData,
      }),
      acceptedAt: m.acceptedAt,
      plan: m.plan.map((s) => ({
        status: s.status,
        timestamp: s.timestamp,
        visibleAt: s.visibleAt,
        ...(s.error && { errorCode: s.error.code }),
      })),
    });
    return {
      messages: () => this.messageList.map(toView),
      templates: () => this.templates.map((t) => structuredClone(t)),
      token: () => this.token,
      faults: () => this.faults.get(),
      startedAt: () => this.startedAt,
      analyticsEnabled: () => this.analytics.enabled,
    };
  }
}

/** A number libphonenumber places in the US (not Canada or the Caribbean, which share +1). */
function isUsNumber(to: string): boolean {
  const p = normalizePhone(to, null);
  return p.ok && p.country === 'US';
}
