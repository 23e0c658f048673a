import type {
  BodyParameter,
  ButtonSendComponent,
  CarouselCardSend,
  CarouselSendComponent,
} from './cloud-api-types';
import { cardsOf } from './components';
import type { Slot } from './slots';
import type { Template } from './types';

/**
 * The `carousel` component of a send, in the shape of Meta's "Sending media card carousel
 * templates" page: every card of the template, in order, with `card_index` from 0; each card's
 * header media as a link, its body parameters and its URL suffixes. Quick-reply payloads on cards
 * are optional on that page and left out, as for the message's own quick replies.
 */
export function carouselComponent(
  t: Template,
  slots: readonly Slot[],
  textOf: (slot: Slot) => string,
  bodyParam: (slot: Slot) => BodyParameter,
): CarouselSendComponent | undefined {
  const cards = cardsOf(t);
  if (cards.length === 0) return undefined;
  const out: CarouselCardSend[] = cards.map((_, card_index) => {
    const mine = slots.filter((s) => s.card === card_index);
    const components: CarouselCardSend['components'] = [];
    const media = mine.find((s) => s.kind === 'card_media');
    if (media) {
      const link = textOf(media);
      components.push({
        type: 'header',
        parameters: [
          media.mediaFormat === 'VIDEO'
            ? { type: 'video', video: { link } }
            : { type: 'image', image: { link } },
        ],
      });
    }
    const body = mine.filter((s) => s.cardPart === 'body').map(bodyParam);
    if (body.length > 0) components.push({ type: 'body', parameters: body });
    const buttons: ButtonSendComponent[] = mine
      .filter((s) => s.kind === 'url_suffix')
      .map((s) => ({
        type: 'button',
        sub_type: 'url',
        index: String(s.buttonIndex ?? 0),
        parameters: [
          {
            type: 'text',
            ...(t.parameter_format === 'NAMED' && { parameter_name: s.name }),
            text: textOf(s),
          },
        ],
      }));
    components.push(...buttons);
    return { card_index, components };
  });
  return { type: 'carousel', cards: out };
}
