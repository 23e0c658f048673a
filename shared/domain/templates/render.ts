import { bodyOf, buttonsOf, footerOf, headerOf } from './components';
import { formatSegments, type FormatNode } from './formatting';
import { findPlaceholders } from './placeholders';
import type { ResolvedValue } from './resolve';
import { renderCards, renderOffer } from './render-parts';
import type { HeaderFormat, Template, TemplateButton } from './types';

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

type Values = Readonly<Record<string, ResolvedValue>>;

export const present = (values: Values, key: string): ResolvedValue | undefined => {
  const v = values[key];
  return v && !v.missing ? v : undefined;
};

/** `prefix` is the slot key before the variable's name: `header`, `body` or `card.2.body`. */
export function renderText(text: string, prefix: string, values: Values): Segment[] {
  const out: Segment[] = [];
  const pushPlain = (s: string): void => {
    if (s === '') return;
    const prev = out[out.length - 1];
    if (prev && prev.slot === undefined) prev.text += s;
    else out.push({ text: s });
  };
  let at = 0;
  for (const p of findPlaceholders(text)) {
    if (p.kind === 'invalid') continue;
    pushPlain(text.slice(at, p.start));
    const slot = `${prefix}.${p.name}`;
    const v = present(values, slot);
    out.push(v ? { text: v.value, slot } : { text: `{{${p.name}}}`, slot, missing: true });
    at = p.end;
  }
  pushPlain(text.slice(at));
  return out;
}

const plain = (segments: readonly Segment[]): string => segments.map((s) => s.text).join('');

/**
 * Only the filled-in body text, without parsing WhatsApp markup: what the length rule needs, at a
 * fraction of renderMessage's cost when checking every recipient of a large audience.
 */
export function renderBodyText(t: Template, values: Values): string {
  return plain(renderText(bodyOf(t)?.text ?? '', 'body', values));
}

/** What the customer will see, for the preview; values come from resolveValues. */
export function renderMessage(t: Template, values: Values): RenderedMessage {
  const message: RenderedMessage = { body: [], bodyFormatted: [], buttons: [], bodyText: '' };

  const header = headerOf(t);
  if (header?.format === 'TEXT') {
    const segments = renderText(header.text ?? '', 'header', values);
    message.header = { type: 'text', segments };
    message.headerText = plain(segments);
  } else if (header) {
    const key = header.format === 'LOCATION' ? 'header.location' : 'header.media';
    const v = present(values, key);
    message.header = v
      ? { type: 'media', format: header.format, source: v.value }
      : { type: 'media', format: header.format, missing: true };
  }

  message.body = renderText(bodyOf(t)?.text ?? '', 'body', values);
  message.bodyText = plain(message.body);
  message.bodyFormatted = formatSegments(message.body);

  const footer = footerOf(t);
  if (footer) message.footer = footer.text;

  message.buttons = buttonsOf(t).map((b, index) => renderButton(b, `button.${index}`, values));
  const offer = renderOffer(t, values);
  if (offer) message.offer = offer;
  const cards = renderCards(t, values);
  if (cards.length > 0) message.cards = cards;
  return message;
}

/** One button as shown: a URL with its suffix filled in, or the code a copy-code button copies. */
export function renderButton(b: TemplateButton, slot: string, values: Values): RenderedButton {
  const out: RenderedButton = { type: b.type, text: b.text };
  if (b.phone_number !== undefined) out.phoneNumber = b.phone_number;
  if (b.type === 'URL' && b.url !== undefined) {
    const p = findPlaceholders(b.url).find((x) => x.kind !== 'invalid');
    if (!p) {
      out.url = b.url;
    } else {
      const v = present(values, slot);
      out.url = b.url.slice(0, p.start) + (v ? v.value : `{{${p.name}}}`) + b.url.slice(p.end);
      out.slot = slot;
      if (!v) out.missing = true;
    }
  } else if (b.type === 'COPY_CODE') {
    const v = present(values, slot);
    out.slot = slot;
    if (v) out.code = v.value;
    else out.missing = true;
  }
  return out;
}
