import { CoreError, type ParsedInput, type SyncResult, type TableName } from '../../../shared/api';
import type { InboundObservation } from '../../../shared/domain/status';
import type { AccountClients, TokenSource } from '../accounts/clients';
import { createAnalyticsService } from '../analytics/service';
import type { AnalyticsPollerOptions } from '../analytics/poller';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { setStatusSources, statusSources } from './config';
import { createMaintenance } from './maintenance';
import { createStatusPoller, type PollerOptions } from './poller';
import { countStates, failureGroups, timeline } from './queries';
import { createReconciler } from './reconciler';
import { recipientPage } from './recipients-page';
import { createStatusSync, type RoundResult } from './sync';

export interface StatusDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
  tokens: TokenSource;
  /** Poll in the background (processes that run senders); otherwise only on request. */
  background: boolean;
  poller?: PollerOptions;
  /** Wakes a send loop so a campaign paused by a status stops at once. */
  wakeCampaign?: (campaignId: number) => void;
  /** Issue 9 plugs opt-out keywords in here; inbound replies are stored either way. */
  onInbound?: (messages: InboundObservation[]) => void;
  /** Template analytics poller pacing (tests make it quick). */
  analyticsPoller?: AnalyticsPollerOptions;
}

/** More campaigns than this changed in one round: one broad refresh instead of one event each. */
const MAX_CAMPAIGN_EVENTS = 20;

/**
 * Delivery status without a tunnel (ARCHITECTURE.md): sources behind one interface, the reconciler,
 * the background poller, and the read side of the progress view.
 */
export function createStatusService(deps: StatusDeps) {
  const { store, clock, events } = deps;
  const reconciler = createReconciler(store.sqlite, {
    now: () => clock.now(),
    ...(deps.wakeCampaign ? { onPause: deps.wakeCampaign } : {}),
  });
  const maintenance = createMaintenance(store.sqlite, reconciler);
  const sync = createStatusSync({
    store,
    clock,
    clients: deps.clients,
    tokens: deps.tokens,
    reconciler,
    maintenance,
  });
  const failingBefore = new Map<number, boolean>();

  const announce = (r: RoundResult, manual: boolean) => {
    if (!store.sqlite.open) return;
    const o = r.outcome;
    const campaigns = [...o.campaigns, ...o.pausedCampaigns];
    const tables: TableName[] = ['recipients', 'status_events'];
    if (o.pausedCampaigns.length) tables.push('campaigns', 'templates');
    if (o.suppressed) tables.push('suppression');
    if (o.replies) tables.push('replies');
    if (o.applied > 0 || r.expired > 0 || o.pausedCampaigns.length) {
      const unique = [...new Set(campaigns)];
      if (unique.length === 0 || unique.length > MAX_CAMPAIGN_EVENTS)
        events.emit('db.changed', { tables });
      else for (const campaignId of unique) events.emit('db.changed', { tables, campaignId });
    }
    if (o.inbound.length) deps.onInbound?.(o.inbound);
    const health = statusSources(store, r.accountId, clock.now()).sources;
    const failing = health.some((s) => s.state === 'failing');
    // Quiet rounds are not pushed; a change of health is.
    if (manual || o.applied > 0 || failing !== (failingBefore.get(r.accountId) ?? false)) {
      events.emit('status.sync', {
        accountId: r.accountId,
        applied: o.applied,
        campaignIds: [...new Set(campaigns)],
        sources: health,
        at: clock.now(),
      });
    }
    failingBefore.set(r.accountId, failing);
  };

  // Template analytics (the third source, a cross-check of counts) poll in the same processes.
  const analytics = createAnalyticsService({
    store,
    clock,
    events,
    clients: deps.clients,
    background: deps.background,
    ...(deps.analyticsPoller ? { poller: deps.analyticsPoller } : {}),
  });

  const poller = createStatusPoller({
    store,
    clock,
    sync,
    background: deps.background,
    onRound: announce,
    ...(deps.poller ? { options: deps.poller } : {}),
  });

  const campaignRow = (campaignId: number) => {
    const c = store.first(
      store.q
        .selectFrom('campaigns')
        .select(['id', 'account_id', 'started_at'])
        .where('id', '=', campaignId),
    );
    if (!c) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
    return c;
  };

  return {
    reconciler,
    poller,
    analytics,

    async syncStatus(campaignId: number): Promise<SyncResult> {
      const c = campaignRow(campaignId);
      const before = countStates(store.sqlite, campaignId);
      const r = await poller.run(c.account_id, true);
      const o = r.outcome;
      return {
        campaignId,
        accountId: c.account_id,
        before,
        after: countStates(store.sqlite, campaignId),
        applied: o.applied,
        duplicates: o.duplicates,
        unchanged: o.unchanged,
        unmatched: o.unmatched,
        settled: o.settled,
        suppressed: o.suppressed,
        expired: r.expired,
        pausedCampaigns: [...new Set(o.pausedCampaigns)],
        sources: r.sources,
        at: clock.now(),
      };
    },

    failures(campaignId: number) {
      campaignRow(campaignId);
      return failureGroups(store.sqlite, campaignId);
    },

    timeline(campaignId: number, bucketSeconds: number) {
      campaignRow(campaignId);
      return timeline(store.sqlite, campaignId, bucketSeconds, clock.now());
    },

    recipientsPage(input: ParsedInput<'recipients.page'>) {
      campaignRow(input.campaignId);
      return recipientPage(store.sqlite, input);
    },

    statusSources: (accountId: number) => statusSources(store, accountId, clock.now()),

    setStatusSources(input: ParsedInput<'accounts.setStatusSources'>) {
      const result = setStatusSources(store, input, clock.now());
      events.emit('db.changed', { tables: ['accounts'] });
      poller.nudge(input.accountId);
      return result;
    },

    /** A campaign started: poll its account on the fast pace from now on. */
    nudge: (accountId: number) => poller.nudge(accountId),

    close: async () => {
      await analytics.close();
      await poller.close();
    },
  };
}

export type StatusService = ReturnType<typeof createStatusService>;
