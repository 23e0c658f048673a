import type { FormatNode } from './formatting';
import type { HeaderFormat } from './types';

// What a rendered message is made of, apart from the functions that render it, so the renderers of
// each part (render.ts, render-parts.ts) can share the shapes without importing each other.

/** A run of text; `slot` marks a substituted variable, `missing` one without a value (shown as `{{1}}`). */
export interface Segment {
  text: string;
  slot?: string;
  missing?: boolean;
}

export type RenderedHeader =
  | { type: 'text'; segments: Segment[] }
  | { type: 'media'; format: Exclude<HeaderFormat, 'TEXT'>; source?: string; missing?: boolean };

export interface RenderedButton {
  type: string;
  text: string;
  /** URL buttons: the full URL, with a dynamic suffix substituted (or `{{1}}` when missing). */
  url?: string;
  phoneNumber?: string;
  /** COPY_CODE buttons: the code the customer copies. */
  code?: string;
  slot?: string;
  missing?: boolean;
}

/** A limited-time offer's line: its text and, with an expiration, when it ends (Unix ms). */
export interface RenderedOffer {
  text: string;
  hasExpiration: boolean;
  expiresAt?: number;
  /** The expiry slot when it has no readable value for this recipient. */
  missing?: boolean;
}

/** One carousel card as the customer swipes to it. */
export interface RenderedCard {
  header: Extract<RenderedHeader, { type: 'media' }>;
  body: Segment[];
  bodyFormatted: FormatNode[];
  buttons: RenderedButton[];
}

export interface RenderedMessage {
  header?: RenderedHeader;
  offer?: RenderedOffer;
  cards?: RenderedCard[];
  body: Segment[];
  /** The body parsed for WhatsApp markup, with variables still marked (markup may span a variable). */
  bodyFormatted: FormatNode[];
  footer?: string;
  buttons: RenderedButton[];
  bodyText: string;
  headerText?: string;
}
