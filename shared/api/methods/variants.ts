import { z } from 'zod';
import { fileRef } from '../audience';
import { id } from '../models';
import type { MessageSetup } from '../templates';
import { mappingSchema } from '../templates';
import type { VariantComparison, VariantPreview, VariantsView } from '../variants';
import { extraVariantId, utmParamsSchema, variantId, variantLabel } from '../variants';
import { method } from './define';

const byCampaign = z.object({ campaignId: id }).strict();
const addInput = z
  .object({
    campaignId: id,
    label: variantLabel.optional(),
    /** Default: the same template as A, with a copy of A's mapping, to change from there. */
    templateId: id.optional(),
  })
  .strict();
const byVariant = z.object({ campaignId: id, variant: variantId }).strict();
const byExtraVariant = z.object({ campaignId: id, variant: extraVariantId }).strict();
const splitInput = z
  .object({
    campaignId: id,
    /** Whole percentages by variant, adding up to 100 (e.g. { A: 70, B: 30 }); every variant named. */
    shares: z.partialRecord(variantId, z.number().int()).optional(),
    /** A new seed re-draws who gets which variant; omitted, the draw stays as it is. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  })
  .strict();
const labelInput = z.object({ campaignId: id, variant: variantId, label: variantLabel }).strict();
const templateInput = z
  .object({ campaignId: id, variant: extraVariantId, templateId: id })
  .strict();
const mappingInput = z
  .object({ campaignId: id, variant: extraVariantId, mapping: mappingSchema })
  .strict();
const mediaInput = z
  .object({
    campaignId: id,
    variant: extraVariantId,
    file: fileRef,
    fileName: z.string().max(500).default(''),
  })
  .strict();
const utmInput = z
  .object({
    campaignId: id,
    variant: variantId,
    /** The link button's slot, e.g. button.0. */
    slot: z.string().regex(/^button\.[0-9]$/, 'UTM tags go on a link button: button.0 … button.9.'),
    /** null removes the tags. */
    utm: utmParamsSchema.nullable(),
  })
  .strict();
const previewInput = z
  .object({
    campaignId: id,
    variant: variantId,
    recipientId: id.optional(),
    row: z.number().int().min(1).optional(),
    position: z.number().int().min(1).optional(),
    search: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const variantMethods = {
  /** The campaign's variants with their templates, proportions, tags and problems. */
  'variants.get': method<typeof byCampaign, VariantsView>(byCampaign),
  /** Adds B (then C); proportions become even. Drafts only. */
  'variants.add': method<typeof addInput, VariantsView>(addInput),
  /** Removes B or C (C then becomes B); the others share its proportion. Drafts only. */
  'variants.remove': method<typeof byExtraVariant, VariantsView>(byExtraVariant),
  /** Proportions and/or a new seed. Drafts only. */
  'variants.setSplit': method<typeof splitInput, VariantsView>(splitInput),
  'variants.setLabel': method<typeof labelInput, VariantsView>(labelInput),
  /** A variant's message set-up in the Message tab's shape (A: the campaign's own). */
  'variants.message': method<typeof byVariant, MessageSetup>(byVariant),
  /** Keeps mapped slots the new template shares and pre-fills the others, as campaigns.setTemplate does. */
  'variants.setTemplate': method<typeof templateInput, MessageSetup>(templateInput),
  'variants.setMapping': method<typeof mappingInput, MessageSetup>(mappingInput),
  'variants.setMediaFile': method<typeof mediaInput, MessageSetup>(mediaInput),
  /** UTM tags on one link button of one variant (A included). */
  'variants.setUtm': method<typeof utmInput, VariantsView>(utmInput),
  /** One recipient's message as this variant, with the variant the recipient gets. */
  'variants.preview': method<typeof previewInput, VariantPreview>(previewInput),
  /** Sent, delivered, read and failed per variant, side by side. */
  'variants.compare': method<typeof byCampaign, VariantComparison>(byCampaign),
};
