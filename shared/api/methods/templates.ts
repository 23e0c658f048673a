import { z } from 'zod';
import { id } from '../models';
import type {
  AddTemplatesResult,
  CostEstimate,
  EffectiveRateCard,
  MessageSetup,
  Preview,
  TemplateSyncResult,
  TemplateList,
  ValidationSummary,
} from '../templates';
import { fileRef } from '../audience';
import { mappingSchema } from '../templates';
import { method } from './define';
import { languageChoiceSchema, type LanguagePlan } from '../../domain/translations';

const setLanguageInput = z.object({ campaignId: id, choice: languageChoiceSchema }).strict();

const byAccount = z.object({ accountId: id.optional() }).strict().optional().default({});
const addInput = z
  .object({
    accountId: id.optional(),
    json: z.string().max(5_000_000, 'That is far more text than a template list.'),
  })
  .strict();
const byCampaign = z.object({ campaignId: id }).strict();
const setTemplateInput = z.object({ campaignId: id, templateId: id }).strict();
const setMappingInput = z.object({ campaignId: id, mapping: mappingSchema }).strict();
const mediaFileInput = z
  .object({ campaignId: id, file: fileRef, fileName: z.string().max(500).default('') })
  .strict();
const previewInput = z
  .object({
    campaignId: id,
    /** Show this recipient; with `search`, search AFTER it ("find next"). */
    recipientId: id.optional(),
    /** The row number in the imported file (the header is row 1). */
    row: z.number().int().min(1).optional(),
    /** 1-based position in import order. */
    position: z.number().int().min(1).optional(),
    /** Text in the phone number or any cell. */
    search: z.string().trim().min(1).max(200).optional(),
    /** Show the message in this language of the template family instead of the recipient's own. */
    language: z.string().min(1).max(20).optional(),
  })
  .strict();
const price = z
  .number()
  .min(0, 'A price cannot be negative.')
  .max(10, 'That is more than any WhatsApp message costs.');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD, for example 2026-10-01.');
const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'Write the currency as a three-letter code, for example USD or EUR.');
/** Meta's rate card CSV, downloaded from its pricing page. */
const importCardInput = z
  .object({
    file: fileRef,
    /** The name the user sees (an upload has none of its own). */
    fileName: z.string().max(500).optional(),
    /** When its prices apply; read from the file's comment lines when not given. */
    effectiveDate: day.optional(),
    currency: currencyCode.optional(),
  })
  .strict();
const removeCardInput = z
  .object({ effectiveDate: day, currency: currencyCode.optional() })
  .strict();
const setRatesInput = z
  .object({
    /** Market id → prices per category to change; other prices stay as they are. */
    prices: z
      .record(
        z.string().regex(/^[A-Za-z_]{2,40}$/),
        z
          .object({
            MARKETING: price.optional(),
            UTILITY: price.optional(),
            AUTHENTICATION: price.optional(),
          })
          .strict(),
      )
      .optional(),
    /** Back to the bundled card. */
    reset: z.boolean().optional(),
  })
  .strict();
const empty = z.object({}).strict().optional().default({});

export const templateMethods = {
  'templates.list': method<typeof byAccount, TemplateList>(byAccount),
  /** GET message_templates, every page, then stores them; the account defaults to the first real one. */
  'templates.sync': method<typeof byAccount, TemplateSyncResult>(byAccount),
  /** Meta's template JSON: one template, a list, or a `{ "data": [...] }` page. All or nothing. */
  'templates.add': method<typeof addInput, AddTemplatesResult>(addInput),
  /** Manual templates only: synced ones mirror the WhatsApp account. */
  'templates.delete': method<z.ZodObject<{ id: typeof id }, z.core.$strict>, { id: number }>(
    z.object({ id }).strict(),
  ),
  'campaigns.message': method<typeof byCampaign, MessageSetup>(byCampaign),
  /** Keeps mapped slots the new template shares and pre-fills the others from column names. */
  'campaigns.setTemplate': method<typeof setTemplateInput, MessageSetup>(setTemplateInput),
  'campaigns.setMapping': method<typeof setMappingInput, MessageSetup>(setMappingInput),
  /** One language for all, or per recipient from a column or the phone's country, with a fallback. */
  'campaigns.setLanguage': method<typeof setLanguageInput, LanguagePlan>(setLanguageInput),
  /** A local file for the media header: a path is used in place, an upload is kept in the data folder. */
  'campaigns.setMediaFile': method<typeof mediaFileInput, MessageSetup>(mediaFileInput),
  'campaigns.preview': method<typeof previewInput, Preview>(previewInput),
  /** Checks every recipient that will be sent to, in pages; counts by reason with example rows. */
  'campaigns.validate': method<typeof byCampaign, ValidationSummary>(byCampaign),
  'campaigns.estimate': method<typeof byCampaign, CostEstimate>(byCampaign),
  'pricing.rateCard': method<typeof empty, EffectiveRateCard>(empty),
  'pricing.setRates': method<typeof setRatesInput, EffectiveRateCard>(setRatesInput),
  'pricing.importCard': method<typeof importCardInput, EffectiveRateCard>(importCardInput),
  'pricing.removeCard': method<typeof removeCardInput, EffectiveRateCard>(removeCardInput),
  /** Meta's "Volume tiers (CSV)": utility and authentication rates by monthly volume, from a date. */
  'pricing.importTiers': method<typeof importCardInput, EffectiveRateCard>(importCardInput),
};
