import { describe, expect, it } from 'vitest';
import {
  appendUtm,
  buildSendBody,
  encodeQueryValue,
  renderMessage,
  resolveMessageValues,
  unencodedUrlCharacters,
  URL_MAX_CHARS,
  utmBlocked,
  utmProblems,
  utmQuery,
  validateRecipient,
  type Mapping,
} from '../../../shared/domain/templates';
import { withComponents } from './fixtures';

const ok = (r: ReturnType<typeof appendUtm>): string => {
  if (!r.ok) throw new Error(r.reason);
  return r.suffix;
};

const TAGS = { source: 'whatsapp', medium: 'campaign', campaign: 'spring' };

describe('appendUtm: where the tags go', () => {
  it('starts the query with ? after a plain path', () => {
    expect(ok(appendUtm('https://shop.example/', 'orders/123', TAGS))).toBe(
      'orders/123?utm_source=whatsapp&utm_medium=campaign&utm_campaign=spring',
    );
  });

  it('continues an existing query in the suffix with &', () => {
    expect(ok(appendUtm('https://shop.example/', 'p?id=7&ref=wa', { source: 'wa' }))).toBe(
      'p?id=7&ref=wa&utm_source=wa',
    );
  });

  it('continues a query the template URL opened, after a value or right after ? or &', () => {
    expect(ok(appendUtm('https://shop.example/p?id=', '7', { source: 'wa' }))).toBe(
      '7&utm_source=wa',
    );
    expect(ok(appendUtm('https://shop.example/p?', 'id=7', { source: 'wa' }))).toBe(
      'id=7&utm_source=wa',
    );
    expect(ok(appendUtm('https://shop.example/p?x=1&', 'id=7', { source: 'wa' }))).toBe(
      'id=7&utm_source=wa',
    );
  });

  it('keeps a fragment at the very end, the tags before it', () => {
    expect(ok(appendUtm('https://shop.example/', 'item/5#reviews', { source: 'wa' }))).toBe(
      'item/5?utm_source=wa#reviews',
    );
    expect(ok(appendUtm('https://shop.example/', 'item/5?c=red#top', { content: 'B' }))).toBe(
      'item/5?c=red&utm_content=B#top',
    );
  });

  it('cannot tag a link whose fragment starts in the template URL', () => {
    const r = appendUtm('https://shop.example/#/item/', '5', TAGS);
    expect(r.ok).toBe(false);
    expect(
      utmBlocked({ type: 'URL', text: 'Open', url: 'https://shop.example/#/item/{{1}}' }),
    ).toMatch(/fragment/);
  });

  it('replaces a tag the suffix already carries instead of repeating it', () => {
    expect(ok(appendUtm('https://shop.example/', 'p?utm_source=old&x=1', { source: 'new' }))).toBe(
      'p?x=1&utm_source=new',
    );
    expect(ok(appendUtm('https://shop.example/', 'p?utm_source=old', { source: 'new' }))).toBe(
      'p?utm_source=new',
    );
    // The piece after a template's `?id=` is that pair's value, never one of our keys.
    expect(
      ok(appendUtm('https://shop.example/p?id=', 'utm_source&utm_source=old', { source: 'new' })),
    ).toBe('utm_source&utm_source=new');
  });

  it('leaves out a tag the template URL fixes, and says so', () => {
    const r = appendUtm('https://shop.example/p?utm_source=site&id=', '7', {
      source: 'wa',
      medium: 'chat',
    });
    expect(r).toEqual({ ok: true, suffix: '7&utm_medium=chat', fixedInTemplate: ['source'] });
  });

  it('drops empty values, and changes nothing when no tag is left', () => {
    expect(
      ok(appendUtm('https://shop.example/', 'x', { source: ' ', medium: '', campaign: 'c' })),
    ).toBe('x?utm_campaign=c');
    expect(ok(appendUtm('https://shop.example/', 'x#f', { source: '  ' }))).toBe('x#f');
    expect(utmQuery({})).toBe('');
  });
});

describe('encodeQueryValue', () => {
  it('percent-encodes every value strictly, as UTF-8, space as %20', () => {
    expect(encodeQueryValue('spring sale')).toBe('spring%20sale');
    expect(encodeQueryValue('a&b=c?d/e#f+g')).toBe('a%26b%3Dc%3Fd%2Fe%23f%2Bg');
    expect(encodeQueryValue("it's (50%)!*")).toBe('it%27s%20%2850%25%29%21%2A');
    expect(encodeQueryValue('Frühling')).toBe('Fr%C3%BChling');
    expect(encodeQueryValue('ربيع')).toBe('%D8%B1%D8%A8%D9%8A%D8%B9');
    expect(encodeQueryValue('🌷')).toBe('%F0%9F%8C%B7');
    expect(encodeQueryValue('a-b_c.d~e')).toBe('a-b_c.d~e');
  });

  it('never throws on a lone surrogate (sends the replacement character)', () => {
    expect(encodeQueryValue('x\uD800y')).toBe('x%EF%BF%BDy');
  });

  it('gives tags the suffix rule accepts, whatever the values', () => {
    const q = utmQuery({
      source: 'Ünïcode & more',
      medium: "o'brien",
      campaign: '100% #1',
      content: '🎉 B',
    });
    expect(unencodedUrlCharacters(q)).toEqual([]);
  });
});

const SALE = withComponents([
  { type: 'BODY', text: 'Hi {{1}}, see the deals.', example: { body_text: [['Ann']] } },
  {
    type: 'BUTTONS',
    buttons: [
      {
        type: 'URL',
        text: 'See the deals',
        url: 'https://shop.example.com/deals/{{1}}',
        example: ['https://shop.example.com/deals/spring'],
      },
      { type: 'URL', text: 'Help', url: 'https://shop.example.com/help' },
    ],
  },
]);
const MAPPING: Mapping = {
  'body.1': { kind: 'column', column: 'name' },
  'button.0': { kind: 'column', column: 'code' },
};

describe('tags in the preview and the exact request', () => {
  it('are in the rendered link and in the button parameter sent to Meta', () => {
    const utm = { 'button.0': { source: 'whatsapp', content: 'Free shipping' } };
    const values = resolveMessageValues(SALE, MAPPING, { name: 'Ann', code: 'spring24' }, utm);
    expect(renderMessage(SALE, values).buttons[0]?.url).toBe(
      'https://shop.example.com/deals/spring24?utm_source=whatsapp&utm_content=Free%20shipping',
    );
    const body = buildSendBody(SALE, { to: '+15550001', values, mapping: MAPPING });
    expect(body.template.components?.find((c) => c.type === 'button')).toEqual({
      type: 'button',
      sub_type: 'url',
      index: '0',
      parameters: [
        { type: 'text', text: 'spring24?utm_source=whatsapp&utm_content=Free%20shipping' },
      ],
    });
    expect(validateRecipient(SALE, values, MAPPING)).toEqual([]);
  });

  it('leave a missing value missing (tags alone are not a link)', () => {
    const values = resolveMessageValues(
      SALE,
      MAPPING,
      { name: 'Ann', code: '' },
      { 'button.0': { source: 'wa' } },
    );
    expect(values['button.0']).toMatchObject({ missing: true, value: '' });
    expect(validateRecipient(SALE, values, MAPPING).map((p) => p.code)).toEqual([
      'EMPTY_PARAMETER',
    ]);
  });

  it('keep the rule that the customer part of the link must be percent-encoded', () => {
    const values = resolveMessageValues(
      SALE,
      MAPPING,
      { name: 'Ann', code: 'spring sale' },
      { 'button.0': { source: 'wa' } },
    );
    expect(validateRecipient(SALE, values, MAPPING).map((p) => p.code)).toEqual([
      'URL_SUFFIX_NOT_ENCODED',
    ]);
  });

  it('are held to the 2,000-character link limit, counted with the template part', () => {
    const prefix = 'https://shop.example.com/deals/'.length;
    const code = 'x'.repeat(URL_MAX_CHARS - prefix - 'x?utm_source=wa'.length + 1);
    const fits = resolveMessageValues(
      SALE,
      MAPPING,
      { name: 'Ann', code },
      { 'button.0': { source: 'wa' } },
    );
    expect(validateRecipient(SALE, fits, MAPPING)).toEqual([]);
    const over = resolveMessageValues(
      SALE,
      MAPPING,
      { name: 'Ann', code },
      { 'button.0': { source: 'wa2' } },
    );
    expect(validateRecipient(SALE, over, MAPPING).map((p) => p.code)).toEqual(['URL_TOO_LONG']);
  });

  it('on a slot that is not a dynamic link of the template are reported', () => {
    expect(utmProblems(SALE, { 'button.0': { source: 'wa' } })).toEqual([]);
    expect(utmProblems(SALE, { 'button.1': { source: 'wa' } })[0]).toMatch(
      /button\.1 has UTM tags but is not a link button with a variable/,
    );
    expect(utmProblems(SALE, { 'button.1': { source: ' ' } })).toEqual([]);
  });
});
