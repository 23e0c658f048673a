import { CoreError, type Account, type ParsedInput } from '../../../shared/api';
import { DEFAULT_GRAPH_VERSION, DEFAULT_MESSAGING_LIMIT } from '../../../shared/domain/limits';
import { normalizeClockTime } from '../../../shared/domain/pacing';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import type { AccountClients } from './clients';
import { getAccount } from './repo';

/** Adding and tuning WhatsApp Business phone numbers. The token itself is never stored here. */
export function createAccountService(deps: {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
  /** Drops an account's stored token (its API address changed: the token stays with the old host). */
  forgetToken: (accountId: number) => void;
}) {
  const { store, clock, events } = deps;
  return {
    add(input: ParsedInput<'accounts.add'>): Account {
      const now = clock.now();
      const baseUrl = (input.baseUrl ?? 'https://graph.facebook.com').replace(/\/+$/, '');
      const exists = store.first(
        store.q
          .selectFrom('accounts')
          .select('id')
          .where('phone_number_id', '=', input.phoneNumberId)
          .where('base_url', '=', baseUrl),
      );
      if (exists)
        throw new CoreError(
          'CONFLICT',
          `An account for phone number ID ${input.phoneNumberId} already exists (account ${exists.id}).`,
        );
      const { lastInsertRowid } = store.run(
        store.q.insertInto('accounts').values({
          name: input.name,
          kind: 'cloud',
          phone_number_id: input.phoneNumberId,
          waba_id: input.wabaId,
          display_phone_number: null,
          default_country: input.defaultCountry ?? null,
          graph_version: input.graphVersion ?? DEFAULT_GRAPH_VERSION,
          base_url: baseUrl,
          token_env: input.tokenEnv ?? null,
          token_ref: null,
          rate_per_second: input.ratePerSecond ?? 80,
          // Meta's starting limit until it is read (accounts/messaging-limit.ts), unless set by hand.
          messaging_limit:
            input.messagingLimit === undefined ? DEFAULT_MESSAGING_LIMIT : input.messagingLimit,
          messaging_limit_source: input.messagingLimit === undefined ? 'default' : 'manual',
          templates_synced_at: null,
          created_at: now,
          updated_at: now,
        }),
      );
      events.emit('db.changed', { tables: ['accounts'] });
      return getAccount(store, lastInsertRowid)!;
    },

    update(input: ParsedInput<'accounts.update'>): Account {
      const account = getAccount(store, input.id);
      if (!account) throw new CoreError('NOT_FOUND', `Account ${input.id} does not exist.`);
      // The Sandbox sends nowhere: no token, and its rate is the simulator's.
      if (
        account.kind === 'sandbox' &&
        (input.tokenEnv !== undefined || input.baseUrl !== undefined)
      )
        throw new CoreError('CONFLICT', 'The Sandbox account needs no token and no API address.');
      const baseUrl = input.baseUrl?.replace(/\/+$/, '');
      const hostChanged =
        baseUrl !== undefined && new URL(baseUrl).origin !== new URL(account.baseUrl).origin;
      // A stored token was given for one host: it never follows the account to another.
      if (hostChanged) deps.forgetToken(input.id);
      store.run(
        store.q
          .updateTable('accounts')
          .set({
            updated_at: clock.now(),
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.ratePerSecond !== undefined ? { rate_per_second: input.ratePerSecond } : {}),
            ...(input.messagingLimit !== undefined
              ? { messaging_limit: input.messagingLimit, messaging_limit_source: 'manual' as const }
              : {}),
            ...(input.tokenEnv !== undefined ? { token_env: input.tokenEnv } : {}),
            ...(baseUrl !== undefined ? { base_url: baseUrl } : {}),
            ...(hostChanged
              ? { token_ref: null, check_ok: null, check_at: null, check_message: null }
              : {}),
            ...(input.marketingApi !== undefined ? { marketing_api: input.marketingApi } : {}),
            ...(input.mmPolicy !== undefined ? { mm_policy: input.mmPolicy } : {}),
            ...(input.quietHours !== undefined
              ? {
                  quiet_from: input.quietHours ? normalizeClockTime(input.quietHours.from) : null,
                  quiet_to: input.quietHours ? normalizeClockTime(input.quietHours.to) : null,
                }
              : {}),
          })
          .where('id', '=', input.id),
      );
      // A new token source or rate takes effect with the next client and the next campaign run.
      deps.clients.forget(input.id);
      events.emit('db.changed', { tables: ['accounts'] });
      return getAccount(store, input.id)!;
    },
  };
}
