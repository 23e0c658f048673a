import { CoreError, type Account } from '../../../shared/api';
import type { accountMarketingMethods } from '../../../shared/api/methods/accounts-marketing';
import type { HandlersFor } from '../api/handlers';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import type { AccountClients } from './clients';
import { getAccount } from './repo';

/**
 * The onboarding check of the Marketing Messages API: Meta's own answer
 * (marketing_messages_onboarding_status on the WABA), kept on the account so `auto` can route
 * without asking again before every send. A failed read keeps the last answer and is refused with
 * Meta's explanation: the user asked, so the user hears why it could not be answered.
 */
export async function checkMarketingApi(
  deps: { store: Store; clock: Clock; events: EventBus; clients: AccountClients },
  accountId: number,
): Promise<Account> {
  if (!getAccount(deps.store, accountId))
    throw new CoreError('NOT_FOUND', `Account ${accountId} does not exist.`);
  let client;
  try {
    client = await deps.clients.clientFor(accountId);
  } catch (e) {
    throw new CoreError('UNAVAILABLE', e instanceof Error ? e.message : String(e));
  }
  const read = await client.marketingOnboarding();
  if (!read.ok)
    throw new CoreError(
      'UNAVAILABLE',
      `Could not ask WhatsApp whether this account may use the Marketing Messages API: ${read.failure.entry.explanation}`,
    );
  const now = deps.clock.now();
  deps.store.tx(() =>
    deps.store.sqlite
      .prepare(
        'UPDATE accounts SET mm_onboarding = ?, mm_checked_at = ?, updated_at = ? WHERE id = ?',
      )
      .run(read.status, now, now, accountId),
  );
  deps.events.emit('db.changed', { tables: ['accounts'] });
  return getAccount(deps.store, accountId)!;
}

export function accountMarketingHandlers(deps: {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
}): HandlersFor<typeof accountMarketingMethods> {
  return {
    'accounts.checkMarketingApi': ({ accountId }) => checkMarketingApi(deps, accountId),
  };
}
