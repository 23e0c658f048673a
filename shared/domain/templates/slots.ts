import { bodyOf, buttonsOf, headerOf, offerOf } from './components';
import { cardSlots } from './card-slots';
import { distinctVariables, findPlaceholders } from './placeholders';
import type { MediaHeaderFormat, NamedParamExample, Template, TemplateButton } from './types';

/** `offer`: the expiry of a limited-time offer; `card`: a part of one carousel card. */
export type SlotComponent = 'header' | 'body' | 'button' | 'offer' | 'card';

/**
 * - text: a `{{1}}`/`{{name}}` in the header or body;
 * - media: the file of an IMAGE/VIDEO/DOCUMENT header (`header.media`);
 * - location: the place of a LOCATION header (`header.location`);
 * - url_suffix: the variable at the end of a dynamic URL button;
 * - coupon_code: the code a COPY_CODE button copies (Meta requires it at send time);
 * - offer_expiry: when a limited-time offer ends (a date and time, sent as `expiration_time_ms`);
 * - card_media: the image or video link of one carousel card's header.
 */
export type SlotKind =
  'text' | 'media' | 'location' | 'url_suffix' | 'coupon_code' | 'offer_expiry' | 'card_media';

export interface Slot {
  /**
   * `header.1`, `header.first_name`, `header.media`, `header.location`, `body.2`, `button.1`,
   * `offer.expiry`; carousel cards `card.1.header`, `card.1.body.1`, `card.1.button.0` (cards
   * counted from 1 as the form shows them, buttons from 0 as Meta's `index`).
   */
  key: string;
  component: SlotComponent;
  kind: SlotKind;
  /** The placeholder's number or name; `media`, `location` or `coupon_code` for slots without one. */
  name: string;
  /** Zero-based position in the template's (or the card's) BUTTONS array. */
  buttonIndex?: number;
  /** Carousel slots: the card's zero-based `card_index`, and which part of the card. */
  card?: number;
  cardPart?: 'header' | 'body' | 'button';
  mediaFormat?: MediaHeaderFormat;
  /** The example value Meta holds for this variable, when the template carries one. */
  example?: string;
}

const MEDIA_FORMATS: readonly string[] = ['IMAGE', 'VIDEO', 'DOCUMENT'];

export function exampleFor(
  names: string[],
  name: string,
  positional: readonly string[] | undefined,
  named: readonly NamedParamExample[] | undefined,
): string | undefined {
  const byName = named?.find((p) => p.param_name === name)?.example;
  if (byName !== undefined) return byName;
  const at = names.filter((n) => /^[0-9]+$/.test(n)).indexOf(name);
  return at >= 0 ? positional?.[at] : undefined;
}

/** The suffix part of Meta's full example URL, e.g. `summer2023` from `https://x.com/shop?promo=summer2023`. */
export function urlSuffixExample(button: TemplateButton): string | undefined {
  const url = button.url ?? '';
  const example = button.example?.[0];
  const first = findPlaceholders(url)[0];
  if (example === undefined || first === undefined) return undefined;
  const prefix = url.slice(0, first.start);
  return example.startsWith(prefix) && example.length > prefix.length
    ? example.slice(prefix.length)
    : undefined;
}

/** A URL button is dynamic when its URL holds a placeholder; static URL buttons take no parameter. */
export const isDynamicUrlButton = (b: TemplateButton): boolean =>
  b.type === 'URL' && findPlaceholders(b.url ?? '').some((p) => p.kind !== 'invalid');

// Validating a million recipients asks for the same template's slots millions of times; parsing the
// texts once per template object keeps that loop cheap. Templates are treated as immutable values
// (a changed template is a new object), so an entry can never go stale.
const slotCache = new WeakMap<Template, readonly Slot[]>();

/** Every value a send of this template needs, in the order Meta expects them. */
export function templateSlots(t: Template): Slot[] {
  let cached = slotCache.get(t);
  if (!cached) {
    cached = computeSlots(t);
    slotCache.set(t, cached);
  }
  // A fresh array (and fresh slot objects) so a caller that edits its copy cannot poison the cache.
  return cached.map((s) => ({ ...s }));
}

function computeSlots(t: Template): Slot[] {
  const slots: Slot[] = [];
  const header = headerOf(t);
  if (header?.format === 'TEXT') {
    const names = distinctVariables(header.text ?? '');
    for (const name of names) {
      const example = exampleFor(
        names,
        name,
        header.example?.header_text,
        header.example?.header_text_named_params,
      );
      slots.push({
        key: `header.${name}`,
        component: 'header',
        kind: 'text',
        name,
        ...(example !== undefined && { example }),
      });
    }
  } else if (header && MEDIA_FORMATS.includes(header.format)) {
    const example = header.example?.header_handle?.[0];
    slots.push({
      key: 'header.media',
      component: 'header',
      kind: 'media',
      name: 'media',
      mediaFormat: header.format as MediaHeaderFormat,
      ...(example !== undefined && { example }),
    });
  } else if (header?.format === 'LOCATION') {
    slots.push({ key: 'header.location', component: 'header', kind: 'location', name: 'location' });
  }

  const body = bodyOf(t);
  if (body) {
    const names = distinctVariables(body.text);
    const positional = body.example?.body_text?.[0];
    for (const name of names) {
      const example = exampleFor(names, name, positional, body.example?.body_text_named_params);
      slots.push({
        key: `body.${name}`,
        component: 'body',
        kind: 'text',
        name,
        ...(example !== undefined && { example }),
      });
    }
  }

  if (offerOf(t)?.limited_time_offer.has_expiration === true)
    slots.push({ key: 'offer.expiry', component: 'offer', kind: 'offer_expiry', name: 'expiry' });

  buttonsOf(t).forEach((b, buttonIndex) => {
    const key = `button.${buttonIndex}`;
    if (isDynamicUrlButton(b)) {
      const name = findPlaceholders(b.url ?? '').find((p) => p.kind !== 'invalid')?.name ?? '1';
      const example = urlSuffixExample(b);
      slots.push({
        key,
        component: 'button',
        kind: 'url_suffix',
        name,
        buttonIndex,
        ...(example !== undefined && { example }),
      });
    } else if (b.type === 'COPY_CODE') {
      const example = b.example?.[0];
      slots.push({
        key,
        component: 'button',
        kind: 'coupon_code',
        name: 'coupon_code',
        buttonIndex,
        ...(example !== undefined && { example }),
      });
    }
  });
  slots.push(...cardSlots(t));
  return slots;
}

/** Slots whose value is text typed or mapped by the user (as opposed to a file or a place). */
export const isTextSlot = (s: Slot): boolean =>
  s.kind === 'text' ||
  s.kind === 'url_suffix' ||
  s.kind === 'coupon_code' ||
  s.kind === 'offer_expiry' ||
  s.kind === 'card_media';
