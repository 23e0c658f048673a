import type { TemplateButton } from '../templates/types';
import type { DraftComponent, TemplateDraft } from './draft';

/**
 * Meta's template library (verified: the "Template Library" page of Meta's WhatsApp docs,
 * developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-library/):
 * `GET /message_template_library` with `search`, `topic`, `usecase`, `industry`, `language`, `name`
 * filters answers entries shaped like LibraryTemplate. A template is created from one with
 * `POST /{waba-id}/message_templates` and `library_template_name`, its buttons' own values given in
 * `library_template_button_inputs` (a URL button: `url.base_url` with an optional `{{1}}` and
 * `url.url_suffix_example`; a phone button: `phone_number`). The body is fixed text whose
 * variables are filled at send time. Meta's OpenAPI file has no schema for these (assumed shapes
 * beyond the page's example: `header` as plain text, `url` / `phone_number` on a button).
 */
export interface LibraryButton {
  type: string;
  text: string;
  url?: string;
  phone_number?: string;
}

export interface LibraryTemplate {
  id: string;
  name: string;
  language: string;
  category: string;
  topic: string;
  usecase: string;
  industry: string[];
  header?: string;
  body: string;
  body_params?: string[];
  body_param_types?: string[];
  buttons?: LibraryButton[];
}

export interface LibraryButtonInput {
  type: string;
  url?: { base_url: string; url_suffix_example?: string };
  phone_number?: string;
}

/** The buttons that need the business's own value (its website, its phone number). */
export const buttonsNeedingInput = (t: LibraryTemplate): LibraryButton[] =>
  (t.buttons ?? []).filter((b) => b.type === 'URL' || b.type === 'PHONE_NUMBER');

/** Why the inputs cannot create this template, or null. In words a shop owner acts on. */
export function libraryInputProblem(
  t: LibraryTemplate,
  inputs: readonly LibraryButtonInput[],
): string | null {
  const needed = buttonsNeedingInput(t);
  for (const [i, b] of needed.entries()) {
    const input = inputs[i];
    if (!input || input.type !== b.type)
      return `The button "${b.text}" needs your ${b.type === 'URL' ? 'web address' : 'phone number'}.`;
    if (b.type === 'URL' && !/^https?:\/\/\S+\.\S+/.test(input.url?.base_url ?? ''))
      return `The button "${b.text}" needs a web address starting with https://.`;
    if (b.type === 'URL' && input.url?.base_url.includes('{{') && !input.url.url_suffix_example)
      return `The button "${b.text}" has a variable in its address: give a full sample address.`;
    if (b.type === 'PHONE_NUMBER' && !/^\+?\d[\d ]{6,19}$/.test(input.phone_number ?? ''))
      return `The button "${b.text}" needs a phone number with its country code, e.g. +44 20 7946 0000.`;
  }
  return null;
}

function button(b: LibraryButton, input: LibraryButtonInput | undefined): TemplateButton {
  if (b.type === 'URL') {
    const url = input?.url?.base_url ?? b.url ?? '';
    const example = input?.url?.url_suffix_example;
    return { type: 'URL', text: b.text, url, ...(example && { example: [example] }) };
  }
  if (b.type === 'PHONE_NUMBER')
    return { type: 'PHONE_NUMBER', text: b.text, phone_number: input?.phone_number ?? '' };
  return { type: b.type, text: b.text };
}

/** The template a library entry becomes with the business's name and button values. */
export function libraryDraft(
  t: LibraryTemplate,
  name: string,
  inputs: readonly LibraryButtonInput[],
): TemplateDraft {
  let next = 0;
  const buttons = (t.buttons ?? []).map((b) =>
    button(b, b.type === 'URL' || b.type === 'PHONE_NUMBER' ? inputs[next++] : undefined),
  );
  const components: DraftComponent[] = [
    ...(t.header ? [{ type: 'HEADER' as const, format: 'TEXT' as const, text: t.header }] : []),
    {
      type: 'BODY',
      text: t.body,
      ...(t.body_params?.length && { example: { body_text: [t.body_params] } }),
    },
    ...(buttons.length > 0 ? [{ type: 'BUTTONS' as const, buttons }] : []),
  ];
  return {
    name,
    language: t.language,
    category: t.category,
    parameter_format: 'POSITIONAL',
    components,
  };
}

/** Meta's creation request for a library template. */
export const libraryCreationBody = (
  t: LibraryTemplate,
  name: string,
  inputs: readonly LibraryButtonInput[],
): Record<string, unknown> => ({
  name,
  language: t.language,
  category: t.category,
  library_template_name: t.name,
  ...(inputs.length > 0 && { library_template_button_inputs: inputs }),
});

/** Whether a library entry matches a search: name, topic, use case, industry or text. */
export function libraryMatches(t: LibraryTemplate, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return [t.name, t.topic, t.usecase, ...t.industry, t.header ?? '', t.body]
    .join(' ')
    .toLowerCase()
    .replace(/_/g, ' ')
    .includes(q.replace(/_/g, ' '));
}
