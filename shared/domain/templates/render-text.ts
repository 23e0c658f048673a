import { findPlaceholders } from './placeholders';
import type { RenderedButton, Segment } from './rendered';
import type { ResolvedValue } from './resolve';
import type { TemplateButton } from './types';

type Values = Readonly<Record<string, ResolvedValue>>;

export const present = (values: Values, key: string): ResolvedValue | undefined => {
  const v = values[key];
  return v && !v.missing ? v : undefined;
};

/** `prefix` is the slot key before the variable's name: `header`, `body` or `card.2.body`. */
export function renderText(text: string, prefix: string, values: Values): Segment[] {
  const out: Segment[] = [];
  const pushPlain = (s: string): void => {
    if (s === '') return;
    const prev = out[out.length - 1];
    if (prev && prev.slot === undefined) prev.text += s;
    else out.push({ text: s });
  };
  let at = 0;
  for (const p of findPlaceholders(text)) {
    if (p.kind === 'invalid') continue;
    pushPlain(text.slice(at, p.start));
    const slot = `${prefix}.${p.name}`;
    const v = present(values, slot);
    out.push(v ? { text: v.value, slot } : { text: `{{${p.name}}}`, slot, missing: true });
    at = p.end;
  }
  pushPlain(text.slice(at));
  return out;
}

/** One button as shown: a URL with its suffix filled in, or the code a copy-code button copies. */
export function renderButton(b: TemplateButton, slot: string, values: Values): RenderedButton {
  const out: RenderedButton = { type: b.type, text: b.text };
  if (b.phone_number !== undefined) out.phoneNumber = b.phone_number;
  if (b.type === 'URL' && b.url !== undefined) {
    const p = findPlaceholders(b.url).find((x) => x.kind !== 'invalid');
    if (!p) {
      out.url = b.url;
    } else {
      const v = present(values, slot);
      out.url = b.url.slice(0, p.start) + (v ? v.value : `{{${p.name}}}`) + b.url.slice(p.end);
      out.slot = slot;
      if (!v) out.missing = true;
    }
  } else if (b.type === 'COPY_CODE') {
    const v = present(values, slot);
    out.slot = slot;
    if (v) out.code = v.value;
    else out.missing = true;
  }
  return out;
}
