import { z } from 'zod';
import { fileRef, readOptions, type ExportPreset, type InvalidRow } from './audience';
import { labelText } from './replies';
import type { CountrySuggestion } from '../domain/phone-country';

/**
 * The customer book (issue 18): one entry per E.164 number, shared by every account, filled by
 * every import and by hand, and erasable on request (forget).
 */

const phone = z.string().trim().min(1, 'Enter a phone number.').max(60);
const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as GB.')
  .optional();

export const customerImportInput = z
  .object({
    file: fileRef,
    fileName: z.string().max(500).default(''),
    options: readOptions.default({}),
  })
  .strict();

export const customerListInput = z
  .object({
    /** Part of the number or of any attribute value. */
    search: z.string().max(200).default(''),
    limit: z.number().int().min(1).max(500).default(100),
    /** Keyset paging: the last id of the previous page. */
    afterId: z.number().int().min(0).default(0),
    /** Only the members of this saved segment, evaluated now. */
    segmentId: z.number().int().positive().optional(),
  })
  .strict();

export const customerPhoneInput = z.object({ phone, defaultCountry: country }).strict();

export const customerForgetInput = z
  .object({
    phone,
    defaultCountry: country,
    /**
     * Also rewrite the whole database file (VACUUM), so no stale copy of a page is left in its free
     * space. Holds every other writer for as long as it takes: seconds for a large book.
     */
    compact: z.boolean().default(false),
  })
  .strict();

export const customerSaveInput = z
  .object({
    phone,
    defaultCountry: country,
    /** The attributes to set; an empty value removes that attribute (by hand only). */
    attributes: z
      .record(
        z
          .string()
          .trim()
          .min(1, 'Give each detail a name.')
          .max(200, 'Keep a detail name under 200 characters.'),
        z.string().max(2000, 'Keep a detail under 2,000 characters.'),
      )
      .refine((a) => Object.keys(a).length <= 200, 'At most 200 details per customer.'),
    /** The customer's labels after the save (absent: unchanged); lower-cased, repeats merged. */
    labels: z.array(labelText).max(50, 'At most 50 labels per customer.').optional(),
    /**
     * What the customer told you about marketing (absent: unchanged). "declined" records a "no"
     * (marketing campaigns leave them out); "accepted" clears it and becomes the consent.
     */
    marketing: z.enum(['accepted', 'declined']).optional(),
    /** Adding (not editing): refused when the number is already in the book. */
    create: z.boolean().default(false),
  })
  .strict();

export interface BookImportResult {
  fileName: string;
  encoding: string | null;
  delimiter: string | null;
  phoneColumn: string;
  columns: string[];
  /** Customer rows read; rows = new + updated + unchanged + duplicates + invalid + missingPhone. */
  rows: number;
  new: number;
  updated: number;
  unchanged: number;
  /** The same number again in the file: its values merged in, not counted twice. */
  duplicates: number;
  invalid: number;
  missingPhone: number;
  /** Numbers of this file on the suppression list: kept in the book, never messaged. */
  optedOut: number;
  blankRows: number;
  /** The first 100 rejected rows. */
  invalidRows: InvalidRow[];
  /** The export the header row was recognised as (Shopify, WooCommerce, Google Contacts). */
  preset?: ExportPreset;
  /**
   * Customers the file says do not accept marketing (Shopify's "Accepts SMS Marketing", else its
   * email/general column, is "no"): imported with the "no" on record, so marketing campaigns leave
   * them out.
   */
  declinedMarketing: number;
  /**
   * Rows whose phone column was empty or not a number, read from another phone column of the
   * file instead (a recognised export's other phone columns, e.g. Shopify's Default Address Phone).
   */
  phoneFallbacks: { column: string; rows: number }[];
  /**
   * When most numbers written without +code are not valid for the country they were read with but
   * are for another ("06 12 34 56 78" read as US numbers): that country, to import again with.
   */
  countrySuggestion?: CountrySuggestion;
  durationMs: number;
}

export interface CustomerSummary {
  id: number;
  phone: string;
  country: string | null;
  attributes: Record<string, string>;
  firstSeenAt: number;
  lastSeenAt: number;
  optedOut: boolean;
  /** Labels set on the number (replies feature), lower-case, alphabetical. */
  labels: string[];
  /** The campaign that last sent to this number (WhatsApp accepted it), if any. */
  lastCampaign: { id: number; name: string; at: number } | null;
  /**
   * The customer said no to marketing (a file's answer, or by hand): marketing templates leave
   * them out with `evidence` as the reason; utility templates still reach them.
   */
  marketingDeclined: { at: number; evidence: string } | null;
}

export interface CustomerPage {
  items: CustomerSummary[];
  total: number;
  nextAfterId: number | null;
}

export interface TimelineEntry {
  campaignId: number;
  campaignName: string;
  template: string | null;
  state: string;
  errorCode: number | null;
  errorTitle: string | null;
  /** The newest moment known for this message (sent, delivered, read or failed). */
  at: number | null;
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
  failedAt: number | null;
}

export interface CustomerDetail extends CustomerSummary {
  /** Attribute name → when its current value was written. */
  attributeDates: Record<string, number>;
  consent: { source: string; at: number; evidence: string } | null;
  /** Meta's business-scoped user id, once a webhook named it. */
  userId: string | null;
  optOut: { reason: string; at: number } | null;
  /** Every message to this number, newest first (at most 500). */
  timeline: TimelineEntry[];
  /** What the customer wrote back, newest first (at most 100). */
  replies: CustomerReply[];
}

export interface CustomerReply {
  id: number;
  at: number;
  type: string;
  /** Text, caption or button label; null for bare media. */
  body: string | null;
  campaignName: string | null;
}

export interface ForgetResult {
  forgotten: boolean;
  /** Campaign rows kept for the counts, with the number and its fields erased. */
  recipientsRedacted: number;
  eventsRemoved: number;
  suppressionRemoved: number;
  /** The customer's replies, the business's answers to them, and the labels set on the number. */
  repliesRemoved: number;
  /** True when the database file was rewritten (compact). */
  compacted: boolean;
}
