import type { CheckResult, TemplateDraft } from '../domain/studio';

/** The template studio: drafts written in the app, checked, submitted and followed at Meta. */

export interface StudioTemplate {
  id: number;
  accountId: number;
  name: string;
  language: string;
  category: string;
  /** DRAFT until submitted; then Meta's status (PENDING, APPROVED, REJECTED, PAUSED…). */
  status: string;
  metaId: string | null;
  /** Meta's reason code (INVALID_FORMAT…) and, in `rejection`, what it means and how to fix it. */
  rejectedReason: string | null;
  rejection: { reason: string; fix: string } | null;
  /** Set when Meta moved the template to another category (the price changes with it). */
  previousCategory: string | null;
  categoryChange: string | null;
  submittedAt: number | null;
  updatedAt: number;
  draft: TemplateDraft;
  check: CheckResult;
}

export interface StudioCheckResult extends CheckResult {
  /** The draft as parsed, or null when the JSON could not be read. */
  draft: TemplateDraft | null;
}

export interface StudioDeleteResult {
  /** Drafts removed here, and whether Meta deleted the template (submitted ones). */
  deleted: number;
  deletedAtMeta: boolean;
}
