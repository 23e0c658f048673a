import { z } from 'zod';
import { fileRef } from './audience';

/**
 * Replies (issue 19): what customers write back, kept per customer (E.164 phone) as threads of their
 * messages, the business's answers and opt-outs; labels per customer; button-tap rules per campaign.
 */

/** Meta's customer-service window: free-form messages only within 24 h of the customer's last message. */
export const SERVICE_WINDOW_MS = 24 * 3600_000;

export interface Reply {
  id: number;
  messageId: string;
  phone: string | null;
  /** text, button, interactive, image, document, audio, video, sticker, reaction, … (Meta's type). */
  type: string;
  /** What was written or tapped, a caption, or an emoji. */
  body: string | null;
  buttonPayload: string | null;
  media: {
    mimeType: string | null;
    filename: string | null;
    size: number | null;
    /** True once downloaded into the data folder. */
    downloaded: boolean;
  } | null;
  campaignId: number | null;
  campaignName: string | null;
  variant: string | null;
  /** How the campaign was found: the quoted message, or the latest campaign sent to the number. */
  matchedBy: 'context' | 'latest' | 'none';
  /** Meta's time of the message (Unix ms). */
  at: number;
  unread: boolean;
}

export interface ReplyAnswer {
  id: number;
  phone: string;
  kind: 'text' | 'image' | 'document' | 'template';
  body: string | null;
  mediaFilename: string | null;
  templateName: string | null;
  state: 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'unknown';
  errorTitle: string | null;
  createdAt: number;
}

export interface ThreadSummary {
  phone: string;
  /** The customer's name in the book (an imported name column), if it has one. */
  name: string | null;
  /** The newest message of the customer. */
  last: Reply;
  replies: number;
  unread: number;
  labels: string[];
  optedOut: boolean;
}

export interface ServiceWindow {
  open: boolean;
  /** The customer's last message that opens the window (Unix ms), or null if they never wrote. */
  lastInboundAt: number | null;
  /** When the window closes (or closed): lastInboundAt + 24 h. */
  closesAt: number | null;
  /** Milliseconds left, 0 when closed. */
  remainingMs: number;
}

export type ThreadItem =
  | { kind: 'reply'; at: number; reply: Reply }
  | { kind: 'answer'; at: number; answer: ReplyAnswer }
  | { kind: 'optout'; at: number; reason: string; source: string };

export interface Thread {
  phone: string;
  /** The customer's name in the book, if it has one. */
  name: string | null;
  /** Oldest first, as a conversation reads; at most the newest 500 items. */
  items: ThreadItem[];
  labels: CustomerLabel[];
  window: ServiceWindow;
  optedOut: boolean;
  /** The account the customer wrote to (answers go out from it). */
  accountId: number | null;
}

export interface CustomerLabel {
  label: string;
  setAt: number;
  source: 'manual' | 'button-rule';
  campaignId: number | null;
}

export interface ReplyPage<T> {
  rows: T[];
  total: number;
  /** Pass back as `before` for the next (older) page; null on the last one. */
  next: string | null;
}

export interface ReplyRule {
  campaignId: number;
  button: string;
  label: string;
}

const phone = z
  .string()
  .trim()
  .min(1, 'Type the phone number.')
  .max(60, 'That is too long for a phone number.');

/** A label as a shop owner types it: "interested", "ordered", "not interested". */
export const labelText = z
  .string()
  .trim()
  .min(1, 'Type a label.')
  .max(40, 'Keep a label under 40 characters.')
  .regex(/^[^\p{Cc}]+$/u, 'A label cannot contain control characters.')
  .transform((s) => s.toLowerCase());

/** Keyset cursor "<meta_ts>:<id>"; opaque to callers. */
export const replyCursor = z
  .string()
  .regex(/^\d{1,15}:\d{1,15}$/, 'That page cursor is not one the list gave out.');

export const repliesListInput = z
  .object({
    campaignId: z.number().int().positive().optional(),
    unread: z.boolean().default(false),
    /** Part of a number, of what the customer wrote, or a label. */
    search: z.string().trim().max(100, 'Search for at most 100 characters.').default(''),
    limit: z.number().int().min(1).max(500).default(100),
    before: replyCursor.optional(),
  })
  .strict();

export const repliesThreadInput = z.object({ phone }).strict();

export const repliesLabelInput = z
  .object({ phone, label: labelText, remove: z.boolean().default(false) })
  .strict();

export const repliesRuleInput = z
  .object({
    campaignId: z.number().int().positive(),
    /** The quick-reply button's label or payload, as the template has it. */
    button: z.string().trim().min(1, 'Name the button.').max(200),
    /** Null removes the rule. */
    label: labelText.nullable(),
  })
  .strict();

export const repliesRulesInput = z.object({ campaignId: z.number().int().positive() }).strict();

/** An answer within the customer-service window: text, or an image or document with a caption. */
export const repliesSendInput = z
  .object({
    phone,
    kind: z.enum(['text', 'image', 'document']).default('text'),
    /** The message (text), or the caption (image, document). */
    text: z.string().trim().max(4096, 'WhatsApp allows at most 4096 characters.').default(''),
    file: fileRef.optional(),
    /** The name the customer sees for a document. */
    fileName: z.string().trim().max(240).optional(),
  })
  .strict();

/**
 * A template to a customer, the only message WhatsApp allows outside the 24-hour window. The
 * placeholders' values by slot key (`body.1`, `header.name`, `button.0.url`…, as templateSlots names
 * them); every text slot must have one.
 */
export const repliesSendTemplateInput = z
  .object({
    phone,
    templateId: z.number().int().positive(),
    parameters: z
      .record(
        z.string().max(200),
        z.string().max(1024, 'A placeholder value can hold at most 1024 characters.'),
      )
      .default({}),
  })
  .strict();

export const repliesMediaInput = z.object({ replyId: z.number().int().positive() }).strict();

/** A customer's file, downloaded into the data folder. */
export interface ReplyMedia {
  replyId: number;
  /** Absolute path in the data folder (named by the reply's id, never by the customer). */
  path: string;
  /** A safe name to show and to save as. */
  fileName: string;
  /** Read from the file's bytes; application/octet-stream when unknown. */
  mimeType: string;
  size: number;
  /** True only for JPEG, PNG, WebP and GIF by their bytes: only these are shown as pictures. */
  image: boolean;
}

/** A customer's picture to show in the thread (only pictures by their bytes, up to 5 MB). */
export interface ReplyPicture {
  replyId: number;
  mimeType: string;
  /** data:<type>;base64,…: shown in an <img>, never navigated to or run. */
  dataUrl: string;
}
