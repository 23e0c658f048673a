import type {
  BodyComponent,
  ButtonsComponent,
  CarouselCard,
  CarouselComponent,
  FooterComponent,
  LimitedTimeOfferComponent,
  HeaderComponent,
  Template,
  TemplateComponent,
} from './types';

/** Typed accessors: a parsed template holds at most one component of each type. */
export const headerOf = (t: Template): HeaderComponent | undefined =>
  t.components.find((c): c is HeaderComponent => c.type === 'HEADER');
export const bodyOf = (t: Template): BodyComponent | undefined =>
  t.components.find((c): c is BodyComponent => c.type === 'BODY');
export const footerOf = (t: Template): FooterComponent | undefined =>
  t.components.find((c): c is FooterComponent => c.type === 'FOOTER');
export const buttonsOf = (t: Template): ButtonsComponent['buttons'] =>
  t.components.find((c): c is ButtonsComponent => c.type === 'BUTTONS')?.buttons ?? [];
export const offerOf = (t: Template): LimitedTimeOfferComponent | undefined =>
  t.components.find((c): c is LimitedTimeOfferComponent => c.type === 'LIMITED_TIME_OFFER');
export const cardsOf = (t: Template): CarouselCard[] =>
  t.components.find((c): c is CarouselComponent => c.type === 'CAROUSEL')?.cards ?? [];

/** The parts of one carousel card (a card holds at most one of each). */
export const cardHeaderOf = (card: CarouselCard): HeaderComponent | undefined =>
  card.components.find((c): c is HeaderComponent => c.type === 'HEADER');
export const cardBodyOf = (card: CarouselCard): BodyComponent | undefined =>
  card.components.find((c): c is BodyComponent => c.type === 'BODY');
export const cardButtonsOf = (card: CarouselCard): ButtonsComponent['buttons'] =>
  card.components.find((c): c is ButtonsComponent => c.type === 'BUTTONS')?.buttons ?? [];

const plainButtons = (c: ButtonsComponent): ButtonsComponent => ({
  ...c,
  buttons: c.buttons.map(({ unknownType: _u, ...b }) => b),
});

/** Components back in Meta's shape: without the parser's own `unknownType` marker, cards included. */
export function graphComponents(components: readonly TemplateComponent[]): TemplateComponent[] {
  return components.map((c) => {
    if (c.type === 'BUTTONS') return plainButtons(c);
    if (c.type !== 'CAROUSEL') return { ...c };
    return {
      ...c,
      cards: c.cards.map((card) => ({
        components: card.components.map((p) => (p.type === 'BUTTONS' ? plainButtons(p) : p)),
      })),
    };
  });
}
