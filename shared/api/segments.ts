import { z } from 'zod';
import { filterSchema, type AudienceFilter } from '../domain/audience-filter';
import { id } from './models';
import { labelText } from './replies';

/** Saved segments over the customer book, and campaigns made from them (issue 18). */

/** What happened to a customer in one campaign; the follow-up's and the history condition's choice. */
export const OUTCOMES = [
  'not-delivered',
  'failed',
  'delivered',
  'read',
  'delivered-not-read',
  'replied',
  'no-reply',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Who a follow-up goes to, as a shop owner says it (the Follow up panel, the core's refusals). */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  'not-delivered': 'Everyone it was not delivered to',
  failed: 'Everyone it failed for (any reason, or one error code)',
  delivered: 'Everyone it was delivered to',
  read: 'Everyone who read it',
  'delivered-not-read': 'Everyone who got it but did not read it',
  replied: 'Everyone who replied',
  'no-reply': 'Everyone who did not reply',
};

export const historyCondition = z.discriminatedUnion('kind', [
  /** Was sent campaign X (WhatsApp accepted it). */
  z.object({ kind: z.literal('got'), campaignId: id }).strict(),
  /** Had this outcome in campaign X; `errorCode` narrows "failed" to one of Meta's codes. */
  z
    .object({
      kind: z.literal('outcome'),
      campaignId: id,
      outcome: z.enum(OUTCOMES),
      errorCode: z.number().int().positive().optional(),
    })
    .strict(),
  /** No message sent to them in the last N days, by any campaign. */
  z.object({ kind: z.literal('quiet'), days: z.number().int().min(1).max(3650) }).strict(),
  /** Carries this label (set by hand on a reply or by a button rule), e.g. "interested". */
  z.object({ kind: z.literal('label'), label: labelText }).strict(),
  /** Their consent is dated on or after this day (UTC). */
  z
    .object({
      kind: z.literal('optedInAfter'),
      date: z.string().regex(/^\d{4}-\d\d-\d\d$/, 'Write the date as YYYY-MM-DD.'),
    })
    .strict(),
]);
export type HistoryCondition = z.infer<typeof historyCondition>;

export const segmentCreateInput = z
  .object({
    name: z.string().trim().min(1, 'Name the segment.').max(120),
    filter: filterSchema.nullable().default(null),
    history: z.array(historyCondition).max(20).default([]),
  })
  .strict();

/** A segment's definition before it is saved: the builder's live count. */
export const segmentCountInput = z
  .object({
    filter: filterSchema.nullable().default(null),
    history: z.array(historyCondition).max(20).default([]),
  })
  .strict();

export const segmentIdInput = z.object({ id }).strict();

export const fillFromSegmentInput = z.object({ campaignId: id, segmentId: id }).strict();

export const fillFollowUpInput = z
  .object({
    campaignId: id,
    sourceCampaignId: id,
    outcome: z.enum(OUTCOMES),
    errorCode: z.number().int().positive().optional(),
  })
  .strict();

/** The follow-up's audience counted before the draft exists (the same rules as fillFollowUp). */
export const followUpPlanInput = fillFollowUpInput.omit({ campaignId: true });

export interface FollowUpPlan {
  /** Recipients the follow-up draft would get. */
  recipients: number;
  /** Who would be left out, and why. */
  leftOut: { reason: string; count: number }[];
}

export interface SegmentDefinition {
  filter: AudienceFilter | null;
  history: HistoryCondition[];
}

export interface Segment extends SegmentDefinition {
  id: number;
  name: string;
  createdAt: number;
}

export interface SegmentCount {
  /** Customers who match now. */
  members: number;
  /** Of them, on the suppression list: a campaign skips them. */
  optedOut: number;
  durationMs: number;
}

export interface AudienceFill {
  campaignId: number;
  /** Recipients written (opt-outs of a segment are written as skipped). */
  recipients: number;
  /** Who was left out, and why. */
  leftOut: { reason: string; count: number }[];
}
