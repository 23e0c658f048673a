import { draftPart, type TemplateDraft } from '../../../../shared/domain/studio';
import { distinctVariables, type TemplateButton } from '../../../../shared/domain/templates';
import type { ButtonKind, Editor, EditorButton, HeaderKind } from './editor-model';

/**
 * The editor's form for a stored draft, so an approved or rejected template can be opened, changed
 * and submitted as an edit. Null when the form cannot show it whole (limited-time offer, carousel,
 * a header or button kind the form has no field for): those are edited as JSON with the CLI.
 */

const FORM_HEADERS: readonly string[] = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT'];
const FORM_BUTTONS: readonly string[] = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE'];

function button(b: TemplateButton): EditorButton {
  const type = b.type as ButtonKind;
  if (type === 'URL')
    return { type, text: b.text, value: b.url ?? '', example: b.example?.[0] ?? '' };
  if (type === 'PHONE_NUMBER')
    return { type, text: b.text, value: b.phone_number ?? '', example: '' };
  if (type === 'COPY_CODE') return { type, text: b.text, value: b.example?.[0] ?? '', example: '' };
  return { type, text: b.text, value: '', example: '' };
}

function bodyExamples(d: TemplateDraft, text: string): Record<string, string> {
  const ex = draftPart(d, 'BODY')?.example;
  if (d.parameter_format === 'NAMED')
    return Object.fromEntries(
      (ex?.body_text_named_params ?? []).map((p) => [p.param_name, p.example]),
    );
  const row = ex?.body_text?.[0] ?? [];
  // Positional samples follow the variables in order of first appearance, as toDraft writes them.
  return Object.fromEntries(distinctVariables(text).map((v, i) => [v, row[i] ?? '']));
}

export function fromDraft(d: TemplateDraft): Editor | null {
  if (d.components.some((c) => c.type === 'LIMITED_TIME_OFFER' || c.type === 'CAROUSEL'))
    return null;
  const header = draftPart(d, 'HEADER');
  if (header && !FORM_HEADERS.includes(header.format)) return null;
  const buttons = draftPart(d, 'BUTTONS')?.buttons ?? [];
  if (buttons.some((b) => !FORM_BUTTONS.includes(b.type))) return null;
  const body = draftPart(d, 'BODY')?.text ?? '';
  const headerSample =
    header?.format === 'TEXT'
      ? (header.example?.header_text?.[0] ??
        header.example?.header_text_named_params?.[0]?.example ??
        '')
      : (header?.example?.header_handle?.[0] ?? '');
  return {
    name: d.name,
    language: d.language,
    category: d.category,
    parameterFormat: d.parameter_format,
    headerKind: (header?.format ?? 'NONE') as HeaderKind,
    headerText: header?.text ?? '',
    headerSample,
    body,
    examples: bodyExamples(d, body),
    footer: draftPart(d, 'FOOTER')?.text ?? '',
    buttons: buttons.map(button),
  };
}
