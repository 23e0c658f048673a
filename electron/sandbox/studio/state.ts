import type { Template } from '../../../shared/domain/templates';
import type { FeedLog } from '../feed';
import type { AccountInfo } from '../webhooks';
import { ReviewQueue, reviewOutcome, type RejectionReason } from './review';
import type { TemplateDraft } from '../../../shared/domain/studio';
import { categoryUpdateWebhook, reviewStatusWebhook } from './webhooks';

export interface UploadSession {
  id: string;
  fileName: string;
  length: number;
  type: string;
  received: Buffer[];
  offset: number;
  handle: string | null;
}

/** Meta's edit limits for an APPROVED template (template management page: 1 per 24 h, 10 per 30 days). */
export const EDIT_LIMITS = { perDay: 1, perMonth: 10 } as const;
const DAY = 86_400_000;

/** What the sandbox remembers for the template studio: reviews, rejection reasons, uploads, edits. */
export class StudioState {
  readonly reviews: ReviewQueue;
  readonly rejected = new Map<string, RejectionReason>();
  readonly uploads = new Map<string, UploadSession>();
  readonly handles = new Set<string>();
  readonly edits = new Map<string, number[]>();
  /** Template id → the category it had before Meta moved it (the template object's `previous_category`). */
  readonly previousCategory = new Map<string, string>();

  constructor(
    private readonly deps: {
      account: AccountInfo;
      feed: FeedLog;
      now: () => number;
      reviewDelayMs: number;
    },
  ) {
    this.reviews = new ReviewQueue(deps.now);
  }

  get reviewDelayMs(): number {
    return this.deps.reviewDelayMs;
  }

  /** Queues the review of a just-submitted (or edited) template and the webhooks it ends with. */
  submit(t: Template, draft: TemplateDraft): void {
    const id = t.id ?? '0';
    const dueAt = this.deps.now() + this.deps.reviewDelayMs;
    const outcome = reviewOutcome(draft);
    this.reviews.add({ templateId: id, dueAt, outcome });
    const subject = { id, name: t.name, language: t.language, category: t.category };
    const { account, feed } = this.deps;
    if (outcome.status === 'REJECTED') {
      feed.schedule(dueAt, () =>
        reviewStatusWebhook(account, subject, 'REJECTED', outcome.reason, dueAt),
      );
      return;
    }
    if (outcome.previousCategory && outcome.previousCategory !== outcome.category) {
      this.previousCategory.set(id, outcome.previousCategory);
      feed.schedule(dueAt, () =>
        categoryUpdateWebhook(account, subject, outcome.previousCategory!, outcome.category, dueAt),
      );
    }
    feed.schedule(dueAt, () =>
      reviewStatusWebhook(
        account,
        { ...subject, category: outcome.category },
        'APPROVED',
        'NONE',
        dueAt,
      ),
    );
  }

  settle(templates: Template[]): void {
    this.reviews.settle(templates, this.rejected);
  }

  /** Why an edit of an approved template is refused now, or null. */
  editRefusal(id: string): string | null {
    const now = this.deps.now();
    const times = (this.edits.get(id) ?? []).filter((at) => at > now - 30 * DAY);
    if (times.filter((at) => at > now - DAY).length >= EDIT_LIMITS.perDay)
      return 'An approved template can be edited once in 24 hours.';
    if (times.length >= EDIT_LIMITS.perMonth)
      return 'An approved template can be edited 10 times in 30 days.';
    return null;
  }

  recordEdit(id: string): void {
    const now = this.deps.now();
    this.edits.set(id, [...(this.edits.get(id) ?? []).filter((at) => at > now - 30 * DAY), now]);
  }
}
