import type { Account } from '../../../shared/api';
import {
  canReadPortfolioLimit,
  DEFAULT_GRAPH_VERSION,
  DEFAULT_MESSAGING_LIMIT,
} from '../../../shared/domain/limits';
import type { Store } from '../db/connection';
import type { AccountsTable } from '../db/schema';
import type { Selectable } from 'kysely';

/**
 * The built-in Sandbox account talks to the embedded Cloud API simulator. Its base URL is a
 * marker the sender resolves to the simulator's loopback address when it starts.
 */
export const SANDBOX_BASE_URL = 'sandbox:embedded';
export const SANDBOX_PHONE_NUMBER_ID = '100000000000001';
export const SANDBOX_WABA_ID = '200000000000001';

export function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    phoneNumberId: row.phone_number_id,
    wabaId: row.waba_id,
    displayPhoneNumber: row.display_phone_number,
    defaultCountry: row.default_country,
    graphVersion: row.graph_version,
    baseUrl: row.base_url,
    tokenEnv: row.token_env,
    ratePerSecond: row.rate_per_second,
    messagingLimit: row.messaging_limit,
    messagingLimitSource: row.messaging_limit_source,
    messagingLimitReadAt: row.messaging_limit_read_at,
    messagingLimitError: row.messaging_limit_error,
    businessPortfolioId: row.business_portfolio_id,
    graphVersionUpgrade: canReadPortfolioLimit(row.graph_version) ? null : DEFAULT_GRAPH_VERSION,
    marketingApi: row.marketing_api,
    mmPolicy: row.mm_policy,
    mmOnboarding: row.mm_onboarding,
    mmCheckedAt: row.mm_checked_at,
    createdAt: row.created_at,
    lastCheck:
      row.check_at === null
        ? null
        : { ok: row.check_ok === 1, at: row.check_at, message: row.check_message },
  };
}

export function listAccounts(store: Store): Account[] {
  return store
    .all(store.q.selectFrom('accounts').selectAll().orderBy('kind', 'desc').orderBy('id'))
    .map(toAccount);
}

export function getAccount(store: Store, id: number): Account | undefined {
  const row = store.first(store.q.selectFrom('accounts').selectAll().where('id', '=', id));
  return row ? toAccount(row) : undefined;
}

/** Idempotent: the first run creates the Sandbox account, later runs find it. */
export function ensureSandboxAccount(store: Store, now: number): Account {
  return store.tx(() => {
    const existing = store.first(
      store.q
        .selectFrom('accounts')
        .selectAll()
        .where('kind', '=', 'sandbox')
        .orderBy('id')
        .limit(1),
    );
    if (existing) return toAccount(existing);
    const { lastInsertRowid } = store.run(
      store.q.insertInto('accounts').values({
        name: 'Sandbox',
        kind: 'sandbox',
        phone_number_id: SANDBOX_PHONE_NUMBER_ID,
        waba_id: SANDBOX_WABA_ID,
        // The number the simulator reports (SANDBOX_DEFAULTS.displayPhoneNumber, in Meta's display
        // shape), so Review & send does not name two numbers for one account.
        display_phone_number: '+1 555-000-0000',
        default_country: 'US',
        base_url: SANDBOX_BASE_URL,
        token_env: null,
        token_ref: null,
        // Meta's starting limit until the simulator's is read (migration 140); v24.0 can read it.
        graph_version: DEFAULT_GRAPH_VERSION,
        messaging_limit: DEFAULT_MESSAGING_LIMIT,
        templates_synced_at: null,
        created_at: now,
        updated_at: now,
      }),
    );
    const created = getAccount(store, lastInsertRowid);
    if (!created) throw new Error('Sandbox account vanished right after insert.');
    return created;
  });
}
