import { CoreError, type Campaign, type CampaignSummary } from '../../../shared/api';
import { canDeleteCampaign } from '../../../shared/domain/campaigns';
import { defaultAccountFor } from '../../../shared/domain/accounts';
import { getAccount, listAccounts } from '../accounts/repo';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import * as repo from './repo';

export interface CampaignDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
}

function mustGet(store: Store, id: number): Campaign {
  const campaign = repo.getCampaign(store, id);
  if (!campaign)
    throw new CoreError('NOT_FOUND', `Campaign ${id} does not exist (it may have been deleted).`);
  return campaign;
}

export function createCampaignService({ store, clock, events }: CampaignDeps) {
  const changed = (campaignId?: number) =>
    events.emit('db.changed', { tables: ['campaigns'], ...(campaignId ? { campaignId } : {}) });

  return {
    list(): CampaignSummary[] {
      return repo.listCampaigns(store);
    },

    get(id: number): Campaign {
      return mustGet(store, id);
    },

    create(input: { name: string; accountId?: number | undefined }): Campaign {
      const id = store.tx(() => {
        let accountId = input.accountId;
        if (accountId === undefined) {
          const pick = defaultAccountFor(listAccounts(store));
          if (!pick)
            throw new CoreError('NOT_FOUND', 'There is no account to bind the campaign to.');
          accountId = pick.id;
        } else if (!getAccount(store, accountId)) {
          throw new CoreError('NOT_FOUND', `Account ${accountId} does not exist.`);
        }
        return repo.insertCampaign(store, { accountId, name: input.name, now: clock.now() });
      });
      changed(id);
      return mustGet(store, id);
    },

    rename(id: number, name: string): Campaign {
      if (repo.renameCampaign(store, id, name, clock.now()) === 0) mustGet(store, id);
      changed(id);
      return mustGet(store, id);
    },

    /** Only drafts can be deleted: a campaign that sent anything is the record of what was sent. */
    delete(id: number): { id: number } {
      store.tx(() => {
        const campaign = mustGet(store, id);
        if (!canDeleteCampaign(campaign.state)) {
          throw new CoreError(
            'CONFLICT',
            `"${campaign.name}" is ${campaign.state}; only drafts can be deleted. Its delivery record is kept.`,
          );
        }
        repo.deleteCampaign(store, id);
      });
      events.emit('db.changed', { tables: ['campaigns', 'recipients'], campaignId: id });
      return { id };
    },
  };
}
