import { CoreError } from '../../../shared/api';
import { isCountryCode } from '../../../shared/domain/phone';
import type { Store } from '../db/connection';

const KEY = 'business_country';

export interface BusinessCountry {
  /** ISO 3166-1 alpha-2, or null when the user has not said (or cleared it). */
  country: string | null;
  /** Whether the first-run question was answered (even "no single country"): never asked twice. */
  asked: boolean;
}

export function readBusinessCountry(store: Store): BusinessCountry {
  const row = store.first(
    store.q.selectFrom('settings').select('value_json').where('key', '=', KEY),
  );
  if (!row) return { country: null, asked: false };
  try {
    const v = JSON.parse(row.value_json) as { country?: unknown };
    const country = typeof v.country === 'string' && isCountryCode(v.country) ? v.country : null;
    return { country, asked: true };
  } catch {
    return { country: null, asked: true };
  }
}

export function writeBusinessCountry(store: Store, country: string | null): BusinessCountry {
  if (country !== null && !isCountryCode(country))
    throw new CoreError('VALIDATION', `${country} is not a country Campaign Desk knows.`);
  const value_json = JSON.stringify({ country });
  store.run(
    store.q
      .insertInto('settings')
      .values({ key: KEY, value_json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value_json })),
  );
  return { country, asked: true };
}

/**
 * The country for numbers written without +code, for an account's campaigns: the account's own
 * "country of your customers" when a real account names one, else the business's country (asked
 * at first run), else what the account says (the Sandbox's US, for a user who never answered).
 * The Sandbox's US is a property of the simulator, not of the user's customers.
 */
export function countryForAccount(store: Store, accountId: number): string | null {
  const account = store.first(
    store.q.selectFrom('accounts').select(['kind', 'default_country']).where('id', '=', accountId),
  );
  if (account?.kind === 'cloud' && account.default_country) return account.default_country;
  return readBusinessCountry(store).country ?? account?.default_country ?? null;
}
