import type { StateCreator } from 'zustand';
import type {
  ApiError,
  MessageSetup,
  Result,
  VariantComparison,
  VariantId,
  VariantPreview,
  VariantsView,
} from '../../../../shared/api';
import type { MappingSource, UtmParams } from '../../../../shared/domain/templates';
import { api } from '../../lib/api';
import type { AppState } from '../index';
import type { PreviewTarget } from './templates';

/**
 * A/B variants in the Message tab (which variant is being edited, B's and C's set-up and preview) and
 * the comparison in the progress view. A cache of what the core says; every change goes through it.
 */
export interface VariantsSlice {
  variantsView: VariantsView | null;
  /** The variant the Message tab edits; A is the campaign's own template and mapping. */
  selectedVariant: VariantId;
  /** B's or C's set-up in the Message tab's shape (null while A is selected). */
  variantSetup: MessageSetup | null;
  /** The preview of the selected variant, used once the campaign is split (it says who gets which). */
  variantPreview: VariantPreview | null;
  variantError: ApiError | null;
  comparison: VariantComparison | null;
  loadVariants: (campaignId: number) => Promise<void>;
  /** Re-reads the view, the selected set-up and the preview (after db.changed). */
  refreshVariants: () => Promise<void>;
  selectVariant: (id: VariantId) => Promise<void>;
  addVariant: () => Promise<void>;
  removeVariant: (id: 'B' | 'C') => Promise<void>;
  setVariantShares: (shares: Partial<Record<VariantId, number>>) => Promise<ApiError | null>;
  reshuffleVariants: () => Promise<void>;
  renameVariant: (id: VariantId, label: string) => Promise<void>;
  chooseVariantTemplate: (templateId: number) => Promise<void>;
  setVariantSlot: (key: string, source: MappingSource | undefined) => Promise<void>;
  setVariantMediaFile: (file: File) => Promise<void>;
  setUtm: (slot: string, utm: UtmParams | null) => Promise<void>;
  showVariantRecipient: (target: PreviewTarget) => Promise<void>;
  dismissVariantError: () => void;
  loadComparison: (campaignId: number) => Promise<void>;
}

const isExtra = (id: VariantId): id is 'B' | 'C' => id !== 'A';

export const createVariantsSlice: StateCreator<AppState, [], [], VariantsSlice> = (set, get) => {
  // Answers can arrive out of order (typing in the mapping, HTTP requests on parallel connections):
  // only the newest preview is kept; a set-up read is dropped when any change ran while it was out, so
  // it can never undo that change; and only the newest change's answer replaces the set-up.
  let previewTicket = 0;
  let readTicket = 0;
  let changeTicket = 0;
  let changesInFlight = 0;
  let changeEpoch = 0;
  const campaignId = () => get().messageCampaignId;

  const loadPreview = async (target: PreviewTarget) => {
    const id = campaignId();
    const view = get().variantsView;
    if (id === null || !view?.split) return set({ variantPreview: null });
    const ticket = ++previewTicket;
    const variant = get().selectedVariant;
    const r = await api.call('variants.preview', { campaignId: id, variant, ...target });
    if (ticket !== previewTicket || campaignId() !== id) return;
    if (r.ok) set({ variantPreview: r.value });
    else set({ variantError: r.error });
  };
  const currentTarget = (): PreviewTarget => {
    const rid = get().variantPreview?.recipient?.id ?? get().messagePreview?.recipient?.id;
    return rid !== undefined ? { recipientId: rid } : {};
  };

  const loadSetup = async () => {
    const id = campaignId();
    const variant = get().selectedVariant;
    if (id === null || !isExtra(variant)) return set({ variantSetup: null });
    const ticket = ++readTicket;
    const epoch = changeEpoch;
    const r = await api.call('variants.message', { campaignId: id, variant });
    if (
      ticket !== readTicket ||
      epoch !== changeEpoch ||
      changesInFlight > 0 ||
      campaignId() !== id ||
      get().selectedVariant !== variant
    )
      return;
    if (r.ok) set({ variantSetup: r.value });
    else set({ variantError: r.error });
  };

  const loadView = async () => {
    const id = campaignId();
    if (id === null) return;
    const r = await api.call('variants.get', { campaignId: id });
    if (campaignId() !== id) return;
    if (!r.ok) return set({ variantError: r.error });
    const selected = r.value.variants.some((v) => v.id === get().selectedVariant)
      ? get().selectedVariant
      : 'A';
    set({ variantsView: r.value, selectedVariant: selected });
  };

  /** After a change the core accepted: the view (counts, problems) and what shows the selected variant. */
  const afterView = async (r: Result<VariantsView>) => {
    if (!r.ok) return set({ variantError: r.error });
    set({ variantsView: r.value, variantError: null });
    if (!r.value.variants.some((v) => v.id === get().selectedVariant))
      set({ selectedVariant: 'A' });
    await Promise.all([loadSetup(), loadPreview(currentTarget())]);
  };

  /** Runs a set-up change; its answer wins over any read started before it. */
  const change = async (call: () => Promise<Result<MessageSetup>>) => {
    const ticket = ++changeTicket;
    changesInFlight++;
    changeEpoch++;
    let r: Result<MessageSetup>;
    try {
      r = await call();
    } finally {
      changesInFlight--;
      changeEpoch++;
    }
    if (ticket !== changeTicket) {
      // A newer change or read is on its way and will bring the stored set-up; only report a refusal.
      if (!r.ok) set({ variantError: r.error });
      return;
    }
    await afterSetup(r);
  };

  const afterSetup = async (r: Result<MessageSetup>) => {
    if (!r.ok) {
      set({ variantError: r.error });
      // A refused change leaves the stored set-up as it was: show that, not the optimistic edit.
      return loadSetup();
    }
    set({ variantSetup: r.value, variantError: null });
    await Promise.all([loadView(), loadPreview(currentTarget())]);
  };

  return {
    variantsView: null,
    selectedVariant: 'A',
    variantSetup: null,
    variantPreview: null,
    variantError: null,
    comparison: null,

    async loadVariants(id) {
      if (get().variantsView?.campaignId !== id)
        set({
          variantsView: null,
          selectedVariant: 'A',
          variantSetup: null,
          variantPreview: null,
          variantError: null,
        });
      await loadView();
      await Promise.all([loadSetup(), loadPreview({})]);
    },

    async refreshVariants() {
      await loadView();
      await Promise.all([loadSetup(), loadPreview(currentTarget())]);
    },

    async selectVariant(variant) {
      set({ selectedVariant: variant, variantSetup: null });
      await Promise.all([loadSetup(), loadPreview(currentTarget())]);
    },

    async addVariant() {
      const id = campaignId();
      if (id === null) return;
      const r = await api.call('variants.add', { campaignId: id });
      if (r.ok) set({ selectedVariant: r.value.variants.at(-1)?.id ?? 'A' });
      await afterView(r);
    },

    async removeVariant(variant) {
      const id = campaignId();
      if (id === null) return;
      set({ selectedVariant: 'A' });
      await afterView(await api.call('variants.remove', { campaignId: id, variant }));
    },

    async setVariantShares(shares) {
      const id = campaignId();
      if (id === null) return null;
      const r = await api.call('variants.setSplit', { campaignId: id, shares });
      await afterView(r);
      return r.ok ? null : r.error;
    },

    async reshuffleVariants() {
      const id = campaignId();
      if (id === null) return;
      // A random 32-bit seed; the core stores it so the new draw can be repeated.
      const seed = Math.floor(Math.random() * 2 ** 32);
      await afterView(await api.call('variants.setSplit', { campaignId: id, seed }));
    },

    async renameVariant(variant, label) {
      const id = campaignId();
      if (id === null) return;
      await afterView(await api.call('variants.setLabel', { campaignId: id, variant, label }));
    },

    async chooseVariantTemplate(templateId) {
      const id = campaignId();
      const variant = get().selectedVariant;
      if (id === null || !isExtra(variant)) return;
      await change(() => api.call('variants.setTemplate', { campaignId: id, variant, templateId }));
    },

    async setVariantSlot(key, source) {
      const id = campaignId();
      const variant = get().selectedVariant;
      const setup = get().variantSetup;
      if (id === null || !isExtra(variant) || !setup) return;
      const mapping = { ...setup.mapping };
      if (source === undefined) delete mapping[key];
      else mapping[key] = source;
      set({ variantSetup: { ...setup, mapping } });
      await change(() => api.call('variants.setMapping', { campaignId: id, variant, mapping }));
    },

    async setVariantMediaFile(file) {
      const id = campaignId();
      const variant = get().selectedVariant;
      if (id === null || !isExtra(variant)) return;
      const staged = await api.stageFile(file);
      if (!staged.ok) return set({ variantError: staged.error });
      await change(() =>
        api.call('variants.setMediaFile', {
          campaignId: id,
          variant,
          file: staged.value,
          fileName: file.name,
        }),
      );
    },

    async setUtm(slot, utm) {
      const id = campaignId();
      if (id === null) return;
      await afterView(
        await api.call('variants.setUtm', {
          campaignId: id,
          variant: get().selectedVariant,
          slot,
          utm,
        }),
      );
      // A's tags change the campaign's own preview too.
      if (get().selectedVariant === 'A') await get().refreshMessage();
    },

    showVariantRecipient: (target) => loadPreview(target),

    dismissVariantError: () => set({ variantError: null }),

    async loadComparison(id) {
      const r = await api.call('variants.compare', { campaignId: id });
      if (r.ok) set({ comparison: r.value });
    },
  };
};
