import type { CostEstimate, MessageSetup, TableName } from '../../../shared/api';
import type { AccountClients } from '../accounts/clients';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { withVariantCosts } from '../campaigns/variants-cost';
import { costEstimate } from '../pricing/rates';
import { loadMessageState, toSetup } from './campaign-message';
import { setMapping, setMediaFile, setTemplate } from './edit';
import { addTemplates, deleteTemplate, listTemplates, resolveAccountId } from './library';
import { previewRecipient } from './preview';
import { syncTemplates } from './sync';
import { validateCampaign, type ValidationPass } from './validation';

export interface TemplateDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
  dataDir: string;
}

/**
 * What a validation result depends on, cheap to read: the campaign row (mapping, template, audience
 * changes all bump updated_at), the template row, and the recipients' count and last id by state.
 */
function fingerprint(store: Store, campaignId: number): string {
  const c = store.first(
    store.q
      .selectFrom('campaigns')
      .leftJoin('templates', 'templates.id', 'campaigns.template_id')
      .select([
        'campaigns.updated_at',
        'campaigns.mapping_json',
        'campaigns.template_id',
        'templates.updated_at as t_updated',
        'templates.status',
      ])
      .where('campaigns.id', '=', campaignId),
  );
  // A/B variants B and C name their templates in the settings: any template change counts.
  const t = store.first(
    store.q
      .selectFrom('templates')
      .select((eb) => eb.fn.max('templates.updated_at').as('at'))
      .where(
        'account_id',
        '=',
        store.q.selectFrom('campaigns').select('account_id').where('id', '=', campaignId),
      ),
  );
  const r = store.first(
    store.q
      .selectFrom('recipients')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('id').as('max'),
        eb.fn
          .sum<number>(eb.case().when('state', '=', 'pending').then(1).else(0).end())
          .as('pending'),
      ])
      .where('campaign_id', '=', campaignId),
  );
  return JSON.stringify([c, r, t]);
}

export function createTemplateService(deps: TemplateDeps) {
  const { store, clock, events } = deps;
  const changed = (tables: TableName[], campaignId?: number) =>
    events.emit('db.changed', { tables, ...(campaignId !== undefined ? { campaignId } : {}) });
  const setup = (campaignId: number): MessageSetup => toSetup(loadMessageState(store, campaignId));

  // One validation per campaign at a time: the same inputs share a run (and its result), and new
  // inputs stop the older run at its next page, so typing in the mapping never stacks up full scans.
  const runs = new Map<
    number,
    { key: string; token: { cancelled: boolean }; promise: Promise<ValidationPass> }
  >();
  const validation = (campaignId: number): Promise<ValidationPass> => {
    const key = fingerprint(store, campaignId);
    const current = runs.get(campaignId);
    if (current && current.key === key && !current.token.cancelled) return current.promise;
    if (current) current.token.cancelled = true;
    const token = { cancelled: false };
    const promise = validateCampaign(store, campaignId, {
      now: () => clock.now(),
      isCancelled: () => token.cancelled,
    });
    const run = { key, token, promise };
    promise.catch(() => {
      if (runs.get(campaignId) === run) runs.delete(campaignId);
    });
    runs.delete(campaignId);
    runs.set(campaignId, run);
    // Bounded: only the most recently checked campaigns keep a result.
    if (runs.size > 20) runs.delete(runs.keys().next().value as number);
    return promise;
  };

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
      return (await validation(campaignId)).summary;
    },

    async estimate(campaignId: number): Promise<CostEstimate> {
      const state = loadMessageState(store, campaignId);
      const pass = await validation(campaignId);
      const estimate = costEstimate(store, {
        campaignId,
        category: state.info?.category ?? null,
        validByCountry: pass.validByCountry,
        excluded:
          pass.summary.invalid + pass.summary.alreadySkipped + pass.summary.excludedByTargeting,
        unavailable: state.info
          ? null
          : 'Choose a template first: the price depends on its category.',
      });
      return withVariantCosts(store, campaignId, pass.validByVariant, estimate);
    },
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;
