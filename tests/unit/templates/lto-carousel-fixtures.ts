import { parseTemplateJson, type Template } from '../../../shared/domain/templates';

/** Template JSON in the shape GET message_templates returns, after Meta's LTO and carousel pages. */

export const LTO_RAW = {
  name: 'limited_time_offer_caribbean_pkg_2023',
  language: 'en_US',
  status: 'APPROVED',
  category: 'MARKETING',
  id: '2000000000000001',
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['https://x.example/h.jpg'] } },
    {
      type: 'LIMITED_TIME_OFFER',
      limited_time_offer: { text: 'Expiring offer!', has_expiration: true },
    },
    {
      type: 'BODY',
      text: 'Good news, {{1}}! Use code {{2}} to get 25% off all Caribbean Destination packages!',
      example: { body_text: [['Pablo', 'CARIBE25']] },
    },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'COPY_CODE', text: 'Copy offer code', example: ['CARIBE25'] },
        {
          type: 'URL',
          text: 'Book now!',
          url: 'https://awesomedestinations.com/offers?code={{1}}',
          example: ['https://awesomedestinations.com/offers?ref=n3mtql'],
        },
      ],
    },
  ],
};

const card = (n: number) => ({
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: [`https://x.example/${n}.jpg`] } },
    {
      type: 'BODY',
      text: 'Use code {{1}} to get {{2}} off.',
      example: { body_text: [['15OFF', '15%']] },
    },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Send more like this' },
        {
          type: 'URL',
          text: 'Buy now',
          url: 'https://www.luckyshrub.com/shop?code={{1}}',
          example: ['https://www.luckyshrub.com/shop?code=blue-elf'],
        },
      ],
    },
  ],
});

export const CAROUSEL_RAW = {
  name: 'summer_carousel_promo_2023',
  language: 'en_US',
  status: 'APPROVED',
  category: 'MARKETING',
  id: '2000000000000002',
  components: [
    {
      type: 'BODY',
      text: 'Summer is here, and we have the freshest produce around! Use code {{1}} to get {{2}} off your next order.',
      example: { body_text: [['15OFF', '15%']] },
    },
    { type: 'CAROUSEL', cards: [card(1), card(2)] },
  ],
};

export const OTP_RAW = {
  name: 'verification_code',
  language: 'en_US',
  status: 'APPROVED',
  category: 'AUTHENTICATION',
  components: [
    {
      type: 'BODY',
      text: '*{{1}}* is your verification code.',
      example: { body_text: [['123456']] },
    },
    { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
  ],
};

export const CATALOG_RAW = {
  name: 'intro_catalog_offer',
  language: 'en_US',
  status: 'APPROVED',
  category: 'MARKETING',
  components: [
    { type: 'BODY', text: 'Now shop for your favourite products right here on WhatsApp!' },
    { type: 'BUTTONS', buttons: [{ type: 'CATALOG', text: 'View catalog' }] },
  ],
};

export const MPM_RAW = {
  name: 'abandoned_cart',
  language: 'en_US',
  status: 'APPROVED',
  category: 'MARKETING',
  components: [
    { type: 'BODY', text: 'You left items in your cart.' },
    { type: 'BUTTONS', buttons: [{ type: 'MPM', text: 'View items' }] },
  ],
};

export function parsed(raw: unknown): Template {
  const r = parseTemplateJson(raw);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.template;
}
