import { chargedCost } from '../pricing/charges';
import type { CostEstimate, MessageSetup, TableName } from '../../../shared/api';
import type { AccountClients } from '../accounts/clients';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { withVariantCosts } from '../campaigns/variants-cost';
import { costEstimate, sendTimeOf } from '../pricing/rates';
import { loadMessageState, toSetup } from './campaign-message';
import { setMapping, setMediaFile, setTemplate } from './edit';
import { addTemplates, deleteTemplate, listTemplates, resolveAccountId } from './library';
import { previewRecipient } from './preview';
import { syncTemplates } from './sync';
import type { Reach } from './reach';
import { languagePlan } from '../translations/plan';
import { languageSetup } from '../translations/preview-language';

export interface TemplateDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
  dataDir: string;
  /** Who will receive each campaign's message: shared with the prechecks and the start. */
  reach: Reach;
}

export function createTemplateService(deps: TemplateDeps) {
  const { store, clock, events } = deps;
  const changed = (tables: TableName[], campaignId?: number) =>
    events.emit('db.changed', { tables, ...(campaignId !== undefined ? { campaignId } : {}) });
  const setup = (campaignId: number): MessageSetup => {
    const state = loadMessageState(store, campaignId);
    return { ...toSetup(state), language: languageSetup(store, state) };
  };

  const validation = deps.reach;

  return {
    list: (accountId?: number) => listTemplates(store, resolveAccountId(store, accountId)),

    async sync(accountId?: number) {
      const id = resolveAccountId(store, accountId);
      const result = await syncTemplates(
        { store, clients: deps.clients, now: () => clock.now() },
        id,
      );
      changed(['templates', 'accounts', 'campaigns']);
      return result;
    },

    add(accountId: number | undefined, json: string) {
      const { relinked, ...result } = addTemplates(
        store,
        resolveAccountId(store, accountId),
        json,
        clock.now(),
      );
      changed(relinked > 0 ? ['templates', 'campaigns'] : ['templates']);
      return result;
    },

    delete(id: number) {
      const result = deleteTemplate(store, id);
      changed(['templates', 'campaigns']);
      return { id: result.id };
    },

    message: setup,

    setTemplate(campaignId: number, templateId: number): MessageSetup {
      setTemplate(store, campaignId, templateId, clock.now());
      changed(['campaigns'], campaignId);
      return setup(campaignId);
    },

    setMapping(campaignId: number, mapping: Parameters<typeof setMapping>[2]): MessageSetup {
      setMapping(store, campaignId, mapping, clock.now());
      changed(['campaigns'], campaignId);
      return setup(campaignId);
    },

    async setMediaFile(input: Parameters<typeof setMediaFile>[1]): Promise<MessageSetup> {
      await setMediaFile({ store, dataDir: deps.dataDir, now: () => clock.now() }, input);
      changed(['campaigns'], input.campaignId);
      return setup(input.campaignId);
    },

    preview: (query: Parameters<typeof previewRecipient>[1]) =>
      previewRecipient(store, query, clock.now()),

    async validate(campaignId: number) {
      const summary = (await validation(campaignId)).summary;
      // Read after the pass: the choice may have changed while it ran, and the plan is cheap.
      const plan = languagePlan(store, campaignId);
      return { ...summary, languages: plan.choice.kind === 'fixed' ? null : plan };
    },

    async estimate(campaignId: number): Promise<CostEstimate> {
      const state = loadMessageState(store, campaignId);
      const pass = await validation(campaignId);
      const sendsAt = sendTimeOf(store, campaignId, clock.now());
      const estimate = costEstimate(store, {
        campaignId,
        at: sendsAt,
        category: state.info?.category ?? null,
        validByCountry: pass.validByCountry,
        excluded: pass.summary.leftOut.reduce((a, g) => a + g.count, 0),
        unavailable: state.info
          ? null
          : 'Choose a template first: the price depends on its category.',
      });
      const withVariants = withVariantCosts(
        store,
        campaignId,
        pass.validByVariant,
        estimate,
        sendsAt,
      );
      const started = store.first(
        store.q
          .selectFrom('campaigns')
          .select('started_at')
          .where('id', '=', campaignId)
          .where('started_at', 'is not', null),
      );
      return started
        ? {
            ...withVariants,
            charged: chargedCost(store, campaignId, state.info?.category ?? null, sendsAt),
          }
        : withVariants;
    },
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;
