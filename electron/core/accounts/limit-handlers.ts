import { CoreError } from '../../../shared/api';
import type { accountLimitMethods } from '../../../shared/api/methods/accounts-limit';
import { canReadPortfolioLimit, DEFAULT_GRAPH_VERSION } from '../../../shared/domain/limits';
import type { HandlersFor } from '../api/handlers';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import type { AccountClients } from './clients';
import { refreshMessagingLimit } from './messaging-limit';
import { getAccount } from './repo';

export function accountLimitHandlers(deps: {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
}): HandlersFor<typeof accountLimitMethods> {
  const { store } = deps;
  const existing = (accountId: number) => {
    const account = getAccount(store, accountId);
    if (!account) throw new CoreError('NOT_FOUND', `Account ${accountId} does not exist.`);
    return account;
  };
  const set = (accountId: number, sql: string, ...args: unknown[]) =>
    store.tx(() => store.sqlite.prepare(sql).run(...args, deps.clock.now(), accountId));

  return {
    'accounts.refreshMessagingLimit': async ({ accountId }) => {
      existing(accountId);
      await refreshMessagingLimit(deps, accountId, { force: true });
      return existing(accountId);
    },
    'accounts.useMetaMessagingLimit': async ({ accountId }) => {
      existing(accountId);
      // Back to Meta's starting limit until the read below (or a later one) succeeds.
      set(
        accountId,
        "UPDATE accounts SET messaging_limit = 250, messaging_limit_source = 'default', updated_at = ? WHERE id = ?",
      );
      await refreshMessagingLimit(deps, accountId, { force: true });
      return existing(accountId);
    },
    'accounts.upgradeGraphVersion': async ({ accountId }) => {
      const account = existing(accountId);
      if (!canReadPortfolioLimit(account.graphVersion)) {
        set(
          accountId,
          'UPDATE accounts SET graph_version = ?, updated_at = ? WHERE id = ?',
          DEFAULT_GRAPH_VERSION,
        );
        // The cached client still speaks the old version.
        deps.clients.forget(accountId);
      }
      await refreshMessagingLimit(deps, accountId, { force: true });
      deps.events.emit('db.changed', { tables: ['accounts'] });
      return existing(accountId);
    },
  };
}
