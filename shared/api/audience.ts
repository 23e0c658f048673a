import type { SendRoute } from './models';
import { z } from 'zod';
import { id } from './models';

/** Audience import: the file a user dropped, how to read it, and what came of it. */

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export type FileFormat = 'csv' | 'xlsx';

export const ENCODING_LABEL: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE (Excel "Unicode Text")',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Excel "CSV")',
};
export const DELIMITER_LABEL: Record<Delimiter, string> = {
  ',': 'Comma',
  ';': 'Semicolon',
  '\t': 'Tab',
  '|': 'Pipe',
};

/** A file the shell made available to the core: a local path (desktop, CLI) or an upload (browser). */
export const fileRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  z
    .object({
      kind: z.literal('upload'),
      id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Unknown upload.'),
    })
    .strict(),
]);
export type FileRef = z.infer<typeof fileRef>;

export const readOptions = z
  .object({
    encoding: z.enum(ENCODINGS).optional(),
    delimiter: z.enum(DELIMITERS).optional(),
    hasHeader: z.boolean().optional(),
    phoneColumn: z.string().min(1).max(500).optional(),
    /**
     * Read when a row's phone cell is empty or not a valid number (a Shopify file's "Default
     * Address Phone"). Absent: a recognised export's next phone column; null: none.
     */
    fallbackPhoneColumn: z.string().min(1).max(500).nullable().optional(),
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as GB or US.')
      .nullable()
      .optional(),
  })
  .strict();
export type ReadOptions = z.infer<typeof readOptions>;

export const audienceFileInput = z
  .object({
    campaignId: id,
    file: fileRef,
    fileName: z.string().max(500).default(''),
    options: readOptions.default({}),
  })
  .strict();

export type PhoneCheck =
  { ok: true; e164: string; nonMobile: boolean } | { ok: false; reason: string };

/** A well-known export recognised by its header row (Shopify, WooCommerce, Google Contacts, Square, Outlook). */
export interface ExportPreset {
  id: 'shopify' | 'woocommerce' | 'google-contacts' | 'square' | 'outlook';
  /** "Shopify customers export": shown as "Looks like a Shopify customers export". */
  label: string;
}

export interface AudiencePreview {
  fileName: string;
  format: FileFormat;
  size: number;
  encoding: Encoding | null;
  delimiter: Delimiter | null;
  hasHeader: boolean;
  columns: string[];
  renamedColumns: { from: string; to: string }[];
  rows: string[][];
  phoneColumn: string | null;
  /** Read when a row's phone cell is empty or invalid; null when there is none. */
  fallbackPhoneColumn: string | null;
  /** The export the header row was recognised as; absent for any other file. */
  preset?: ExportPreset;
  defaultCountry: string | null;
  /** The preview rows' phone cells as the import would read them. */
  phones: PhoneCheck[];
}

export interface ImportCounts {
  /** Customer rows read (header and blank rows excluded). rows = imported + duplicates + invalid + missingPhone + suppressed. */
  rows: number;
  imported: number;
  duplicates: number;
  invalid: number;
  missingPhone: number;
  suppressed: number;
  /** Imported numbers that look like landlines or toll-free numbers: kept, flagged. */
  nonMobile: number;
  blankRows: number;
  raggedRows: number;
  raggedRowNumbers: number[];
}

export interface ImportSummary extends ImportCounts {
  importId: number;
  fileName: string;
  format: FileFormat;
  encoding: Encoding | null;
  delimiter: Delimiter | null;
  hasHeader: boolean;
  phoneColumn: string;
  /** Rows whose number came from the fallback column; absent when none did or on older imports. */
  phoneFallback?: { column: string; rows: number };
  defaultCountry: string | null;
  columns: string[];
  renamedColumns: { from: string; to: string }[];
  durationMs: number;
  createdAt?: number;
  /** What the import did to the customer book (issue 18); absent on imports older than the book. */
  book?: { new: number; updated: number; unchanged: number };
}

export interface InvalidRow {
  row: number;
  value: string;
  reason: string;
}

export interface ImportResult extends ImportSummary {
  /** The first 100 rejected rows; all of them download as CSV. */
  invalidRows: InvalidRow[];
}

export interface ImportProgress {
  campaignId: number;
  rows: number;
  bytes: number;
  totalBytes: number;
  rowsPerSecond: number;
}

export interface Recipient {
  id: number;
  rowNumber: number;
  phone: string;
  country: string | null;
  phoneType: string | null;
  state: string;
  skipReason: string | null;
  fields: Record<string, string>;
  /** The endpoint its message went to (Cloud API or Marketing Messages API); null until sent. */
  route: SendRoute | null;
  /** When a recipient WhatsApp limited (131049) is tried again ("Limited by WhatsApp — next try …"); null otherwise. */
  nextTryAt?: number | null;
  /** How many times WhatsApp's per-user limit deferred it (each a try that counted). */
  deferrals?: number;
}
