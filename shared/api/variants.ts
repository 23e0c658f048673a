import { z } from 'zod';
import { sharesProblem, VARIANT_IDS, type VariantId } from '../domain/variants';
import type { UtmBySlot, UtmKey } from '../domain/templates';
import type { CostBreakdown } from '../domain/pricing';
import type { Preview } from './templates';
import { mappingSchema } from './templates';

/**
 * A/B(/C) variants of a campaign and UTM tags on its link buttons. Variant A is the campaign's own
 * template and mapping (the Message tab); B and C each have a template and mapping of their own. They
 * are stored under the `variants` key of campaigns.settings_json, parsed with `variantsSetting`.
 */

export { VARIANT_IDS, type VariantId };
export const variantId = z.enum(VARIANT_IDS);
/** B and C: the variants whose template and mapping live in the settings (A's are the campaign's). */
export const extraVariantId = z.enum(['B', 'C']);

const noControl = (s: string) =>
  ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

export const variantLabel = z
  .string()
  .trim()
  .min(1, 'Give the variant a name.')
  .max(40, 'Keep a variant name under 40 characters.')
  .refine(noControl, 'A variant name cannot contain control characters.');

const utmValue = z
  .string()
  .max(200, 'Keep a UTM value under 200 characters.')
  .refine(noControl, 'A UTM value cannot contain line breaks or tabs.');
export const utmParamsSchema = z
  .object({
    source: utmValue.optional(),
    medium: utmValue.optional(),
    campaign: utmValue.optional(),
    content: utmValue.optional(),
  })
  .strict() satisfies z.ZodType<Partial<Record<UtmKey, string>>>;
export const BUTTON_SLOT = /^button\.[0-9]$/;
export const utmBySlotSchema = z.record(
  z.string().regex(BUTTON_SLOT, 'UTM tags go on a link button: button.0 … button.9.'),
  utmParamsSchema,
);

const storedVariant = z
  .object({
    id: variantId,
    label: variantLabel,
    share: z.number().int().min(1).max(100),
    /** B and C only: the template by name and language, so a re-synced template row is found again. */
    template: z
      .object({ name: z.string().min(1).max(512), language: z.string().min(1).max(20) })
      .strict()
      .nullable()
      .optional(),
    mapping: mappingSchema.optional(),
    utm: utmBySlotSchema.optional(),
  })
  .strict();
export type StoredVariant = z.infer<typeof storedVariant>;

/** The stored `variants` setting. Variants are A, B, C in that order, without gaps. */
export const variantsSetting = z
  .object({
    /** Seeds the per-recipient draw (shared/domain/variants/draw.ts): the same seed, the same split. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    variants: z.array(storedVariant).min(1).max(VARIANT_IDS.length),
  })
  .strict()
  .superRefine((v, ctx) => {
    v.variants.forEach((x, i) => {
      if (x.id !== VARIANT_IDS[i])
        ctx.addIssue({
          code: 'custom',
          message: `Variant ${i + 1} must be ${VARIANT_IDS[i]}, not ${x.id}.`,
          path: ['variants', i, 'id'],
        });
      if (x.id === 'A' && (x.template !== undefined || x.mapping !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          message: "Variant A's template and mapping are the campaign's own.",
          path: ['variants', i],
        });
      }
    });
    const problem = sharesProblem(v.variants.map((x) => x.share));
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['variants'] });
  });
export type VariantsSetting = z.infer<typeof variantsSetting>;

export interface UrlButtonInfo {
  /** `button.0`… */
  slot: string;
  index: number;
  text: string;
  /** The template's URL with its variable, e.g. https://shop.example/{{1}}. */
  url: string;
  /** Why tags cannot be added to this link (a `#` before the variable…), null when they can. */
  utmBlocked: string | null;
}

export interface VariantView {
  id: VariantId;
  label: string;
  share: number;
  templateId: number | null;
  templateName: string | null;
  templateLanguage: string | null;
  status: string | null;
  category: string | null;
  /** What stops this variant from being sent: no template, unmapped placeholders, bad tags… */
  problems: string[];
  utm: UtmBySlot;
  /** The dynamic URL buttons of this variant's template: where UTM tags can go. */
  urlButtons: UrlButtonInfo[];
  /** Recipients assigned to it (at start), or that the draw gives it (before start). */
  recipients: number;
}

export interface VariantsView {
  campaignId: number;
  /** Variants, proportions and labels change only in a draft. */
  editable: boolean;
  /** Templates, mappings and tags also change while paused (as the Message tab's do). */
  messageEditable: boolean;
  /** More than one variant: the campaign is an A/B test. */
  split: boolean;
  seed: number;
  variants: VariantView[];
  /** True once the campaign started and every recipient got its variant. */
  assigned: boolean;
  /** How recipients are given their variant, in plain words. */
  note: string;
}

/**
 * Button clicks of one variant, from Meta's template analytics. Only the analytics workstream fills it;
 * until it is wired in (and for variants that share a template, whose clicks Meta counts together) it
 * is null and the UI says so.
 */
export interface VariantClicks {
  total: number;
  byButton: { index: number; text: string; clicks: number }[];
}

export interface VariantStats {
  id: VariantId;
  label: string;
  share: number;
  templateName: string | null;
  templateLanguage: string | null;
  recipients: number;
  /** Not sent yet (pending or being sent). */
  waiting: number;
  /** Accepted by WhatsApp (whatever happened after). */
  sent: number;
  /** Delivered, read included (Meta may skip `delivered` when both happen at once). */
  delivered: number;
  read: number;
  failed: number;
  /** delivered / sent, null before anything was sent. */
  deliveredRate: number | null;
  /** read / delivered, null before anything was delivered. */
  readRate: number | null;
  /** Placeholder for template analytics (see VariantClicks). */
  clicks: VariantClicks | null;
}

export interface VariantComparison {
  campaignId: number;
  split: boolean;
  variants: VariantStats[];
  /** Why clicks are not shown (not wired in, or two variants share a template); null when they are. */
  clicksNote: string | null;
  at: number;
}

/** One variant's share of the cost estimate, priced at its own template's category. */
export interface VariantCost extends Pick<CostBreakdown, 'category' | 'messages' | 'total'> {
  id: VariantId;
  label: string;
}

/** A preview of one variant for one recipient. */
export interface VariantPreview extends Preview {
  variant: VariantId;
  /** The variant this recipient gets (or will get at start); null when the campaign has no split. */
  recipientVariant: VariantId | null;
}

/** The delivery report's column for a split campaign (after State); absent from reports of other campaigns. */
export const REPORT_VARIANT_COLUMN = 'variant';

/** What the report needs of each variant: its name for the cells, its category for the price. */
export interface ReportVariant {
  id: VariantId;
  label: string;
  templateName: string | null;
  templateLanguage: string | null;
  category: string | null;
  /**
   * Button clicks of this variant from template analytics (the analytics workstream fills this where
   * the variant has a template of its own); null or absent: the summary leaves the cell empty.
   */
  clicks?: number | null;
}

/** "B (Free shipping)", or just "B" when the variant has no name of its own. */
export const variantCellText = (v: { id: string; label: string }): string =>
  v.label === v.id ? v.id : `${v.id} (${v.label})`;
