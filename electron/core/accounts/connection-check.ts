import { CoreError, type ConnectionCheck, type ConnectionCheckItem } from '../../../shared/api';
import type { ApiFailure, CloudApiClient } from '../cloud-api';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import type { AccountClients } from './clients';

type Verdict = 'token' | 'object' | 'unreachable';

/**
 * What a failed Graph call says about the check, by Meta's `code` (cloud-api.md §2; Meta's error
 * codes page): 190 and 0 are the token itself; 3, 10 and 200–299 a token without the permission;
 * 100 a node that "does not exist, cannot be loaded due to missing permissions" — Graph checks the
 * token before the node, so a 100 means the token was accepted and the id is what is wrong.
 */
const verdictOf = (f: ApiFailure): Verdict => {
  if (f.network) return 'unreachable';
  if (f.code === 100) return 'object';
  if (f.code === null) return f.httpStatus === 401 ? 'token' : 'unreachable';
  if (f.code === 190 || f.code === 0 || f.code === 3 || f.code === 10) return 'token';
  if (f.code >= 200 && f.code < 300) return 'token';
  if (f.httpStatus === 401 || f.httpStatus === 403) return 'token';
  return 'unreachable';
};

const tokenMessage = (f: ApiFailure): string =>
  f.code === 190 || f.code === 0 || f.httpStatus === 401
    ? 'The access token is wrong or has expired: Meta does not accept it. Create a new one (a permanent System User token) and paste it again.'
    : 'The access token works but lacks a permission: give its system user whatsapp_business_messaging and whatsapp_business_management for this account.';

const unreachable = (host: string, f?: ApiFailure): string =>
  `Could not reach ${host} to check (${f?.failure.entry.explanation ?? 'no answer'}). Check the internet connection and the API address, then test again.`;

interface Row {
  id: number;
  name: string;
  phone_number_id: string;
  waba_id: string;
  base_url: string;
}

/** Runs the checks in order; each later one only when the earlier ones allow it to mean something. */
export async function runChecks(
  client: CloudApiClient,
  row: Row,
  host: string,
): Promise<{ items: ConnectionCheckItem[]; displayPhoneNumber: string | null }> {
  const items: ConnectionCheckItem[] = [];
  const skip = (id: ConnectionCheckItem['id'], why: string) =>
    items.push({ id, result: 'skipped', message: why });
  const phone = await client.phoneNumberInfo();
  let displayPhoneNumber: string | null = null;
  let phoneOk = false;
  if (phone.ok) {
    displayPhoneNumber = phone.info.displayPhoneNumber;
    phoneOk = true;
    items.push({ id: 'token', result: 'ok', message: 'Meta accepts the access token.' });
    items.push({
      id: 'phone_number',
      result: 'ok',
      message: `Phone number ID ${row.phone_number_id} is ${phone.info.displayPhoneNumber ?? 'a number'}${phone.info.verifiedName ? ` (${phone.info.verifiedName})` : ''}.`,
    });
  } else {
    const v = verdictOf(phone);
    if (v === 'unreachable') {
      const message = unreachable(host, phone);
      for (const id of ['token', 'phone_number', 'waba', 'pairing'] as const)
        items.push({ id, result: 'unreachable', message });
      return { items, displayPhoneNumber };
    }
    if (v === 'token') {
      items.push({ id: 'token', result: 'wrong', message: tokenMessage(phone) });
      const why = 'Not checked: the token must work first.';
      skip('phone_number', why);
      skip('waba', why);
      skip('pairing', why);
      return { items, displayPhoneNumber };
    }
    items.push({ id: 'token', result: 'ok', message: 'Meta accepts the access token.' });
    items.push({
      id: 'phone_number',
      result: 'wrong',
      message: `The phone number ID ${row.phone_number_id} is wrong, or this token has no access to it. Copy the Phone number ID (not the phone number) from WhatsApp Manager › Phone numbers or the API Setup page.`,
    });
  }

  const waba = await client.wabaInfo();
  let wabaOk = false;
  if (waba.ok) {
    wabaOk = true;
    items.push({
      id: 'waba',
      result: 'ok',
      message: `WhatsApp Business Account ${row.waba_id}${waba.name ? ` (${waba.name})` : ''} is reachable.`,
    });
  } else {
    const v = verdictOf(waba);
    items.push({
      id: 'waba',
      result: v === 'unreachable' ? 'unreachable' : 'wrong',
      message:
        v === 'unreachable'
          ? unreachable(host, waba)
          : `The WhatsApp Business Account ID ${row.waba_id} is wrong, or this token has no access to it. Copy it from WhatsApp Manager › Account tools › Business account info.`,
    });
  }

  if (!phoneOk || !wabaOk) {
    skip('pairing', 'Not checked: both IDs must be right first.');
    return { items, displayPhoneNumber };
  }
  const numbers = await client.wabaPhoneNumbers();
  if (!numbers.ok) {
    items.push({ id: 'pairing', result: 'unreachable', message: unreachable(host, numbers) });
  } else if (numbers.ids.includes(row.phone_number_id) || !numbers.complete) {
    items.push({
      id: 'pairing',
      result: 'ok',
      message: 'The phone number belongs to this WhatsApp Business Account.',
    });
  } else {
    items.push({
      id: 'pairing',
      result: 'wrong',
      message: `Phone number ID ${row.phone_number_id} belongs to another WhatsApp Business Account than ${row.waba_id}: templates would come from one account and messages leave from another. Check both IDs on the same API Setup page.`,
    });
  }
  return { items, displayPhoneNumber };
}

/** `accounts.testConnection`: run the checks and record the verdict on the account. */
export function createConnectionCheck(deps: {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
}) {
  const { store, clock } = deps;
  return async (accountId: number): Promise<ConnectionCheck> => {
    const row = store.first(
      store.q
        .selectFrom('accounts')
        .select(['id', 'name', 'phone_number_id', 'waba_id', 'base_url'])
        .where('id', '=', accountId),
    );
    if (!row) throw new CoreError('NOT_FOUND', `Account ${accountId} does not exist.`);
    let items: ConnectionCheckItem[];
    let displayPhoneNumber: string | null = null;
    try {
      const client = await deps.clients.clientFor(accountId);
      const host = row.base_url.startsWith('sandbox:') ? 'the Sandbox' : new URL(row.base_url).host;
      ({ items, displayPhoneNumber } = await runChecks(client, row, host));
    } catch (e) {
      // No token stored, a locked store, an address refused: the token line says so.
      if (!(e instanceof CoreError)) throw e;
      const why = 'Not checked: the token must work first.';
      items = [
        { id: 'token', result: 'wrong', message: e.message },
        { id: 'phone_number', result: 'skipped', message: why },
        { id: 'waba', result: 'skipped', message: why },
        { id: 'pairing', result: 'skipped', message: why },
      ];
    }
    const firstProblem = items.find((i) => i.result === 'wrong' || i.result === 'unreachable');
    const ok = firstProblem === undefined;
    const checkedAt = clock.now();
    // Unreachable is not a verdict on the account: keep the last real one.
    const verdict = firstProblem?.result === 'unreachable' ? null : ok ? 1 : 0;
    store.run(
      store.q
        .updateTable('accounts')
        .set({
          ...(verdict !== null
            ? {
                check_ok: verdict,
                check_at: checkedAt,
                check_message: firstProblem?.message ?? null,
              }
            : {}),
          ...(displayPhoneNumber ? { display_phone_number: displayPhoneNumber } : {}),
        })
        .where('id', '=', accountId),
    );
    deps.events.emit('db.changed', { tables: ['accounts'] });
    return {
      accountId,
      ok,
      checkedAt,
      summary: firstProblem?.message ?? null,
      displayPhoneNumber,
      items,
    };
  };
}
