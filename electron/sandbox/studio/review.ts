import { checkTemplateDraft, type TemplateDraft } from '../../../shared/domain/studio';
import type { Template } from '../../../shared/domain/templates';

/**
 * The sandbox's template review, modelled on Meta's documented behaviour (template guidelines and
 * the `message_template_status_update` / `template_category_update` webhooks, cloud-api.md §6.3):
 * a submitted template is PENDING, then after a delay APPROVED, REJECTED with one of Meta's
 * `reason` values, or APPROVED in another category (Meta re-categorises instead of rejecting since
 * 2025). Which outcome is ours: the same pre-submission check the app runs (errors → INVALID_FORMAT),
 * wording Meta's policies forbid → ABUSIVE_CONTENT, promotional utility → re-categorised MARKETING.
 */

export type ReviewOutcome =
  | { status: 'APPROVED'; category: string; previousCategory?: string }
  | { status: 'REJECTED'; reason: RejectionReason };

/** Meta's `rejected_reason` / webhook `reason` values (verified: WhatsApp template object reference). */
export type RejectionReason =
  | 'ABUSIVE_CONTENT'
  | 'INCORRECT_CATEGORY'
  | 'INVALID_FORMAT'
  | 'PROMOTIONAL'
  | 'SCAM'
  | 'TAG_CONTENT_MISMATCH';

export function reviewOutcome(draft: TemplateDraft): ReviewOutcome {
  const findings = checkTemplateDraft(draft).findings;
  if (findings.some((f) => f.severity === 'error'))
    return { status: 'REJECTED', reason: 'INVALID_FORMAT' };
  if (findings.some((f) => f.rule === 'forbidden-content'))
    return { status: 'REJECTED', reason: 'ABUSIVE_CONTENT' };
  if (findings.some((f) => f.rule === 'promotional-utility'))
    return { status: 'APPROVED', category: 'MARKETING', previousCategory: draft.category };
  return { status: 'APPROVED', category: draft.category };
}

export interface PendingReview {
  templateId: string;
  dueAt: number;
  outcome: ReviewOutcome;
}

/** Settles reviews lazily against the (possibly fake) clock: no timers, like the webhook feed. */
export class ReviewQueue {
  private readonly pending: PendingReview[] = [];

  constructor(private readonly now: () => number) {}

  add(review: PendingReview): void {
    this.cancel(review.templateId);
    this.pending.push(review);
  }

  cancel(templateId: string): void {
    const i = this.pending.findIndex((r) => r.templateId === templateId);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /** Applies every review due by now to the templates; returns how many were settled. */
  settle(templates: Template[], rejected: Map<string, RejectionReason>): number {
    const now = this.now();
    let settled = 0;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const r = this.pending[i]!;
      if (r.dueAt > now) continue;
      this.pending.splice(i, 1);
      const t = templates.find((x) => x.id === r.templateId);
      if (!t) continue;
      t.status = r.outcome.status;
      if (r.outcome.status === 'APPROVED') {
        t.category = r.outcome.category;
        rejected.delete(r.templateId);
      } else rejected.set(r.templateId, r.outcome.reason);
      settled++;
    }
    return settled;
  }
}
