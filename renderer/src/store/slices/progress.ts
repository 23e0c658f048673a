import type { StateCreator } from 'zustand';
import type {
  ApiError,
  FailureGroup,
  RecipientState,
  RecipientStatus,
  RetryFailedPlan,
  RetryFailedResult,
  Timeline,
} from '../../../../shared/api';
import { api } from '../../lib/api';
import { FIGURES } from '../../features/progress/figures';
import type { AppState } from '../index';

/** What the recipient table shows: one filter, one search, the rows loaded so far (keyset pages). */
export interface RecipientTableState {
  campaignId: number;
  filter: RecipientFilter;
  search: string;
  items: RecipientStatus[];
  nextAfterId: number | null;
  loading: boolean;
  /** Bumped on every new filter or search: a page that answers for an older one is dropped. */
  generation: number;
  error: ApiError | null;
}

/**
 * The table's filter choices: the finished screen's figures (features/progress/figures.ts), so a
 * chip shows the rows its counter counts, under the same words.
 */
export const RECIPIENT_FILTERS = {
  all: { label: 'All', states: undefined },
  ...FIGURES,
} as const satisfies Record<
  string,
  { label: string; states: readonly RecipientState[] | undefined }
>;
export type RecipientFilter = keyof typeof RECIPIENT_FILTERS;

const PAGE = 200;

export interface ProgressSlice {
  timeline: Timeline | null;
  /** How long the last timeline call took: the next one waits a multiple of it (a 1M-row campaign costs ~1 s). */
  timelineCostMs: number;
  failures: { campaignId: number; groups: FailureGroup[] } | null;
  table: RecipientTableState | null;
  /** The follow-up draft made from `sourceId`'s failures, or why it could not be made. */
  retry: { sourceId: number; result: RetryFailedResult | null; error: ApiError | null } | null;
  loadTimeline: (campaignId: number) => Promise<void>;
  loadFailures: (campaignId: number) => Promise<void>;
  openTable: (campaignId: number, filter?: RecipientFilter, search?: string) => Promise<void>;
  loadMoreRows: () => Promise<void>;
  /** Re-reads the first page in place (no flicker) when only that much is loaded: states move while sending. */
  refreshTableTop: () => Promise<void>;
  retryFailed: (campaignId: number) => Promise<void>;
  /** What "Retry failed" would include and leave out, shown before the draft is created. */
  retryPlan: {
    sourceId: number;
    plan: RetryFailedPlan | null;
    error: ApiError | null;
    /** The plan is read as soon as failures show; the dialog opens only on "Retry failed". */
    open: boolean;
  } | null;
  /** Reads the plan again; `open` shows it in the dialog before "Create draft". */
  planRetry: (campaignId: number, open?: boolean) => Promise<void>;
  closeRetryPlan: () => void;
}

export const createProgressSlice: StateCreator<AppState, [], [], ProgressSlice> = (set, get) => {
  const fetchPage = async (t: RecipientTableState) => {
    const { states } = RECIPIENT_FILTERS[t.filter];
    const search = t.search.trim();
    const r = await api.call('recipients.page', {
      campaignId: t.campaignId,
      ...(states ? { states: [...states] } : {}),
      ...(search ? { search } : {}),
      afterId: t.nextAfterId ?? 0,
      limit: PAGE,
    });
    const now = get().table;
    if (!now || now.generation !== t.generation) return;
    if (!r.ok) return set({ table: { ...now, loading: false, error: r.error } });
    set({
      table: {
        ...now,
        loading: false,
        error: null,
        items: [...now.items, ...r.value.items],
        nextAfterId: r.value.nextAfterId,
      },
    });
  };

  return {
    timeline: null,
    timelineCostMs: 0,
    failures: null,
    table: null,
    retry: null,

    async loadTimeline(campaignId) {
      const started = performance.now();
      // The core widens the buckets to at most 2,000 over the campaign's span.
      const r = await api.call('campaigns.timeline', { campaignId, bucketSeconds: 1 });
      if (r.ok) set({ timeline: r.value, timelineCostMs: performance.now() - started });
    },
    async loadFailures(campaignId) {
      const r = await api.call('campaigns.failures', { campaignId });
      if (r.ok) set({ failures: { campaignId, groups: r.value } });
    },
    async openTable(campaignId, filter, search) {
      const prev = get().table;
      const same = prev?.campaignId === campaignId;
      const t: RecipientTableState = {
        campaignId,
        filter: filter ?? (same ? prev.filter : 'all'),
        search: search ?? (same ? prev.search : ''),
        items: [],
        nextAfterId: 0,
        loading: true,
        generation: (prev?.generation ?? 0) + 1,
        error: null,
      };
      set({ table: t });
      await fetchPage(t);
    },
    async loadMoreRows() {
      const t = get().table;
      if (!t || t.loading || t.nextAfterId === null) return;
      const next = { ...t, loading: true };
      set({ table: next });
      await fetchPage(next);
    },
    async refreshTableTop() {
      const t = get().table;
      if (!t || t.loading || t.items.length > PAGE) return;
      const { states } = RECIPIENT_FILTERS[t.filter];
      const search = t.search.trim();
      const r = await api.call('recipients.page', {
        campaignId: t.campaignId,
        ...(states ? { states: [...states] } : {}),
        ...(search ? { search } : {}),
        afterId: 0,
        limit: PAGE,
      });
      const now = get().table;
      if (
        !r.ok ||
        !now ||
        now.generation !== t.generation ||
        now.loading ||
        now.items.length > PAGE
      )
        return;
      set({ table: { ...now, items: r.value.items, nextAfterId: r.value.nextAfterId } });
    },
    retryPlan: null,
    async planRetry(campaignId, open = true) {
      const r = await api.call('campaigns.retryFailedPlan', { campaignId });
      // A read in the background must not open (or close) the dialog the user has on screen.
      const shown = get().retryPlan;
      const keepOpen = shown?.sourceId === campaignId && shown.open;
      set({
        retryPlan: {
          sourceId: campaignId,
          plan: r.ok ? r.value : null,
          error: r.ok ? null : r.error,
          open: open || keepOpen,
        },
      });
    },
    closeRetryPlan: () => {
      const shown = get().retryPlan;
      set({ retryPlan: shown ? { ...shown, open: false } : null });
    },
    async retryFailed(campaignId) {
      set({ retry: null });
      const r = await api.call('campaigns.retryFailed', { campaignId }, { shownInPlace: true });
      set({
        retryPlan: null,
        retry: {
          sourceId: campaignId,
          result: r.ok ? r.value : null,
          error: r.ok ? null : r.error,
        },
      });
      await get().loadCampaigns();
      // The follow-up draft opens, to be reviewed and sent like any other.
      if (r.ok) get().navigate({ page: 'campaign', id: r.value.campaignId });
    },
  };
};
