import { parseTemplateJson, type Template } from '../../../shared/domain/templates';

/** Parses a template or fails the test with the parser's own messages. */
export function tpl(raw: unknown): Template {
  const r = parseTemplateJson(raw);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.template;
}

/** A minimal approved template with the given components. */
export function withComponents(
  components: unknown[],
  extra: Record<string, unknown> = {},
): Template {
  return tpl({
    name: 'test_template',
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    components,
    ...extra,
  });
}

/** cloud-api.md §6.1, the positional example exactly as GET message_templates returns it. */
export const COUPON_PAGE = {
  data: [
    {
      name: 'coupon_expiration_reminder_number_vars',
      parameter_format: 'POSITIONAL',
      components: [
        {
          type: 'HEADER',
          format: 'TEXT',
          text: 'Act fast, {{1}}!',
          example: { header_text: ['Pablo'] },
        },
        {
          type: 'BODY',
          text: 'Just a quick reminder—your exclusive coupon code, {{1}}, *expires in only {{2}} days!* ...',
          example: { body_text: [['SUMMER20', '10']] },
        },
        { type: 'FOOTER', text: 'Lucky Shrub Succulents' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'URL', text: 'See deals', url: 'https://www.luckyshrub.com/deals' },
            { type: 'QUICK_REPLY', text: 'Unsubscribe' },
          ],
        },
      ],
      language: 'en',
      status: 'APPROVED',
      category: 'MARKETING',
      sub_category: 'CUSTOM',
      id: '1304694804498707',
    },
  ],
  paging: {
    cursors: { before: 'QVFIU...', after: 'QVFIU...' },
    next: 'https://graph.facebook.com/v23.0/10229...',
  },
};

export const COUPON = tpl(COUPON_PAGE.data[0]);

/** The NAMED template behind cloud-api.md §1.4's order_confirmation send. */
export const ORDER_CONFIRMATION = tpl({
  name: 'order_confirmation',
  language: 'en_US',
  status: 'APPROVED',
  category: 'UTILITY',
  parameter_format: 'NAMED',
  components: [
    {
      type: 'BODY',
      text: 'Thank you, {{first_name}}! Your order {{order_number}} is confirmed. We will message {{first_name}} again when it ships.',
      example: {
        body_text_named_params: [
          { param_name: 'first_name', example: 'Pablo' },
          { param_name: 'order_number', example: '860198-230332' },
        ],
      },
    },
  ],
});
