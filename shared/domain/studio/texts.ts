import type { BodyComponent, HeaderComponent } from '../templates/types';
import { draftPart, type TemplateDraft } from './draft';

/** A text of the draft that may hold variables, with the field the editor shows it in. */
export interface DraftText {
  field: string;
  label: string;
  text: string;
  kind: 'header' | 'body';
  component: HeaderComponent | BodyComponent;
}

const cardPart = <T extends 'HEADER' | 'BODY'>(
  components: readonly (HeaderComponent | BodyComponent | { type: string })[],
  type: T,
) =>
  components.find(
    (c): c is T extends 'HEADER' ? HeaderComponent : BodyComponent => c.type === type,
  );

/** The header text, the body, and each carousel card's body, in display order. */
export function variableTexts(d: TemplateDraft): DraftText[] {
  const out: DraftText[] = [];
  const header = draftPart(d, 'HEADER');
  if (header?.format === 'TEXT' && header.text !== undefined)
    out.push({
      field: 'header',
      label: 'header',
      text: header.text,
      kind: 'header',
      component: header,
    });
  const body = draftPart(d, 'BODY');
  if (body)
    out.push({ field: 'body', label: 'body', text: body.text, kind: 'body', component: body });
  draftPart(d, 'CAROUSEL')?.cards.forEach((card, i) => {
    const cb = cardPart(card.components, 'BODY');
    if (cb)
      out.push({
        field: `cards.${i}.body`,
        label: `body of card ${i + 1}`,
        text: cb.text,
        kind: 'body',
        component: cb,
      });
  });
  return out;
}
