import { sql } from 'kysely';
import type { PreviewRecipient } from '../../../shared/api';
import type { Store } from '../db/connection';
import type { AudienceScope } from './audience-scope';
import { hasStagedImport, published } from '../db/visibility';

/**
 * The Message tab's stepping while a draft's audience filter applies: only through the recipients
 * the scope keeps, in import order. The kept ids come from the scope's (cached) scan, so every
 * step, position and total is a binary search instead of a count over a million rows.
 */

export interface KeptLookup {
  campaignId: number;
  recipientId?: number | undefined;
  row?: number | undefined;
  position?: number | undefined;
  search?: string | undefined;
}

type Row = {
  id: number;
  row_number: number;
  phone: string;
  country: string | null;
  state: string;
  skip_reason: string | null;
  fields_json: string;
};

const COLUMNS = [
  'id',
  'row_number',
  'phone',
  'country',
  'state',
  'skip_reason',
  'fields_json',
] as const;

/** Index of `id` in the ascending `ids`, or -(insertion point) - 1. */
export function findId(ids: Float64Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

const likePattern = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function toRecipient(r: Row): PreviewRecipient {
  return {
    id: r.id,
    rowNumber: r.row_number,
    phone: r.phone,
    country: r.country,
    state: r.state,
    skipReason: r.skip_reason,
    fields: JSON.parse(r.fields_json) as Record<string, string>,
  };
}

function byId(store: Store, id: number): Row | undefined {
  return store.first(
    store.q
      .selectFrom('recipients')
      .select([...COLUMNS])
      .where('id', '=', id),
  );
}

export function findKeptRecipient(
  store: Store,
  scope: AudienceScope,
  kept: Float64Array,
  q: KeptLookup,
): { row: PreviewRecipient | null; notFound: string | null } {
  const first = () => (kept.length > 0 ? byId(store, kept[0]!) : undefined);
  const label = scope.label || 'the audience filter';
  let found: Row | undefined;
  let notFound: string | null = null;
  const staged = hasStagedImport(store.sqlite, q.campaignId);
  if (q.search !== undefined) {
    const pattern = likePattern(q.search);
    // +campaign_id: walk the primary key in id order (see preview.ts); the scope's condition is the
    // same SQL function the counts use.
    const matching = () =>
      store.q
        .selectFrom('recipients')
        .select([...COLUMNS])
        .where(sql<number>`+recipients.campaign_id`, '=', q.campaignId)
        .$if(staged, (b) => b.where(published()))
        .where((eb) =>
          eb.or([
            sql<boolean>`recipients.phone like ${pattern} escape '\\'`,
            sql<boolean>`exists (select 1 from json_each(recipients.fields_json) where json_each.value like ${pattern} escape '\\')`,
          ]),
        )
        .where(scope.keeps);
    found =
      store.first(
        matching()
          .where('id', '>', q.recipientId ?? 0)
          .orderBy('id')
          .limit(1),
      ) ?? store.first(matching().orderBy('id').limit(1));
    if (!found) notFound = `Nobody kept by ${label} matches "${q.search}".`;
  } else if (q.recipientId !== undefined) {
    if (findId(kept, q.recipientId) >= 0) found = byId(store, q.recipientId);
    else notFound = `That recipient is not in the audience: ${label} leaves them out.`;
  } else if (q.row !== undefined) {
    const r = store.first(
      store.q
        .selectFrom('recipients')
        .select('id')
        .where('campaign_id', '=', q.campaignId)
        .where('row_number', '=', q.row)
        .$if(staged, (b) => b.where(published()))
        .orderBy('id')
        .limit(1),
    );
    if (!r)
      notFound = `No recipient came from row ${q.row} of the file (it may have been a duplicate, invalid or blank).`;
    else if (findId(kept, r.id) < 0)
      notFound = `Row ${q.row} is not in the audience: ${label} leaves it out.`;
    else found = byId(store, r.id);
  } else if (q.position !== undefined) {
    const id = kept[q.position - 1];
    if (id === undefined)
      notFound = `Only ${kept.length.toLocaleString('en')} recipients match ${label}.`;
    else found = byId(store, id);
  }
  found ??= first();
  return { row: found ? toRecipient(found) : null, notFound };
}

export function keptNavigation(
  kept: Float64Array,
  id: number | null,
): { total: number; position: number; prevId: number | null; nextId: number | null } {
  const total = kept.length;
  if (id === null) return { total, position: 0, prevId: null, nextId: null };
  const at = findId(kept, id);
  if (at < 0) return { total, position: 0, prevId: null, nextId: null };
  return {
    total,
    position: at + 1,
    prevId: at > 0 ? kept[at - 1]! : null,
    nextId: at + 1 < total ? kept[at + 1]! : null,
  };
}
