import type {
  MessageSetup,
  TableName,
  VariantComparison,
  VariantPreview,
  VariantsView,
} from '../../../shared/api';
import type { variantMethods } from '../../../shared/api/methods/variants';
import type { HandlersFor } from '../api/handlers';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { toSetup } from '../templates/campaign-message';
import { previewRecipient } from '../templates/preview';
import { compareVariants, type ClicksSource } from './variants-compare';
import {
  addVariant,
  removeVariant,
  setLabel,
  setSplit,
  setUtm,
  setVariantMapping,
  setVariantMediaFile,
  setVariantTemplate,
  type EditDeps,
} from './variants-edit';
import { loadVariantMessageState, recipientVariant } from './variants-messages';
import { readVariants } from './variants-settings';
import { variantsView } from './variants-view';

export interface VariantDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  dataDir: string;
  random?: () => number;
  /** Button clicks per template over a campaign's days, from template analytics (analytics/variant-clicks.ts). */
  clicksFor?: (campaignId: number) => ClicksSource;
}

/** A/B variants: their set-up (Message tab, CLI), the preview per variant, and the comparison. */
export function createVariantService(deps: VariantDeps) {
  const { store, clock, events } = deps;
  const editDeps: EditDeps = {
    store,
    now: () => clock.now(),
    ...(deps.random ? { random: deps.random } : {}),
  };
  const changed = (campaignId: number, tables: TableName[] = ['campaigns']) =>
    events.emit('db.changed', { tables, campaignId });
  const view = (campaignId: number): VariantsView => variantsView(store, campaignId);
  const setup = (campaignId: number, variant: 'A' | 'B' | 'C'): MessageSetup =>
    toSetup(loadVariantMessageState(store, campaignId, variant));
  const after = <T>(campaignId: number, result: T, tables?: TableName[]): T => {
    changed(campaignId, tables);
    return result;
  };

  return {
    view,
    setup,

    add(
      campaignId: number,
      input: { label?: string | undefined; templateId?: number | undefined },
    ): VariantsView {
      addVariant(editDeps, campaignId, input);
      return after(campaignId, view(campaignId));
    },
    remove(campaignId: number, variant: 'B' | 'C'): VariantsView {
      removeVariant(editDeps, campaignId, variant);
      return after(campaignId, view(campaignId));
    },
    setSplit(campaignId: number, input: Parameters<typeof setSplit>[2]): VariantsView {
      setSplit(editDeps, campaignId, input);
      return after(campaignId, view(campaignId));
    },
    setLabel(campaignId: number, variant: 'A' | 'B' | 'C', label: string): VariantsView {
      setLabel(editDeps, campaignId, variant, label);
      return after(campaignId, view(campaignId));
    },
    setTemplate(campaignId: number, variant: 'B' | 'C', templateId: number): MessageSetup {
      setVariantTemplate(editDeps, campaignId, variant, templateId);
      return after(campaignId, setup(campaignId, variant));
    },
    setMapping(
      campaignId: number,
      variant: 'B' | 'C',
      mapping: Parameters<typeof setVariantMapping>[3],
    ): MessageSetup {
      setVariantMapping(editDeps, campaignId, variant, mapping);
      return after(campaignId, setup(campaignId, variant));
    },
    async setMediaFile(input: Parameters<typeof setVariantMediaFile>[1]): Promise<MessageSetup> {
      await setVariantMediaFile({ ...editDeps, dataDir: deps.dataDir }, input);
      return after(input.campaignId, setup(input.campaignId, input.variant));
    },
    setUtm(
      campaignId: number,
      variant: 'A' | 'B' | 'C',
      slot: string,
      utm: Parameters<typeof setUtm>[4],
    ): VariantsView {
      setUtm(editDeps, campaignId, variant, slot, utm);
      return after(campaignId, view(campaignId));
    },

    async preview(
      q: Parameters<typeof previewRecipient>[1] & { variant: 'A' | 'B' | 'C' },
    ): Promise<VariantPreview> {
      const { setting } = readVariants(store, q.campaignId);
      const state = loadVariantMessageState(store, q.campaignId, q.variant, setting);
      const preview = await previewRecipient(store, q, clock.now(), state);
      const split = (setting?.variants.length ?? 1) > 1;
      let recipientVariant_: VariantPreview['recipientVariant'] = null;
      if (split && preview.recipient) {
        const row = store.first(
          store.q
            .selectFrom('recipients')
            .select(['id', 'variant'])
            .where('id', '=', preview.recipient.id),
        );
        if (row) recipientVariant_ = recipientVariant(setting, row);
        if (recipientVariant_ !== null && recipientVariant_ !== q.variant) {
          preview.requestNotes.push(
            `This recipient gets variant ${recipientVariant_}, not ${q.variant}: this is what they would get as ${q.variant}.`,
          );
        }
      }
      return { ...preview, variant: q.variant, recipientVariant: recipientVariant_ };
    },

    compare(campaignId: number): VariantComparison {
      const { setting } = readVariants(store, campaignId);
      const ids = setting?.variants.map((v) => v.id) ?? ['A' as const];
      const templates = Object.fromEntries(
        ids.map((id) => {
          const s = loadVariantMessageState(store, campaignId, id, setting);
          return [
            id,
            s.templateName && s.templateLanguage
              ? { name: s.templateName, language: s.templateLanguage }
              : null,
          ];
        }),
      );
      return compareVariants(store.sqlite, {
        campaignId,
        setting,
        templates,
        now: clock.now(),
        ...(deps.clicksFor ? { clicksFor: deps.clicksFor(campaignId) } : {}),
      });
    },
  };
}

export type VariantService = ReturnType<typeof createVariantService>;

export function variantHandlers(v: VariantService): HandlersFor<typeof variantMethods> {
  return {
    'variants.get': (input) => v.view(input.campaignId),
    'variants.add': (input) => v.add(input.campaignId, input),
    'variants.remove': (input) => v.remove(input.campaignId, input.variant),
    'variants.setSplit': (input) => v.setSplit(input.campaignId, input),
    'variants.setLabel': (input) => v.setLabel(input.campaignId, input.variant, input.label),
    'variants.message': (input) => v.setup(input.campaignId, input.variant),
    'variants.setTemplate': (input) =>
      v.setTemplate(input.campaignId, input.variant, input.templateId),
    'variants.setMapping': (input) => v.setMapping(input.campaignId, input.variant, input.mapping),
    'variants.setMediaFile': (input) => v.setMediaFile(input),
    'variants.setUtm': (input) => v.setUtm(input.campaignId, input.variant, input.slot, input.utm),
    'variants.preview': (input) => v.preview(input),
    'variants.compare': (input) => v.compare(input.campaignId),
  };
}
