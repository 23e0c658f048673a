import type { Autofix, TemplateDraft } from '../../../../shared/domain/studio';
import { distinctVariables } from '../../../../shared/domain/templates';
import type { TemplateButton } from '../../../../shared/domain/templates';

/** The studio form's state; `toDraft` turns it into Meta's creation JSON for the check and the submit. */

export type HeaderKind = 'NONE' | 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT';
export type ButtonKind = 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE';

export interface EditorButton {
  type: ButtonKind;
  text: string;
  /** URL, phone number or the copy code, by type. */
  value: string;
  /** A URL button's full sample address when its URL has a variable. */
  example: string;
}

export interface Editor {
  name: string;
  language: string;
  category: string;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  headerKind: HeaderKind;
  headerText: string;
  /** Text header: the variable's sample. Media header: the sample file's path. */
  headerSample: string;
  body: string;
  examples: Record<string, string>;
  footer: string;
  buttons: EditorButton[];
}

export const EMPTY_EDITOR: Editor = {
  name: '',
  language: 'en_US',
  category: 'UTILITY',
  parameterFormat: 'POSITIONAL',
  headerKind: 'NONE',
  headerText: '',
  headerSample: '',
  body: '',
  examples: {},
  footer: '',
  buttons: [],
};

const varsOf = (e: Editor, text: string): string[] =>
  distinctVariables(text).filter((v) => (e.parameterFormat === 'NAMED') === !/^\d+$/.test(v));

export const bodyVariables = (e: Editor): string[] => varsOf(e, e.body);

function header(e: Editor): TemplateDraft['components'] {
  if (e.headerKind === 'NONE') return [];
  if (e.headerKind !== 'TEXT')
    return [{ type: 'HEADER', format: e.headerKind, example: { header_handle: [e.headerSample] } }];
  const [v] = varsOf(e, e.headerText);
  const example =
    v === undefined
      ? undefined
      : e.parameterFormat === 'NAMED'
        ? { header_text_named_params: [{ param_name: v, example: e.headerSample }] }
        : { header_text: [e.headerSample] };
  return [{ type: 'HEADER', format: 'TEXT', text: e.headerText, ...(example && { example }) }];
}

function button(b: EditorButton): TemplateButton {
  if (b.type === 'URL')
    return {
      type: 'URL',
      text: b.text,
      url: b.value,
      ...(/\{\{[^{}]*\}\}/.test(b.value) && { example: [b.example] }),
    };
  if (b.type === 'PHONE_NUMBER') return { type: b.type, text: b.text, phone_number: b.value };
  if (b.type === 'COPY_CODE')
    return { type: b.type, text: b.text || 'Copy code', example: [b.value] };
  return { type: b.type, text: b.text };
}

export function toDraft(e: Editor): TemplateDraft {
  const vars = bodyVariables(e);
  const example =
    vars.length === 0
      ? undefined
      : e.parameterFormat === 'NAMED'
        ? {
            body_text_named_params: vars.map((v) => ({
              param_name: v,
              example: e.examples[v] ?? '',
            })),
          }
        : { body_text: [vars.map((v) => e.examples[v] ?? '')] };
  return {
    name: e.name,
    language: e.language,
    category: e.category,
    parameter_format: e.parameterFormat,
    components: [
      ...header(e),
      { type: 'BODY', text: e.body, ...(example && { example }) },
      ...(e.footer.trim() ? [{ type: 'FOOTER' as const, text: e.footer }] : []),
      ...(e.buttons.length > 0
        ? [{ type: 'BUTTONS' as const, buttons: e.buttons.map(button) }]
        : []),
    ],
  };
}

/** A one-click fix applied to the form (the fields the check's fixes can change). */
export function applyFix(e: Editor, fix: Autofix): Editor {
  if (fix.kind === 'remove') return fix.field === 'footer' ? { ...e, footer: '' } : e;
  switch (fix.field) {
    case 'name':
      return { ...e, name: fix.value };
    case 'category':
      return { ...e, category: fix.value };
    case 'header':
      return { ...e, headerText: fix.value };
    case 'body':
      return { ...e, body: fix.value };
    case 'footer':
      return { ...e, footer: fix.value };
    default:
      return e;
  }
}
