import type { StateCreator } from 'zustand';
import type { ApiError, FilterCount, FilterState } from '../../../../shared/api';
import {
  canonicalFilterJson,
  normalizeFilter,
  type AudienceFilter,
} from '../../../../shared/domain/audience-filter';
import {
  emptyDraft,
  fromFilter,
  toFilterInput,
  type Draft,
} from '../../features/audience/filter/draft';
import { api } from '../../lib/api';
import type { AppState } from '../index';

/**
 * The Audience tab's filter builder: a working copy (the draft) saved a moment after each change,
 * then counted. SQLite keeps the saved filter; the draft only holds what is being typed.
 */
export interface AudienceFilterSlice {
  filterCampaignId: number | null;
  filterState: FilterState | null;
  filterDraft: Draft | null;
  filterCount: FilterCount | null;
  filterCounting: boolean;
  /** A change is waiting to be saved, or being saved. */
  filterDirty: boolean;
  filterError: ApiError | null;
  openFilter: (campaignId: number) => Promise<void>;
  /** After a change elsewhere (an import, the CLI): refetch, and take the saved filter if it changed there. */
  refreshFilter: () => Promise<void>;
  editFilter: (change: (draft: Draft) => Draft) => void;
  /** Saves a pending change now (leaving the tab). */
  flushFilter: () => Promise<void>;
  clearFilter: () => Promise<void>;
}

/** How long typing may pause before the filter is saved and counted. */
export const FILTER_SAVE_DELAY_MS = 400;

const keyOf = (filter: AudienceFilter | null): string =>
  filter ? canonicalFilterJson(filter) : 'none';

export const createAudienceFilterSlice: StateCreator<AppState, [], [], AudienceFilterSlice> = (
  set,
  get,
) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The saved filter as last seen here, to tell our own saves from changes made elsewhere.
  let savedKey = 'none';
  const tickets = { count: 0, save: 0 };
  const id = () => get().filterCampaignId;

  const count = async () => {
    const campaignId = id();
    if (campaignId === null) return;
    const ticket = ++tickets.count;
    set({ filterCounting: true });
    const r = await api.call('campaigns.filterCount', { campaignId });
    if (ticket !== tickets.count || id() !== campaignId) return;
    // A count stopped by a newer filter is not an error: the newer count answers.
    if (!r.ok && r.error.code === 'CONFLICT') return;
    set({ filterCounting: false, ...(r.ok ? { filterCount: r.value } : { filterError: r.error }) });
  };

  const save = async () => {
    timer = undefined;
    const campaignId = id();
    const draft = get().filterDraft;
    if (campaignId === null || !draft) return;
    const input = toFilterInput(draft);
    const key = input ? keyOf(normalizeFilter(input)) : 'none';
    if (key === savedKey) {
      set({ filterDirty: false });
      return;
    }
    const ticket = ++tickets.save;
    const r = await api.call('campaigns.setFilter', { campaignId, filter: input });
    if (id() !== campaignId) return;
    if (!r.ok) {
      if (ticket === tickets.save) set({ filterDirty: false, filterError: r.error });
      return;
    }
    savedKey = keyOf(r.value.filter);
    if (ticket !== tickets.save || timer !== undefined) return; // a newer edit is on its way
    set({ filterState: r.value, filterDirty: false, filterError: null });
    await count();
  };

  return {
    filterCampaignId: null,
    filterState: null,
    filterDraft: null,
    filterCount: null,
    filterCounting: false,
    filterDirty: false,
    filterError: null,

    async openFilter(campaignId) {
      if (id() !== campaignId) {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        savedKey = 'none';
        set({
          filterCampaignId: campaignId,
          filterState: null,
          filterDraft: null,
          filterCount: null,
          filterError: null,
          filterDirty: false,
        });
      }
      const r = await api.call('campaigns.filter', { campaignId });
      if (id() !== campaignId) return;
      if (!r.ok) return set({ filterError: r.error });
      savedKey = keyOf(r.value.filter);
      set({
        filterState: r.value,
        filterDraft: r.value.filter ? fromFilter(r.value.filter) : emptyDraft(r.value.defaults),
      });
      await count();
    },

    async refreshFilter() {
      const campaignId = id();
      if (campaignId === null) return;
      const r = await api.call('campaigns.filter', { campaignId });
      if (id() !== campaignId || !r.ok) return;
      const changedElsewhere = keyOf(r.value.filter) !== savedKey && !get().filterDirty;
      savedKey = changedElsewhere ? keyOf(r.value.filter) : savedKey;
      set({
        filterState: r.value,
        ...(changedElsewhere
          ? {
              filterDraft: r.value.filter
                ? fromFilter(r.value.filter)
                : emptyDraft(r.value.defaults),
            }
          : {}),
      });
      await count();
    },

    editFilter(change) {
      const draft = get().filterDraft;
      if (!draft || get().filterState?.editable === false) return;
      set({ filterDraft: change(draft), filterDirty: true, filterError: null });
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void save(), FILTER_SAVE_DELAY_MS);
    },

    async flushFilter() {
      if (timer === undefined) return;
      clearTimeout(timer);
      await save();
    },

    async clearFilter() {
      const state = get().filterState;
      if (!state) return;
      get().editFilter(() => emptyDraft(get().filterDraft ?? state.defaults));
      await get().flushFilter();
    },
  };
};
