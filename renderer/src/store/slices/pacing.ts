import type { StateCreator } from 'zustand';
import type {
  AccountPacingDefaults,
  ApiError,
  MethodInput,
  PacingView,
} from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';

/** Frequency cap, quiet hours and spread of campaigns, and the accounts' default quiet hours: a cache of SQLite. */
export interface PacingSlice {
  pacing: Record<number, PacingView>;
  pacingError: ApiError | null;
  pacingSaving: boolean;
  accountPacing: AccountPacingDefaults[];
  accountPacingError: ApiError | null;
  loadPacing: (campaignId: number) => Promise<void>;
  /** Saves one or more parts; returns the error, or null. The prechecks follow for a draft. */
  savePacing: (input: MethodInput<'campaigns.setPacing'>) => Promise<ApiError | null>;
  loadAccountPacing: () => Promise<void>;
  saveAccountQuietHours: (
    accountId: number,
    quietHours: { from: string; to: string } | null,
  ) => Promise<ApiError | null>;
}

export const createPacingSlice: StateCreator<AppState, [], [], PacingSlice> = (set, get) => {
  const keep = (v: PacingView) => set({ pacing: { ...get().pacing, [v.campaignId]: v } });
  // Saves go one at a time: two edits in quick succession must land in the order they were made.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    pacing: {},
    pacingError: null,
    pacingSaving: false,
    accountPacing: [],
    accountPacingError: null,

    async loadPacing(campaignId) {
      const r = await api.call('campaigns.pacing', { campaignId });
      if (r.ok) keep(r.value);
      set({ pacingError: r.ok ? null : r.error });
    },
    savePacing: (input) =>
      serial(async () => {
        set({ pacingSaving: true });
        const r = await api.call('campaigns.setPacing', input);
        set({ pacingSaving: false, pacingError: r.ok ? null : r.error });
        if (!r.ok) return r.error;
        keep(r.value);
        if (r.value.state === 'draft') void get().runPrecheck(input.campaignId);
        return null;
      }),
    async loadAccountPacing() {
      const r = await api.call('accounts.pacingDefaults', {});
      set(
        r.ok
          ? { accountPacing: r.value, accountPacingError: null }
          : { accountPacingError: r.error },
      );
    },
    async saveAccountQuietHours(accountId, quietHours) {
      const r = await api.call('accounts.update', { id: accountId, quietHours });
      if (!r.ok) return r.error;
      await get().loadAccountPacing();
      return null;
    },
  };
};
