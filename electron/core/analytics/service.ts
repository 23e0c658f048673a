import {
  CoreError,
  type AnalyticsHealth,
  type CampaignAnalytics,
  type CampaignButtonClicks,
  type ParsedInput,
} from '../../../shared/api';
import type { AccountClients } from '../accounts/clients';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { accountRow } from '../status/config';
import { campaignAnalytics, campaignButtonClicks } from './cross-check';
import { analyticsFailure } from './failures';
import { createAnalyticsPoller, type AnalyticsPollerOptions } from './poller';
import { campaignScope } from './scope';
import { healthOf, updateAccountState } from './store';
import { log } from '../log';

export interface AnalyticsDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
  /** Poll in the background (the processes that poll statuses). */
  background: boolean;
  poller?: AnalyticsPollerOptions;
}

/**
 * Meta's template analytics as a cross-check of our own counts (issue 6 item 3): the poller, the
 * opt-in, and the read side of the progress view's "Analytics cross-check" panel.
 */
export function createAnalyticsService(deps: AnalyticsDeps) {
  const { store, clock, events } = deps;
  const poller = createAnalyticsPoller({
    store,
    clock,
    clients: deps.clients,
    events,
    background: deps.background,
    ...(deps.poller ? { options: deps.poller } : {}),
  });

  const sandboxStartedAt = async (): Promise<number | null> => {
    const sb = deps.clients.sandboxIfStarted();
    return sb ? (await sb).state.startedAt() : null;
  };

  const accountOf = (campaignId: number) => campaignScope(store, campaignId, clock.now()).accountId;

  const analytics = async (campaignId: number): Promise<CampaignAnalytics> => {
    const accountId = accountOf(campaignId);
    const now = clock.now();
    return campaignAnalytics(
      store,
      campaignId,
      now,
      healthOf(store, accountId, now),
      await sandboxStartedAt(),
    );
  };

  const health = (accountId: number): AnalyticsHealth => {
    accountRow(store, accountId);
    return healthOf(store, accountId, clock.now());
  };

  return {
    poller,
    analytics,

    async refresh(campaignId: number): Promise<CampaignAnalytics> {
      await poller.refresh(campaignId);
      return analytics(campaignId);
    },

    buttonClicks(campaignId: number): Promise<CampaignButtonClicks> {
      const accountId = accountOf(campaignId);
      const now = clock.now();
      return campaignButtonClicks(store, campaignId, now, healthOf(store, accountId, now));
    },

    health,

    /** Switches insights on at Meta (irreversible there; the contract demands the user's confirmation). */
    async enable(accountId: number): Promise<AnalyticsHealth> {
      accountRow(store, accountId);
      const client = await deps.clients.clientFor(accountId);
      const r = await client.enableTemplateInsights();
      const now = clock.now();
      if (!r.ok) {
        const f = analyticsFailure(r);
        if (f.metaState === 'unsupported')
          updateAccountState(store, accountId, {
            meta_state: 'unsupported',
            last_error: f.message,
            last_error_at: now,
          });
        events.emit('db.changed', { tables: ['accounts'] });
        throw new CoreError('UNAVAILABLE', `Template analytics could not be enabled: ${f.message}`);
      }
      store.tx(() => {
        updateAccountState(store, accountId, {
          meta_state: 'enabled',
          enabled_at: now,
          consecutive_errors: 0,
          next_poll_at: null,
          last_error: null,
        });
        // Fetch every campaign's figures again now that Meta has them.
        store.sqlite
          .prepare(
            'UPDATE analytics_campaigns SET next_fetch_at = NULL WHERE campaign_id IN (SELECT id FROM campaigns WHERE account_id = ?)',
          )
          .run(accountId);
      });
      events.emit('db.changed', { tables: ['accounts'] });
      void poller
        .runAccount(accountId)
        .catch((e: unknown) => log.error('analytics poll failed', e));
      return health(accountId);
    },

    set(input: ParsedInput<'accounts.setAnalytics'>): AnalyticsHealth {
      accountRow(store, input.accountId);
      updateAccountState(store, input.accountId, {
        ...(input.polling !== undefined
          ? { polling: input.polling ? 1 : 0, next_poll_at: null }
          : {}),
        ...(input.budgetPerHour !== undefined ? { budget_per_hour: input.budgetPerHour } : {}),
      });
      events.emit('db.changed', { tables: ['accounts'] });
      return health(input.accountId);
    },

    close: () => poller.close(),
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
