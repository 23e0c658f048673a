import type { VariantsSetting } from '../../../shared/api';
import { variantOf, type VariantId } from '../../../shared/domain/variants';
import type { Store } from '../db/connection';
import {
  loadMessageState,
  templateWarningFor,
  type CampaignMessageState,
} from '../templates/campaign-message';
import { toTemplateInfo } from '../templates/store';
import { findVariant, readVariants } from './variants-settings';

/**
 * Each variant's message in the shape the Message tab, the preview, the validation and the sender
 * already use for the campaign's own (A): B and C differ only in where template, mapping and tags live.
 */
export function loadVariantMessageState(
  store: Store,
  campaignId: number,
  variant: VariantId,
  setting?: VariantsSetting | null,
): CampaignMessageState {
  const a = loadMessageState(store, campaignId);
  if (variant === 'A') return a;
  const split = setting ?? readVariants(store, campaignId).setting;
  const v = findVariant(split ?? { seed: 0, variants: [] }, variant);
  const ref = v.template ?? null;
  const row = ref
    ? store.first(
        store.q
          .selectFrom('templates')
          .selectAll()
          .where('account_id', '=', a.accountId)
          .where('name', '=', ref.name)
          .where('language', '=', ref.language),
      )
    : undefined;
  const info = row ? toTemplateInfo(row) : null;
  return {
    ...a,
    templateName: ref?.name ?? null,
    templateLanguage: ref?.language ?? null,
    info,
    templateWarning: templateWarningFor(ref?.name ?? null, ref?.language ?? null, row, info),
    mapping: v.mapping ?? {},
    variant,
    utm: v.utm ?? {},
  };
}

/** Which variant a recipient gets: the one assigned at start, else the seeded draw it will get. */
export function recipientVariant(
  setting: VariantsSetting | null,
  r: { id: number; variant: string | null },
): VariantId {
  if (r.variant === 'A' || r.variant === 'B' || r.variant === 'C') return r.variant;
  if (!setting || setting.variants.length < 2) return 'A';
  return variantOf(setting, r.id);
}

export interface VariantPlan {
  setting: VariantsSetting | null;
  /** The stored setting does not parse (see variants-settings.ts). */
  damaged: string | null;
  split: boolean;
  /** Every variant's message state, A first. */
  states: CampaignMessageState[];
  stateOf: (r: { id: number; variant: string | null }) => CampaignMessageState | undefined;
  /** A damaged setting, or a variant without a usable template: nothing can be checked or sent. */
  unavailable: string | null;
  /** Every variant's mapping problems, each prefixed with its variant when the campaign is split. */
  mappingProblems: (perState: (s: CampaignMessageState) => string[]) => string[];
  /** "Variant B (Free shipping)" for messages; "" when the campaign is not split. */
  prefix: (s: CampaignMessageState) => string;
}

export function variantLabelOf(setting: VariantsSetting | null, id: VariantId): string {
  return setting?.variants.find((v) => v.id === id)?.label ?? id;
}

/** Loads every variant once, for a pass over the recipients (validation, estimate). */
export function loadVariantPlan(store: Store, campaignId: number): VariantPlan {
  const read = readVariants(store, campaignId);
  const setting = read.setting;
  const ids: VariantId[] = setting ? setting.variants.map((v) => v.id) : ['A'];
  const states = ids.map((id) => loadVariantMessageState(store, campaignId, id, setting));
  const byId = new Map(states.map((s) => [s.variant, s]));
  const split = ids.length > 1;
  const prefix = (s: CampaignMessageState) => {
    if (!split) return '';
    const label = variantLabelOf(setting, s.variant);
    return label === s.variant ? `Variant ${s.variant}: ` : `Variant ${s.variant} (${label}): `;
  };
  const missing = split ? states.find((s) => !s.info) : undefined;
  return {
    setting,
    damaged: read.damaged,
    split,
    states,
    stateOf: (r) => byId.get(recipientVariant(setting, r)),
    unavailable:
      read.damaged ??
      (missing
        ? `${prefix(missing)}${missing.templateWarning ?? 'choose a template for this variant first.'}`
        : null),
    mappingProblems: (perState) => states.flatMap((s) => perState(s).map((p) => prefix(s) + p)),
    prefix,
  };
}
