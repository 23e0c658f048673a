/**
 * When WhatsApp lets a submitted template be edited (POST /{template-id}). Verified against Meta's
 * template management page as summarised in cloud-api.md §6.2: only APPROVED, REJECTED and PAUSED
 * templates can be edited; an APPROVED one at most once in 24 hours and 10 times in 30 days, and
 * never its category. Name and language never change (they are the template's identity; an edit
 * sends only category and components). The error code Meta answers an over-limit edit with is not
 * documented: the app leaves the limits to Meta and shows its answer (assumed wording in the sandbox).
 */

export const EDITABLE_STATUSES: readonly string[] = ['APPROVED', 'REJECTED', 'PAUSED'];

export const EDIT_LIMITS_TEXT =
  'WhatsApp lets an approved template be edited once in 24 hours and 10 times in 30 days, and its category cannot change.';

/** Whether the editor can open a template of this status to edit it. */
export const canEdit = (status: string): boolean =>
  status === 'DRAFT' || EDITABLE_STATUSES.includes(status);

/** Why WhatsApp would refuse this edit, in words, or null when it can be submitted. */
export function editRefusal(
  current: { status: string; category: string },
  next: { category: string },
): string | null {
  const { status } = current;
  if (status === 'DRAFT') return null;
  if (status === 'PENDING')
    return 'It is in review at WhatsApp; wait for the result before changing it.';
  if (!EDITABLE_STATUSES.includes(status))
    return `WhatsApp does not let a ${status.toLowerCase()} template be edited. Delete it and create it again (a deleted approved name can be reused after 30 days, so pick a new name).`;
  if (status === 'APPROVED' && next.category.toUpperCase() !== current.category.toUpperCase())
    return `WhatsApp does not let an approved template change category: keep ${current.category.toLowerCase()}, or create a new template in ${next.category.toLowerCase()}.`;
  return null;
}
