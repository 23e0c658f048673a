import type { StateCreator } from 'zustand';
import type { ApiError, MethodInput, StudioTemplate } from '../../../../shared/api';
import type { LibraryTemplate } from '../../../../shared/domain/studio';
import { api } from '../../lib/api';
import type { AppState } from '../index';

/** The template studio's list of drafts and their reviews: a cache of `template_drafts`. */
export interface StudioSlice {
  studioDrafts: StudioTemplate[];
  studioError: ApiError | null;
  studioBusy: boolean;
  loadStudioDrafts: () => Promise<void>;
  /** Saves (and with `submit`, submits) the draft JSON; returns the error or null. */
  saveStudioDraft: (json: string, submit: boolean) => Promise<ApiError | null>;
  refreshStudioStatus: (name: string, language: string) => Promise<void>;
  /** Deletes one language of a template here and at WhatsApp; returns the error or null. */
  removeStudioTemplate: (name: string, language: string) => Promise<ApiError | null>;
  /** Meta's template library as last searched (asked of WhatsApp each time). */
  studioLibrary: LibraryTemplate[];
  searchStudioLibrary: (search: string) => Promise<ApiError | null>;
  createFromLibrary: (input: MethodInput<'templates.fromLibrary'>) => Promise<ApiError | null>;
}

export const createStudioSlice: StateCreator<AppState, [], [], StudioSlice> = (set, get) => ({
  studioDrafts: [],
  studioError: null,
  studioBusy: false,
  async loadStudioDrafts() {
    const r = await api.call('templates.drafts', {});
    set(r.ok ? { studioDrafts: r.value, studioError: null } : { studioError: r.error });
  },
  async saveStudioDraft(json, submit) {
    set({ studioBusy: true });
    const r = await api.call('templates.create', { json, submit, force: false });
    set({ studioBusy: false });
    if (!r.ok) return r.error;
    await get().loadStudioDrafts();
    return null;
  },
  async refreshStudioStatus(name, language) {
    const r = await api.call('templates.status', { name, language });
    if (!r.ok) set({ studioError: r.error });
    await get().loadStudioDrafts();
  },
  studioLibrary: [],
  async searchStudioLibrary(search) {
    const r = await api.call('templates.library', { search });
    if (r.ok) set({ studioLibrary: r.value });
    return r.ok ? null : r.error;
  },
  async createFromLibrary(input) {
    set({ studioBusy: true });
    const r = await api.call('templates.fromLibrary', input);
    set({ studioBusy: false });
    await get().loadStudioDrafts();
    return r.ok ? null : r.error;
  },
  async removeStudioTemplate(name, language) {
    const r = await api.call('templates.remove', { name, language });
    await get().loadStudioDrafts();
    return r.ok ? null : r.error;
  },
});
