import type { CatalogueEntry } from './types';

/** Failures without a Meta error code: the request never got a WhatsApp answer. */

export const AMBIGUOUS_SEND_ENTRY: CatalogueEntry = {
  code: null,
  title: 'No answer from WhatsApp',
  explanation:
    'The message was handed to WhatsApp but the answer never came back (the connection timed out or broke). ' +
    'It may or may not have been sent.',
  action:
    'Campaign Desk does not resend it, so the customer cannot get it twice. Its status updates if WhatsApp ' +
    'reports it; otherwise check with the customer before sending it again.',
  handling: 'retry_later',
};

export const UNREACHABLE_ENTRY: CatalogueEntry = {
  code: null,
  title: 'Cannot reach WhatsApp',
  explanation:
    'This computer could not connect to WhatsApp (no internet, or the connection was refused). Nothing was sent.',
  action:
    'Check the internet connection. Campaign Desk waits and continues on its own when the connection is back.',
  handling: 'retry_later',
};

export const HTTP_UNAUTHORIZED_ENTRY: CatalogueEntry = {
  code: null,
  title: 'Access key refused',
  explanation: 'Meta refused the access key Campaign Desk uses for your account.',
  action:
    'Create a new access token in Meta Business settings, paste it in Accounts, then resume the campaign.',
  handling: 'pause_campaign',
};

export const HTTP_FORBIDDEN_ENTRY: CatalogueEntry = {
  code: null,
  title: 'Access denied',
  explanation:
    'Meta denied access for this account, usually because the access key lacks a permission.',
  action:
    "Check the token's permissions (whatsapp_business_messaging) in Meta Business settings, then resume.",
  handling: 'pause_campaign',
};

export const HTTP_TOO_MANY_ENTRY: CatalogueEntry = {
  code: null,
  title: 'Sending too fast',
  explanation: 'WhatsApp asked Campaign Desk to slow down.',
  action: 'Nothing to do: Campaign Desk slows down and continues on its own.',
  handling: 'retry_later',
  slowDown: true,
};

export const serverErrorEntry = (status: number, ambiguous: boolean): CatalogueEntry => ({
  code: null,
  title: `WhatsApp server problem (HTTP ${status})`,
  explanation: ambiguous
    ? "WhatsApp's servers failed while handling this message, so it may or may not have been sent."
    : "WhatsApp's servers are briefly unavailable. Nothing was sent.",
  action: ambiguous
    ? AMBIGUOUS_SEND_ENTRY.action
    : 'Nothing to do: Campaign Desk waits and continues on its own.',
  handling: 'retry_later',
});
