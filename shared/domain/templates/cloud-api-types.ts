/**
 * The exact JSON of a Cloud API template send (POST /<PHONE_NUMBER_ID>/messages), as documented in
 * cloud-api.md §1.2–1.4. Shared by the request builder, the HTTP client and the sandbox.
 */

export type MediaRef = { id: string } | { link: string };

/** NAMED templates carry `parameter_name` on every variable parameter; POSITIONAL ones never do. */
interface Named {
  parameter_name?: string;
}

export interface TextParameter extends Named {
  type: 'text';
  text: string;
}

export interface CurrencyParameter extends Named {
  type: 'currency';
  currency: { fallback_value: string; code: string; amount_1000: number };
}

export interface DateTimeParameter extends Named {
  type: 'date_time';
  date_time: { fallback_value: string };
}

export interface ImageParameter {
  type: 'image';
  image: MediaRef;
}

export interface VideoParameter {
  type: 'video';
  video: MediaRef;
}

export interface DocumentParameter {
  type: 'document';
  document: MediaRef & { filename?: string };
}

export interface LocationParameter {
  type: 'location';
  location: { latitude: string; longitude: string; name?: string; address?: string };
}

export interface PayloadParameter {
  type: 'payload';
  payload: string;
}

export interface CouponCodeParameter {
  type: 'coupon_code';
  coupon_code: string;
}

export type HeaderParameter =
  TextParameter | ImageParameter | VideoParameter | DocumentParameter | LocationParameter;
export type BodyParameter = TextParameter | CurrencyParameter | DateTimeParameter;

export interface HeaderSendComponent {
  type: 'header';
  parameters: [HeaderParameter];
}

export interface BodySendComponent {
  type: 'body';
  parameters: BodyParameter[];
}

export interface UrlButtonSendComponent {
  type: 'button';
  sub_type: 'url';
  /** Zero-based position in the template's BUTTONS array, as a string like Meta's url example. */
  index: string;
  parameters: [TextParameter];
}

export interface QuickReplyButtonSendComponent {
  type: 'button';
  sub_type: 'quick_reply';
  index: string;
  parameters: [PayloadParameter];
}

export interface CopyCodeButtonSendComponent {
  type: 'button';
  sub_type: 'copy_code';
  /** An integer here, exactly as Meta's copy_code example (Meta accepts both forms). */
  index: number;
  parameters: [CouponCodeParameter];
}

export type ButtonSendComponent =
  UrlButtonSendComponent | QuickReplyButtonSendComponent | CopyCodeButtonSendComponent;

/**
 * Verified: Meta's "Limited-time offer templates" page (send section); only for templates whose
 * offer `has_expiration`. Not in meta-openapi-v23.yaml, whose TemplateComponent knows only
 * header/body/button.
 */
export interface LimitedTimeOfferSendComponent {
  type: 'limited_time_offer';
  parameters: [{ type: 'limited_time_offer'; limited_time_offer: { expiration_time_ms: number } }];
}

/**
 * Verified: Meta's "Sending media card carousel templates" page: one card per card of the
 * template, `card_index` from 0, each with a header parameter and its body and button parameters.
 * Not in meta-openapi-v23.yaml either.
 */
export interface CarouselCardSend {
  card_index: number;
  components: (HeaderSendComponent | BodySendComponent | ButtonSendComponent)[];
}
export interface CarouselSendComponent {
  type: 'carousel';
  cards: CarouselCardSend[];
}

export type SendComponent =
  | HeaderSendComponent
  | BodySendComponent
  | ButtonSendComponent
  | LimitedTimeOfferSendComponent
  | CarouselSendComponent;

export interface CloudApiTemplateMessage {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  type: 'template';
  template: {
    name: string;
    language: { code: string };
    /** Omitted entirely when the template takes no parameters. */
    components?: SendComponent[];
  };
  biz_opaque_callback_data?: string;
}
