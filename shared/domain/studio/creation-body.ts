import type { DraftComponent, TemplateDraft } from './draft';

/**
 * Meta's creation request from a draft. `parameter_format` is sent only when named (positional is
 * Meta's default). A copy-code button's sample is a plain string in Meta's examples (LTO and
 * coupon pages), unlike the list a URL button takes; the parser keeps both as lists, so it is
 * unwrapped here.
 */
const unwrapCodes = (c: DraftComponent): DraftComponent =>
  c.type !== 'BUTTONS'
    ? c
    : {
        ...c,
        buttons: c.buttons.map((b) => {
          if (b.type !== 'COPY_CODE') return b;
          // Meta's copy-code button has no label of its own ("Copy offer code" is WhatsApp's).
          const { text, example, ...rest } = b;
          return {
            ...rest,
            ...(text ? { text } : {}),
            ...(example?.[0] !== undefined && { example: example[0] }),
          } as never;
        }),
      };

export function creationBody(d: TemplateDraft): Record<string, unknown> {
  return {
    name: d.name,
    language: d.language,
    category: d.category,
    ...(d.parameter_format === 'NAMED' && { parameter_format: 'named' }),
    components: d.components.map(unwrapCodes),
  };
}
