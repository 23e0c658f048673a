import { randomBytes } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { CoreError, type FileRef } from '../../../shared/api';
import {
  templateSlots,
  type Mapping,
  type MappingSource,
  type Slot,
  type Template,
} from '../../../shared/domain/templates';
import { resolveFileRef } from '../contacts/uploads';
import type { Store } from '../db/connection';
import { assertEditable, loadMessageState, mappingForNewTemplate } from './campaign-message';
import { getTemplateRow, toTemplateInfo } from './store';

/** Changing a campaign's template, mapping and header file. Each write is one short transaction. */

function saveMapping(store: Store, campaignId: number, mapping: Mapping, now: number): void {
  store.run(
    store.q
      .updateTable('campaigns')
      .set({ mapping_json: JSON.stringify(mapping), updated_at: now })
      .where('id', '=', campaignId),
  );
}

export function setTemplate(
  store: Store,
  campaignId: number,
  templateId: number,
  now: number,
): void {
  store.tx(() => {
    const state = loadMessageState(store, campaignId);
    assertEditable(state);
    const row = getTemplateRow(store, templateId);
    if (!row)
      throw new CoreError(
        'NOT_FOUND',
        `Template ${templateId} does not exist (it may have been removed by a sync).`,
      );
    if (row.account_id !== state.accountId) {
      throw new CoreError(
        'VALIDATION',
        'That template belongs to another WhatsApp account than this campaign.',
      );
    }
    const info = toTemplateInfo(row);
    if (!info)
      throw new CoreError(
        'VALIDATION',
        `The stored template "${row.name}" cannot be read; sync templates again.`,
      );
    // Not-approved templates can be chosen to prepare a campaign; validation and sending refuse them.
    const mapping = mappingForNewTemplate(info.template, state.mapping, state.columns);
    store.run(
      store.q
        .updateTable('campaigns')
        .set({
          template_id: row.id,
          template_name: row.name,
          template_language: row.language,
          mapping_json: JSON.stringify(mapping),
          updated_at: now,
        })
        .where('id', '=', campaignId),
    );
  });
}

function kindFits(slot: Slot, src: MappingSource): string | null {
  if (slot.kind === 'media')
    return src.kind === 'media'
      ? null
      : `${slot.key} is the header ${String(slot.mediaFormat).toLowerCase()}: give an https link or a file.`;
  if (slot.kind === 'location')
    return src.kind === 'location' ? null : `${slot.key} is a place: give latitude and longitude.`;
  if (src.kind !== 'column' && src.kind !== 'static')
    return `${slot.key} takes text: a column, a fixed text, or a column with a fallback.`;
  if (src.as && slot.component !== 'body')
    return `${slot.key} can only be plain text: amounts and dates are allowed in the body only.`;
  return null;
}

/**
 * Replaces the mapping. Slots the template does not have, and values of the wrong kind, are refused;
 * a column the audience lacks is accepted (the audience may come later) and reported as a problem.
 */
export function setMapping(store: Store, campaignId: number, mapping: Mapping, now: number): void {
  store.tx(() => {
    const state = loadMessageState(store, campaignId);
    assertEditable(state);
    const t = state.info?.template;
    if (!t)
      throw new CoreError(
        'CONFLICT',
        state.templateWarning ?? 'Choose a template before mapping its placeholders.',
      );
    const errors = mappingErrors(t, mapping);
    if (errors.length > 0) throw new CoreError('VALIDATION', errors.join(' '), { errors });
    saveMapping(store, campaignId, mapping, now);
  });
}

/** Why a mapping cannot be stored for this template: slots it lacks, values of the wrong kind. */
export function mappingErrors(t: Template, mapping: Mapping): string[] {
  const slots = new Map(templateSlots(t).map((s) => [s.key, s]));
  const errors: string[] = [];
  for (const [key, src] of Object.entries(mapping)) {
    const slot = slots.get(key);
    if (!slot) {
      errors.push(
        `"${key}" is not a placeholder of "${t.name}"; it has ${[...slots.keys()].join(', ') || 'none'}.`,
      );
      continue;
    }
    const wrong = kindFits(slot, src);
    if (wrong) errors.push(wrong);
  }
  return errors;
}

const safeName = (name: string): string =>
  basename(name)
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .slice(-80) || 'header';

/** Where a chosen header file is kept: a path in place, a browser upload copied into media/. */
export async function stageMediaFile(
  dataDir: string,
  input: { campaignId: number; file: FileRef; fileName: string },
): Promise<string> {
  const source = resolveFileRef(dataDir, input.file);
  if (!existsSync(source)) {
    throw new CoreError(
      'VALIDATION',
      input.file.kind === 'path'
        ? `There is no file at ${source}.`
        : 'The uploaded file is gone; choose the file again.',
    );
  }
  if (input.file.kind !== 'upload') return source;
  const dir = join(dataDir, 'media');
  await mkdir(dir, { recursive: true });
  const name = safeName(input.fileName || `header${extname(source)}`);
  const path = join(dir, `${input.campaignId}-${randomBytes(6).toString('hex')}-${name}`);
  await copyFile(source, path);
  return path;
}

/**
 * Sets the header media to a local file. A path (desktop app, CLI) is used in place; a browser upload
 * is copied out of uploads/ (pruned after a day) into media/, where it stays until the campaign is sent.
 */
export async function setMediaFile(
  deps: { store: Store; dataDir: string; now: () => number },
  input: { campaignId: number; file: FileRef; fileName: string },
): Promise<void> {
  const { store } = deps;
  const before = loadMessageState(store, input.campaignId);
  assertEditable(before);
  const slot = before.info
    ? templateSlots(before.info.template).find((s) => s.kind === 'media')
    : undefined;
  if (!slot)
    throw new CoreError(
      'VALIDATION',
      'This campaign’s template has no image, video or document header.',
    );
  const path = await stageMediaFile(deps.dataDir, input);
  store.tx(() => {
    // Read again: the template may have changed while the file was being copied.
    const state = loadMessageState(store, input.campaignId);
    assertEditable(state);
    if (state.info?.id !== before.info?.id)
      throw new CoreError('CONFLICT', 'The template changed meanwhile; choose the file again.');
    saveMapping(
      store,
      input.campaignId,
      { ...state.mapping, [slot.key]: { kind: 'media', media: { type: 'file', path } } },
      deps.now(),
    );
  });
}
