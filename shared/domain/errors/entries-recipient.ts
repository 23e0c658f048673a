import type { CatalogueEntry } from './types';

/** Something about this one person: the rest of the campaign is unaffected. */
export const RECIPIENT_ENTRIES: readonly CatalogueEntry[] = [
  {
    code: 130403,
    title: 'You blocked this person',
    explanation:
      'Your business has blocked this WhatsApp number, so WhatsApp does not deliver your messages to it.',
    action:
      'If the block was a mistake, unblock the number in WhatsApp Manager, then include it in a later campaign.',
    handling: 'fail_recipient',
    // Not suppressed here: the block lives at Meta and can be lifted there without us hearing about it.
    // A local copy would keep excluding the person after an unblock; a failed send costs nothing.
  },
  {
    code: 130472,
    title: 'Held back by a Meta experiment',
    explanation:
      'Meta is running a test that includes this person, and they are in the group that does not receive marketing messages for now.',
    action:
      'Nothing to fix on your side. Do not resend this campaign to them; try again in a future campaign.',
    handling: 'fail_recipient',
  },
  {
    code: 130497,
    title: 'Country not allowed',
    explanation:
      "Your WhatsApp Business account is not allowed to message people in this person's country.",
    action:
      "Check the number's country code. If it is right, this person cannot be reached from your account.",
    handling: 'fail_recipient',
  },
  {
    code: 131009,
    title: 'Invalid value (often the phone number)',
    explanation:
      'A value in this message is not valid. Most often the phone number is in a format WhatsApp does not accept.',
    action:
      "Check the number with the customer and write it with + and the country code, e.g. +44 7700 900123. Also check this row's other values.",
    handling: 'fail_recipient',
  },
  {
    code: 131021,
    title: 'Sending to yourself',
    explanation: 'This number is the same as the business number you are sending from.',
    action: 'Remove your own number from the list.',
    handling: 'fail_recipient',
  },
  {
    code: 131026,
    title: 'Not reachable on WhatsApp',
    explanation:
      "This number is not on WhatsApp, or the person's WhatsApp is too old to receive this message.",
    action: 'Check the number with the customer; do not resend automatically.',
    handling: 'fail_recipient',
  },
  {
    code: 131030,
    title: 'Number not on the test list',
    explanation:
      'You are sending from a test number, and test numbers can only message numbers added to their test list.',
    action:
      'Add this number to the test list in the Meta app dashboard, or send from your real business number.',
    handling: 'fail_recipient',
  },
  {
    code: 131047,
    title: 'Conversation window closed',
    explanation:
      'More than 24 hours have passed since this person last wrote to you, and only an approved template may be sent after that.',
    action: 'Send an approved template to this person instead.',
    handling: 'fail_recipient',
  },
  {
    code: 131049,
    title: 'Marketing limit for this person',
    explanation:
      'WhatsApp held this marketing message back because this person has recently received many marketing messages, or because it is a US number (marketing to US numbers is not delivered).',
    action:
      'Do not resend now: trying again within 24 hours makes WhatsApp hold back your messages longer. Retry after 24 hours, never for US numbers.',
    handling: 'fail_recipient',
    retryAfterHours: 24,
    marketingOnly: true,
  },
  {
    code: 131050,
    title: 'Stopped your marketing messages',
    explanation:
      'This person chose in WhatsApp to stop receiving marketing messages from your business.',
    action:
      'Nothing to do: Campaign Desk will not send them marketing again. Only they can turn it back on.',
    handling: 'fail_recipient',
    suppress: true,
    marketingOnly: true,
  },
  {
    // Verified (cloud-api.md §13): the recipient is a business-scoped user id (username era) that
    // this sending path does not support. Campaign Desk sends to phone numbers; this can only come
    // back for a contact known by user id alone.
    code: 131062,
    title: 'Username contact not supported',
    explanation:
      'This person is known to your business only by their WhatsApp username, and WhatsApp does not accept this message for a username contact.',
    action:
      'Ask the customer for their phone number, add it to their row, and include them in a later campaign.',
    handling: 'fail_recipient',
  },
  {
    // Verified code (cloud-api.md §13: "identity key mismatch"). Assumed meaning, from Meta's
    // identity-change check: the person reinstalled WhatsApp or moved to a new phone since the
    // last contact. Campaign Desk does not ask for that check, so it is failed, not retried.
    code: 137000,
    title: 'Person changed phone or reinstalled',
    explanation:
      "WhatsApp could not confirm this person's identity: they may have moved to a new phone or reinstalled WhatsApp.",
    action: 'Check the number with the customer, then include them in a later campaign.',
    handling: 'fail_recipient',
  },
  {
    // Verified (cloud-api.md §2.2): about a file a customer sent you, never about a campaign message.
    code: 131052,
    title: "Customer's file could not be downloaded",
    explanation:
      'A picture, video or document this customer sent you could not be downloaded. Your own messages are not affected.',
    action: 'Ask the customer to send the file again if you need it.',
    handling: 'fail_recipient',
  },
];
