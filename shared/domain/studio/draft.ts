import type {
  BodyComponent,
  ButtonsComponent,
  FooterComponent,
  HeaderComponent,
  ParameterFormat,
  TemplateButton,
} from '../templates/types';

/**
 * A template as written for `POST /{waba-id}/message_templates` (Meta's creation request), before
 * Meta has reviewed it. Unlike a synced `Template` it has no status or id, and it may hold the
 * marketing-only components (limited-time offer, carousel).
 */

export interface LimitedTimeOfferComponent {
  type: 'LIMITED_TIME_OFFER';
  limited_time_offer: { text: string; has_expiration?: boolean };
}

/** One card of a media card carousel: a media header, an optional body and up to two buttons. */
export interface CarouselCard {
  components: (HeaderComponent | BodyComponent | ButtonsComponent)[];
}

export interface CarouselComponent {
  type: 'CAROUSEL';
  cards: CarouselCard[];
}

export type DraftComponent =
  | HeaderComponent
  | BodyComponent
  | FooterComponent
  | ButtonsComponent
  | LimitedTimeOfferComponent
  | CarouselComponent;

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export interface TemplateDraft {
  name: string;
  language: string;
  /** Upper case; kept as written so the check can name an unknown one instead of failing to parse. */
  category: string;
  parameter_format: ParameterFormat;
  components: DraftComponent[];
}

export type { TemplateButton };

type Of<T extends DraftComponent['type']> = Extract<DraftComponent, { type: T }>;

/** The first component of a type (a valid draft holds at most one of each). */
export function draftPart<T extends DraftComponent['type']>(
  d: { components: readonly DraftComponent[] },
  type: T,
): Of<T> | undefined {
  return d.components.find((c): c is Of<T> => c.type === type);
}

export const draftButtons = (d: { components: readonly DraftComponent[] }): TemplateButton[] =>
  draftPart(d, 'BUTTONS')?.buttons ?? [];
