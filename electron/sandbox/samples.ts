import { parseTemplateJson, type Template } from '../../shared/domain/templates';
import { MARKETING_SAMPLES } from './samples-marketing';

/**
 * The sandbox account's templates, written exactly as Meta's GET message_templates returns them and
 * parsed by the app's own parser, so a shape the app cannot read fails at import, not in a test.
 */
const RAW_TEMPLATES: unknown[] = [
  {
    name: 'hello_world',
    parameter_format: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
      {
        type: 'BODY',
        text: 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.',
      },
      { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
    ],
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    id: '1000000000000001',
  },
  {
    name: 'spring_sale',
    parameter_format: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Our spring sale is on' },
      {
        type: 'BODY',
        text: 'Hi {{1}}, everything in the shop is *{{2}} off* until Sunday. Tap below to see the deals we picked for you.',
        example: { body_text: [['Maria', '20%']] },
      },
      { type: 'FOOTER', text: 'Not interested? Tap Stop promotions' },
      {
        type: 'BUTTONS',
        buttons: [
          {
            type: 'URL',
            text: 'See the deals',
            url: 'https://shop.example.com/deals/{{1}}',
            example: ['https://shop.example.com/deals/spring24'],
          },
          { type: 'QUICK_REPLY', text: 'Stop promotions' },
        ],
      },
    ],
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    sub_category: 'CUSTOM',
    quality_score: { score: 'GREEN' },
    id: '1000000000000002',
  },
  {
    name: 'spring_sale',
    parameter_format: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Nuestras rebajas de primavera' },
      {
        type: 'BODY',
        text: 'Hola {{1}}, toda la tienda tiene *{{2}} de descuento* hasta el domingo. Toca abajo para ver las ofertas.',
        example: { body_text: [['María', '20%']] },
      },
      { type: 'FOOTER', text: '¿No te interesa? Toca Parar promociones' },
      {
        type: 'BUTTONS',
        buttons: [
          {
            type: 'URL',
            text: 'Ver ofertas',
            url: 'https://shop.example.com/ofertas/{{1}}',
            example: ['https://shop.example.com/ofertas/primavera24'],
          },
          { type: 'QUICK_REPLY', text: 'Parar promociones' },
        ],
      },
    ],
    language: 'es',
    status: 'APPROVED',
    category: 'MARKETING',
    sub_category: 'CUSTOM',
    quality_score: { score: 'GREEN' },
    id: '1000000000000003',
  },
  {
    name: 'order_confirmation',
    parameter_format: 'NAMED',
    components: [
      {
        type: 'BODY',
        text: 'Thank you, {{first_name}}! Your order {{order_number}} is confirmed. We will let you know when it ships.',
        example: {
          body_text_named_params: [
            { param_name: 'first_name', example: 'Jessica' },
            { param_name: 'order_number', example: 'SKBUP2-4CPIG9' },
          ],
        },
      },
    ],
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    id: '1000000000000004',
  },
  {
    name: 'new_arrivals_photo',
    parameter_format: 'POSITIONAL',
    components: [
      {
        type: 'HEADER',
        format: 'IMAGE',
        example: { header_handle: ['https://scontent.whatsapp.net/v/sandbox/new-arrivals.jpg'] },
      },
      {
        type: 'BODY',
        text: 'Hi {{1}}, new arrivals just landed in our store. Come and have a look before they are gone!',
        example: { body_text: [['Maria']] },
      },
      {
        type: 'BUTTONS',
        buttons: [{ type: 'QUICK_REPLY', text: 'Stop promotions' }],
      },
    ],
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    id: '1000000000000005',
  },
  {
    name: 'invoice_ready',
    parameter_format: 'NAMED',
    components: [
      {
        type: 'HEADER',
        format: 'DOCUMENT',
        example: { header_handle: ['https://scontent.whatsapp.net/v/sandbox/invoice.pdf'] },
      },
      {
        type: 'BODY',
        text: 'Hello {{customer_name}}, your invoice {{invoice_number}} for {{amount}} is attached. Thank you for your business.',
        example: {
          body_text_named_params: [
            { param_name: 'customer_name', example: 'Jessica' },
            { param_name: 'invoice_number', example: 'INV-1042' },
            { param_name: 'amount', example: '$120.00' },
          ],
        },
      },
    ],
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    id: '1000000000000006',
  },
  {
    name: 'welcome_offer_code',
    parameter_format: 'POSITIONAL',
    components: [
      {
        type: 'BODY',
        text: 'Welcome, {{1}}! Use the code below for {{2}} off your first order.',
        example: { body_text: [['Maria', '15%']] },
      },
      {
        type: 'BUTTONS',
        buttons: [{ type: 'COPY_CODE', text: 'Copy offer code', example: ['WELCOME15'] }],
      },
    ],
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    id: '1000000000000007',
  },
  {
    name: 'winter_clearance',
    parameter_format: 'POSITIONAL',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{1}}, our winter clearance ends tonight.',
        example: { body_text: [['Maria']] },
      },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop promotions' }] },
    ],
    language: 'en_US',
    status: 'PAUSED',
    category: 'MARKETING',
    quality_score: { score: 'RED' },
    id: '1000000000000008',
  },
  {
    name: 'loyalty_welcome',
    parameter_format: 'NAMED',
    components: [
      {
        type: 'BODY',
        text: 'Welcome to our loyalty club, {{first_name}}! You now have {{points}} points.',
        example: {
          body_text_named_params: [
            { param_name: 'first_name', example: 'Jessica' },
            { param_name: 'points', example: '100' },
          ],
        },
      },
    ],
    language: 'en_US',
    status: 'PENDING',
    category: 'MARKETING',
    id: '1000000000000009',
  },
  {
    name: 'black_friday_2024',
    parameter_format: 'POSITIONAL',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{1}}, Black Friday deals are live!',
        example: { body_text: [['Maria']] },
      },
    ],
    language: 'en_US',
    status: 'DISABLED',
    category: 'MARKETING',
    id: '1000000000000010',
  },
];

const parse = (raw: unknown): Template => {
  const r = parseTemplateJson(raw);
  if (!r.ok) throw new Error(`Sandbox sample template is invalid: ${r.errors.join(' ')}`);
  return r.template;
};

/**
 * The default templates: positional marketing with text header, URL suffix and "Stop promotions"
 * (en_US and es), named utility (`order_confirmation`), IMAGE and DOCUMENT headers, a COPY_CODE
 * button, Meta's `hello_world`, one each PAUSED, PENDING and DISABLED, a limited-time offer
 * (`flash_sale_offer`) and a three-card media carousel (`spring_carousel`).
 */
export const SANDBOX_TEMPLATES: readonly Template[] = [...RAW_TEMPLATES, ...MARKETING_SAMPLES].map(
  parse,
);
