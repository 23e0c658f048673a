import { cardSlots } from './card-slots';
import { bodyOf, buttonsOf, headerOf, offerOf } from './components';
import { distinctVariables, findPlaceholders } from './placeholders';
import { exampleFor, isDynamicUrlButton, urlSuffixExample } from './slot-examples';
import type { Slot } from './slot-types';
import type { MediaHeaderFormat, Template } from './types';

export type { Slot, SlotKind } from './slot-types';

const MEDIA_FORMATS: readonly string[] = ['IMAGE', 'VIDEO', 'DOCUMENT'];

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
