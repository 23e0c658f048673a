import type { StateCreator } from 'zustand';
import type {
  ApiError,
  AudienceFill,
  Outcome,
  Segment,
  SegmentCount,
} from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';
import type { DraftDefinition } from '../../features/customers/segment-draft';

export type SavedSegment = Segment & { count: SegmentCount };

type Made = { ok: true; campaignId: number; fill: AudienceFill } | { ok: false; error: ApiError };

/**
 * Saved segments, and the campaigns made from them: from a segment, or a follow-up of a sent
 * campaign. A new campaign is a draft filled at once; the user lands on it to pick the message.
 */
export interface SegmentsSlice {
  segments: SavedSegment[];
  segmentsLoaded: boolean;
  segmentsError: ApiError | null;
  loadSegments: () => Promise<void>;
  saveSegment: (
    name: string,
    def: DraftDefinition,
  ) => Promise<{ ok: true; segment: SavedSegment } | { ok: false; error: ApiError }>;
  campaignFromSegment: (name: string, segmentId: number, accountId?: number) => Promise<Made>;
  followUpCampaign: (
    name: string,
    sourceCampaignId: number,
    outcome: Outcome,
    errorCode?: number,
  ) => Promise<Made>;
}

export const createSegmentsSlice: StateCreator<AppState, [], [], SegmentsSlice> = (set, get) => ({
  segments: [],
  segmentsLoaded: false,
  segmentsError: null,

  async loadSegments() {
    const r = await api.call('segments.list', {});
    if (r.ok) set({ segments: r.value, segmentsLoaded: true, segmentsError: null });
    else set({ segmentsLoaded: true, segmentsError: r.error });
  },

  async saveSegment(name, def) {
    const r = await api.call('segments.create', { name, ...def }, { shownInPlace: true });
    await get().loadSegments();
    return r.ok ? { ok: true, segment: r.value } : { ok: false, error: r.error };
  },

  async campaignFromSegment(name, segmentId, accountId) {
    const made = await get().createCampaign(name, accountId);
    if (!made.ok) return made;
    const fill = await api.call(
      'campaigns.fillFromSegment',
      { campaignId: made.campaign.id, segmentId },
      { shownInPlace: true },
    );
    return opened(get, made.campaign.id, fill);
  },

  async followUpCampaign(name, sourceCampaignId, outcome, errorCode) {
    const made = await get().createCampaign(name);
    if (!made.ok) return made;
    const fill = await api.call(
      'campaigns.fillFollowUp',
      {
        campaignId: made.campaign.id,
        sourceCampaignId,
        outcome,
        ...(errorCode === undefined ? {} : { errorCode }),
      },
      { shownInPlace: true },
    );
    // A refused fill leaves no empty draft behind: the user stays on the panel with the reason.
    if (!fill.ok)
      await api.call('campaigns.delete', { id: made.campaign.id }, { shownInPlace: true });
    return opened(get, made.campaign.id, fill);
  },
});

/** Opens the new draft either way: filled, or empty with the refusal shown where the user acted. */
function opened(
  get: () => AppState,
  campaignId: number,
  fill: { ok: true; value: AudienceFill } | { ok: false; error: ApiError },
): Made {
  void get().loadCampaigns();
  if (!fill.ok) return { ok: false, error: fill.error };
  get().navigate({ page: 'campaign', id: campaignId });
  return { ok: true, campaignId, fill: fill.value };
}
