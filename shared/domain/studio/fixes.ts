import type { BodyComponent, HeaderComponent } from '../templates/types';
import type { DraftComponent, TemplateDraft } from './draft';
import type { Autofix } from './findings';

const TOP_TYPES: Record<string, DraftComponent['type']> = {
  header: 'HEADER',
  body: 'BODY',
  footer: 'FOOTER',
  buttons: 'BUTTONS',
  limited_time_offer: 'LIMITED_TIME_OFFER',
};

function setText(c: DraftComponent, value: string): DraftComponent {
  if (c.type === 'LIMITED_TIME_OFFER')
    return { ...c, limited_time_offer: { ...c.limited_time_offer, text: value } };
  if (c.type === 'HEADER' || c.type === 'BODY' || c.type === 'FOOTER') return { ...c, text: value };
  return c;
}

function setCardBody(d: TemplateDraft, card: number, value: string): TemplateDraft {
  return {
    ...d,
    components: d.components.map((c) =>
      c.type !== 'CAROUSEL'
        ? c
        : {
            ...c,
            cards: c.cards.map((k, i) =>
              i !== card
                ? k
                : {
                    components: k.components.map((x): HeaderComponent | BodyComponent | typeof x =>
                      x.type === 'BODY' ? { ...x, text: value } : x,
                    ),
                  },
            ),
          },
    ),
  };
}

/** Applies a one-click fix and returns the new draft; an unknown field leaves the draft as it is. */
export function applyAutofix(d: TemplateDraft, fix: Autofix): TemplateDraft {
  if (fix.kind === 'set' && fix.field === 'name') return { ...d, name: fix.value };
  if (fix.kind === 'set' && fix.field === 'category') return { ...d, category: fix.value };
  const card = /^cards\.(\d+)\.body$/.exec(fix.field);
  if (fix.kind === 'set' && card) return setCardBody(d, Number(card[1]), fix.value);
  const type = TOP_TYPES[fix.field];
  if (!type) return d;
  if (fix.kind === 'remove')
    return { ...d, components: d.components.filter((c) => c.type !== type) };
  return {
    ...d,
    components: d.components.map((c) => (c.type === type ? setText(c, fix.value) : c)),
  };
}
