import { bodyOf, buttonsOf, footerOf, headerOf } from './components';
import { formatSegments } from './formatting';
import { renderCards, renderOffer } from './render-parts';
import { present, renderButton, renderText } from './render-text';
import type { RenderedMessage, Segment } from './rendered';
import type { ResolvedValue } from './resolve';
import type { Template } from './types';

type Values = Readonly<Record<string, ResolvedValue>>;

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
