import { readLanguageChoice } from '../translations/setting';
import { LANGUAGES_REFUSE_SPLIT } from '../translations/with-variants';
import {
  CoreError,
  type FileRef,
  type StoredVariant,
  type VariantsSetting,
} from '../../../shared/api';
import {
  hasUtm,
  templateSlots,
  utmBlocked,
  buttonsOf,
  type Mapping,
  type Template,
  type UtmBySlot,
  type UtmParams,
} from '../../../shared/domain/templates';
import {
  evenShares,
  MAX_VARIANTS,
  sharesProblem,
  VARIANT_IDS,
  type VariantId,
} from '../../../shared/domain/variants';
import type { Store } from '../db/connection';
import { loadMessageState, mappingForNewTemplate } from '../templates/campaign-message';
import { mappingErrors, stageMediaFile } from '../templates/edit';
import { getTemplateRow, toTemplateInfo } from '../templates/store';
import { clearAssignments } from './variants-assign';
import { loadVariantMessageState } from './variants-messages';
import { findVariant, variantsForEdit, writeVariants } from './variants-settings';

/**
 * Changing a campaign's variants. Each change reads the setting, changes it and writes it back in one
 * short transaction, so two windows (or the app and the CLI) never lose each other's edits.
 */

export interface EditDeps {
  store: Store;
  now: () => number;
  random?: () => number;
}

type Scope = 'split' | 'message';

function edit<T>(
  deps: EditDeps,
  campaignId: number,
  scope: Scope,
  change: (s: VariantsSetting) => T,
): T {
  return deps.store.tx(() => {
    const setting = variantsForEdit(deps.store, campaignId, {
      random: deps.random,
      replaceDamaged: scope === 'split',
    });
    const result = change(setting);
    writeVariants(deps.store, campaignId, setting, deps.now(), scope);
    // A different split in a draft: assignments from a start that did not go through no longer hold.
    if (scope === 'split') clearAssignments(deps.store, campaignId);
    return result;
  });
}

const sameLabel = (a: string, b: string) =>
  a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

function assertUniqueLabel(setting: VariantsSetting, label: string, except?: VariantId): void {
  const clash = setting.variants.find((v) => v.id !== except && sameLabel(v.label, label));
  if (clash)
    throw new CoreError(
      'VALIDATION',
      `Variant ${clash.id} is already called "${clash.label}"; give each variant its own name.`,
    );
}

/** Tags for the URL buttons this template has, dropping any for slots it lacks. */
function keepUtm(t: Template | undefined, utm: UtmBySlot | undefined, content?: string): UtmBySlot {
  if (!t || !utm) return {};
  const slots = new Set(
    templateSlots(t)
      .filter((s) => s.kind === 'url_suffix')
      .map((s) => s.key),
  );
  const out: UtmBySlot = {};
  for (const [key, params] of Object.entries(utm)) {
    if (!slots.has(key) || !hasUtm(params)) continue;
    out[key] =
      content !== undefined && params.content !== undefined
        ? { ...params, content }
        : { ...params };
  }
  return out;
}

function templateFor(store: Store, accountId: number, templateId: number) {
  const row = getTemplateRow(store, templateId);
  if (!row)
    throw new CoreError(
      'NOT_FOUND',
      `Template ${templateId} does not exist (it may have been removed by a sync).`,
    );
  if (row.account_id !== accountId)
    throw new CoreError(
      'VALIDATION',
      'That template belongs to another WhatsApp account than this campaign.',
    );
  const info = toTemplateInfo(row);
  if (!info)
    throw new CoreError(
      'VALIDATION',
      `The stored template "${row.name}" cannot be read; sync templates again.`,
    );
  return info;
}

/**
 * Adds the next variant (B, then C). By default it starts as a copy of A, same template and mapping,
 * to change from there; with another template the placeholders it shares with A keep A's values. Tags
 * are copied too, with utm_content set to the new variant's name where A has one. Proportions become even.
 */
export function addVariant(
  deps: EditDeps,
  campaignId: number,
  input: { label?: string | undefined; templateId?: number | undefined },
): void {
  const a = loadMessageState(deps.store, campaignId);
  if (readLanguageChoice(deps.store, campaignId).kind !== 'fixed')
    throw new CoreError('VALIDATION', LANGUAGES_REFUSE_SPLIT);
  edit(deps, campaignId, 'split', (setting) => {
    if (setting.variants.length >= MAX_VARIANTS)
      throw new CoreError(
        'CONFLICT',
        `A campaign has at most ${MAX_VARIANTS} variants (A, B and C).`,
      );
    const id = VARIANT_IDS[setting.variants.length]!;
    const label = input.label ?? id;
    assertUniqueLabel(setting, label);
    const info =
      input.templateId !== undefined
        ? templateFor(deps.store, a.accountId, input.templateId)
        : a.info;
    const template = info
      ? { name: info.name, language: info.language }
      : a.templateName && a.templateLanguage
        ? { name: a.templateName, language: a.templateLanguage }
        : null;
    const sameAsA = info !== null && info.id === a.info?.id;
    const mapping: Mapping = info
      ? sameAsA
        ? structuredClone(a.mapping)
        : mappingForNewTemplate(info.template, a.mapping, a.columns)
      : {};
    const added: StoredVariant = {
      id,
      label,
      share: 1,
      template,
      mapping,
      utm: keepUtm(info?.template, setting.variants[0]?.utm, label),
    };
    setting.variants.push(added);
    evenShares(setting.variants.length).forEach((share, i) => (setting.variants[i]!.share = share));
  });
}

/** Removes B or C; a later variant moves up (C becomes B) and A takes the removed proportion. */
export function removeVariant(deps: EditDeps, campaignId: number, variant: 'B' | 'C'): void {
  edit(deps, campaignId, 'split', (setting) => {
    const at = setting.variants.findIndex((v) => v.id === variant);
    const removed = setting.variants[at];
    if (at < 0 || !removed)
      throw new CoreError('NOT_FOUND', `This campaign has no variant ${variant}.`);
    setting.variants.splice(at, 1);
    setting.variants[0]!.share += removed.share;
    setting.variants.forEach((v, i) => {
      const next = VARIANT_IDS[i]!;
      if (v.label === v.id) v.label = next;
      v.id = next;
    });
  });
}

/** Proportions (every variant named, whole percent adding up to 100) and/or a new seed. */
export function setSplit(
  deps: EditDeps,
  campaignId: number,
  input: { shares?: Partial<Record<VariantId, number>> | undefined; seed?: number | undefined },
): void {
  edit(deps, campaignId, 'split', (setting) => {
    if (input.shares) {
      const ids = setting.variants.map((v) => v.id);
      const unknown = Object.keys(input.shares).filter((k) => !ids.includes(k as VariantId));
      if (unknown.length)
        throw new CoreError(
          'VALIDATION',
          `This campaign has no variant ${unknown.join(', ')}; it has ${ids.join(', ')}.`,
        );
      const shares = ids.map((id) => input.shares?.[id]);
      if (shares.some((s) => s === undefined))
        throw new CoreError(
          'VALIDATION',
          `Give a proportion for every variant: ${ids.join(', ')}.`,
        );
      const problem = sharesProblem(shares as number[]);
      if (problem) throw new CoreError('VALIDATION', problem);
      setting.variants.forEach((v, i) => (v.share = shares[i]!));
    }
    if (input.seed !== undefined) setting.seed = input.seed;
  });
}

export function setLabel(
  deps: EditDeps,
  campaignId: number,
  variant: VariantId,
  label: string,
): void {
  edit(deps, campaignId, 'message', (setting) => {
    assertUniqueLabel(setting, label, variant);
    const v = findVariant(setting, variant);
    for (const params of Object.values(v.utm ?? {}))
      if (params.content !== undefined && sameLabel(params.content, v.label))
        params.content = label;
    v.label = label;
  });
}

/** B's or C's template; placeholders the new template shares keep their values, as for A. */
export function setVariantTemplate(
  deps: EditDeps,
  campaignId: number,
  variant: 'B' | 'C',
  templateId: number,
): void {
  const a = loadMessageState(deps.store, campaignId);
  const info = templateFor(deps.store, a.accountId, templateId);
  edit(deps, campaignId, 'message', (setting) => {
    const v = findVariant(setting, variant);
    v.template = { name: info.name, language: info.language };
    v.mapping = mappingForNewTemplate(info.template, v.mapping ?? {}, a.columns);
    v.utm = keepUtm(info.template, v.utm);
  });
}

/** B's or C's mapping, checked as A's is: no slot the template lacks, no value of the wrong kind. */
export function setVariantMapping(
  deps: EditDeps,
  campaignId: number,
  variant: 'B' | 'C',
  mapping: Mapping,
): void {
  edit(deps, campaignId, 'message', (setting) => {
    const state = loadVariantMessageState(deps.store, campaignId, variant, setting);
    const t = state.info?.template;
    if (!t)
      throw new CoreError(
        'CONFLICT',
        state.templateWarning ??
          `Choose a template for variant ${variant} before mapping its placeholders.`,
      );
    const errors = mappingErrors(t, mapping);
    if (errors.length > 0) throw new CoreError('VALIDATION', errors.join(' '), { errors });
    findVariant(setting, variant).mapping = mapping;
  });
}

/** A local file for B's or C's media header (kept as A's is: a path in place, an upload copied). */
export async function setVariantMediaFile(
  deps: EditDeps & { dataDir: string },
  input: { campaignId: number; variant: 'B' | 'C'; file: FileRef; fileName: string },
): Promise<void> {
  const before = loadVariantMessageState(deps.store, input.campaignId, input.variant);
  const slot = before.info
    ? templateSlots(before.info.template).find((s) => s.kind === 'media')
    : undefined;
  if (!slot)
    throw new CoreError(
      'VALIDATION',
      `Variant ${input.variant}'s template has no image, video or document header.`,
    );
  const path = await stageMediaFile(deps.dataDir, input);
  edit(deps, input.campaignId, 'message', (setting) => {
    // Read again: the template may have changed while the file was being copied.
    const now = loadVariantMessageState(deps.store, input.campaignId, input.variant, setting);
    if (now.info?.id !== before.info?.id)
      throw new CoreError('CONFLICT', 'The template changed meanwhile; choose the file again.');
    const v = findVariant(setting, input.variant);
    v.mapping = {
      ...(v.mapping ?? {}),
      [slot.key]: { kind: 'media', media: { type: 'file', path } },
    };
  });
}

/** Tags on one link button of one variant; empty values are dropped, none left removes them. */
export function setUtm(
  deps: EditDeps,
  campaignId: number,
  variant: VariantId,
  slot: string,
  utm: UtmParams | null,
): void {
  edit(deps, campaignId, 'message', (setting) => {
    const v = findVariant(setting, variant);
    const tags = Object.fromEntries(
      Object.entries(utm ?? {})
        .map(([k, x]) => [k, (x ?? '').trim()])
        .filter(([, x]) => x !== ''),
    ) as UtmParams;
    const next = { ...(v.utm ?? {}) };
    if (!hasUtm(tags)) {
      delete next[slot];
    } else {
      const state = loadVariantMessageState(deps.store, campaignId, variant, setting);
      const t = state.info?.template;
      const s = t ? templateSlots(t).find((x) => x.key === slot) : undefined;
      if (!t || s?.kind !== 'url_suffix') {
        throw new CoreError(
          'VALIDATION',
          `${slot} is not a link button with a variable in ${t ? `"${t.name}"` : "this variant's template"}: UTM tags go on such a button.`,
        );
      }
      const blocked = utmBlocked(buttonsOf(t)[s.buttonIndex ?? -1]!);
      if (blocked) throw new CoreError('VALIDATION', blocked);
      next[slot] = tags;
    }
    v.utm = next;
  });
}
