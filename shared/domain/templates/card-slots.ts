import { cardBodyOf, cardButtonsOf, cardHeaderOf, cardsOf } from './components';
import { distinctVariables, findPlaceholders } from './placeholders';
import { exampleFor, isDynamicUrlButton, urlSuffixExample } from './slot-examples';
import type { Slot } from './slot-types';
import type { Template } from './types';

/**
 * The slots of a media card carousel, card by card: each card's header media (always: Meta's send
 * shape needs a header parameter on every card), its body variables and its dynamic URL suffixes.
 * Verified: Meta's "Sending media card carousel templates" page (a `carousel` component with one
 * entry per card, `card_index` from 0, and header / body / button components inside each).
 */
export function cardSlots(t: Template): Slot[] {
  const slots: Slot[] = [];
  cardsOf(t).forEach((card, cardIndex) => {
    const prefix = `card.${cardIndex + 1}`;
    const header = cardHeaderOf(card);
    if (header?.format === 'IMAGE' || header?.format === 'VIDEO') {
      const example = header.example?.header_handle?.[0];
      slots.push({
        key: `${prefix}.header`,
        component: 'card',
        cardPart: 'header',
        card: cardIndex,
        kind: 'card_media',
        name: 'media',
        mediaFormat: header.format,
        ...(example !== undefined && { example }),
      });
    }
    const body = cardBodyOf(card);
    if (body) {
      const names = distinctVariables(body.text);
      for (const name of names) {
        const example = exampleFor(
          names,
          name,
          body.example?.body_text?.[0],
          body.example?.body_text_named_params,
        );
        slots.push({
          key: `${prefix}.body.${name}`,
          component: 'card',
          cardPart: 'body',
          card: cardIndex,
          kind: 'text',
          name,
          ...(example !== undefined && { example }),
        });
      }
    }
    cardButtonsOf(card).forEach((b, buttonIndex) => {
      if (!isDynamicUrlButton(b)) return;
      const name = findPlaceholders(b.url ?? '').find((p) => p.kind !== 'invalid')?.name ?? '1';
      const example = urlSuffixExample(b);
      slots.push({
        key: `${prefix}.button.${buttonIndex}`,
        component: 'card',
        cardPart: 'button',
        card: cardIndex,
        kind: 'url_suffix',
        name,
        buttonIndex,
        ...(example !== undefined && { example }),
      });
    });
  });
  return slots;
}
