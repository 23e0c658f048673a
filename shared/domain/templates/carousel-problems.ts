import { cardBodyOf, cardButtonsOf, cardHeaderOf, cardsOf, offerOf } from './components';
import type { Template } from './types';

/**
 * Carousel limits, verified against Meta's "Media card carousel templates" page: 2 to 10 cards,
 * each with an IMAGE or VIDEO header (PRODUCT on product carousels, refused elsewhere with its own
 * reason), up to two buttons, and the same components on every card. The offer text of a
 * limited-time offer is at most 16 characters ("Limited-time offer templates" page).
 */
export const CAROUSEL_MIN_CARDS = 2;
export const CAROUSEL_MAX_CARDS = 10;
export const CARD_MAX_BUTTONS = 2;
export const LTO_TEXT_MAX_CHARS = 16;

const shape = (card: Template['components'][number] & { type: 'CAROUSEL' }, i: number): string =>
  (card.cards[i]?.components ?? [])
    .map((c) =>
      c.type === 'HEADER'
        ? `HEADER:${c.format}`
        : c.type === 'BUTTONS'
          ? c.buttons.map((b) => b.type).join('+')
          : c.type,
    )
    .join(',');

/** `checkText` checks one card body's variables the way the message body's are checked. */
export function carouselProblems(
  t: Template,
  checkText: (label: string, text: string) => void,
): string[] {
  const problems: string[] = [];
  const offer = offerOf(t);
  if (offer && Array.from(offer.limited_time_offer.text).length > LTO_TEXT_MAX_CHARS)
    problems.push(
      `The offer text "${offer.limited_time_offer.text}" is longer than the ${LTO_TEXT_MAX_CHARS} characters WhatsApp allows.`,
    );
  const cards = cardsOf(t);
  const carousel = t.components.find((c) => c.type === 'CAROUSEL');
  if (!carousel || carousel.type !== 'CAROUSEL') return problems;
  if (cards.length < CAROUSEL_MIN_CARDS || cards.length > CAROUSEL_MAX_CARDS)
    problems.push(
      `The carousel has ${cards.length} cards; WhatsApp sends carousels of ${CAROUSEL_MIN_CARDS} to ${CAROUSEL_MAX_CARDS} cards.`,
    );
  cards.forEach((card, i) => {
    const n = i + 1;
    const format = cardHeaderOf(card)?.format;
    if (format === undefined) problems.push(`Card ${n} has no image or video header.`);
    else if (format !== 'IMAGE' && format !== 'VIDEO' && format !== 'PRODUCT')
      problems.push(
        `Card ${n} has a ${format.toLowerCase()} header; a card shows an image or a video.`,
      );
    const buttons = cardButtonsOf(card).length;
    if (buttons > CARD_MAX_BUTTONS)
      problems.push(`Card ${n} has ${buttons} buttons; a card has at most ${CARD_MAX_BUTTONS}.`);
    const body = cardBodyOf(card);
    if (body) checkText(`text of card ${n}`, body.text);
    if (i > 0 && shape(carousel, i) !== shape(carousel, 0))
      problems.push(
        `Card ${n} is not built like card 1; WhatsApp needs every card to have the same parts.`,
      );
  });
  return problems;
}
