import {
  CoreError,
  type StudioCheckResult,
  type StudioDeleteResult,
  type StudioTemplate,
  type TableName,
} from '../../../../shared/api';
import {
  checkTemplateText,
  creationBody,
  editRefusal,
  type TemplateDraft,
} from '../../../../shared/domain/studio';
import { noun, pluralWord } from '../../../../shared/format';
import type { AccountClients } from '../../accounts/clients';
import type { ApiFailure } from '../../cloud-api';
import type { Clock } from '../../clock';
import type { Store } from '../../db/connection';
import type { EventBus } from '../../events';
import { resolveAccountId } from '../library';
import {
  draftsNamed,
  findDraft,
  listDrafts,
  saveDraft,
  toStudioTemplate,
  updateDraft,
  type DraftRow,
} from './drafts-store';
import { browseLibrary, createFromLibrary } from './from-library';
import { uploadSamples } from './samples';

export interface StudioDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
}

/**
 * Meta's `error_data.details` says what is wrong with a template in Meta's words; the catalogue's
 * explanation of a code is written for sending messages, so it is only the fallback.
 */
const metaFailure = (what: string, f: ApiFailure): CoreError =>
  new CoreError(
    'UNAVAILABLE',
    `${what}: ${
      f.details ?? `${f.metaMessage ?? ''} ${f.failure.entry.explanation} ${f.failure.entry.action}`
    }`
      .replace(/\s+/g, ' ')
      .trim(),
  );

export function createStudioService(deps: StudioDeps) {
  const { store, clock, events, clients } = deps;
  const changed = (tables: TableName[] = ['template_drafts']) =>
    events.emit('db.changed', { tables });

  async function submit(row: DraftRow, baseDir: string | undefined): Promise<DraftRow> {
    const client = await clients.clientFor(row.account_id);
    const draft = await uploadSamples(client, JSON.parse(row.draft_json) as TemplateDraft, baseDir);
    const r = await client.createTemplate(creationBody(draft));
    if (!r.ok) throw metaFailure(`WhatsApp did not take "${row.name}" (${row.language})`, r);
    const now = clock.now();
    return updateDraft(store, row.id, {
      draft_json: JSON.stringify(draft),
      meta_id: r.id,
      status: 'PENDING',
      category: r.category || draft.category,
      rejected_reason: null,
      submitted_at: now,
      updated_at: now,
    });
  }

  /**
   * An edit of a template WhatsApp already has: Meta must take it before the stored copy changes,
   * so a refused edit (limits, review) leaves the app showing what WhatsApp really holds.
   */
  async function submitEdit(
    row: DraftRow,
    edited: TemplateDraft,
    baseDir: string | undefined,
  ): Promise<DraftRow> {
    const refusal = editRefusal(row, edited);
    if (refusal) throw new CoreError('CONFLICT', `"${row.name}" (${row.language}): ${refusal}`);
    const client = await clients.clientFor(row.account_id);
    const draft = await uploadSamples(client, edited, baseDir);
    const r = await client.editTemplate(row.meta_id!, {
      category: draft.category,
      components: draft.components,
    });
    if (!r.ok) throw metaFailure(`WhatsApp did not take the edit of "${row.name}"`, r);
    const now = clock.now();
    return updateDraft(store, row.id, {
      draft_json: JSON.stringify(draft),
      status: 'PENDING',
      category: draft.category,
      rejected_reason: null,
      previous_category: null,
      checked_at: now,
      submitted_at: now,
      updated_at: now,
    });
  }

  async function refresh(row: DraftRow): Promise<DraftRow> {
    if (!row.meta_id) return row;
    const client = await clients.clientFor(row.account_id);
    const s = await client.templateState(row.meta_id);
    if (!s.ok) throw metaFailure(`The status of "${row.name}" could not be read`, s);
    return updateDraft(store, row.id, {
      status: s.status,
      category: s.category || row.category,
      rejected_reason: s.rejectedReason,
      previous_category: s.previousCategory ?? row.previous_category,
      updated_at: clock.now(),
    });
  }

  return {
    check: (json: string): StudioCheckResult => checkTemplateText(json),

    library: (input: { accountId?: number; search?: string; language?: string }) =>
      browseLibrary(deps, input),
    fromLibrary: (input: Parameters<typeof createFromLibrary>[1]) => createFromLibrary(deps, input),

    drafts: (accountId?: number): StudioTemplate[] =>
      listDrafts(store, resolveAccountId(store, accountId)).map(toStudioTemplate),

    /**
     * The check runs first: with errors, nothing is saved unless `force` (a shop owner's template
     * must not sit half-broken); then the draft is saved and, with `submit`, sent for review.
     */
    async create(input: {
      accountId?: number;
      json: string;
      submit: boolean;
      force: boolean;
      baseDir?: string;
    }): Promise<StudioTemplate> {
      const accountId = resolveAccountId(store, input.accountId);
      const checked = checkTemplateText(input.json);
      if (!checked.draft || (!checked.ok && !input.force))
        throw new CoreError(
          'VALIDATION',
          [
            `The check found ${checked.errors} ${pluralWord(checked.errors, noun('problem'))} WhatsApp would reject${checked.draft ? ' (use force to submit anyway)' : ''}:`,
            ...checked.findings
              .filter((f) => f.severity === 'error')
              .map((f) => `- [${f.field}] ${f.message} Fix: ${f.fix}`),
          ].join('\n'),
          { findings: checked.findings },
        );
      const existing = findDraft(store, accountId, checked.draft.name, checked.draft.language);
      if (existing?.meta_id) {
        if (!input.submit)
          throw new CoreError(
            'CONFLICT',
            `"${existing.name}" (${existing.language}) is already at WhatsApp: a change to it must be submitted as an edit (use submit).`,
          );
        const edited = await submitEdit(existing, checked.draft, input.baseDir);
        changed();
        return toStudioTemplate(edited);
      }
      let row = saveDraft(store, accountId, checked.draft, clock.now());
      changed();
      if (input.submit) {
        row = await submit(row, input.baseDir);
        changed();
      }
      return toStudioTemplate(row);
    },

    /** Polls Meta for each submitted template of the name; drafts never submitted are returned as they are. */
    async status(input: { accountId?: number; name: string; language?: string }) {
      const accountId = resolveAccountId(store, input.accountId);
      const out: StudioTemplate[] = [];
      for (const row of draftsNamed(store, accountId, input.name, input.language))
        out.push(toStudioTemplate(await refresh(row)));
      changed();
      return out;
    },

    async remove(input: {
      accountId?: number;
      name: string;
      language?: string;
    }): Promise<StudioDeleteResult> {
      const accountId = resolveAccountId(store, input.accountId);
      const rows = draftsNamed(store, accountId, input.name, input.language);
      const submitted = rows.filter((r) => r.meta_id !== null);
      let deletedAtMeta = false;
      if (submitted.length > 0) {
        const client = await clients.clientFor(accountId);
        // Without a language Meta deletes every language of the name in one call; with one, by id.
        const r =
          input.language === undefined
            ? await client.deleteTemplate(input.name)
            : await client.deleteTemplate(input.name, submitted[0]!.meta_id!);
        if (!r.ok) throw metaFailure(`WhatsApp did not delete "${input.name}"`, r);
        deletedAtMeta = true;
      }
      store.tx(() => {
        for (const r of rows)
          store.run(store.q.deleteFrom('template_drafts').where('id', '=', r.id));
      });
      changed(['template_drafts', 'templates']);
      return { deleted: rows.length, deletedAtMeta };
    },
  };
}

export type StudioService = ReturnType<typeof createStudioService>;
