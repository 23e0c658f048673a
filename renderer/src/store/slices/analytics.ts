import type { StateCreator } from 'zustand';
import type { ApiError, CampaignAnalytics } from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';

/** The progress view's "Analytics cross-check": a cache of what the core computed from SQLite. */
export interface AnalyticsSlice {
  analytics: {
    campaignId: number;
    value: CampaignAnalytics | null;
    error: ApiError | null;
    busy: 'loading' | 'refreshing' | 'enabling' | null;
  } | null;
  loadAnalytics: (campaignId: number) => Promise<void>;
  /** Fetches Meta's figures now, then shows them. */
  refreshAnalytics: (campaignId: number) => Promise<void>;
  /** Switches template insights on at Meta for the campaign's account (the user confirmed: irreversible). */
  enableAnalytics: (campaignId: number) => Promise<void>;
}

export const createAnalyticsSlice: StateCreator<AppState, [], [], AnalyticsSlice> = (set, get) => {
  const current = (campaignId: number) => {
    const a = get().analytics;
    return a?.campaignId === campaignId ? a : { campaignId, value: null, error: null, busy: null };
  };
  const run = async (
    campaignId: number,
    busy: 'loading' | 'refreshing' | 'enabling',
    call: () => Promise<{ ok: true; value: CampaignAnalytics } | { ok: false; error: ApiError }>,
  ) => {
    set({ analytics: { ...current(campaignId), busy } });
    const r = await call();
    if (get().analytics?.campaignId !== campaignId) return;
    set({
      analytics: r.ok
        ? { campaignId, value: r.value, error: null, busy: null }
        : { ...current(campaignId), error: r.error, busy: null },
    });
  };
  return {
    analytics: null,
    loadAnalytics: (campaignId) =>
      run(campaignId, 'loading', () => api.call('campaigns.analytics', { campaignId })),
    refreshAnalytics: (campaignId) =>
      run(campaignId, 'refreshing', () => api.call('campaigns.refreshAnalytics', { campaignId })),
    enableAnalytics: (campaignId) =>
      run(campaignId, 'enabling', async () => {
        const accountId = get().analytics?.value?.accountId;
        if (accountId === undefined)
          return {
            ok: false,
            error: { code: 'NOT_FOUND', message: "The campaign's account is not loaded yet." },
          };
        const enabled = await api.call('accounts.enableAnalytics', {
          accountId,
          confirmIrreversible: true,
        });
        if (!enabled.ok) return enabled;
        return api.call('campaigns.refreshAnalytics', { campaignId });
      }),
  };
};
