import {
  checkTemplateDraft,
  parseTemplateDraft,
  type CheckFinding,
  type TemplateDraft,
} from '../../../shared/domain/studio';

export function draft(raw: unknown): TemplateDraft {
  const r = parseTemplateDraft(raw);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.draft;
}

export const findings = (raw: unknown): CheckFinding[] => checkTemplateDraft(draft(raw)).findings;

export const rules = (raw: unknown): string[] => findings(raw).map((f) => f.rule);

/** A plain utility template with one body and whatever the test changes. */
export function simple(body: string, extra: Record<string, unknown> = {}, bodyExample?: unknown) {
  return {
    name: 'order_update',
    language: 'en',
    category: 'UTILITY',
    ...extra,
    components: [
      {
        type: 'BODY',
        text: body,
        ...(bodyExample !== undefined && { example: bodyExample }),
      },
      ...((extra.components as unknown[] | undefined) ?? []),
    ],
  };
}
