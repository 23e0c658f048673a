/**
 * The sandbox's limited-time offer and media card carousel templates, written as GET
 * message_templates returns them, after the examples of Meta's "Limited-time offer templates" and
 * "Media card carousel templates" pages.
 */

const card = (n: number, product: string) => ({
  components: [
    {
      type: 'HEADER',
      format: 'IMAGE',
      example: { header_handle: [`https://scontent.whatsapp.net/sandbox/card-${n}.jpg`] },
    },
    {
      type: 'BODY',
      text: `${product}: {{1}} off this week.`,
      example: { body_text: [['20%']] },
    },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Send more like this' },
        {
          type: 'URL',
          text: 'Buy now',
          url: 'https://shop.example.com/p/{{1}}',
          example: ['https://shop.example.com/p/blue-elf'],
        },
      ],
    },
  ],
});

export const MARKETING_SAMPLES: unknown[] = [
  {
    name: 'flash_sale_offer',
    parameter_format: 'POSITIONAL',
    components: [
      {
        type: 'HEADER',
        format: 'IMAGE',
        example: { header_handle: ['https://scontent.whatsapp.net/sandbox/flash.jpg'] },
      },
      {
        type: 'LIMITED_TIME_OFFER',
        limited_time_offer: { text: 'Flash sale!', has_expiration: true },
      },
      {
        type: 'BODY',
        text: 'Good news, {{1}}! Use the code below to get 25% off everything in the shop.',
        example: { body_text: [['Maria']] },
      },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'COPY_CODE', text: 'Copy offer code', example: ['FLASH25'] },
          {
            type: 'URL',
            text: 'Shop now',
            url: 'https://shop.example.com/offers?code={{1}}',
            example: ['https://shop.example.com/offers?code=FLASH25'],
          },
        ],
      },
    ],
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    id: '1000000000000011',
  },
  {
    name: 'spring_carousel',
    parameter_format: 'POSITIONAL',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{1}}, three favourites from our spring collection:',
        example: { body_text: [['Maria']] },
      },
      {
        type: 'CAROUSEL',
        cards: [card(1, 'Blue Elf'), card(2, 'Aloe'), card(3, 'Jade plant')],
      },
    ],
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    id: '1000000000000012',
  },
];
