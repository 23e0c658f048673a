import { findPlaceholders } from '../templates/placeholders';
import { renderMessage } from '../templates/render';
import type { RenderedMessage } from '../templates/rendered';
import type { ResolvedValue } from '../templates/resolve';
import type { Template, TemplateComponent } from '../templates/types';
import type { TemplateDraft } from './draft';

const sample = (value: string): ResolvedValue => ({ value, missing: false, source: 'static' });

function exampleValues(d: TemplateDraft): Record<string, ResolvedValue> {
  const values: Record<string, ResolvedValue> = {};
  for (const c of d.components) {
    if (c.type === 'HEADER') {
      c.example?.header_text?.forEach((v, i) => (values[`header.${i + 1}`] = sample(v)));
      c.example?.header_text_named_params?.forEach(
        (p) => (values[`header.${p.param_name}`] = sample(p.example)),
      );
      const file = c.example?.header_handle?.[0];
      if (file) values['header.media'] = sample(file);
    }
    if (c.type === 'BODY') {
      c.example?.body_text?.[0]?.forEach((v, i) => (values[`body.${i + 1}`] = sample(v)));
      c.example?.body_text_named_params?.forEach(
        (p) => (values[`body.${p.param_name}`] = sample(p.example)),
      );
    }
    if (c.type === 'BUTTONS')
      c.buttons.forEach((b, i) => {
        const ex = b.example?.[0];
        if (!ex) return;
        const p = b.url ? findPlaceholders(b.url)[0] : undefined;
        // A URL button's sample is the whole address; the variable's value is what replaces {{1}}.
        values[`button.${i}`] = sample(p && b.url ? ex.slice(p.start) : ex);
      });
  }
  return values;
}

/**
 * The message a draft shows on the phone, rendered by the same function as the campaign preview,
 * with the draft's sample values in place of its variables.
 */
export function previewDraft(d: TemplateDraft): RenderedMessage {
  const t: Template = {
    name: d.name,
    language: d.language,
    status: 'DRAFT',
    category: d.category,
    parameter_format: d.parameter_format,
    components: d.components.filter((c): c is TemplateComponent =>
      ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(c.type),
    ),
  };
  return renderMessage(t, exampleValues(d));
}
