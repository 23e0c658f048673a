import type { CatalogueEntry } from './types';

/** Meta is busy, down, or we are going too fast. Nothing is wrong with the message or the recipient. */
export const TRANSIENT_ENTRIES: readonly CatalogueEntry[] = [
  {
    code: 1,
    title: 'Request problem or Meta server error',
    explanation:
      'Meta could not handle this message. It can be a short problem on their side or a problem with the request.',
    action:
      'Campaign Desk tries once more after a pause. If it keeps happening, check metastatus.com and tell us.',
    handling: 'retry_later',
    // Meta's advice is "one delayed retry": the code also covers bad requests that will never pass.
    retryLimit: 1,
  },
  {
    code: 2,
    title: 'WhatsApp temporarily unavailable',
    explanation: 'WhatsApp is briefly down or overloaded. Your message and your account are fine.',
    action: 'Nothing to do: Campaign Desk waits and continues on its own.',
    handling: 'retry_later',
  },
  {
    code: 4,
    title: 'Too many requests to Meta',
    explanation:
      'Campaign Desk sent Meta too many requests in a short time, so Meta asked it to wait.',
    action: 'Nothing to do: Campaign Desk slows down and continues on its own.',
    handling: 'retry_later',
    slowDown: true,
  },
  {
    code: 80007,
    title: 'Account rate limit reached',
    explanation:
      'Your WhatsApp Business account reached the number of requests Meta allows in a short time.',
    action:
      'Nothing to do: Campaign Desk slows down and continues on its own. Avoid running other sending tools at the same time.',
    handling: 'retry_later',
    slowDown: true,
  },
  {
    code: 130429,
    title: 'Sending too fast',
    explanation: 'Messages went out faster than WhatsApp allows for your phone number.',
    action: 'Nothing to do: Campaign Desk slows down and continues on its own.',
    handling: 'retry_later',
    slowDown: true,
  },
  {
    code: 131000,
    title: 'Unknown WhatsApp error',
    explanation:
      'WhatsApp could not send this message and did not say why. This is usually temporary.',
    action:
      'Campaign Desk tries again a couple of times. If it keeps happening, check metastatus.com and contact Meta support.',
    handling: 'retry_later',
    retryLimit: 2,
  },
  {
    code: 131016,
    title: 'WhatsApp service temporarily unavailable',
    explanation: 'A WhatsApp service needed for sending is briefly unavailable.',
    action: 'Nothing to do: Campaign Desk waits and continues on its own.',
    handling: 'retry_later',
  },
  {
    code: 131057,
    title: 'Account in maintenance',
    explanation:
      'Meta is doing maintenance on your account, for example raising how fast you may send. It usually lasts about a minute.',
    action: 'Nothing to do: Campaign Desk waits a minute and continues.',
    handling: 'retry_later',
    waitSeconds: 60,
  },
  {
    code: 131056,
    title: 'Too many messages to this person',
    explanation:
      'This person received several messages from your number in a short time, so WhatsApp asked to wait before sending them another one. Other customers are not affected.',
    action: 'Nothing to do: Campaign Desk waits a little for this person only and tries again.',
    handling: 'retry_recipient',
  },
];
