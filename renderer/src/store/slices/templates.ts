import type { StateCreator } from 'zustand';
import type {
  ApiError,
  CostEstimate,
  EffectiveRateCard,
  MessageSetup,
  Preview,
  TemplateList,
  ValidationSummary,
} from '../../../../shared/api';
import type { Prices } from '../../../../shared/domain/pricing';
import type { MappingSource } from '../../../../shared/domain/templates';
import type { LanguageChoice } from '../../../../shared/domain/translations';
import { api } from '../../lib/api';
import type { AppState } from '../index';

/** Which recipient the preview shows: by id, file row, position, or the next match of a search. */
export type PreviewTarget = {
  recipientId?: number;
  row?: number;
  position?: number;
  search?: string;
};

export interface TemplatesSlice {
  messageCampaignId: number | null;
  templateList: TemplateList | null;
  syncing: boolean;
  setup: MessageSetup | null;
  messagePreview: Preview | null;
  validation: ValidationSummary | null;
  validating: boolean;
  estimate: CostEstimate | null;
  rateCard: EffectiveRateCard | null;
  messageError: ApiError | null;
  openMessage: (campaignId: number) => Promise<void>;
  refreshMessage: () => Promise<void>;
  refreshTemplates: () => Promise<void>;
  syncTemplates: () => Promise<void>;
  addTemplateJson: (json: string) => Promise<ApiError | null>;
  chooseTemplate: (templateId: number) => Promise<void>;
  setSlot: (key: string, source: MappingSource | undefined) => Promise<void>;
  setMediaFile: (file: File) => Promise<void>;
  showRecipient: (target: PreviewTarget) => Promise<void>;
  /** The translation the preview shows instead of the recipient's own; null: the recipient's. */
  previewLanguage: string | null;
  showLanguage: (language: string | null) => Promise<void>;
  /** Null when stored; the refusal otherwise (shown beside the language controls). */
  setLanguage: (choice: LanguageChoice) => Promise<ApiError | null>;
  loadRateCard: () => Promise<void>;
  setRates: (prices: Record<string, Partial<Prices>>) => Promise<ApiError | null>;
  /** Null when done; the refusal otherwise, for the prices dialog to show. */
  resetRates: () => Promise<ApiError | null>;
  /** Meta's rate card CSV; `effectiveDate` when the file does not say from when it applies. */
  importRateCard: (file: File, effectiveDate?: string) => Promise<ApiError | null>;
  removeRateCard: (effectiveDate: string, currency: string) => Promise<ApiError | null>;
  dismissMessageError: () => void;
}

// Accounts whose templates were synced automatically this session (once each, never in a loop).
const autoSynced = new Set<number>();

export const createTemplatesSlice: StateCreator<AppState, [], [], TemplatesSlice> = (set, get) => {
  // Answers can arrive out of order (typing in the mapping); only the newest of each kind is kept.
  const latest = { preview: 0, checks: 0 };

  const campaignId = () => get().messageCampaignId;

  const loadPreview = async (target: PreviewTarget) => {
    const id = campaignId();
    if (id === null) return;
    const ticket = ++latest.preview;
    const language = get().previewLanguage;
    const r = await api.call('campaigns.preview', {
      campaignId: id,
      ...target,
      ...(language !== null ? { language } : {}),
    });
    if (ticket !== latest.preview || campaignId() !== id) return;
    if (r.ok) set({ messagePreview: r.value });
    else set({ messageError: r.error });
  };

  /** Validation and estimate read every recipient: asked together, after the cheap things. */
  const loadChecks = async () => {
    const id = campaignId();
    if (id === null) return;
    const ticket = ++latest.checks;
    set({ validating: true });
    const [v, e] = await Promise.all([
      api.call('campaigns.validate', { campaignId: id }),
      api.call('campaigns.estimate', { campaignId: id }),
    ]);
    if (ticket !== latest.checks || campaignId() !== id) return;
    // A run stopped because the mapping changed again is not an error: the newer run answers.
    const superseded = (x: typeof v | typeof e) => !x.ok && x.error.code === 'CONFLICT';
    if (superseded(v) || superseded(e)) return;
    set({
      validating: false,
      validation: v.ok ? v.value : null,
      estimate: e.ok ? e.value : null,
      ...(!v.ok ? { messageError: v.error } : !e.ok ? { messageError: e.error } : {}),
    });
  };

  const afterChange = async (setup: MessageSetup) => {
    set({ setup, messageError: null });
    const current = get().messagePreview?.recipient?.id;
    await loadPreview(current !== undefined ? { recipientId: current } : {});
    await loadChecks();
  };

  const withSetup = async (
    call: Promise<{ ok: true; value: MessageSetup } | { ok: false; error: ApiError }>,
  ) => {
    const r = await call;
    if (r.ok) return afterChange(r.value);
    set({ messageError: r.error });
    // A refused change leaves the stored set-up as it was: show that, not the optimistic edit.
    const id = campaignId();
    const stored = id === null ? null : await api.call('campaigns.message', { campaignId: id });
    if (stored?.ok && campaignId() === id) set({ setup: stored.value });
  };

  return {
    messageCampaignId: null,
    templateList: null,
    syncing: false,
    setup: null,
    messagePreview: null,
    validation: null,
    validating: false,
    estimate: null,
    rateCard: null,
    messageError: null,

    async openMessage(id) {
      if (campaignId() !== id) {
        set({
          messageCampaignId: id,
          setup: null,
          messagePreview: null,
          previewLanguage: null,
          validation: null,
          estimate: null,
          messageError: null,
          templateList: null,
        });
      }
      const setup = await api.call('campaigns.message', { campaignId: id });
      if (campaignId() !== id) return;
      if (!setup.ok) return set({ messageError: setup.error });
      set({ setup: setup.value });
      await get().refreshTemplates();
      const list = get().templateList;
      if (list && list.syncedAt === null && !autoSynced.has(list.accountId)) {
        autoSynced.add(list.accountId);
        await get().syncTemplates();
      }
      await Promise.all([loadPreview({}), loadChecks(), get().loadRateCard()]);
    },

    async refreshMessage() {
      const id = campaignId();
      if (id === null) return;
      const setup = await api.call('campaigns.message', { campaignId: id });
      if (campaignId() !== id || !setup.ok) return;
      await afterChange(setup.value);
    },

    async refreshTemplates() {
      const accountId = get().setup?.accountId;
      if (accountId === undefined) return;
      const r = await api.call('templates.list', { accountId });
      if (r.ok) set({ templateList: r.value });
      else set({ messageError: r.error });
    },

    async syncTemplates() {
      const accountId = get().setup?.accountId;
      if (accountId === undefined) return;
      set({ syncing: true });
      const r = await api.call('templates.sync', { accountId });
      set({ syncing: false, ...(r.ok ? {} : { messageError: r.error }) });
      await get().refreshTemplates();
    },

    async addTemplateJson(json) {
      const accountId = get().setup?.accountId;
      const r = await api.call(
        'templates.add',
        {
          json,
          ...(accountId !== undefined ? { accountId } : {}),
        },
        { shownInPlace: true },
      );
      await get().refreshTemplates();
      return r.ok ? null : r.error;
    },

    async chooseTemplate(templateId) {
      const id = campaignId();
      if (id !== null)
        await withSetup(api.call('campaigns.setTemplate', { campaignId: id, templateId }));
    },

    async setSlot(key, source) {
      const id = campaignId();
      const setup = get().setup;
      if (id === null || !setup) return;
      const mapping = { ...setup.mapping };
      if (source === undefined) delete mapping[key];
      else mapping[key] = source;
      // Shown at once; the core's answer (with its problems) replaces it.
      set({ setup: { ...setup, mapping } });
      await withSetup(api.call('campaigns.setMapping', { campaignId: id, mapping }));
    },

    async setMediaFile(file) {
      const id = campaignId();
      if (id === null) return;
      const staged = await api.stageFile(file);
      if (!staged.ok) return set({ messageError: staged.error });
      await withSetup(
        api.call('campaigns.setMediaFile', {
          campaignId: id,
          file: staged.value,
          fileName: file.name,
        }),
      );
    },

    // Another recipient is shown in its own language until a translation is picked again.
    showRecipient: (target) => {
      set({ previewLanguage: null });
      return loadPreview(target);
    },

    previewLanguage: null,
    async showLanguage(language) {
      set({ previewLanguage: language });
      const current = get().messagePreview?.recipient?.id;
      await loadPreview(current !== undefined ? { recipientId: current } : {});
    },

    async setLanguage(choice) {
      const id = campaignId();
      if (id === null) return null;
      const r = await api.call(
        'campaigns.setLanguage',
        { campaignId: id, choice },
        { shownInPlace: true },
      );
      if (!r.ok) return r.error;
      set({ previewLanguage: null });
      await get().refreshMessage();
      return null;
    },

    async loadRateCard() {
      const r = await api.call('pricing.rateCard', {});
      if (r.ok) set({ rateCard: r.value });
    },

    async setRates(prices) {
      const r = await api.call('pricing.setRates', { prices }, { shownInPlace: true });
      if (!r.ok) return r.error;
      set({ rateCard: r.value });
      await loadChecks();
      return null;
    },

    async resetRates() {
      const r = await api.call('pricing.setRates', { reset: true }, { shownInPlace: true });
      if (!r.ok) return r.error;
      set({ rateCard: r.value });
      await loadChecks();
      return null;
    },

    async importRateCard(file, effectiveDate) {
      const staged = await api.stageFile(file);
      if (!staged.ok) return staged.error;
      const r = await api.call(
        'pricing.importCard',
        { file: staged.value, fileName: file.name, ...(effectiveDate ? { effectiveDate } : {}) },
        { shownInPlace: true },
      );
      if (!r.ok) return r.error;
      await get().loadRateCard();
      await loadChecks();
      return null;
    },

    async removeRateCard(effectiveDate, currency) {
      const r = await api.call(
        'pricing.removeCard',
        { effectiveDate, currency },
        { shownInPlace: true },
      );
      if (!r.ok) return r.error;
      set({ rateCard: r.value });
      await loadChecks();
      return null;
    },

    dismissMessageError: () => set({ messageError: null }),
  };
};
