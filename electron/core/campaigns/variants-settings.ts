import {
  CoreError,
  variantsSetting,
  type StoredVariant,
  type VariantsSetting,
} from '../../../shared/api';
import { newSeed, type VariantId } from '../../../shared/domain/variants';
import type { Store } from '../db/connection';
import { parseSettingsJson, readSettings, writeSetting } from './settings';

/** The `variants` key of campaigns.settings_json: the split, each variant's template, mapping and tags. */
export const VARIANTS_KEY = 'variants';

export interface VariantsRead {
  /** Null when the campaign never had variants or tags: everybody gets A, untagged. */
  setting: VariantsSetting | null;
  /** Set when a stored value does not parse: sending refuses rather than silently dropping B and C. */
  damaged: string | null;
}

export function parseVariants(settings: Record<string, unknown>): VariantsRead {
  const raw = settings[VARIANTS_KEY];
  if (raw === undefined) return { setting: null, damaged: null };
  const parsed = variantsSetting.safeParse(raw);
  if (parsed.success) return { setting: parsed.data, damaged: null };
  const issue = parsed.error.issues[0];
  return {
    setting: null,
    damaged: `The A/B settings of this campaign cannot be read (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}); set the variants again.`,
  };
}

export const variantsOfRow = (settingsJson: string | null | undefined): VariantsRead =>
  parseVariants(parseSettingsJson(settingsJson));

export const readVariants = (store: Store, campaignId: number): VariantsRead =>
  parseVariants(readSettings(store, campaignId));

/** What a campaign without a stored setting has: A alone, all of the audience, no tags. */
export function defaultVariants(random?: () => number): VariantsSetting {
  return { seed: newSeed(random), variants: [{ id: 'A', label: 'A', share: 100 }] };
}

/**
 * The setting to change: the stored one, or the default. A damaged one is refused, except by a change
 * of the split itself (in a draft), which starts over from A alone: what cannot be read is lost anyway.
 */
export function variantsForEdit(
  store: Store,
  campaignId: number,
  options: { random?: (() => number) | undefined; replaceDamaged?: boolean } = {},
): VariantsSetting {
  const read = readVariants(store, campaignId);
  if (read.damaged && !options.replaceDamaged) throw new CoreError('CONFLICT', read.damaged);
  return structuredClone(read.setting ?? defaultVariants(options.random));
}

export function findVariant(setting: VariantsSetting, id: VariantId): StoredVariant {
  const v = setting.variants.find((x) => x.id === id);
  if (!v)
    throw new CoreError(
      'NOT_FOUND',
      `This campaign has no variant ${id}${setting.variants.length === 1 ? ' (it is not split)' : ''}.`,
    );
  return v;
}

/**
 * Writes the setting after checking it with its own schema, so what is stored always reads back.
 * The split changes only in a draft; a variant's message and tags also while paused, like A's.
 */
export function writeVariants(
  store: Store,
  campaignId: number,
  setting: VariantsSetting,
  now: number,
  scope: 'split' | 'message',
): void {
  const checked = variantsSetting.safeParse(setting);
  if (!checked.success)
    throw new CoreError('VALIDATION', checked.error.issues.map((i) => i.message).join(' '));
  writeSetting(store, campaignId, VARIANTS_KEY, checked.data, now, {
    allowedStates: scope === 'split' ? ['draft'] : ['draft', 'paused'],
  });
}
