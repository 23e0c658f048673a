/**
 * Creation requests taken from Meta's own documentation pages (2026), used as the "Meta approves
 * this" baseline of the pre-submission check: components page (order confirmation, named header),
 * limited-time offer templates page, and media card carousel templates page.
 */
export const ORDER_CONFIRMATION = {
  name: 'order_confirmation',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    {
      type: 'HEADER',
      format: 'DOCUMENT',
      example: { header_handle: ['4::YXBwbGljYXRpb24vcGRm:ARZ'] },
    },
    {
      type: 'BODY',
      text: 'Thank you for your order, {{1}}! Your order number is {{2}}. Tap the PDF linked above to view your receipt. If you have any questions, please use the buttons below to contact support. Thanks again!',
      example: { body_text: [['Pablo', '860198-230332']] },
    },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'PHONE_NUMBER', text: 'Call', phone_number: '15550051310' },
        { type: 'URL', text: 'Contact Support', url: 'https://www.luckyshrub.com/support' },
      ],
    },
  ],
};

export const NAMED_SALE = {
  name: 'sale_announcement',
  language: 'en_US',
  category: 'MARKETING',
  parameter_format: 'NAMED',
  components: [
    {
      type: 'HEADER',
      format: 'TEXT',
      text: 'Our new sale starts {{sale_start_date}}!',
      example: {
        header_text_named_params: [{ param_name: 'sale_start_date', example: 'December 1st' }],
      },
    },
    {
      type: 'BODY',
      text: 'Hi {{first_name}}, shop our winter collection early and pick your favourites before they sell out.',
      example: { body_text_named_params: [{ param_name: 'first_name', example: 'Pablo' }] },
    },
    { type: 'FOOTER', text: 'Reply STOP to opt out' },
  ],
};

export const LTO = {
  name: 'limited_time_offer_caribbean_pkg_2023',
  language: 'en_US',
  category: 'MARKETING',
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARb'] } },
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
        { type: 'COPY_CODE', example: 'CARIBE25' },
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

const card = (text: string, code: string) => ({
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvcG5n:ARa'] } },
    { type: 'BODY', text },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Send more like this' },
        {
          type: 'URL',
          text: 'Buy now',
          url: 'https://www.luckyshrub.com/shop?code={{1}}',
          example: [`https://www.luckyshrub.com/shop?code=${code}`],
        },
      ],
    },
  ],
});

export const CAROUSEL = {
  name: 'summer_succulents',
  language: 'en_US',
  category: 'MARKETING',
  components: [
    {
      type: 'BODY',
      text: 'Rare succulents for sale! {{1}}, add these unique plants to your collection. Each of these rare succulents are {{2}} if you checkout using code {{3}}.',
      example: { body_text: [['Pablo', '30%', 'SUCCULENT30']] },
    },
    {
      type: 'CAROUSEL',
      cards: [
        card(
          "Add a touch of elegance to your collection with the beautiful Aloe 'Blue Elf' succulent.",
          'BLUE_ELF',
        ),
        card('Add the charm of the Echeveria to your collection.', 'ECHEVERIA'),
      ],
    },
  ],
};
