import type { MediaRef } from '../../../shared/domain/templates';
import type { AccountClients } from '../accounts/clients';
import type { CloudApiClient } from '../cloud-api';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { loadCampaignMessages, type CampaignMessage } from '../templates/compose';
import { withTranslations } from '../translations/messages';
import { ensureMedia } from './media';
import { createSleeper } from './pacing';
import type { LeaseRef } from './pipeline/claim';
import type { RunOutcome } from './pipeline/finish';
import { sendLoop } from './pipeline/run';

export { pacedBucket } from './pipeline/pace';
export type { RunOutcome } from './pipeline/finish';

export interface LoopDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
  random?: () => number;
  /** Monotonic milliseconds for pacing (performance.now); wall time comes from `clock`. */
  monotonic?: () => number;
}

export interface CampaignRun {
  done: Promise<RunOutcome>;
  /** Stops claiming, lets requests in flight finish, returns the unsent claims to the queue. */
  stop: () => void;
  /** Re-reads the campaign's state now (after pause or cancel). */
  wake: () => void;
}

function pauseCampaign(
  store: Store,
  campaignId: number,
  code: string,
  reason: string,
  now: number,
): void {
  store.run(
    store.q
      .updateTable('campaigns')
      .set({ state: 'paused', pause_code: code, pause_reason: reason, updated_at: now })
      .where('id', '=', campaignId)
      .where('state', '=', 'sending'),
  );
}

/**
 * Starts one campaign: loads its messages, the account's client and the header media, then runs
 * the send pipeline (pipeline/run.ts). `lease`: the account's send lease this process holds; the
 * pipeline renews it with every claim and stops at once when another process has taken it.
 */
export function runCampaign(deps: LoopDeps, campaignId: number, lease?: LeaseRef): CampaignRun {
  const sleeper = createSleeper();
  let stopRequested = false;
  const done = (async (): Promise<RunOutcome> => {
    const { store, clock } = deps;
    const monotonic = deps.monotonic ?? (() => performance.now());
    const campaign = store.first(
      store.q.selectFrom('campaigns').select(['account_id', 'state']).where('id', '=', campaignId),
    );
    if (!campaign || campaign.state !== 'sending') return 'stopped';
    const account = store.first(
      store.q.selectFrom('accounts').selectAll().where('id', '=', campaign.account_id),
    );
    if (!account) return 'stopped';

    const loaded = loadTranslated(store, campaignId);
    if (!loaded.ok) {
      pauseCampaign(store, campaignId, 'TEMPLATE', loaded.reason, clock.now());
      return 'paused';
    }
    let client: CloudApiClient;
    try {
      client = await deps.clients.clientFor(account.id);
    } catch (e) {
      pauseCampaign(
        store,
        campaignId,
        'ACCOUNT',
        e instanceof Error ? e.message : String(e),
        clock.now(),
      );
      return 'paused';
    }
    // One message per A/B variant (A alone when the campaign is not split), each with its own header media.
    const media = new Map<CampaignMessage, MediaRef>();
    for (const message of [...loaded.value.messages, ...(loaded.value.translations ?? [])]) {
      if (!message.mediaSource) continue;
      const m = await ensureMedia(
        { store, client, accountId: account.id, now: clock.now() },
        message.mediaSource,
      );
      if (!m.ok) {
        pauseCampaign(
          store,
          campaignId,
          'MEDIA',
          loaded.value.split ? `Variant ${message.variant}: ${m.message}` : m.message,
          clock.now(),
        );
        return 'paused';
      }
      media.set(message, m.media);
    }
    return sendLoop({
      store,
      clock,
      events: deps.events,
      random: deps.random ?? Math.random,
      monotonic,
      campaignId,
      account,
      client,
      messages: loaded.value,
      media,
      sleeper,
      stopped: () => stopRequested,
      ...(lease ? { lease } : {}),
    });
  })();
  return {
    done,
    stop: () => {
      stopRequested = true;
      sleeper.wake();
    },
    wake: () => sleeper.wake(),
  };
}

/** The campaign's messages, with its template family's languages when it picks one per recipient. */
function loadTranslated(store: Store, campaignId: number): ReturnType<typeof loadCampaignMessages> {
  const loaded = loadCampaignMessages(store, campaignId);
  return loaded.ok ? withTranslations(store, campaignId, loaded.value) : loaded;
}
