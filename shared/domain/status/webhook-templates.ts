import { z } from 'zod';
import { addProblem, type ParsedObservations } from './types';
import { text } from './webhook-fields';

// The template changes of a webhook (cloud-api.md §6.3): status updates and category moves.

const templateValue = z.object({
  event: z.string().min(1).max(60),
  message_template_id: z.union([z.number().int(), z.string().regex(/^\d{1,30}$/)]).optional(),
  message_template_name: text(512).optional(),
  message_template_language: text(20).optional(),
  reason: text(200).nullable().optional(),
  other_info: z.object({ title: text(60).optional() }).optional(),
});

// template_category_update (Meta's webhook reference): Meta moved a template to another category.
const categoryValue = z.object({
  message_template_id: z.union([z.number().int(), z.string().regex(/^\d{1,30}$/)]).optional(),
  message_template_name: text(512).optional(),
  message_template_language: text(20).optional(),
  previous_category: text(40).optional(),
  new_category: text(40),
});

/** Which template a template webhook is about (status and category changes name it the same way). */
function templateIdentity(d: {
  message_template_id?: string | number | undefined;
  message_template_name?: string | undefined;
  message_template_language?: string | undefined;
}) {
  return {
    templateId: d.message_template_id === undefined ? null : String(d.message_template_id),
    name: d.message_template_name ?? null,
    language: d.message_template_language ?? null,
  };
}

export function categoryChange(
  value: unknown,
  wabaId: string | null,
  at: number,
  out: ParsedObservations,
  where: string,
): void {
  const t = categoryValue.safeParse(value);
  if (!t.success) return addProblem(out, `${where}: the template category change is malformed.`);
  out.observations.push({
    kind: 'template',
    wabaId,
    ...templateIdentity(t.data),
    event: 'CATEGORY_UPDATE',
    reason: null,
    title: null,
    newCategory: t.data.new_category.toUpperCase(),
    previousCategory: t.data.previous_category?.toUpperCase() ?? null,
    at,
    raw: value,
  });
}

export function templateChange(
  value: unknown,
  wabaId: string | null,
  at: number,
  out: ParsedObservations,
  where: string,
): void {
  const t = templateValue.safeParse(value);
  if (!t.success) return addProblem(out, `${where}: the template status change is malformed.`);
  out.observations.push({
    kind: 'template',
    wabaId,
    ...templateIdentity(t.data),
    event: t.data.event.toUpperCase(),
    reason: t.data.reason ?? null,
    title: t.data.other_info?.title ?? null,
    at,
    raw: value,
  });
}
