import type { AccountInfo } from '../webhooks';

/** The two template webhooks of a review, in Meta's shape (cloud-api.md §6.3; Meta's webhook reference). */

const envelope = (a: AccountInfo, at: number, field: string, value: object) => ({
  entry: [{ id: a.wabaId, time: Math.floor(at / 1000), changes: [{ value, field }] }],
  object: 'whatsapp_business_account',
});

export interface ReviewedTemplate {
  id: string;
  name: string;
  language: string;
  category: string;
}

export const reviewStatusWebhook = (
  a: AccountInfo,
  t: ReviewedTemplate,
  event: 'APPROVED' | 'REJECTED',
  reason: string,
  at: number,
) =>
  envelope(a, at, 'message_template_status_update', {
    event,
    message_template_id: Number(t.id),
    message_template_name: t.name,
    message_template_language: t.language,
    reason,
    message_template_category: t.category,
  });

/** Sent when Meta moves a template to another category (verified: `template_category_update`). */
export const categoryUpdateWebhook = (
  a: AccountInfo,
  t: ReviewedTemplate,
  previous: string,
  next: string,
  at: number,
) =>
  envelope(a, at, 'template_category_update', {
    message_template_id: Number(t.id),
    message_template_name: t.name,
    message_template_language: t.language,
    previous_category: previous,
    new_category: next,
  });
