/**
 * Webhook and message_history payloads exactly as cloud-api.md shows Meta's examples (§4.1, §5.1,
 * §6.3, §9). Helpers build variants by changing only the fields a test is about.
 */

/** §4.1, the `sent` example, verbatim. */
export const SENT_WEBHOOK = {
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '<WHATSAPP_BUSINESS_ACCOUNT_ID>',
      changes: [
        {
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            statuses: [
              {
                id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
                status: 'sent',
                timestamp: '1750030073',
                recipient_id: '16505551234',
                biz_opaque_callback_data: '<only if you set it on send>',
                conversation: {
                  id: '72b14d6bd5407799e66f64d1b338e567',
                  expiration_timestamp: '1750116480',
                  origin: { type: 'marketing' },
                },
                pricing: {
                  billable: true,
                  pricing_model: 'PMP',
                  type: 'regular',
                  category: 'marketing',
                },
              },
            ],
          },
          field: 'messages',
        },
      ],
    },
  ],
};

/** §4.1, the failed example's `statuses` item, verbatim (131049). */
export const FAILED_STATUS = {
  id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA',
  status: 'failed',
  timestamp: '1751142888',
  recipient_id: '16505551234',
  errors: [
    {
      code: 131049,
      title: 'This message was not delivered to maintain healthy ecosystem engagement.',
      message: 'This message was not delivered to maintain healthy ecosystem engagement.',
      error_data: {
        details:
          'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
      },
      href: '/documentation/business-messaging/whatsapp/support/error-codes',
    },
  ],
};

export type StatusItem = Record<string, unknown>;

/** A `messages` webhook carrying these `statuses` items, in the §4.1 envelope. */
export function statusWebhook(
  statuses: StatusItem[],
  wabaId = '102290129340398',
): typeof SENT_WEBHOOK {
  const body = structuredClone(SENT_WEBHOOK);
  body.entry[0]!.id = wabaId;
  (body.entry[0]!.changes[0]!.value as { statuses: unknown[] }).statuses = statuses;
  return body;
}

/** One §4.1-shaped status item (conversation left out, as from v24.0). */
export function status(
  wamid: string,
  name: string,
  timestamp: number,
  extra: {
    recipient_id?: string;
    biz_opaque_callback_data?: string;
    code?: number;
    title?: string;
  } = {},
): StatusItem {
  const item: StatusItem = {
    id: wamid,
    status: name,
    timestamp: String(timestamp),
    recipient_id: extra.recipient_id ?? '16505551234',
  };
  if (extra.biz_opaque_callback_data !== undefined)
    item.biz_opaque_callback_data = extra.biz_opaque_callback_data;
  if (name === 'sent' || name === 'delivered')
    item.pricing = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' };
  if (name === 'failed') {
    const code = extra.code ?? 131049;
    const title =
      extra.title ?? (code === 131049 ? FAILED_STATUS.errors[0]!.title : `Error ${code}`);
    item.errors = [
      {
        code,
        title,
        message: title,
        error_data: { details: title },
        href: '/documentation/business-messaging/whatsapp/support/error-codes',
      },
    ];
  }
  return item;
}

/** §6.3, verbatim (a REJECTED event); `templateEvent` swaps the event and names for PAUSED etc. */
export const TEMPLATE_WEBHOOK = {
  entry: [
    {
      id: '102290129340398',
      time: 1751247548,
      changes: [
        {
          value: {
            event: 'REJECTED',
            message_template_id: 1689556908129835,
            message_template_name: 'abandoned_cart',
            message_template_language: 'en',
            reason: 'INVALID_FORMAT',
            message_template_category: 'MARKETING',
            rejection_info: {
              reason: 'Your template has parameters placed next to each other ...',
              recommendation: 'Separate parameters with descriptive text ...',
            },
          },
          field: 'message_template_status_update',
        },
      ],
    },
  ],
  object: 'whatsapp_business_account',
};

export function templateEvent(o: {
  event: string;
  wabaId: string;
  id: number;
  name: string;
  language: string;
  time: number;
  title?: string;
}) {
  const body = structuredClone(TEMPLATE_WEBHOOK) as {
    entry: { id: string; time: number; changes: { value: Record<string, unknown> }[] }[];
  };
  const e = body.entry[0]!;
  e.id = o.wabaId;
  e.time = o.time;
  const v = e.changes[0]!.value;
  Object.assign(v, {
    event: o.event,
    message_template_id: o.id,
    message_template_name: o.name,
    message_template_language: o.language,
    reason: 'NONE',
  });
  delete v.rejection_info;
  if (o.title)
    v.other_info = {
      title: o.title,
      description: 'Your WhatsApp message template has been paused for 3 hours due to low quality.',
    };
  return body;
}

/** §9, the user_preferences value verbatim (a resume), in a webhook envelope. */
export function preferencesWebhook(
  value: 'stop' | 'resume' = 'resume',
  waId = '16505551234',
  timestamp = 1731705721,
) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: [{ wa_id: waId }],
              user_preferences: [
                {
                  wa_id: waId,
                  detail:
                    value === 'resume'
                      ? 'User requested to resume marketing messages'
                      : 'User requested to stop marketing messages',
                  category: 'marketing_messages',
                  value,
                  timestamp,
                },
              ],
            },
            field: 'user_preferences',
          },
        ],
      },
    ],
  };
}

/** §5.1, the message_history example response, verbatim. */
export const HISTORY_PAGE = {
  data: [
    {
      id: '1234567890123456',
      message_id: 'wamid.HBgLMTY0NzM3Nzc3NzUVAgARGBI5QTNEQTA2RjdGMEY4RTRGAA==',
      events: {
        data: [
          {
            id: '2345678901234567',
            delivery_status: 'SENT',
            timestamp: 1640995200,
            webhook_update_state: 'DELIVERED',
          },
          {
            id: '3456789012345678',
            delivery_status: 'DELIVERED',
            timestamp: 1640995260,
            webhook_update_state: 'DELIVERED',
          },
          {
            id: '4567890123456789',
            delivery_status: 'READ',
            timestamp: 1640995320,
            webhook_update_state: 'DELIVERED',
          },
        ],
      },
    },
  ],
  paging: {
    cursors: { after: 'MTAx...', before: 'MAZDZD' },
    next: 'https://graph.facebook.com/v23.0/.../message_history?after=...',
  },
};
