import type { CatalogueEntry } from './types';

/**
 * Access, account, phone number and billing problems. Every one of them fails all remaining
 * recipients the same way, so they all pause the campaign.
 */
export const ACCOUNT_ENTRIES: readonly CatalogueEntry[] = [
  {
    code: 0,
    title: 'Access key no longer valid',
    explanation:
      'Meta no longer accepts the access key Campaign Desk uses for your account. It may have expired or been revoked.',
    action:
      'Create a new access token in Meta Business settings, paste it in Accounts, then resume the campaign.',
    handling: 'pause_campaign',
  },
  {
    code: 190,
    title: 'Access key expired',
    explanation: 'The access key Campaign Desk uses for your account has expired or was revoked.',
    action:
      'Create a new access token (a permanent System User token avoids this), paste it in Accounts, then resume the campaign.',
    handling: 'pause_campaign',
  },
  {
    code: 3,
    title: 'Feature not available to this app',
    explanation: 'The Meta app behind your access key is not allowed to send WhatsApp messages.',
    action:
      'In the Meta app dashboard, check that the app has the WhatsApp product and the right permissions, then resume.',
    handling: 'pause_campaign',
  },
  {
    code: 10,
    title: 'Permission missing',
    explanation:
      'The access key does not have permission to send messages for this account, or the permission was removed.',
    action:
      'Give the token the whatsapp_business_messaging permission (Meta Business settings > System users), then resume.',
    handling: 'pause_campaign',
  },
  {
    code: 200,
    title: 'No valid access key',
    explanation:
      'Meta received no usable access key with the request, or the key lacks a permission.',
    action:
      'Check the access token saved in Accounts and its permissions, then resume the campaign.',
    handling: 'pause_campaign',
  },
  {
    code: 131005,
    title: 'Permission missing',
    explanation:
      'The access key is not allowed to do this for your WhatsApp account, or the permission was removed.',
    action:
      'Give the token the whatsapp_business_messaging permission for this account, then resume.',
    handling: 'pause_campaign',
  },
  {
    code: 33,
    title: 'Business number deleted',
    explanation:
      'The business phone number this campaign sends from was deleted from your WhatsApp account.',
    action:
      'Choose another sending number in Accounts, or add the number again in WhatsApp Manager.',
    handling: 'pause_campaign',
  },
  {
    code: 131045,
    title: 'Business number not registered',
    explanation: 'The business phone number is not fully set up (registered) for sending.',
    action: 'Finish registering the number in WhatsApp Manager, then resume.',
    handling: 'pause_campaign',
  },
  {
    code: 133010,
    title: 'Business number not registered',
    explanation:
      "The business phone number is not registered on WhatsApp's platform, so it cannot send.",
    action: 'Register the number in WhatsApp Manager, then resume.',
    handling: 'pause_campaign',
  },
  {
    code: 131037,
    title: 'Display name not approved',
    explanation:
      'The sending number has no approved display name yet, so WhatsApp does not let it send.',
    action: 'Wait for Meta to approve the display name in WhatsApp Manager, or use another number.',
    handling: 'pause_campaign',
  },
  {
    code: 131031,
    title: 'Account locked',
    explanation:
      'Meta locked your WhatsApp Business account, usually for a policy problem or because account details (such as the two-step PIN) do not match.',
    action:
      'Open WhatsApp Manager to see why and request a review. Do not resume until it is unlocked.',
    handling: 'pause_campaign',
  },
  {
    code: 368,
    title: 'Account temporarily blocked',
    explanation:
      'Meta temporarily blocked your account from sending because of a policy violation.',
    action:
      'Read the notice in WhatsApp Manager / Business Support Home. Resume only after the block ends.',
    handling: 'pause_campaign',
  },
  {
    code: 131048,
    title: 'Sending restricted for spam',
    explanation:
      'Too many people blocked or reported your earlier messages, so WhatsApp restricted this number for now.',
    action:
      "Stop sending. Check your number's quality in WhatsApp Manager and send only to customers who expect your messages.",
    handling: 'pause_campaign',
  },
  {
    code: 131064,
    title: 'Messaging limit reduced',
    explanation:
      'Meta lowered how many people you may message because templates were sent in the wrong category.',
    action:
      'Check the notice in WhatsApp Manager and fix the template categories. Resume after the restriction ends.',
    handling: 'pause_campaign',
  },
  {
    code: 131042,
    title: 'Payment problem',
    explanation:
      'Meta could not charge for this message: there is no valid payment method, the credit limit was reached, or billing is not set up.',
    action: 'Fix the payment method in Meta Business settings > Billing, then resume the campaign.',
    handling: 'pause_campaign',
  },
  {
    code: 131063,
    title: 'Marketing disabled for this account',
    explanation:
      'Marketing templates are switched off on the usual channel for this WhatsApp account: they can only go through WhatsApp’s marketing channel (Marketing Messages).',
    action:
      'Set this account’s sending method to the Marketing Messages API in Settings → Accounts (marketing-api on), or turn marketing back on for the Cloud API in WhatsApp Manager.',
    handling: 'pause_campaign',
    marketingOnly: true,
  },
  {
    // Verified (Meta's error page via cloud-api.md §13): too many register/deregister attempts for
    // the number in a short time. Sends cannot succeed until the number is registered again.
    code: 133016,
    title: 'Too many registration attempts',
    explanation:
      'Your business number was registered or unregistered too many times in a short time, so WhatsApp refuses to register it for now.',
    action:
      'Wait a few hours, then register the number again in WhatsApp Manager and resume the campaign.',
    handling: 'pause_campaign',
  },
];

/** Meta reserves 200–299 for "permission missing"; codes without their own entry share this one. */
export const PERMISSION_RANGE = { from: 200, to: 299 } as const;

export const PERMISSION_RANGE_ENTRY: CatalogueEntry = {
  code: null,
  title: 'Permission missing',
  explanation: 'The access key is missing a permission Meta needs to send for this account.',
  action:
    'Give the token the whatsapp_business_messaging and whatsapp_business_management permissions, then resume.',
  handling: 'pause_campaign',
};
