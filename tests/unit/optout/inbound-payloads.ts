/**
 * Inbound `messages` webhooks shaped as Meta sends them. cloud-api.md §4.1 gives the envelope and
 * §9 says a tap "arrives as an inbound messages webhook (button reply with its text/payload)" and a
 * typed STOP "as an inbound text"; the message objects below follow Meta's webhook reference for
 * text, button (template quick reply) and interactive button_reply messages, which cloud-api.md does
 * not reproduce (relied on from Meta's "messages" webhook reference, not from our summary).
 */

export const WABA_ID = '102290129340398';
export const PHONE_NUMBER_ID = '106540352242922';
export const CUSTOMER = '16505551234';
export const ANSWERED_WAMID = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3RjU2QjYxNEVCQTZBQUU5RjMA';

let n = 0;
const nextId = () =>
  `wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ${(n++).toString().padStart(4, '0')}=`;

export function inboundWebhook(messages: Record<string, unknown>[], from = CUSTOMER): object {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: from }],
              messages,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

export const textMessage = (
  body: string,
  options: { from?: string; id?: string; timestamp?: string; context?: string } = {},
) => ({
  ...(options.context && { context: { from: '15550783881', id: options.context } }),
  from: options.from ?? CUSTOMER,
  id: options.id ?? nextId(),
  timestamp: options.timestamp ?? '1749416383',
  type: 'text',
  text: { body },
});

/** A tap on a template's QUICK_REPLY button: `type: "button"` with the button's payload and text. */
export const buttonMessage = (
  text: string,
  payload: string,
  options: { from?: string; id?: string; timestamp?: string; context?: string } = {},
) => ({
  context: { from: '15550783881', id: options.context ?? ANSWERED_WAMID },
  from: options.from ?? CUSTOMER,
  id: options.id ?? nextId(),
  timestamp: options.timestamp ?? '1750032000',
  type: 'button',
  button: { payload, text },
});

/** A tap on an interactive reply button (a session message's buttons). */
export const interactiveReply = (
  title: string,
  id: string,
  options: { from?: string; timestamp?: string } = {},
) => ({
  context: { from: '15550783881', id: ANSWERED_WAMID },
  from: options.from ?? CUSTOMER,
  id: nextId(),
  timestamp: options.timestamp ?? '1750032100',
  type: 'interactive',
  interactive: { type: 'button_reply', button_reply: { id, title } },
});
