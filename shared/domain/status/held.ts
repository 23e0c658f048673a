/**
 * Template pacing (cloud-api.md §1.5, §13, verified on Meta's send-messages and template-pacing
 * pages): the send answer's `messages[0].message_status` is `accepted`, `held_for_quality_assessment`
 * or `paused`. A held message is released later (ordinary sent/delivered statuses) or dropped with a
 * `failed` status carrying 132015. `paused` is only in Meta's OpenAPI enum; ASSUMED to mean the same
 * (held while the template is paused), so it is treated as held.
 */
export const HELD_MESSAGE_STATUSES: readonly string[] = ['held_for_quality_assessment', 'paused'];

export const isHeldStatus = (messageStatus: string | null | undefined): boolean =>
  messageStatus !== null &&
  messageStatus !== undefined &&
  HELD_MESSAGE_STATUSES.includes(messageStatus.trim().toLowerCase());

/** The words for the state, everywhere it is shown (progress, reports, CLI). */
export const HELD_LABEL = 'Held by WhatsApp for quality review';
