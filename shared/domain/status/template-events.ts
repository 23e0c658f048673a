/**
 * `message_template_status_update` events after which the template cannot be sent (only APPROVED can,
 * cloud-api.md §6.2). The issue names PAUSED and DISABLED; the others stop sends just the same, and a
 * campaign paused with the reason is better than one that fails every remaining recipient.
 */
export const TEMPLATE_STOP_EVENTS = [
  'PAUSED',
  'DISABLED',
  'DELETED',
  'PENDING_DELETION',
  'LOCKED',
  'REJECTED',
  'ARCHIVED',
] as const;

export const templateStopsSending = (event: string): boolean =>
  (TEMPLATE_STOP_EVENTS as readonly string[]).includes(event.toUpperCase());

/** The words a paused campaign shows for the event. */
export function templatePauseReason(
  event: string,
  name: string,
  language: string,
  title: string | null,
): string {
  const what = `${name} (${language})`;
  switch (event.toUpperCase()) {
    case 'PAUSED':
      return `WhatsApp paused the template ${what}${title ? ` (${title.replace(/_/g, ' ').toLowerCase()})` : ''} because customers reacted badly to it. The first pause lasts 3 hours, the second 6 hours. Resume once WhatsApp Manager shows it active again.`;
    case 'DISABLED':
      return `WhatsApp disabled the template ${what} for good after repeated pauses. Create a new template, wait for approval, and send the rest with it.`;
    default:
      return `The template ${what} is now ${event.toUpperCase().replace(/_/g, ' ').toLowerCase()} at WhatsApp and cannot be sent. Check it in WhatsApp Manager, then choose another template or resume when it is approved again.`;
  }
}
