/**
 * Meta's rejection reasons (`rejected_reason` of the template object and `reason` of the
 * `message_template_status_update` webhook; verified on Meta's template reference) in plain words,
 * each with the fix. The wording is ours.
 */
const REASONS: Readonly<Record<string, { reason: string; fix: string }>> = {
  INVALID_FORMAT: {
    reason:
      'WhatsApp found a format problem: variables at the start or end, variables next to each other, missing samples, or a text too long.',
    fix: 'Open the template in the studio, apply the fixes the check suggests, and submit it again.',
  },
  ABUSIVE_CONTENT: {
    reason:
      'WhatsApp found content its policies do not allow, such as asking for card numbers or passwords, gambling, or threatening wording.',
    fix: 'Remove that wording. Never ask for sensitive numbers in a message; link to your secure site instead.',
  },
  PROMOTIONAL: {
    reason: 'WhatsApp found the template promotional for the category chosen.',
    fix: 'Choose the MARKETING category, or remove the offer wording so it only informs about an order or account.',
  },
  INCORRECT_CATEGORY: {
    reason: 'WhatsApp found that the category does not match what the message says.',
    fix: 'Choose the category that fits: UTILITY for order and account updates, MARKETING for anything that promotes.',
  },
  TAG_CONTENT_MISMATCH: {
    reason: 'WhatsApp found that the language or category chosen does not match the content.',
    fix: 'Check that the language code matches the language the text is written in, and that the category fits.',
  },
  SCAM: {
    reason: 'WhatsApp thought the template could mislead customers.',
    fix: 'Say plainly who you are and why you write; avoid urgent threats and links that hide where they lead.',
  },
};

export function rejectionInWords(code: string | null): { reason: string; fix: string } | null {
  if (code === null || code === '' || code === 'NONE') return null;
  return (
    REASONS[code.toUpperCase()] ?? {
      reason: `WhatsApp rejected the template (reason ${code}).`,
      fix: 'See the reason in WhatsApp Manager, correct the template and submit it again.',
    }
  );
}

/** Words for a category Meta changed, so nobody is surprised by the price. */
export function categoryChangeInWords(previous: string | null, current: string): string | null {
  if (previous === null || previous.toUpperCase() === current.toUpperCase()) return null;
  const costlier = current.toUpperCase() === 'MARKETING';
  return `WhatsApp moved this template from ${previous.toLowerCase()} to ${current.toLowerCase()}${costlier ? '; marketing messages cost more and are not delivered to US numbers' : ''}. Remove the promotional wording and submit a new utility template if it should stay utility.`;
}
