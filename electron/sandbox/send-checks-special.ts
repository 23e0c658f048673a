import {
  cardButtonsOf,
  cardsOf,
  LTO_COUPON_MAX_CHARS,
  offerOf,
  templateSlots,
  type Template,
} from '../../shared/domain/templates';
import { fail } from './errors';
import { isRecord } from './http';
import {
  checkButtonSet,
  checkTextParameters,
  collect,
  parametersOf,
  value,
  type Sent,
  type Values,
} from './send-checks';
import { checkMediaParameter, type MediaLookup } from './send-media';

/**
 * The limited-time offer and carousel parts of a send, checked the way Meta's pages describe them.
 * Shapes verified: "Limited-time offer templates" (send: a `limited_time_offer` component whose
 * parameter carries `expiration_time_ms`, required when the offer has an expiration; offer code at
 * most 15 characters) and "Sending media card carousel templates" (a `carousel` component with a
 * card for every card of the template, `card_index` from 0). Which error code Meta answers each
 * mistake with is not on those pages: ASSUMED from Meta's error-code list — 131008 for a required
 * part left out, 132000 for a parameter or card count that does not match, 132012 for a value of
 * the wrong form, 131009 for a value out of bounds.
 */

export function checkOffer(t: Template, sent: Sent, values: Values): void {
  const offer = offerOf(t);
  const comp = sent.limited_time_offer;
  if (!offer) {
    if (comp) fail(132000, 'limited_time_offer: this template has no limited-time offer.');
    return;
  }
  const code = templateSlots(t).find((s) => s.kind === 'coupon_code');
  const coupon = code ? (values[code.key]?.value ?? '') : '';
  if (Array.from(coupon).length > LTO_COUPON_MAX_CHARS)
    fail(
      131009,
      `button at index ${code?.buttonIndex ?? 0}: coupon_code is longer than ${LTO_COUPON_MAX_CHARS} characters.`,
    );
  if (offer.limited_time_offer.has_expiration !== true) {
    if (comp) fail(132000, 'limited_time_offer: this offer has no expiration to set.');
    return;
  }
  if (!comp) fail(131008, 'limited_time_offer: the parameter expiration_time_ms is required.');
  const params = parametersOf('limited_time_offer', comp);
  const lto = params[0]?.limited_time_offer;
  if (params.length !== 1 || params[0]?.type !== 'limited_time_offer' || !isRecord(lto))
    fail(132012, 'limited_time_offer: expected one parameter of type limited_time_offer.');
  const ms = (lto as Record<string, unknown>).expiration_time_ms;
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms <= 0)
    fail(132012, 'limited_time_offer: expiration_time_ms must be a Unix time in milliseconds.');
  values['offer.expiry'] = value(String(ms));
}

function cardList(comp: Record<string, unknown>, expected: number): Record<string, unknown>[] {
  const cards = comp.cards;
  if (!Array.isArray(cards)) return fail(131008, 'carousel: the parameter cards is required.');
  if (cards.length !== expected)
    fail(
      132000,
      `carousel: number of cards (${cards.length}) does not match the template's (${expected}).`,
    );
  const seen = new Set<number>();
  return cards.map((c: unknown) => {
    if (!isRecord(c)) return fail(100, 'carousel: every card must be an object.');
    const i = c.card_index;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= expected || seen.has(i))
      fail(
        132000,
        `carousel: card_index ${JSON.stringify(i)} is not one of 0 to ${expected - 1} given once.`,
      );
    seen.add(i as number);
    return c;
  });
}

export function checkCarousel(t: Template, sent: Sent, values: Values, media: MediaLookup): void {
  const cards = cardsOf(t);
  const comp = sent.carousel;
  if (cards.length === 0) {
    if (comp) fail(132000, 'carousel: this template has no carousel.');
    return;
  }
  if (!comp) return fail(131008, 'carousel: the parameter cards is required.');
  const slots = templateSlots(t);
  const named = t.parameter_format === 'NAMED';
  for (const c of cardList(comp, cards.length)) {
    const index = c.card_index as number;
    const where = `carousel card ${index}`;
    const parts = collect(c.components);
    if (parts.limited_time_offer || parts.carousel)
      fail(100, `${where}: a card holds header, body and button components only.`);
    const mine = slots.filter((s) => s.card === index);
    const mediaSlot = mine.find((s) => s.kind === 'card_media');
    const header = parametersOf(`${where} header`, parts.header);
    if (mediaSlot) {
      const format = mediaSlot.mediaFormat ?? 'IMAGE';
      if (header.length !== 1)
        fail(132012, `${where} header: Format mismatch, expected ${format}, received UNKNOWN.`);
      values[mediaSlot.key] = value(checkMediaParameter(format, header[0]!, media));
    }
    const body = mine.filter((s) => s.cardPart === 'body');
    checkTextParameters(
      `${where} body`,
      body,
      parametersOf(`${where} body`, parts.body),
      named,
      values,
    );
    const buttonSlots = mine.filter((s) => s.cardPart === 'button');
    checkButtonSet(cardButtonsOf(cards[index]!), parts.buttons, buttonSlots, `${where} `, values);
  }
}
