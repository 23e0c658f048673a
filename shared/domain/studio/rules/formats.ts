import { draftButtons, draftPart, type TemplateDraft } from '../draft';
import type { CheckFinding } from '../findings';
import { LIMITS } from '../limits';
import { checkButtonList } from './buttons';

/** Limited-time offer and media card carousel rules (Meta's pages cited in ../limits.ts). */

function lto(d: TemplateDraft, out: CheckFinding[]): void {
  const part = draftPart(d, 'LIMITED_TIME_OFFER');
  if (!part) return;
  const base = { rule: 'limited-time-offer' as const, severity: 'error' as const };
  if (d.category !== 'MARKETING')
    out.push({
      ...base,
      field: 'category',
      message: 'A limited-time offer must be a marketing template.',
      fix: 'Choose MARKETING.',
      autofix: { kind: 'set', field: 'category', value: 'MARKETING', label: 'Make it marketing' },
    });
  if (draftPart(d, 'FOOTER'))
    out.push({
      ...base,
      field: 'footer',
      message: 'A limited-time offer cannot have a footer.',
      fix: 'Remove the footer.',
      autofix: { kind: 'remove', field: 'footer', label: 'Remove the footer' },
    });
  const text = part.limited_time_offer.text;
  if (text.trim() === '' || text.length > LIMITS.ltoText)
    out.push({
      ...base,
      field: 'limited_time_offer',
      message:
        text.trim() === ''
          ? 'The offer line is empty.'
          : `The offer line has ${text.length} characters; Meta allows ${LIMITS.ltoText}.`,
      fix: 'Write a short line such as "Expiring offer!".',
    });
  const header = draftPart(d, 'HEADER');
  if (header && header.format !== 'IMAGE' && header.format !== 'VIDEO')
    out.push({
      ...base,
      field: 'header',
      message: 'A limited-time offer can only have an image or video header.',
      fix: 'Use an image or a video, or no header.',
    });
  if (!draftButtons(d).some((b) => b.type === 'URL'))
    out.push({
      ...base,
      field: 'buttons',
      message: 'A limited-time offer needs a website button.',
      fix: 'Add a URL button that leads to the offer.',
    });
}

function cardShape(card: TemplateDraft['components'][number] & { type: 'CAROUSEL' }): string[] {
  return card.cards.map((c) =>
    c.components
      .map((x) =>
        x.type === 'HEADER'
          ? `H:${x.format}`
          : x.type === 'BUTTONS'
            ? `B:${x.buttons.map((b) => b.type).join('+')}`
            : x.type,
      )
      .join('|'),
  );
}

function carousel(d: TemplateDraft, out: CheckFinding[]): void {
  const part = draftPart(d, 'CAROUSEL');
  if (!part) return;
  const base = { rule: 'carousel' as const, severity: 'error' as const };
  if (d.category !== 'MARKETING')
    out.push({
      ...base,
      field: 'category',
      message: 'A carousel must be a marketing template.',
      fix: 'Choose MARKETING.',
      autofix: { kind: 'set', field: 'category', value: 'MARKETING', label: 'Make it marketing' },
    });
  for (const t of ['HEADER', 'FOOTER', 'BUTTONS'] as const)
    if (draftPart(d, t))
      out.push({
        ...base,
        field: t.toLowerCase(),
        message: `A carousel message has only a body above its cards, not a ${t.toLowerCase()}.`,
        fix: `Move it into the cards, or remove it.`,
        autofix: { kind: 'remove', field: t.toLowerCase(), label: `Remove the ${t.toLowerCase()}` },
      });
  const n = part.cards.length;
  if (n < LIMITS.cardsMin || n > LIMITS.cardsMax)
    out.push({
      ...base,
      field: 'cards',
      message: `The carousel has ${n} card${n === 1 ? '' : 's'}; it needs ${LIMITS.cardsMin} to ${LIMITS.cardsMax}.`,
      fix: n < LIMITS.cardsMin ? 'Add a card.' : 'Remove cards.',
    });
  const shapes = cardShape(part);
  if (new Set(shapes).size > 1)
    out.push({
      ...base,
      field: 'cards',
      message:
        'All cards must have the same parts: the same media type and the same buttons in the same order.',
      fix: 'Make every card like the first one.',
    });
  part.cards.forEach((card, i) => {
    const header = card.components.find((c) => c.type === 'HEADER');
    if (!header || (header.format !== 'IMAGE' && header.format !== 'VIDEO'))
      out.push({
        ...base,
        field: `cards.${i}.header`,
        message: `Card ${i + 1} needs an image or video.`,
        fix: 'Give each card an image or a video with a sample file.',
      });
    else if (!header.example?.header_handle?.length)
      out.push({
        ...base,
        rule: 'header-media-sample',
        field: `cards.${i}.header`,
        message: `Card ${i + 1} has no sample ${header.format.toLowerCase()}.`,
        fix: 'Choose a sample file for the card.',
      });
    const body = card.components.find((c) => c.type === 'BODY');
    if (body && body.text.length > LIMITS.cardBody)
      out.push({
        ...base,
        rule: 'length',
        field: `cards.${i}.body`,
        message: `The text of card ${i + 1} has ${body.text.length} characters; Meta allows ${LIMITS.cardBody}.`,
        fix: 'Shorten it.',
      });
    const buttons = card.components.find((c) => c.type === 'BUTTONS')?.buttons ?? [];
    if (buttons.length === 0 || buttons.length > LIMITS.cardButtons)
      out.push({
        ...base,
        field: `cards.${i}.buttons`,
        message: `Card ${i + 1} has ${buttons.length} buttons; each card has 1 or 2.`,
        fix: 'Give each card one or two buttons.',
      });
    out.push(
      ...checkButtonList(buttons, `cards.${i}.buttons`).filter(
        (f) => f.rule !== 'buttons' || !f.message.includes('Meta allows at most'),
      ),
    );
  });
}

export function formatRules(d: TemplateDraft): CheckFinding[] {
  const out: CheckFinding[] = [];
  lto(d, out);
  carousel(d, out);
  const header = draftPart(d, 'HEADER');
  if (
    header &&
    ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(header.format) &&
    !header.example?.header_handle?.length
  )
    out.push({
      rule: 'header-media-sample',
      severity: 'error',
      field: 'header',
      message: `The ${header.format.toLowerCase()} header has no sample file.`,
      fix: `Choose a sample ${header.format.toLowerCase()}; Meta reviews the template with it.`,
    });
  return out;
}
