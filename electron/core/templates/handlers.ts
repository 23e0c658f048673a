import type { templateMethods } from '../../../shared/api/methods/templates';
import type { HandlersFor } from '../api/handlers';
import type { Store } from '../db/connection';
import type { Clock } from '../clock';
import { resolveFileRef } from '../contacts/uploads';
import { importRateCard, removeRateCard } from '../pricing/imported-cards';
import { importTierSet } from '../pricing/imported-tiers';
import { effectiveRateCard, setRates } from '../pricing/rates';
import { languagePlan } from '../translations/plan';
import { setLanguageChoice } from '../translations/setting';
import type { TemplateService } from './service';

/** The contract's template, message, preview, validation and pricing methods. */
export function templateHandlers(
  templates: TemplateService,
  store: Store,
  clock: Clock,
  dataDir: string,
): HandlersFor<typeof templateMethods> {
  return {
    'templates.list': (input) => templates.list(input.accountId),
    'templates.sync': (input) => templates.sync(input.accountId),
    'templates.add': (input) => templates.add(input.accountId, input.json),
    'templates.delete': (input) => templates.delete(input.id),
    'campaigns.message': (input) => templates.message(input.campaignId),
    'campaigns.setTemplate': (input) => templates.setTemplate(input.campaignId, input.templateId),
    'campaigns.setMapping': (input) => templates.setMapping(input.campaignId, input.mapping),
    'campaigns.setLanguage': (input) => {
      setLanguageChoice(store, input.campaignId, input.choice, clock.now());
      return languagePlan(store, input.campaignId);
    },
    'campaigns.setMediaFile': (input) => templates.setMediaFile(input),
    'campaigns.preview': (input) => templates.preview(input),
    'campaigns.validate': (input) => templates.validate(input.campaignId),
    'campaigns.estimate': (input) => templates.estimate(input.campaignId),
    'pricing.rateCard': () => effectiveRateCard(store, clock.now()),
    'pricing.setRates': (input) => setRates(store, input, clock.now()),
    'pricing.importCard': (input) => {
      const card = importRateCard(
        store,
        {
          path: resolveFileRef(dataDir, input.file),
          fileName: input.fileName,
          effectiveDate: input.effectiveDate,
          currency: input.currency,
        },
        clock.now(),
      );
      // The card just imported, with edits, even when it does not take effect until later.
      return effectiveRateCard(store, Date.parse(`${card.effectiveDate}T12:00:00Z`));
    },
    'pricing.importTiers': (input) => {
      const set = importTierSet(
        store,
        {
          path: resolveFileRef(dataDir, input.file),
          fileName: input.fileName,
          effectiveDate: input.effectiveDate,
          currency: input.currency,
        },
        clock.now(),
      );
      return effectiveRateCard(store, Date.parse(`${set.effectiveDate}T12:00:00Z`));
    },
    'pricing.removeCard': (input) => {
      removeRateCard(store, input);
      return effectiveRateCard(store, clock.now());
    },
  };
}
