import {
  fillFollowUpInput,
  fillFromSegmentInput,
  followUpPlanInput,
  segmentCountInput,
  segmentCreateInput,
  segmentIdInput,
  type AudienceFill,
  type FollowUpPlan,
  type Segment,
  type SegmentCount,
} from '../segments';
import { method } from './define';
import { z } from 'zod';

const none = z.object({}).strict();

export const segmentMethods = {
  'segments.create': method<typeof segmentCreateInput, Segment & { count: SegmentCount }>(
    segmentCreateInput,
  ),
  'segments.list': method<typeof none, (Segment & { count: SegmentCount })[]>(none),
  /** The live count of a definition not saved yet (the segment builder). */
  'segments.count': method<typeof segmentCountInput, SegmentCount>(segmentCountInput),
  /** One segment with its live count (evaluated now). */
  'segments.show': method<typeof segmentIdInput, Segment & { count: SegmentCount }>(segmentIdInput),
  /** An empty draft's audience from a segment, evaluated now; the recipients are exactly who was in it. */
  'campaigns.fillFromSegment': method<typeof fillFromSegmentInput, AudienceFill>(
    fillFromSegmentInput,
  ),
  /** An empty draft's audience: who had an outcome in a sent campaign, minus opt-outs and Meta's rules. */
  'campaigns.fillFollowUp': method<typeof fillFollowUpInput, AudienceFill>(fillFollowUpInput),
  /** Who a follow-up would reach, counted now without creating anything (the Follow up panel). */
  'campaigns.followUpPlan': method<typeof followUpPlanInput, FollowUpPlan>(followUpPlanInput),
};
