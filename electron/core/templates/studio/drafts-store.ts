import type { Selectable } from 'kysely';
import { CoreError, type StudioTemplate } from '../../../../shared/api';
import {
  categoryChangeInWords,
  checkTemplateDraft,
  rejectionInWords,
  type TemplateDraft,
} from '../../../../shared/domain/studio';
import type { Store } from '../../db/connection';
import type { TemplateDraftsTable } from '../../db/schema';

export type DraftRow = Selectable<TemplateDraftsTable>;

export function toStudioTemplate(row: DraftRow): StudioTemplate {
  const draft = JSON.parse(row.draft_json) as TemplateDraft;
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    metaId: row.meta_id,
    rejectedReason: row.rejected_reason,
    rejection:
      row.status === 'REJECTED' ? rejectionInWords(row.rejected_reason ?? 'UNKNOWN') : null,
    previousCategory: row.previous_category,
    categoryChange: categoryChangeInWords(row.previous_category, row.category),
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    draft,
    check: checkTemplateDraft(draft),
  };
}

export const listDrafts = (store: Store, accountId: number): DraftRow[] =>
  store.all(
    store.q
      .selectFrom('template_drafts')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('name')
      .orderBy('language'),
  );

/** The drafts of a name (one language, or all), refusing a name that has none. */
export function draftsNamed(
  store: Store,
  accountId: number,
  name: string,
  language: string | undefined,
): DraftRow[] {
  const rows = listDrafts(store, accountId).filter(
    (r) => r.name === name && (language === undefined || r.language === language),
  );
  if (rows.length === 0)
    throw new CoreError(
      'NOT_FOUND',
      `There is no studio template named "${name}"${language ? ` in ${language}` : ''}. Create it with: templates create <file.json>`,
    );
  return rows;
}

export const findDraft = (
  store: Store,
  accountId: number,
  name: string,
  language: string,
): DraftRow | undefined =>
  store.first(
    store.q
      .selectFrom('template_drafts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('name', '=', name)
      .where('language', '=', language),
  );

/** Inserts or replaces the draft of (account, name, language); returns its row. */
export function saveDraft(
  store: Store,
  accountId: number,
  draft: TemplateDraft,
  now: number,
): DraftRow {
  return store.tx(() => {
    const existing = findDraft(store, accountId, draft.name, draft.language);
    if (existing && existing.status === 'PENDING')
      throw new CoreError(
        'CONFLICT',
        `"${draft.name}" (${draft.language}) is in review at WhatsApp; wait for the result before changing it.`,
      );
    const values = {
      category: draft.category,
      draft_json: JSON.stringify(draft),
      checked_at: now,
      updated_at: now,
    };
    if (existing) {
      store.run(store.q.updateTable('template_drafts').set(values).where('id', '=', existing.id));
      return { ...existing, ...values };
    }
    const id = store.run(
      store.q.insertInto('template_drafts').values({
        ...values,
        account_id: accountId,
        name: draft.name,
        language: draft.language,
      }),
    ).lastInsertRowid;
    return store.first(store.q.selectFrom('template_drafts').selectAll().where('id', '=', id))!;
  });
}

export function updateDraft(store: Store, id: number, values: Partial<DraftRow>): DraftRow {
  return store.tx(() => {
    store.run(store.q.updateTable('template_drafts').set(values).where('id', '=', id));
    return store.first(store.q.selectFrom('template_drafts').selectAll().where('id', '=', id))!;
  });
}
