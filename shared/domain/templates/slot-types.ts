import type { MediaHeaderFormat } from './types';

/** `offer`: the expiry of a limited-time offer; `card`: a part of one carousel card. */
export type SlotComponent = 'header' | 'body' | 'button' | 'offer' | 'card';

/**
 * - text: a `{{1}}`/`{{name}}` in the header or body;
 * - media: the file of an IMAGE/VIDEO/DOCUMENT header (`header.media`);
 * - location: the place of a LOCATION header (`header.location`);
 * - url_suffix: the variable at the end of a dynamic URL button;
 * - coupon_code: the code a COPY_CODE button copies (Meta requires it at send time);
 * - offer_expiry: when a limited-time offer ends (a date and time, sent as `expiration_time_ms`);
 * - card_media: the image or video link of one carousel card's header.
 */
export type SlotKind =
  'text' | 'media' | 'location' | 'url_suffix' | 'coupon_code' | 'offer_expiry' | 'card_media';

export interface Slot {
  /**
   * `header.1`, `header.first_name`, `header.media`, `header.location`, `body.2`, `button.1`,
   * `offer.expiry`; carousel cards `card.1.header`, `card.1.body.1`, `card.1.button.0` (cards
   * counted from 1 as the form shows them, buttons from 0 as Meta's `index`).
   */
  key: string;
  component: SlotComponent;
  kind: SlotKind;
  /** The placeholder's number or name; `media`, `location` or `coupon_code` for slots without one. */
  name: string;
  /** Zero-based position in the template's (or the card's) BUTTONS array. */
  buttonIndex?: number;
  /** Carousel slots: the card's zero-based `card_index`, and which part of the card. */
  card?: number;
  cardPart?: 'header' | 'body' | 'button';
  mediaFormat?: MediaHeaderFormat;
  /** The example value Meta holds for this variable, when the template carries one. */
  example?: string;
}
