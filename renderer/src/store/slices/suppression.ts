import type { StateCreator } from 'zustand';
import type {
  ApiError,
  SuppressionEntry,
  SuppressionImportResult,
  SuppressionRemoval,
} from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';

export const SUPPRESSION_PAGE_SIZE = 50;

export type SuppressionTab = 'active' | 'removed';

/**
 * The Opt-outs page: one page of the list at a time (the list can hold 100,000s of numbers), keyset
 * cursors kept as a stack so "Previous" goes back without offsets. SQLite is the truth: every change
 * refetches the page being shown.
 */
export interface SuppressionSlice {
  suppressionTab: SuppressionTab;
  suppressionSearch: string;
  /** Cursors of the pages before the current one; the current page starts after the last. */
  suppressionCursors: string[];
  suppressionRows: SuppressionEntry[];
  suppressionRemovals: SuppressionRemoval[];
  suppressionTotal: number;
  suppressionNext: string | null;
  suppressionLoaded: boolean;
  suppressionError: ApiError | null;
  suppressionImport: {
    busy: boolean;
    result: SuppressionImportResult | null;
    error: ApiError | null;
  };
  loadSuppression: () => Promise<void>;
  setSuppressionTab: (tab: SuppressionTab) => Promise<void>;
  setSuppressionSearch: (search: string) => Promise<void>;
  suppressionNextPage: () => Promise<void>;
  suppressionPreviousPage: () => Promise<void>;
  addSuppressed: (phone: string, reason: string) => Promise<ApiError | null>;
  removeSuppressed: (phone: string, note: string) => Promise<ApiError | null>;
  importSuppressed: (file: File) => Promise<void>;
  clearSuppressionImport: () => void;
}

export const createSuppressionSlice: StateCreator<AppState, [], [], SuppressionSlice> = (
  set,
  get,
) => ({
  suppressionTab: 'active',
  suppressionSearch: '',
  suppressionCursors: [],
  suppressionRows: [],
  suppressionRemovals: [],
  suppressionTotal: 0,
  suppressionNext: null,
  suppressionLoaded: false,
  suppressionError: null,
  suppressionImport: { busy: false, result: null, error: null },

  async loadSuppression() {
    const { suppressionTab: tab, suppressionSearch: search, suppressionCursors: cursors } = get();
    const after = cursors.at(-1);
    const input = { search, limit: SUPPRESSION_PAGE_SIZE, ...(after ? { after } : {}) };
    if (tab === 'active') {
      const r = await api.call('suppression.list', input);
      if (r.ok)
        set({
          suppressionRows: r.value.rows,
          suppressionTotal: r.value.total,
          suppressionNext: r.value.next,
          suppressionLoaded: true,
          suppressionError: null,
        });
      else set({ suppressionLoaded: true, suppressionError: r.error });
    } else {
      const r = await api.call('suppression.removals', input);
      if (r.ok)
        set({
          suppressionRemovals: r.value.rows,
          suppressionTotal: r.value.total,
          suppressionNext: r.value.next,
          suppressionLoaded: true,
          suppressionError: null,
        });
      else set({ suppressionLoaded: true, suppressionError: r.error });
    }
  },

  async setSuppressionTab(tab) {
    set({ suppressionTab: tab, suppressionCursors: [], suppressionLoaded: false });
    await get().loadSuppression();
  },

  async setSuppressionSearch(search) {
    set({ suppressionSearch: search, suppressionCursors: [] });
    await get().loadSuppression();
  },

  async suppressionNextPage() {
    const next = get().suppressionNext;
    if (!next) return;
    set({ suppressionCursors: [...get().suppressionCursors, next] });
    await get().loadSuppression();
  },

  async suppressionPreviousPage() {
    set({ suppressionCursors: get().suppressionCursors.slice(0, -1) });
    await get().loadSuppression();
  },

  async addSuppressed(phone, reason) {
    const r = await api.call(
      'suppression.add',
      { phone, ...(reason.trim() ? { reason } : {}) },
      { shownInPlace: true },
    );
    if (!r.ok) return r.error;
    // The newest entry is on the first page.
    set({ suppressionTab: 'active', suppressionCursors: [] });
    await get().loadSuppression();
    return null;
  },

  async removeSuppressed(phone, note) {
    const r = await api.call(
      'suppression.remove',
      { phone, ...(note.trim() ? { note } : {}) },
      { shownInPlace: true },
    );
    await get().loadSuppression();
    return r.ok ? null : r.error;
  },

  async importSuppressed(file) {
    set({ suppressionImport: { busy: true, result: null, error: null } });
    const staged = await api.stageFile(file);
    if (!staged.ok)
      return set({ suppressionImport: { busy: false, result: null, error: staged.error } });
    // ImportResult shows the refusal above the list, where the import's result would be.
    const r = await api.call(
      'suppression.import',
      { file: staged.value, fileName: file.name },
      { shownInPlace: true },
    );
    set({
      suppressionImport: {
        busy: false,
        result: r.ok ? r.value : null,
        error: r.ok ? null : r.error,
      },
      suppressionCursors: [],
    });
    await get().loadSuppression();
  },

  clearSuppressionImport() {
    set({ suppressionImport: { busy: false, result: null, error: null } });
  },
});
