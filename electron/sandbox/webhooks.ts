import type { PlannedStatus } from './delivery';
import { webhookError } from './errors';

/** Webhook bodies exactly as Meta POSTs them (cloud-api.md §4.1, §6.3, §9). */

export interface AccountInfo {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

export interface StatusSubject {
  wamid: string;
  waId: string;
  /** Template category in lower case, as `pricing.category` carries it. */
  category: string;
  bizOpaqueCallbackData?: string;
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

const metadata = (a: AccountInfo) => ({
  display_phone_number: a.displayPhoneNumber,
  phone_number_id: a.phoneNumberId,
});

const messagesChange = (a: AccountInfo, value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: a.wabaId,
      changes: [
        {
          value: { messaging_product: 'whatsapp', metadata: metadata(a), ...value },
          field: 'messages',
        },
      ],
    },
  ],
});

// `conversation` is left out, as from Graph v24.0 on (cloud-api.md §4.1).
export function statusWebhook(a: AccountInfo, m: StatusSubject, s: PlannedStatus): object {
  const status: Record<string, unknown> = {
    id: m.wamid,
    status: s.status,
    timestamp: String(seconds(s.timestamp)),
    recipient_id: m.waId,
  };
  if (m.bizOpaqueCallbackData !== undefined)
    status.biz_opaque_callback_data = m.bizOpaqueCallbackData;
  if (s.pricing)
    status.pricing = {
      billable: true,
      pricing_model: 'PMP',
      type: 'regular',
      category: m.category,
    };
  if (s.error) status.errors = [webhookError(s.error.code, s.error.details)];
  return messagesChange(a, { statuses: [status] });
}

export interface TemplateEventSubject {
  id: string;
  name: string;
  language: string;
  category: string;
}

export function templateStatusWebhook(
  a: AccountInfo,
  t: TemplateEventSubject,
  event: string,
  at: number,
): object {
  return {
    entry: [
      {
        id: a.wabaId,
        time: seconds(at),
        changes: [
          {
            value: {
              event,
              // An integer here, unlike the string id of GET message_templates (cloud-api.md §6.3).
              message_template_id: Number(t.id),
              message_template_name: t.name,
              message_template_language: t.language,
              reason: 'NONE',
              message_template_category: t.category,
              ...(event === 'PAUSED' && {
                other_info: {
                  title: 'FIRST_PAUSE',
                  description:
                    'Your WhatsApp message template has been paused for 3 hours due to low quality.',
                },
              }),
            },
            field: 'message_template_status_update',
          },
        ],
      },
    ],
    object: 'whatsapp_business_account',
  };
}

export interface InboundSubject {
  id: string;
  waId: string;
  /** The customer's business-scoped user id (usernames, 2026). */
  userId: string;
  /** Username-era webhook: no phone number at all, only the user id (cloud-api.md §13). */
  phoneHidden?: boolean;
  name: string;
  at: number;
  text?: string;
  button?: { payload: string; text: string };
  /** An image or document the customer sends (Meta's media webhook: id, mime_type, sha256, caption, filename). */
  media?: InboundMediaSubject;
  /** The business message a button tap answers. */
  contextId?: string;
  /** A text sent as a reply to (quoting) the business message: it carries `context` too. */
  quoted?: boolean;
}

/**
 * A stable business-scoped user id for a wa_id, shaped like Meta's example ("US.1349…"): the
 * country prefix is the sandbox's guess from the calling code, the digits a hash.
 */
export function userIdOf(waId: string): string {
  let h = 0n;
  for (const ch of waId) h = (h * 131n + BigInt(ch.charCodeAt(0))) % 10n ** 19n;
  const cc = waId.startsWith('1') ? 'US' : waId.startsWith('44') ? 'GB' : 'ZZ';
  return `${cc}.${h.toString().padStart(19, '0')}`;
}

export interface InboundMediaSubject {
  kind: 'image' | 'document';
  id: string;
  mime: string;
  sha256: string;
  caption?: string;
  filename?: string;
}

export function inboundWebhook(a: AccountInfo, m: InboundSubject): object {
  const message: Record<string, unknown> = {};
  if ((m.button || m.quoted) && m.contextId !== undefined)
    message.context = { from: a.displayPhoneNumber, id: m.contextId };
  Object.assign(message, {
    ...(m.phoneHidden ? {} : { from: m.waId }),
    from_user_id: m.userId,
    id: m.id,
    timestamp: String(seconds(m.at)),
  });
  if (m.button) Object.assign(message, { type: 'button', button: m.button });
  else if (m.media)
    // Shapes of Meta's image and document messages webhook reference pages (2026).
    Object.assign(message, {
      type: m.media.kind,
      [m.media.kind]: {
        ...(m.media.caption !== undefined && { caption: m.media.caption }),
        ...(m.media.filename !== undefined && { filename: m.media.filename }),
        mime_type: m.media.mime,
        sha256: m.media.sha256,
        id: m.media.id,
      },
    });
  else Object.assign(message, { type: 'text', text: { body: m.text ?? '' } });
  return messagesChange(a, {
    contacts: [
      {
        profile: { name: m.name },
        ...(m.phoneHidden ? {} : { wa_id: m.waId }),
        user_id: m.userId,
      },
    ],
    messages: [message],
  });
}
