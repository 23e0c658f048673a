import type { StateCreator } from 'zustand';
import type { ApiError, Campaign, CampaignSummary } from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';

export interface CampaignsSlice {
  campaigns: CampaignSummary[];
  campaignsLoaded: boolean;
  campaignsError: ApiError | null;
  current: Campaign | null;
  currentError: ApiError | null;
  loadCampaigns: () => Promise<void>;
  loadCampaign: (id: number) => Promise<void>;
  createCampaign: (
    name: string,
    accountId?: number,
  ) => Promise<{ ok: true; campaign: Campaign } | { ok: false; error: ApiError }>;
  renameCampaign: (id: number, name: string) => Promise<ApiError | null>;
  deleteCampaign: (id: number) => Promise<ApiError | null>;
}

/** The list is a cache of SQLite: every mutation refetches instead of patching it locally. */
export const createCampaignsSlice: StateCreator<AppState, [], [], CampaignsSlice> = (set, get) => ({
  campaigns: [],
  campaignsLoaded: false,
  campaignsError: null,
  current: null,
  currentError: null,

  async loadCampaigns() {
    const result = await api.call('campaigns.list', {});
    if (result.ok) set({ campaigns: result.value, campaignsLoaded: true, campaignsError: null });
    else set({ campaignsLoaded: true, campaignsError: result.error });
  },

  async loadCampaign(id) {
    const result = await api.call('campaigns.get', { id });
    if (result.ok) set({ current: result.value, currentError: null });
    else set({ current: null, currentError: result.error });
  },

  async createCampaign(name, accountId) {
    const result = await api.call(
      'campaigns.create',
      {
        name,
        ...(accountId !== undefined ? { accountId } : {}),
      },
      { shownInPlace: true },
    );
    await get().loadCampaigns();
    return result.ok ? { ok: true, campaign: result.value } : { ok: false, error: result.error };
  },

  async renameCampaign(id, name) {
    const result = await api.call('campaigns.rename', { id, name }, { shownInPlace: true });
    await get().loadCampaigns();
    if (get().current?.id === id) await get().loadCampaign(id);
    return result.ok ? null : result.error;
  },

  async deleteCampaign(id) {
    const result = await api.call('campaigns.delete', { id }, { shownInPlace: true });
    await get().loadCampaigns();
    return result.ok ? null : result.error;
  },
});
