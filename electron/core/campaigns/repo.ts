import { sql, type Selectable } from 'kysely';
import {
  RECIPIENT_STATES,
  type Campaign,
  type CampaignSummary,
  type RecipientCounts,
  type RecipientState,
} from '../../../shared/api';
import type { Store } from '../db/connection';
import type { CampaignsTable } from '../db/schema';
import { countHeld } from '../status/queries';
import { hasStagedImport, published, stagedCountSql } from '../db/visibility';

type CampaignRow = Selectable<CampaignsTable> & { recipients: number; reached: number };

/** States a message reaches once WhatsApp accepted it (what ProgressPanel calls "sent any"). */
const REACHED_STATES = ['sent', 'delivered', 'read', 'unknown'] as const;

function summaryQuery(store: Store) {
  return (
    store.q
      .selectFrom('campaigns')
      .selectAll('campaigns')
      .select((eb) =>
        eb
          .selectFrom('recipients')
          // Rows of an import still being written are not part of the audience yet.
          .select(sql<number>`count(*) - ${sql.raw(stagedCountSql('campaigns.id'))}`.as('n'))
          .whereRef('recipients.campaign_id', '=', 'campaigns.id')
          .as('recipients'),
      )
      // Drafts never sent anything: skip the count where it cannot be anything but 0.
      .select((eb) =>
        eb
          .case()
          .when('campaigns.state', '=', 'draft')
          .then(0)
          .else(
            eb
              .selectFrom('recipients')
              .select(sql<number>`count(*)`.as('n'))
              .whereRef('recipients.campaign_id', '=', 'campaigns.id')
              .where('recipients.state', 'in', REACHED_STATES),
          )
          .end()
          .as('reached'),
      )
  );
}

function toSummary(row: CampaignRow): CampaignSummary {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    state: row.state,
    pauseReason: row.pause_reason,
    templateName: row.template_name,
    templateLanguage: row.template_language,
    recipients: row.recipients ?? 0,
    reached: row.reached ?? 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listCampaigns(store: Store): CampaignSummary[] {
  return store
    .all(
      summaryQuery(store).orderBy('campaigns.updated_at', 'desc').orderBy('campaigns.id', 'desc'),
    )
    .map((r) => toSummary(r as CampaignRow));
}

export function recipientCounts(store: Store, campaignId: number): RecipientCounts {
  const rows = store.all(
    store.q
      .selectFrom('recipients')
      .select(['state', sql<number>`count(*)`.as('n')])
      .where('campaign_id', '=', campaignId)
      .$if(hasStagedImport(store.sqlite, campaignId), (q) => q.where(published()))
      .groupBy('state'),
  );
  const counts = Object.fromEntries(RECIPIENT_STATES.map((s) => [s, 0])) as Record<
    RecipientState,
    number
  >;
  let total = 0;
  for (const r of rows) {
    counts[r.state] = r.n;
    total += r.n;
  }
  const held = counts.sent > 0 ? countHeld(store.sqlite, campaignId) : 0;
  return { ...counts, total, held };
}

export function getCampaign(store: Store, id: number): Campaign | undefined {
  const row = store.first(
    summaryQuery(store)
      .innerJoin('accounts', 'accounts.id', 'campaigns.account_id')
      .select('accounts.name as account_name')
      .where('campaigns.id', '=', id),
  );
  if (!row) return undefined;
  return {
    ...toSummary(row as CampaignRow),
    accountName: row.account_name,
    counts: recipientCounts(store, id),
    scheduledAt: row.scheduled_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
  };
}

export function insertCampaign(
  store: Store,
  values: { accountId: number; name: string; now: number },
): number {
  return store.run(
    store.q.insertInto('campaigns').values({
      account_id: values.accountId,
      name: values.name,
      pause_code: null,
      pause_reason: null,
      template_id: null,
      template_name: null,
      template_language: null,
      mapping_json: null,
      default_country: null,
      parent_campaign_id: null,
      scheduled_at: null,
      started_at: null,
      completed_at: null,
      created_at: values.now,
      updated_at: values.now,
    }),
  ).lastInsertRowid;
}

export function renameCampaign(store: Store, id: number, name: string, now: number): number {
  return store.run(
    store.q.updateTable('campaigns').set({ name, updated_at: now }).where('id', '=', id),
  ).changes;
}

export function deleteCampaign(store: Store, id: number): number {
  return store.run(store.q.deleteFrom('campaigns').where('id', '=', id)).changes;
}
