import {
  CoreError,
  type AddTemplatesResult,
  type TemplateInfo,
  type TemplateList,
} from '../../../shared/api';
import { parseTemplateText } from '../../../shared/domain/templates';
import { listAccounts } from '../accounts/repo';
import type { Store } from '../db/connection';
import {
  getTemplateRow,
  listTemplateRows,
  relinkCampaigns,
  rowValues,
  toTemplateInfo,
} from './store';

/** The account a template call means: the one named, else the first real account, else the Sandbox. */
export function resolveAccountId(store: Store, accountId: number | undefined): number {
  const accounts = listAccounts(store);
  if (accountId !== undefined) {
    if (!accounts.some((a) => a.id === accountId))
      throw new CoreError('NOT_FOUND', `Account ${accountId} does not exist.`);
    return accountId;
  }
  const pick = accounts.find((a) => a.kind === 'cloud') ?? accounts[0];
  if (!pick) throw new CoreError('NOT_FOUND', 'There is no account yet.');
  return pick.id;
}

export function listTemplates(store: Store, accountId: number): TemplateList {
  const account = store.first(
    store.q.selectFrom('accounts').select('templates_synced_at').where('id', '=', accountId),
  );
  const templates = listTemplateRows(store, accountId)
    .map(toTemplateInfo)
    .filter((t): t is TemplateInfo => t !== null);
  return { accountId, syncedAt: account?.templates_synced_at ?? null, templates };
}

/**
 * Adds templates from pasted JSON, all or nothing. A template without a status (the body of a
 * creation request) is PENDING until a sync says otherwise. A synced template is never overwritten
 * by pasted text: the account is the truth for it.
 */
export function addTemplates(
  store: Store,
  accountId: number,
  json: string,
  now: number,
): AddTemplatesResult & { relinked: number } {
  const parsed = parseTemplateText(json, { defaultStatus: 'PENDING' });
  if (!parsed.ok) {
    throw new CoreError(
      'VALIDATION',
      `That template JSON cannot be used:\n- ${parsed.errors.join('\n- ')}`,
      { errors: parsed.errors },
    );
  }
  const seen = new Set<string>();
  for (const t of parsed.templates) {
    const k = `${t.name}\u0000${t.language}`;
    if (seen.has(k))
      throw new CoreError('VALIDATION', `"${t.name}" (${t.language}) appears twice in that JSON.`);
    seen.add(k);
  }
  return store.tx(() => {
    const ids: number[] = [];
    let replaced = 0;
    for (const t of parsed.templates) {
      const existing = store.first(
        store.q
          .selectFrom('templates')
          .select(['id', 'source'])
          .where('account_id', '=', accountId)
          .where('name', '=', t.name)
          .where('language', '=', t.language),
      );
      const values = {
        ...rowValues(t),
        source: 'manual' as const,
        synced_at: null,
        updated_at: now,
      };
      if (existing?.source === 'sync') {
        throw new CoreError(
          'CONFLICT',
          `"${t.name}" (${t.language}) is already synced from this WhatsApp account; sync again to refresh it instead of pasting it.`,
        );
      }
      if (existing) {
        store.run(store.q.updateTable('templates').set(values).where('id', '=', existing.id));
        ids.push(existing.id);
        replaced++;
      } else {
        ids.push(
          store.run(store.q.insertInto('templates').values({ ...values, account_id: accountId }))
            .lastInsertRowid,
        );
      }
    }
    const relinked = relinkCampaigns(store, accountId);
    const added = ids
      .map((id) => getTemplateRow(store, id))
      .flatMap((row) => {
        const info = row ? toTemplateInfo(row) : null;
        return info ? [info] : [];
      });
    return { added, replaced, relinked };
  });
}

/** Only manual templates can be deleted here; campaigns using one keep its name and mapping. */
export function deleteTemplate(store: Store, id: number): { id: number; accountId: number } {
  return store.tx(() => {
    const row = getTemplateRow(store, id);
    if (!row) throw new CoreError('NOT_FOUND', `Template ${id} does not exist.`);
    if (row.source === 'sync') {
      throw new CoreError(
        'CONFLICT',
        `"${row.name}" (${row.language}) comes from your WhatsApp account. Delete it in WhatsApp Manager, then sync; it then disappears here.`,
      );
    }
    store.run(store.q.deleteFrom('templates').where('id', '=', id));
    return { id, accountId: row.account_id };
  });
}
