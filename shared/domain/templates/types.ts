/**
 * A message template as Meta's `GET message_templates` returns it, after parsing and normalising
 * (component and button types upper case, `parameter_format` defaulted, `language` a plain code).
 */

export type ParameterFormat = 'POSITIONAL' | 'NAMED';

export type MediaHeaderFormat = 'IMAGE' | 'VIDEO' | 'DOCUMENT';
/** PRODUCT: a product card carousel's card header (a catalog item); parsed, never sent from a campaign. */
export type HeaderFormat = 'TEXT' | MediaHeaderFormat | 'LOCATION' | 'PRODUCT';

export interface NamedParamExample {
  param_name: string;
  example: string;
}

export interface HeaderComponent {
  type: 'HEADER';
  format: HeaderFormat;
  text?: string;
  example?: {
    header_text?: string[];
    header_text_named_params?: NamedParamExample[];
    header_handle?: string[];
  };
}

export interface BodyComponent {
  type: 'BODY';
  text: string;
  example?: {
    body_text?: string[][];
    body_text_named_params?: NamedParamExample[];
  };
}

export interface FooterComponent {
  type: 'FOOTER';
  text: string;
}

/** Button types Campaign Desk knows from Meta's docs; others are kept verbatim and flagged. */
export const KNOWN_BUTTON_TYPES = [
  'QUICK_REPLY',
  'URL',
  'PHONE_NUMBER',
  'COPY_CODE',
  'VOICE_CALL',
  'OTP',
  'FLOW',
  'CATALOG',
  'MPM',
  'SPM',
] as const;

export interface TemplateButton {
  /** Upper case. One of KNOWN_BUTTON_TYPES unless `unknownType` is set. */
  type: string;
  text: string;
  url?: string;
  phone_number?: string;
  /** URL buttons: a full example URL; COPY_CODE: the example code. */
  example?: string[];
  /** OTP buttons of authentication templates: COPY_CODE, ONE_TAP or ZERO_TAP (upper case). */
  otp_type?: string;
  /** Set when `type` is not one of KNOWN_BUTTON_TYPES, so callers can warn instead of failing. */
  unknownType?: true;
}

export interface ButtonsComponent {
  type: 'BUTTONS';
  buttons: TemplateButton[];
}

/**
 * The offer line of a limited-time offer template (verified: Meta's "Limited-time offer templates"
 * page, developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/
 * limited-time-offer-templates): `text` is the offer headline (≤16 characters), and with
 * `has_expiration` the message shows a countdown and the send must give `expiration_time_ms`.
 */
export interface LimitedTimeOfferComponent {
  type: 'LIMITED_TIME_OFFER';
  limited_time_offer: { text: string; has_expiration?: boolean };
}

/**
 * One card of a carousel (verified: Meta's "Media card carousel templates" page): a media header
 * (IMAGE or VIDEO; PRODUCT on product card carousels), an optional body and up to two buttons.
 */
export interface CarouselCard {
  components: (HeaderComponent | BodyComponent | ButtonsComponent)[];
}

export interface CarouselComponent {
  type: 'CAROUSEL';
  cards: CarouselCard[];
}

export type TemplateComponent =
  | HeaderComponent
  | BodyComponent
  | FooterComponent
  | ButtonsComponent
  | LimitedTimeOfferComponent
  | CarouselComponent;

export interface QualityScore {
  score: string;
  date?: number;
}

export interface Template {
  name: string;
  /** The language code exactly as approved (`en` and `en_US` are different templates). */
  language: string;
  /** Upper case, e.g. APPROVED, PENDING, REJECTED, PAUSED. */
  status: string;
  category: string;
  sub_category?: string;
  /**
   * Meta's time-to-live in seconds when set on the template (templates/time-to-live page): how long
   * Meta keeps trying to deliver its messages. Absent: Meta's default for the category.
   */
  message_send_ttl_seconds?: number;
  parameter_format: ParameterFormat;
  id?: string;
  quality_score?: QualityScore;
  components: TemplateComponent[];
}
