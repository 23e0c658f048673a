import { CoreError, type StudioTemplate } from '../../../../shared/api';
import {
  libraryCreationBody,
  libraryDraft,
  libraryInputProblem,
  type LibraryButtonInput,
  type LibraryTemplate,
} from '../../../../shared/domain/studio';
import { resolveAccountId } from '../library';
import { findDraft, saveDraft, toStudioTemplate, updateDraft } from './drafts-store';
import type { StudioDeps } from './service';

/** Meta's template library: browse it, and create a template from an entry in one step. */

const unavailable = (what: string, f: { details: string | null; metaMessage: string | null }) =>
  new CoreError('UNAVAILABLE', `${what}: ${f.details ?? f.metaMessage ?? 'no answer'}`);

export async function browseLibrary(
  deps: StudioDeps,
  input: { accountId?: number; search?: string; language?: string },
): Promise<LibraryTemplate[]> {
  const accountId = resolveAccountId(deps.store, input.accountId);
  const client = await deps.clients.clientFor(accountId);
  const r = await client.templateLibrary({
    ...(input.search?.trim() && { search: input.search.trim() }),
    ...(input.language && { language: input.language }),
  });
  if (!r.ok) throw unavailable("WhatsApp's template library could not be read", r);
  return r.templates;
}

export async function createFromLibrary(
  deps: StudioDeps,
  input: {
    accountId?: number;
    library: string;
    language: string;
    name: string;
    buttons: LibraryButtonInput[];
  },
): Promise<StudioTemplate> {
  const { store, clock } = deps;
  const accountId = resolveAccountId(store, input.accountId);
  if (!/^[a-z0-9_]{1,512}$/.test(input.name))
    throw new CoreError(
      'VALIDATION',
      'The name may hold only lowercase letters, numbers and underscores, e.g. order_confirmation.',
    );
  if (findDraft(store, accountId, input.name, input.language))
    throw new CoreError(
      'CONFLICT',
      `You already have a template named "${input.name}" in ${input.language}: pick another name.`,
    );
  const found = (await browseLibrary(deps, { accountId, language: input.language })).find(
    (t) => t.name === input.library,
  );
  if (!found)
    throw new CoreError(
      'NOT_FOUND',
      `WhatsApp's library has no template "${input.library}" in ${input.language}.`,
    );
  const problem = libraryInputProblem(found, input.buttons);
  if (problem) throw new CoreError('VALIDATION', problem);
  const client = await deps.clients.clientFor(accountId);
  const r = await client.createTemplate(libraryCreationBody(found, input.name, input.buttons));
  if (!r.ok) throw unavailable(`WhatsApp did not create "${input.name}"`, r);
  const now = clock.now();
  const row = saveDraft(store, accountId, libraryDraft(found, input.name, input.buttons), now);
  const done = updateDraft(store, row.id, {
    meta_id: r.id,
    status: r.status,
    category: r.category || found.category,
    submitted_at: now,
  });
  deps.events.emit('db.changed', { tables: ['template_drafts'] });
  return toStudioTemplate(done);
}
