import { CoreError, type TemplateSyncResult } from '../../../shared/api';
import type { AccountClients } from '../accounts/clients';
import type { Store } from '../db/connection';
import { listTemplateRows, relinkCampaigns, rowValues, sameContent } from './store';

const key = (name: string, language: string): string => `${name}\u0000${language}`;

const nameOf = (raw: unknown): string | null => {
  const name =
    typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : null;
};
const languageOf = (raw: unknown): string | null => {
  const lang =
    typeof raw === 'object' && raw !== null ? (raw as { language?: unknown }).language : undefined;
  return typeof lang === 'string' ? lang : null;
};

/**
 * Mirrors the account's templates: GET message_templates (every page) first, then ONE transaction,
 * so a failed or partial listing never leaves half a list. Rows keep their id when a template
 * changes, so campaigns stay linked; manual templates are replaced only by the real one with the
 * same name and language. A synced template missing from a complete listing was deleted in
 * WhatsApp Manager: its row goes, and campaigns using it keep its name, language and mapping.
 */
export async function syncTemplates(
  deps: { store: Store; clients: AccountClients; now: () => number },
  accountId: number,
): Promise<TemplateSyncResult> {
  const { store } = deps;
  const client = await deps.clients.clientFor(accountId);
  const listed = await client.listTemplates();
  if (!listed.ok) {
    const { entry } = listed.failure;
    throw new CoreError(
      'UNAVAILABLE',
      `The templates could not be fetched: ${entry.explanation} ${entry.action}`.trim(),
    );
  }
  const now = deps.now();
  const result: TemplateSyncResult = {
    accountId,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    invalid: listed.invalid.map((i) => ({ name: nameOf(i.raw), errors: i.errors })),
    pages: listed.pages,
    complete: listed.complete,
    syncedAt: now,
  };

  store.tx(() => {
    const existing = new Map(
      listTemplateRows(store, accountId).map((r) => [key(r.name, r.language), r]),
    );
    const seen = new Set<string>();
    for (const t of listed.templates) {
      const k = key(t.name, t.language);
      if (seen.has(k)) continue; // Graph never repeats one; a misbehaving proxy must not flip-flop a row.
      seen.add(k);
      const values = rowValues(t);
      const row = existing.get(k);
      if (!row) {
        store.run(
          store.q.insertInto('templates').values({
            ...values,
            account_id: accountId,
            source: 'sync',
            synced_at: now,
            updated_at: now,
          }),
        );
        result.added++;
      } else if (row.source === 'sync' && sameContent(row, values)) {
        store.run(
          store.q.updateTable('templates').set({ synced_at: now }).where('id', '=', row.id),
        );
        result.unchanged++;
      } else {
        store.run(
          store.q
            .updateTable('templates')
            .set({ ...values, source: 'sync', synced_at: now, updated_at: now })
            .where('id', '=', row.id),
        );
        result.updated++;
      }
    }
    // Templates Meta listed but we could not read still exist in the account: never remove them.
    for (const i of listed.invalid) {
      const name = nameOf(i.raw);
      const language = languageOf(i.raw);
      if (name !== null) seen.add(key(name, language ?? ''));
    }
    const unreadableNames = new Set(listed.invalid.map((i) => nameOf(i.raw)));
    if (listed.complete) {
      for (const [k, row] of existing) {
        if (row.source !== 'sync' || seen.has(k) || unreadableNames.has(row.name)) continue;
        store.run(store.q.deleteFrom('templates').where('id', '=', row.id));
        result.removed++;
      }
    }
    store.run(
      store.q.updateTable('accounts').set({ templates_synced_at: now }).where('id', '=', accountId),
    );
    relinkCampaigns(store, accountId);
  });
  return result;
}
