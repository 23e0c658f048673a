import { describe, expect, it } from 'vitest';
import { applyAutofix, checkTemplateDraft, checkTemplateText } from '../../../shared/domain/studio';
import { draft, findings } from './helpers';
import { CAROUSEL, LTO, NAMED_SALE, ORDER_CONFIRMATION } from './meta-examples';

describe("the check passes Meta's own documented templates", () => {
  it.each([
    ['order confirmation (components page)', ORDER_CONFIRMATION],
    ['named header sale (components page)', NAMED_SALE],
    ['limited-time offer (LTO page)', LTO],
    ['media card carousel (carousel page)', CAROUSEL],
  ])('%s has no findings', (_label, template) => {
    expect(findings(template)).toEqual([]);
  });
});

describe('limited-time offer rules', () => {
  it('refuses a footer, with a one-click fix that removes it', () => {
    const withFooter = {
      ...LTO,
      components: [...LTO.components, { type: 'FOOTER', text: 'Terms apply' }],
    };
    const f = findings(withFooter).find((x) => x.rule === 'limited-time-offer');
    expect(f?.field).toBe('footer');
    const fixed = applyAutofix(draft(withFooter), f!.autofix!);
    expect(checkTemplateDraft(fixed).findings).toEqual([]);
  });

  it('must be marketing', () => {
    const f = findings({ ...LTO, category: 'UTILITY' }).filter(
      (x) => x.rule === 'limited-time-offer',
    );
    expect(f.map((x) => x.field)).toContain('category');
  });

  it('limits the offer line to 16 characters and the body to 600', () => {
    const long = {
      ...LTO,
      components: LTO.components.map((c) =>
        c.type === 'LIMITED_TIME_OFFER'
          ? { ...c, limited_time_offer: { text: 'Expiring offer today!', has_expiration: true } }
          : c.type === 'BODY'
            ? { ...c, text: `Good news, {{1}}! Use code {{2}} ${'now '.repeat(150)}today.` }
            : c,
      ),
    };
    const f = findings(long);
    expect(f.some((x) => x.field === 'limited_time_offer')).toBe(true);
    expect(
      f.some((x) => x.rule === 'length' && x.field === 'body' && x.message.includes('600')),
    ).toBe(true);
  });

  it('needs a website button', () => {
    const noUrl = {
      ...LTO,
      components: LTO.components.map((c) =>
        c.type === 'BUTTONS'
          ? { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'CARIBE25' }] }
          : c,
      ),
    };
    expect(
      findings(noUrl).some((x) => x.rule === 'limited-time-offer' && x.field === 'buttons'),
    ).toBe(true);
  });
});

describe('carousel rules', () => {
  const [body, carousel] = CAROUSEL.components as [unknown, { type: string; cards: unknown[] }];

  it('needs 2 to 10 cards', () => {
    const one = {
      ...CAROUSEL,
      components: [body, { ...carousel, cards: carousel.cards.slice(0, 1) }],
    };
    expect(findings(one).some((x) => x.rule === 'carousel' && x.field === 'cards')).toBe(true);
  });

  it('needs the same parts on every card', () => {
    const odd = {
      components: [
        { type: 'HEADER', format: 'VIDEO', example: { header_handle: ['h'] } },
        { type: 'BODY', text: 'A different card.' },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'More' }] },
      ],
    };
    const mixed = {
      ...CAROUSEL,
      components: [body, { ...carousel, cards: [carousel.cards[0], odd] }],
    };
    expect(findings(mixed).some((x) => x.message.includes('same parts'))).toBe(true);
  });

  it('limits card text to 160 characters and refuses a top-level footer', () => {
    const long = JSON.parse(JSON.stringify(CAROUSEL)) as typeof CAROUSEL;
    const cards = (
      long.components[1] as { cards: { components: { type: string; text?: string }[] }[] }
    ).cards;
    cards[0]!.components[1]!.text = 'x'.repeat(161);
    long.components.push({ type: 'FOOTER', text: 'Bye' } as never);
    const f = findings(long);
    expect(f.some((x) => x.field === 'cards.0.body' && x.rule === 'length')).toBe(true);
    expect(f.some((x) => x.rule === 'carousel' && x.field === 'footer')).toBe(true);
  });
});

describe('checkTemplateText on bad files', () => {
  it.each([
    ['', 'empty'],
    ['{"name": ', 'not valid JSON'],
    ['[1,2]', 'JSON object'],
    ['{"name":"x","language":"en","category":"UTILITY"}', 'components'],
  ])('%j gets a clear message', (text, words) => {
    const r = checkTemplateText(text);
    expect(r.ok).toBe(false);
    expect(r.draft).toBeNull();
    expect(r.findings[0]?.message).toContain(words);
  });

  it('reads a file with a byte-order mark', () => {
    expect(checkTemplateText(`\uFEFF${JSON.stringify(ORDER_CONFIRMATION)}`).ok).toBe(true);
  });

  it('bounds a hostile file', () => {
    const huge = {
      ...ORDER_CONFIRMATION,
      components: Array.from({ length: 5000 }, () => ({ type: 'BODY', text: 'x' })),
    };
    const r = checkTemplateText(JSON.stringify(huge));
    expect(r.ok).toBe(false);
    expect(r.findings).toHaveLength(1);
  });
});
