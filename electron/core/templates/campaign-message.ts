import { existsSync } from 'node:fs';
import {
  CoreError,
  type CampaignState,
  type MessageSetup,
  type TemplateInfo,
} from '../../../shared/api';
import {
  mappingProblems,
  suggestColumns,
  templateSlots,
  utmProblems,
  type Mapping,
  type Template,
  type UtmBySlot,
} from '../../../shared/domain/templates';
import type { VariantId } from '../../../shared/domain/variants';
import { variantsOfRow } from '../campaigns/variants-settings';
import type { Store } from '../db/connection';
import { getTemplateRow, toTemplateInfo, type TemplateRow } from './store';

/**
 * A campaign's message as stored: the campaign row, its template (if the row still exists) and its
 * mapping. Everything the set-up, the preview and the validation start from.
 */
export interface CampaignMessageState {
  campaignId: number;
  accountId: number;
  state: CampaignState;
  templateName: string | null;
  templateLanguage: string | null;
  info: TemplateInfo | null;
  /** Set when the campaign names a template that cannot be used as is. */
  templateWarning: string | null;
  mapping: Mapping;
  columns: string[];
  /** Which variant of the campaign this is (A: the campaign's own template and mapping). */
  variant: VariantId;
  /** UTM tags on this variant's link buttons (the `variants` setting). */
  utm: UtmBySlot;
}

/** The mapping and template can change while nothing is being sent from them. */
export const canEditMessage = (state: CampaignState): boolean =>
  state === 'draft' || state === 'paused';

function parseJsonOr<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Why a campaign's (or a variant's) chosen template cannot be used as is; null when it can. */
export function templateWarningFor(
  name: string | null,
  language: string | null,
  row: TemplateRow | undefined,
  info: TemplateInfo | null,
): string | null {
  if (name !== null && !row) {
    return `The template "${name}" (${language ?? '?'}) is no longer in this account's templates: it was deleted in WhatsApp Manager or never synced. Your mapping is kept; sync templates or choose another template.`;
  }
  if (row && !info)
    return `The stored template "${row.name}" cannot be read; sync templates or add its JSON again.`;
  if (info && info.status !== 'APPROVED') {
    return `The template "${info.name}" is ${info.status.toLowerCase()}: WhatsApp only sends approved templates. Sync again once it is approved, or choose another template.`;
  }
  return null;
}

export function loadMessageState(store: Store, campaignId: number): CampaignMessageState {
  const c = store.first(
    store.q
      .selectFrom('campaigns')
      .select([
        'id',
        'account_id',
        'state',
        'template_id',
        'template_name',
        'template_language',
        'mapping_json',
        'columns_json',
        'settings_json',
      ])
      .where('id', '=', campaignId),
  );
  if (!c)
    throw new CoreError(
      'NOT_FOUND',
      `Campaign ${campaignId} does not exist (it may have been deleted).`,
    );
  const row = c.template_id === null ? undefined : getTemplateRow(store, c.template_id);
  const info = row ? toTemplateInfo(row) : null;
  return {
    campaignId: c.id,
    accountId: c.account_id,
    state: c.state,
    templateName: c.template_name,
    templateLanguage: c.template_language,
    info,
    templateWarning: templateWarningFor(c.template_name, c.template_language, row, info),
    mapping: parseJsonOr<Mapping>(c.mapping_json, {}),
    columns: parseJsonOr<string[]>(c.columns_json, []),
    variant: 'A',
    utm: variantsOfRow(c.settings_json).setting?.variants[0]?.utm ?? {},
  };
}

/** A header file chosen earlier may have been moved or deleted since. */
function missingMediaFiles(mapping: Mapping): string[] {
  return Object.entries(mapping).flatMap(([key, src]) =>
    src.kind === 'media' && src.media.type === 'file' && !existsSync(src.media.path)
      ? [`${key}: the file ${src.media.path} is no longer there; choose it again.`]
      : [],
  );
}

export function toSetup(s: CampaignMessageState): MessageSetup {
  const t = s.info?.template;
  return {
    campaignId: s.campaignId,
    accountId: s.accountId,
    editable: canEditMessage(s.state),
    template: s.info,
    templateName: s.templateName,
    templateLanguage: s.templateLanguage,
    templateWarning: s.templateWarning,
    mapping: s.mapping,
    columns: s.columns,
    mappingProblems: t
      ? [
          ...mappingProblems(t, s.mapping, s.columns),
          ...missingMediaFiles(s.mapping),
          ...utmProblems(t, s.utm),
        ]
      : [],
    suggestions: t ? suggestColumns(templateSlots(t), s.columns) : {},
  };
}

/**
 * The mapping a campaign gets when its template changes: slots the new template shares keep their
 * value when it still fits (same kind of slot), every other text slot gets the column its name
 * suggests, and leftovers from the old template are dropped, so a switched template never keeps
 * the old variable count (USERS.md #2).
 */
export function mappingForNewTemplate(
  t: Template,
  previous: Mapping,
  columns: readonly string[],
): Mapping {
  const next: Mapping = {};
  const suggestions = suggestColumns(templateSlots(t), columns);
  for (const slot of templateSlots(t)) {
    const old = previous[slot.key];
    const fits =
      old !== undefined &&
      (slot.kind === 'media'
        ? old.kind === 'media'
        : slot.kind === 'location'
          ? old.kind === 'location'
          : old.kind === 'column' || old.kind === 'static');
    if (old && fits) {
      next[slot.key] = old;
      continue;
    }
    const column = suggestions[slot.key];
    if (column !== undefined) next[slot.key] = { kind: 'column', column };
  }
  return next;
}

export function assertEditable(s: CampaignMessageState): void {
  if (!canEditMessage(s.state)) {
    throw new CoreError(
      'CONFLICT',
      `This campaign is ${s.state}: its template and mapping can only change while it is a draft or paused.`,
    );
  }
}
