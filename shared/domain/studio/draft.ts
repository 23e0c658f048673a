import type {
  BodyComponent,
  ButtonsComponent,
  CarouselComponent,
  FooterComponent,
  HeaderComponent,
  LimitedTimeOfferComponent,
  ParameterFormat,
  TemplateButton,
} from '../templates/types';

export type { CarouselComponent, LimitedTimeOfferComponent };

/**
 * A template as written for `POST /{waba-id}/message_templates` (Meta's creation request), before
 * Meta has reviewed it. Unlike a synced `Template` it has no status or id, and it may hold the
 * marketing-only components (limited-time offer, carousel).
 */

export type DraftComponent =
  | HeaderComponent
  | BodyComponent
  | FooterComponent
  | ButtonsComponent
  | LimitedTimeOfferComponent
  | CarouselComponent;

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;

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
