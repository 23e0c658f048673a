import type { StateCreator } from 'zustand';
import type {
  ApiError,
  CostEstimate,
  Precheck,
  SendProgress,
  TestSendResult,
  ValidationSummary,
} from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';

export interface SendSlice {
  sendProgress: Record<number, SendProgress>;
  precheck: Precheck | null;
  precheckLoading: boolean;
  /** Who will receive it and the cost, read with the prechecks: what Review & send and the confirmation show. */
  reach: { campaignId: number; summary: ValidationSummary; estimate: CostEstimate | null } | null;
  /** The last refused send action (start, pause, resume, cancel…), shown where it was pressed. */
  sendError: ApiError | null;
  dismissSendError: () => void;
  testResult: TestSendResult | null;
  loadSendStatus: (campaignId: number) => Promise<void>;
  runPrecheck: (campaignId: number) => Promise<void>;
  startSending: (campaignId: number, scheduleAt?: number) => Promise<void>;
  control: (campaignId: number, action: 'pause' | 'resume' | 'cancel') => Promise<void>;
  resendUnknown: (campaignId: number) => Promise<void>;
  testSend: (campaignId: number, phone: string) => Promise<void>;
  setSendProgress: (p: SendProgress) => void;
}

export const createSendSlice: StateCreator<AppState, [], [], SendSlice> = (set, get) => {
  // The sender's frequent pushes carry no deferred count nor stop-after: keep the last status's.
  const keep = (p: SendProgress) => {
    const last = get().sendProgress[p.campaignId];
    const kept = { deferred: last?.deferred, stopAt: last?.stopAt };
    set({ sendProgress: { ...get().sendProgress, [p.campaignId]: { ...kept, ...p } } });
  };
  const after = async (
    campaignId: number,
    result: { ok: true; value: SendProgress } | { ok: false; error: ApiError },
  ) => {
    if (result.ok) {
      keep(result.value);
      set({ sendError: null });
    } else set({ sendError: result.error });
    await get().loadCampaign(campaignId);
  };
  return {
    sendProgress: {},
    precheck: null,
    precheckLoading: false,
    reach: null,
    sendError: null,
    dismissSendError: () => set({ sendError: null }),
    testResult: null,

    async loadSendStatus(campaignId) {
      const r = await api.call('campaigns.status', { campaignId });
      if (r.ok) keep(r.value);
    },
    async runPrecheck(campaignId) {
      set({ precheckLoading: true });
      const [r, v, e] = await Promise.all([
        api.call('campaigns.precheck', { campaignId }),
        api.call('campaigns.validate', { campaignId }),
        api.call('campaigns.estimate', { campaignId }),
      ]);
      const failed = !r.ok ? r.error : !v.ok ? v.error : null;
      set({
        precheckLoading: false,
        precheck: r.ok ? r.value : null,
        reach: v.ok ? { campaignId, summary: v.value, estimate: e.ok ? e.value : null } : null,
        sendError: failed,
      });
    },
    async startSending(campaignId, scheduleAt) {
      await after(
        campaignId,
        await api.call(
          'campaigns.start',
          { campaignId, ...(scheduleAt ? { scheduleAt } : {}) },
          { shownInPlace: true },
        ),
      );
    },
    async control(campaignId, action) {
      const method =
        action === 'pause'
          ? 'campaigns.pause'
          : action === 'resume'
            ? 'campaigns.resume'
            : 'campaigns.cancel';
      await after(campaignId, await api.call(method, { campaignId }, { shownInPlace: true }));
    },
    async resendUnknown(campaignId) {
      const r = await api.call('campaigns.resendUnknown', { campaignId }, { shownInPlace: true });
      if (!r.ok) set({ sendError: r.error });
      await get().loadSendStatus(campaignId);
      await get().loadCampaign(campaignId);
    },
    async testSend(campaignId, phone) {
      set({ testResult: null });
      const r = await api.call('campaigns.testSend', { campaignId, phone }, { shownInPlace: true });
      set(r.ok ? { testResult: r.value, sendError: null } : { sendError: r.error });
    },
    setSendProgress: (p) => keep(p),
  };
};
