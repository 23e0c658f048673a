import { sql } from 'kysely';
import { RECIPIENT_STATES, type Preview, type PreviewRecipient } from '../../../shared/api';
import {
  buildSendBody,
  renderMessage,
  resolveMessageValues,
  SendBodyError,
  templateSlots,
  validateRecipient,
  type CloudApiTemplateMessage,
  type MediaRef,
} from '../../../shared/domain/templates';
import type { Store } from '../db/connection';
import { loadMessageState, toSetup, type CampaignMessageState } from './campaign-message';
import { recipientCallbackData } from './compose';
import { audienceScope, scanScope } from '../campaigns/audience-scope';
import { findKeptRecipient, keptNavigation } from '../campaigns/audience-filter-preview';
import { hasStagedImport, published } from '../db/visibility';
import { stateForPreviewLanguage } from '../translations/preview-language';

export interface PreviewQuery {
  campaignId: number;
  recipientId?: number | undefined;
  row?: number | undefined;
  position?: number | undefined;
  search?: string | undefined;
  /** A language of the template family to show instead of the recipient's own. */
  language?: string | undefined;
}

/** Stands in for the media id that only exists once the sender has uploaded the header file. */
export const MEDIA_ID_PLACEHOLDER = '<MEDIA_ID>';

const COLUMNS = [
  'id',
  'row_number',
  'phone',
  'country',
  'state',
  'skip_reason',
  'fields_json',
] as const;

const likePattern = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function toRecipient(r: {
  id: number;
  row_number: number;
  phone: string;
  country: string | null;
  state: string;
  skip_reason: string | null;
  fields_json: string;
}): PreviewRecipient {
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

/**
 * Query shapes chosen with EXPLAIN at a million recipients. The indexes on recipients lead with
 * campaign_id but are not ordered by id, so "the next one by id" through them sorts the whole
 * campaign; `+campaign_id` keeps SQLite off those indexes and walks the primary key from the given
 * id instead, which stops at the first row of this campaign (imports insert a campaign's rows together).
 */
const byIdWalk = (store: Store, campaignId: number) =>
  store.q
    .selectFrom('recipients')
    .where(sql<number>`+recipients.campaign_id`, '=', campaignId)
    .$if(hasStagedImport(store.sqlite, campaignId), (q) => q.where(published()));

/** Finds the recipient to show: every lookup is one query that stays fast at a million rows. */
function findRecipient(
  store: Store,
  q: PreviewQuery,
): { row: PreviewRecipient | null; notFound: string | null } {
  const walk = () => byIdWalk(store, q.campaignId).select([...COLUMNS]);
  const first = () => store.first(walk().orderBy('id').limit(1));
  let found: ReturnType<typeof first>;
  let notFound: string | null = null;
  if (q.search !== undefined) {
    const pattern = likePattern(q.search);
    const matching = () =>
      walk().where((eb) =>
        eb.or([
          sql<boolean>`recipients.phone like ${pattern} escape '\\'`,
          sql<boolean>`exists (select 1 from json_each(recipients.fields_json) where json_each.value like ${pattern} escape '\\')`,
        ]),
      );
    // "Find next": after the current recipient, then from the top again.
    found =
      store.first(
        matching()
          .where('id', '>', q.recipientId ?? 0)
          .orderBy('id')
          .limit(1),
      ) ?? store.first(matching().orderBy('id').limit(1));
    if (!found) notFound = `Nobody matches "${q.search}".`;
  } else if (q.recipientId !== undefined) {
    found = store.first(walk().where('id', '=', q.recipientId));
    if (!found) notFound = 'That recipient is no longer in this campaign.';
  } else if (q.row !== undefined) {
    found = store.first(
      store.q
        .selectFrom('recipients')
        .select([...COLUMNS])
        .where('campaign_id', '=', q.campaignId)
        .where('row_number', '=', q.row)
        .$if(hasStagedImport(store.sqlite, q.campaignId), (b) => b.where(published()))
        .orderBy('id')
        .limit(1),
    );
    if (!found)
      notFound = `No recipient came from row ${q.row} of the file (it may have been a duplicate, invalid or blank).`;
  } else if (q.position !== undefined) {
    found = store.first(
      walk()
        .orderBy('id')
        .limit(1)
        .offset(q.position - 1),
    );
    if (!found) notFound = `There are fewer than ${q.position} recipients.`;
  }
  found ??= first();
  return { row: found ? toRecipient(found) : null, notFound };
}

function navigation(store: Store, campaignId: number, id: number | null) {
  const staged = hasStagedImport(store.sqlite, campaignId);
  const inCampaign = () =>
    store.q
      .selectFrom('recipients')
      .where('campaign_id', '=', campaignId)
      .$if(staged, (q) => q.where(published()));
  const total = store.first(inCampaign().select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  if (id === null) return { total, position: 0, prevId: null, nextId: null };
  // Naming every state lets SQLite count a range of (campaign_id, state, id) per state: O(position).
  const position =
    store.first(
      inCampaign()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', 'in', [...RECIPIENT_STATES])
        .where('id', '<=', id),
    )?.n ?? 0;
  const prev = store.first(
    byIdWalk(store, campaignId).select('id').where('id', '<', id).orderBy('id', 'desc').limit(1),
  );
  const next = store.first(
    byIdWalk(store, campaignId).select('id').where('id', '>', id).orderBy('id').limit(1),
  );
  return { total, position, prevId: prev?.id ?? null, nextId: next?.id ?? null };
}

/**
 * One recipient's message exactly as it will be sent: the bubble, the request body and its problems.
 * While a draft's targeting applies (audience filter, frequency cap), stepping covers only the
 * recipients it keeps. `state` shows another A/B variant's message (default: the campaign's own, A).
 */
export async function previewRecipient(
  store: Store,
  q: PreviewQuery,
  now: number,
  campaignState: CampaignMessageState = loadMessageState(store, q.campaignId),
): Promise<Preview> {
  const setup = toSetup(campaignState);
  const scope = audienceScope(store, q.campaignId, now);
  const kept = scope.everybody ? null : (await scanScope(store, scope)).keptIds;
  const { row, notFound } = kept
    ? findKeptRecipient(store, scope, kept, q)
    : findRecipient(store, q);
  const nav = kept
    ? keptNavigation(kept, row?.id ?? null)
    : navigation(store, q.campaignId, row?.id ?? null);
  const out: Preview = {
    campaignId: q.campaignId,
    recipient: row,
    ...nav,
    filteredFrom: kept ? navigation(store, q.campaignId, null).total : null,
    notFound,
    message: null,
    requestBody: null,
    requestNotes: [],
    problems: [],
    mappingProblems: setup.mappingProblems,
    unavailable: null,
  };
  // The recipient's translation (or the one asked for): same mapping, that language's template.
  const { state, language } = stateForPreviewLanguage(store, campaignState, row, q.language);
  out.language = language;
  const t = state.info?.template;
  if (!t) {
    out.unavailable = state.templateWarning ?? 'Choose a template to see the message.';
    return out;
  }
  const fields = row?.fields ?? {};
  const values = resolveMessageValues(t, state.mapping, fields, state.utm);
  out.message = renderMessage(t, values);
  out.problems = validateRecipient(t, values, state.mapping, { now });
  if (!row) {
    out.requestNotes.push(
      kept && (out.filteredFrom ?? 0) > 0
        ? `Nobody is left once ${scope.label} is applied: ${scope.fix} to see the exact request for a recipient.`
        : 'Add customers to see the exact request sent for each of them.',
    );
    return out;
  }

  const mediaSlot = templateSlots(t).find((s) => s.kind === 'media');
  const mediaSource = mediaSlot ? state.mapping[mediaSlot.key] : undefined;
  let media: MediaRef | undefined;
  if (mediaSource?.kind === 'media' && mediaSource.media.type === 'file') {
    media = { id: MEDIA_ID_PLACEHOLDER };
    out.requestNotes.push(
      `The header file is uploaded to WhatsApp when sending; the media id it gets (valid 30 days) replaces ${MEDIA_ID_PLACEHOLDER}.`,
    );
  }
  try {
    const body: CloudApiTemplateMessage = buildSendBody(t, {
      to: row.phone,
      values,
      mapping: state.mapping,
      bizOpaqueCallbackData: recipientCallbackData(q.campaignId, row.id),
      ...(media ? { media } : {}),
    });
    out.requestBody = body;
  } catch (e) {
    if (!(e instanceof SendBodyError)) throw e;
    out.requestNotes.push(
      'The request cannot be built for this recipient until the problems shown are fixed.',
    );
  }
  if (row.state === 'skipped')
    out.requestNotes.push(
      `This recipient is skipped (${row.skipReason ?? 'no reason given'}) and will not be sent to.`,
    );
  return out;
}
