import { z } from 'zod';
import { fileRef, readOptions } from './audience';

/**
 * The suppression list (opt-outs): numbers never to send to, global across campaigns. Each row
 * says when, why and from where it was added; numbers taken off by hand are kept in a log.
 */

/** Where an entry came from. 'status' and 'send' are Meta's 131050 (by status webhook or at send). */
export const SUPPRESSION_SOURCES = [
  'reply',
  'button',
  'user_preferences',
  'status',
  'send',
  'manual',
  'csv',
] as const;
export type SuppressionSource = (typeof SUPPRESSION_SOURCES)[number];

export const SUPPRESSION_SOURCE_LABEL: Readonly<Record<SuppressionSource, string>> = {
  reply: 'Customer replied',
  button: 'Customer tapped a button',
  user_preferences: 'Stopped in WhatsApp',
  status: 'Meta error 131050',
  send: 'Meta error 131050 (when sending)',
  manual: 'Added by hand',
  csv: 'CSV import',
};

/** The label of a source, also for one written by a future version (shown as it is stored). */
export const suppressionSourceLabel = (source: string): string =>
  (SUPPRESSION_SOURCE_LABEL as Readonly<Record<string, string>>)[source] ?? source;

export interface SuppressionEntry {
  /** E.164. */
  phone: string;
  reason: string;
  source: string;
  detail: string | null;
  /** What the customer wrote or tapped, for 'reply' and 'button'. */
  words: string | null;
  /** The business message the customer answered (Meta's context.id), when known. */
  wamid: string | null;
  campaignId: number | null;
  /** The campaign's name, or null when it was deleted or is unknown. */
  campaignName: string | null;
  accountId: number | null;
  /** When the number went on the list (Unix ms). */
  createdAt: number;
  /** Meta's time of the customer's message, when it came from one. */
  eventAt: number | null;
}

export interface SuppressionRemoval {
  id: number;
  phone: string;
  reason: string;
  source: string;
  detail: string | null;
  words: string | null;
  addedAt: number;
  note: string | null;
  removedAt: number;
}

export interface SuppressionPage<T> {
  rows: T[];
  /** Rows matching the search (all of them, not just this page). */
  total: number;
  /** Pass back as `after` for the next page; null on the last one. */
  next: string | null;
}

/** Keyset cursors are opaque to callers; this is their shape ("<time>:<key>"). */
export const suppressionCursor = z
  .string()
  .regex(/^\d{1,15}:[^\s]{1,64}$/, 'That page cursor is not one the list gave out.');

export const suppressionListInput = z
  .object({
    /** Part of a number (digits, with or without +), a reason or a customer's words. */
    search: z.string().trim().max(100, 'Search for at most 100 characters.').default(''),
    limit: z.number().int().min(1).max(500).default(50),
    after: suppressionCursor.optional(),
  })
  .strict();

const reason = z.string().trim().max(500, 'Keep the reason under 500 characters.');

export const suppressionAddInput = z
  .object({
    phone: z
      .string()
      .trim()
      .min(1, 'Type the phone number.')
      .max(60, 'That is too long for a phone number.'),
    reason: reason.optional(),
    /** For numbers written without +country code. */
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as GB.')
      .nullable()
      .optional(),
  })
  .strict();

export const suppressionRemoveInput = z
  .object({
    phone: z.string().trim().min(1).max(60),
    /** Why the number may be messaged again; kept in the removal log. */
    note: reason.optional(),
  })
  .strict();

export const suppressionImportInput = z
  .object({
    file: fileRef,
    fileName: z.string().max(500).default(''),
    options: readOptions.default({}),
    /** Recorded on every number added; defaults to "Imported from <file>". */
    reason: reason.optional(),
  })
  .strict();

export interface SuppressionRejectedRow {
  row: number;
  value: string;
  reason: string;
}

export interface SuppressionImportResult {
  fileName: string;
  encoding: string | null;
  delimiter: string | null;
  phoneColumn: string;
  /** Customer rows read; rows = added + alreadyListed + duplicates + rejected. */
  rows: number;
  added: number;
  /** Already on the list: left as they were (their first reason stands). */
  alreadyListed: number;
  /** The same number twice in the file. */
  duplicates: number;
  rejected: number;
  /** The first rejected rows (at most 200), with the reason. */
  rejectedRows: SuppressionRejectedRow[];
  durationMs: number;
}
