import type { CatalogueEntry } from './types';

/**
 * Problems with the message itself. A value that differs per row (a cell too long or empty) fails that
 * recipient; anything shared by every message (template, mapping, media, message type) pauses, because
 * each remaining recipient would fail the same way. Per-row codes that turn out systemic are caught by
 * the failure-rate detector.
 */
export const MESSAGE_ENTRIES: readonly CatalogueEntry[] = [
  {
    code: 100,
    title: 'Invalid value in the message',
    explanation: 'WhatsApp rejected a value in this message, for example a text that is too long.',
    action:
      "Check this customer's row (names, amounts, links) and fix the value before sending to them again.",
    handling: 'fail_recipient',
  },
  {
    code: 131008,
    title: 'Missing value',
    explanation:
      'A value the template needs is empty for this customer, for example an empty name cell.',
    action: 'Fill in the empty cell for this customer, then include them in a new send.',
    handling: 'fail_recipient',
  },
  {
    code: 132005,
    title: 'Message too long',
    explanation:
      "With this customer's values filled in, the message is longer than WhatsApp allows.",
    action: "Shorten the long values in this customer's row, then send to them again.",
    handling: 'fail_recipient',
  },
  {
    code: 135000,
    title: 'Problem with the message values',
    explanation: 'WhatsApp found an unexplained problem with the values in this message.',
    action:
      "Check this customer's row for unusual characters or very long values. If every message fails, contact support.",
    handling: 'fail_recipient',
  },
  {
    code: 132000,
    title: 'Wrong number of template values',
    explanation:
      'The campaign fills in a different number of values than the template has placeholders, so every message would be rejected.',
    action:
      'Refresh the templates, check the column mapping for every placeholder (including buttons and header), then resume.',
    handling: 'pause_campaign',
  },
  {
    code: 132012,
    title: 'Template values in the wrong form',
    explanation:
      'The values do not match what the template expects, for example text where the template expects a link, or a value in the wrong part of the template.',
    action: 'Refresh the templates and check the column mapping, then resume.',
    handling: 'pause_campaign',
  },
  {
    code: 132018,
    title: 'Template values rejected',
    explanation: 'WhatsApp found a problem with the values filled into the template.',
    action: 'Refresh the templates and check the column mapping, then resume.',
    handling: 'pause_campaign',
  },
  {
    code: 132001,
    title: 'Template not found or not approved',
    explanation: 'The template does not exist in this language, or it is not approved yet.',
    action:
      "Refresh the templates and check the template's name, language and status in WhatsApp Manager, then resume.",
    handling: 'pause_campaign',
  },
  {
    code: 132007,
    title: 'Template breaks WhatsApp rules',
    explanation: 'WhatsApp says the content of this template goes against its policies.',
    action:
      'Edit the template or create a new one in WhatsApp Manager, then send the rest with it.',
    handling: 'pause_campaign',
  },
  {
    code: 132015,
    title: 'Template paused',
    explanation:
      'WhatsApp paused this template because customers reacted badly to it (blocks or reports). The first pause lasts 3 hours, the second 6 hours.',
    action:
      'Wait for the template to be active again (check WhatsApp Manager; some pauses must be lifted by hand), then resume. Consider improving the text.',
    handling: 'pause_campaign',
    waitSeconds: 3 * 3600,
  },
  {
    code: 132016,
    title: 'Template disabled for good',
    explanation: 'This template was paused too many times, so WhatsApp disabled it permanently.',
    action:
      'Create a new template with different text, wait for approval, then send the rest of the campaign with it.',
    handling: 'pause_campaign',
  },
  {
    code: 131051,
    title: 'Message type not supported',
    explanation: 'WhatsApp does not support this kind of message.',
    action: 'Contact support: Campaign Desk built a message WhatsApp does not accept.',
    handling: 'pause_campaign',
  },
  {
    code: 131053,
    title: 'Header file could not be used',
    explanation:
      'WhatsApp could not fetch or read the picture, video or document in the template header. Often the file type does not match its content.',
    action: 'Replace the header file (a JPEG or PNG image, MP4 video or PDF) and resume.',
    handling: 'pause_campaign',
  },
  {
    // Verified (cloud-api.md §2.2, Meta's error page): "method not allowed"; on Meta's Marketing
    // Messages API it means "only marketing templates". The account's sending method is the
    // setting that decides (Settings → Accounts, `accounts update <id> --marketing-api`).
    code: 131055,
    title: 'Not allowed for this kind of message',
    explanation:
      'WhatsApp does not allow this message to be sent this way. Its marketing channel (Marketing Messages) accepts marketing templates only.',
    action:
      'Choose a marketing template and resume, or set this account’s sending method to the Cloud API in Settings → Accounts (marketing-api off).',
    handling: 'pause_campaign',
  },
  {
    code: 132068,
    title: 'Form (Flow) blocked',
    explanation:
      'The WhatsApp Flow attached to this template is blocked, so the template cannot be sent.',
    action: 'Fix the Flow in WhatsApp Manager, or use a template without it.',
    handling: 'pause_campaign',
  },
  {
    code: 132069,
    title: 'Form (Flow) limit reached',
    explanation:
      'The WhatsApp Flow attached to this template was already sent 10 times in the last hour, the most allowed.',
    action: 'Resume after an hour, or use a template without the Flow to reach more people.',
    handling: 'pause_campaign',
    waitSeconds: 3600,
  },
  // 134100–134102 are Marketing Messages API codes (cloud-api.md §2.2, Meta's MM API table). The
  // account's sending method (Settings → Accounts, `--marketing-api on|off|auto`) chooses that API.
  {
    code: 134100,
    title: 'Only marketing templates allowed',
    explanation:
      'WhatsApp’s marketing channel (Marketing Messages) accepts marketing templates only.',
    action:
      'Choose a marketing template and resume, or set this account’s sending method to the Cloud API in Settings → Accounts (marketing-api off).',
    handling: 'pause_campaign',
  },
  {
    code: 134101,
    title: 'Template still being prepared',
    explanation:
      'Meta is still preparing this template for sending. This takes up to 10 minutes after approval.',
    action: 'Nothing to do: Campaign Desk waits 10 minutes and continues.',
    handling: 'retry_later',
    waitSeconds: 600,
  },
  {
    code: 134102,
    title: 'Template unavailable',
    explanation:
      'WhatsApp cannot send this template on its marketing channel (Marketing Messages) right now.',
    action:
      'Check the template and its status in WhatsApp Manager (refresh the templates here), then resume; or change this account’s sending method to the Cloud API in Settings → Accounts (marketing-api off).',
    handling: 'pause_campaign',
  },
  {
    // Verified: listed on Meta's error page as "template parameter value invalid" (cloud-api.md §13).
    // The value differs per row (a name with a line break or too many spaces), so only this
    // recipient fails; a mapping wrong for everybody trips the failure-rate detector.
    code: 132008,
    title: 'Template value not allowed',
    explanation:
      'A value filled into the template for this customer is not allowed, for example it contains a line break, a tab or many spaces in a row.',
    action:
      "Fix the value in this customer's row (no line breaks, tabs or long runs of spaces), then send to them again.",
    handling: 'fail_recipient',
  },
];
