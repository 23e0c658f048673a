import { CoreError } from '../../../shared/api';
import {
  compileFilter,
  countConditions,
  defaultDateOrder,
  defaultDecimal,
  parseFilter,
  type AudienceFilter,
  type DateOrder,
  type DecimalSeparator,
} from '../../../shared/domain/audience-filter';
import { countryForAccount } from '../settings/business-country';
import type { Store } from '../db/connection';
import { readSettings, writeSetting } from './settings';

/** The settings key (campaigns.settings_json) the audience filter lives under. */
export const FILTER_KEY = 'filter';

/** The skip reason of recipients the filter left out when sending started (see audience-scope.ts). */
export const FILTER_EXCLUSION_REASON = 'Excluded: not in the audience filter.';

export interface StoredFilter {
  filter: AudienceFilter | null;
  /**
   * The stored value is there but cannot be read (edited by hand, written by a newer version).
   * It is never treated as "no filter": sending is refused until the filter is set again.
   */
  problem: string | null;
}

export function readFilter(store: Store, campaignId: number): StoredFilter {
  const raw = readSettings(store, campaignId)[FILTER_KEY];
  if (raw === undefined || raw === null) return { filter: null, problem: null };
  const parsed = parseFilter(raw);
  if (!parsed.ok)
    return {
      filter: null,
      problem: `The saved audience filter cannot be read (${parsed.problems.join(' ')}). Set the filter again.`,
    };
  return {
    filter: countConditions(parsed.filter.root) === 0 ? null : parsed.filter,
    problem: null,
  };
}

export interface FilterContext {
  state: string;
  columns: string[];
  country: string | null;
  defaults: { decimal: DecimalSeparator; dateOrder: DateOrder };
}

/** The campaign facts a filter is checked against: its columns and the country its defaults come from. */
export function filterContext(store: Store, campaignId: number): FilterContext {
  const c = store.first(
    store.q
      .selectFrom('campaigns')
      .innerJoin('accounts', 'accounts.id', 'campaigns.account_id')
      .select([
        'campaigns.state',
        'campaigns.columns_json',
        'campaigns.default_country',
        'campaigns.account_id',
      ])
      .where('campaigns.id', '=', campaignId),
  );
  if (!c) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
  let columns: string[] = [];
  try {
    const parsed: unknown = JSON.parse(c.columns_json);
    if (Array.isArray(parsed)) columns = parsed.filter((x): x is string => typeof x === 'string');
  } catch {
    columns = [];
  }
  const country = c.default_country ?? countryForAccount(store, c.account_id);
  return {
    state: c.state,
    columns,
    country,
    defaults: { decimal: defaultDecimal(country), dateOrder: defaultDateOrder(country) },
  };
}

/** Columns the filter reads that the audience does not have. */
export function missingColumns(
  filter: AudienceFilter | null,
  columns: readonly string[],
): string[] {
  if (!filter) return [];
  return compileFilter(filter).columns.filter((c) => !columns.includes(c));
}

/**
 * Saves (or with null or no conditions, clears) a campaign's filter. Only drafts change their
 * audience; a column the audience lacks is refused, since it could only ever be empty.
 */
export function writeFilter(
  store: Store,
  campaignId: number,
  filter: AudienceFilter | null,
  now: number,
): void {
  const ctx = filterContext(store, campaignId);
  if (ctx.state !== 'draft')
    throw new CoreError(
      'CONFLICT',
      `This campaign is ${ctx.state}; its audience filter was applied when sending started and can no longer change.`,
    );
  const effective = filter && countConditions(filter.root) > 0 ? filter : null;
  if (effective) {
    if (ctx.columns.length === 0)
      throw new CoreError(
        'VALIDATION',
        'Import customers first: a filter chooses among the columns of their file.',
      );
    const missing = missingColumns(effective, ctx.columns);
    if (missing.length > 0) {
      throw new CoreError(
        'VALIDATION',
        `The audience has no column ${missing.map((m) => `"${m}"`).join(', ')}. Its columns are: ${ctx.columns.slice(0, 30).join(', ')}${ctx.columns.length > 30 ? '…' : ''}.`,
      );
    }
  }
  writeSetting(store, campaignId, FILTER_KEY, effective ?? undefined, now);
}
