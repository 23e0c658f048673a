import { z } from 'zod';
import type {
  CloudApiTemplateMessage,
  Mapping,
  Problem,
  ProblemCode,
  RenderedMessage,
  Slot,
  Template,
} from '../domain/templates';
import type { CardCaveat, CostBreakdown, RateCard } from '../domain/pricing';
import type { LeftOutGroup } from '../domain/reach';
import type { LanguageChoice, LanguagePlan } from '../domain/translations';

export type { LeftOutGroup } from '../domain/reach';
import type { VariantCost } from './variants';

/** Templates, the campaign's message (template + mapping), its preview, validation and cost. */

export interface TemplateInfo {
  id: number;
  accountId: number;
  metaId: string | null;
  name: string;
  language: string;
  /** As Meta says (APPROVED, PENDING, PAUSED…); only APPROVED can be sent. */
  status: string;
  category: string;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  qualityScore: string | null;
  /** `sync`: mirrored from the WhatsApp Business Account; `manual`: pasted JSON, kept until a sync brings the real one. */
  source: 'sync' | 'manual';
  syncedAt: number | null;
  updatedAt: number;
  template: Template;
  slots: Slot[];
  /** Problems in the template definition itself (mostly hand-written JSON). */
  problems: string[];
  /** Why WhatsApp accepts this template but a campaign cannot send it (OTP, catalog…); null if it can. */
  unsendable: string | null;
}

export interface TemplateList {
  accountId: number;
  /** When the account's templates were last synced; null if never. */
  syncedAt: number | null;
  templates: TemplateInfo[];
}

export interface TemplateSyncResult {
  accountId: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Synced templates that are gone from the account (deleted in WhatsApp Manager). */
  removed: number;
  /** Templates Meta returned that Campaign Desk cannot read, with the reasons. */
  invalid: { name: string | null; errors: string[] }[];
  pages: number;
  /** False when paging stopped at its safety bound: nothing was removed then. */
  complete: boolean;
  syncedAt: number;
}

export interface AddTemplatesResult {
  added: TemplateInfo[];
  /** How many of them replaced a manual template with the same name and language. */
  replaced: number;
}

/** The campaign's message set-up: which template, how each placeholder is filled, and what is wrong. */
export interface MessageSetup {
  campaignId: number;
  accountId: number;
  editable: boolean;
  template: TemplateInfo | null;
  /** Kept on the campaign even when the template row is gone, so nothing is lost. */
  templateName: string | null;
  templateLanguage: string | null;
  /** Why the chosen template cannot be used right now (deleted, paused…); null when it can. */
  templateWarning: string | null;
  mapping: Mapping;
  /** The audience's columns, for the mapping choices. */
  columns: string[];
  /** Problems with the mapping as a whole: unmapped slots, columns the audience lacks… */
  mappingProblems: string[];
  /** The column suggested for each text slot by name similarity (shown as hints). */
  suggestions: Record<string, string | undefined>;
  /**
   * How each recipient's language is picked, and the template family (approved templates of the
   * chosen template's name, one per language). Absent on an A/B variant's set-up.
   */
  language?: { choice: LanguageChoice; family: string[] };
}

/** Which translation the preview shows, and which one the recipient shown would get. */
export interface PreviewLanguage {
  /** The language of the message shown (the one asked for, else the recipient's). */
  shown: string;
  /** The language the sender would pick for this recipient. */
  recipientGets: string;
  /** True when the recipient's own value named no family language and the fallback is used. */
  fellBack: boolean;
  family: string[];
  /** False while the campaign sends one language to everybody. */
  perRecipient: boolean;
}

export interface PreviewRecipient {
  id: number;
  rowNumber: number;
  phone: string;
  country: string | null;
  state: string;
  skipReason: string | null;
  fields: Record<string, string>;
}

export interface Preview {
  campaignId: number;
  recipient: PreviewRecipient | null;
  /**
   * Set while a draft's audience filter (or other targeting) applies: the stepping, position and
   * total then cover only the recipients it keeps, and this is the campaign's whole count.
   */
  filteredFrom?: number | null;
  /** 1-based position among the campaign's recipients (import order), 0 without recipients. */
  position: number;
  total: number;
  prevId: number | null;
  nextId: number | null;
  /** Set when a row, position or search matched nobody (the first recipient is shown instead). */
  notFound: string | null;
  message: RenderedMessage | null;
  /** The exact JSON POSTed to /<PHONE_NUMBER_ID>/messages for this recipient; null while it cannot be built. */
  requestBody: CloudApiTemplateMessage | null;
  /** What in requestBody is only known at send time (e.g. a media id from the upload). */
  requestNotes: string[];
  problems: Problem[];
  mappingProblems: string[];
  /** Why there is nothing to preview (no template chosen, template gone…). */
  unavailable: string | null;
  /** Set when the template exists in several languages or the campaign picks one per recipient. */
  language?: PreviewLanguage | null;
}

export interface ReasonExample {
  recipientId: number;
  rowNumber: number;
  phone: string;
  message: string;
}

export interface ValidationReason {
  code: ProblemCode;
  label: string;
  count: number;
  /** The slots involved, e.g. ["body.1"]. */
  slots: string[];
  /** `fix_mapping`: every checked recipient has it, so the mapping (or template) is the cause. */
  action: 'fix_mapping' | 'choose_template' | 'skip_recipients';
  examples: ReasonExample[];
}

export interface ValidationSummary {
  campaignId: number;
  /** Recipients that will be sent to (pending) and were checked. */
  checked: number;
  valid: number;
  invalid: number;
  /** Recipients already skipped (e.g. opted out), not checked again. */
  alreadySkipped: number;
  /** Pending recipients the audience filter (or other targeting) leaves out: not checked, not sent. */
  excludedByTargeting: number;
  /**
   * Who will receive the message: the audience minus every left-out group below. The one count the
   * Message tab, Review & send, the prechecks, the cost, quiet hours and the start all use.
   */
  willReceive: number;
  /** Everyone else, by reason (targeting, suppression, Meta's US marketing rule, validation). */
  leftOut: LeftOutGroup[];
  /** Who will receive it, by country (ISO alpha-2, '' for none): quiet hours and cost read this. */
  willReceiveByCountry: Record<string, number>;
  reasons: ValidationReason[];
  mappingProblems: string[];
  /** Why nothing could be checked (no template…); null otherwise. */
  unavailable: string | null;
  /** Recipients per language when the campaign picks one per recipient; null for one language. */
  languages?: LanguagePlan | null;
  durationMs: number;
}

export interface RateCardVersion {
  effectiveDate: string;
  currency: string;
  source: string;
  /** False for the card that ships with the app. */
  imported: boolean;
  markets: number;
}

export interface EffectiveRateCard extends RateCard {
  /** True when the user changed any price; `editedMarkets` lists which. */
  edited: boolean;
  editedMarkets: string[];
  /** The day this card was chosen for (the send date; today for a draft). */
  inForceOn: string;
  /** Every card the app knows, oldest first: the one in force is the newest on or before inForceOn. */
  cards: RateCardVersion[];
  /** The date of Meta's latest market move applied to this card (its own date when none). */
  structureAsOf: string;
  /** What the card's figures miss on inForceOn: market moves priced by assumption, rate changes. */
  caveats: CardCaveat[];
  /** The imported volume tiers in force with this card (same currency); null = list rates only. */
  tiersFrom: { effectiveDate: string; source: string } | null;
}

export interface CostEstimate extends CostBreakdown {
  campaignId: number;
  currency: string;
  rateCardDate: string;
  rateCardEdited: boolean;
  /** Recipients left out: invalid (will be skipped) or already skipped. */
  excluded: number;
  /** Plain words: an estimate from a dated card, charged per delivered message. */
  note: string;
  /** Where this estimate's figures are known to be off (rate changes the card lacks, assumed rows). */
  caveats: string[];
  unavailable: string | null;
  /** A/B split campaigns: each variant at its own template's category (the totals above add them up). */
  byVariant?: VariantCost[];
  /** Once sending started: what WhatsApp's delivery reports say is charged, priced at the same card. */
  charged?: ChargedCost | null;
}

/** What the `pricing` of WhatsApp's status reports says about a campaign's messages. */
export interface ChargedCost {
  /** Messages with a pricing report. */
  reported: number;
  billable: number;
  /** Not charged, by Meta's reason: an open customer-service window, a free entry point, other. */
  free: { customerService: number; entryPoint: number; other: number };
  /** Billable delivered messages by the category Meta billed them as (marketing_lite included), with their cost. */
  byCategory: { category: string; messages: number; cost: number }[];
  /** Billable messages at the rate card's prices: Meta's own invoice may differ (volume tiers, currency). */
  cost: number;
  /** Delivered or read messages whose report carried no pricing yet (message_history has none). */
  unreported: number;
  /** Billable by Meta's report but not delivered (yet): charged only once delivered. */
  awaitingDelivery: number;
  /** Messages delivered (or read), and what the estimate says they cost at the template's category. */
  delivered: number;
  estimatedForDelivered: number;
}

// ---- Input schemas for mapping sources: the renderer and CLI send these, the core trusts nothing else.

const text = (max: number) => z.string().max(max, `Keep it under ${max} characters.`);
const valueFormat = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('currency'),
      code: z.string().regex(/^[A-Z]{3}$/, 'Use a currency code such as USD or EUR.'),
    })
    .strict(),
  z.object({ type: z.literal('date_time') }).strict(),
]);

export const mappingSource = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('column'),
      column: text(500).min(1, 'Choose a column.'),
      fallback: text(1024).optional(),
      as: valueFormat.optional(),
      /** A one-click fix of the column's values (shared/domain/templates/cell-fix.ts). */
      fix: z.enum(['spaces', 'encode']).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('static'), value: text(1024), as: valueFormat.optional() }).strict(),
  z
    .object({
      kind: z.literal('media'),
      media: z.discriminatedUnion('type', [
        z.object({ type: z.literal('link'), url: text(2000) }).strict(),
        z.object({ type: z.literal('file'), path: text(4096).min(1) }).strict(),
      ]),
    })
    .strict(),
  z
    .object({
      kind: z.literal('location'),
      location: z
        .object({
          latitude: z.string().regex(/^-?\d{1,3}(\.\d+)?$/, 'Latitude is a number such as 37.44.'),
          longitude: z
            .string()
            .regex(/^-?\d{1,3}(\.\d+)?$/, 'Longitude is a number such as -122.16.'),
          name: text(200).optional(),
          address: text(500).optional(),
        })
        .strict(),
    })
    .strict(),
]);

export const SLOT_KEY =
  /^(?:(?:header|body|button)\.[A-Za-z0-9_]{1,100}|offer\.expiry|card\.(?:[1-9]|10)\.(?:header|body\.[A-Za-z0-9_]{1,100}|button\.[0-9]))$/;
export const mappingSchema = z
  .record(
    z
      .string()
      .regex(
        SLOT_KEY,
        'A slot is written like body.1, header.media, button.0, offer.expiry or card.2.header.',
      ),
    mappingSource,
  )
  .refine((m) => Object.keys(m).length <= 200, 'A template has far fewer variables than that.');
