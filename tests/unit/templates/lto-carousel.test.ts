import { describe, expect, it } from 'vitest';
import {
  buildSendBody,
  campaignBlock,
  mappingProblems,
  offerCountdown,
  parseOfferExpiry,
  renderMessage,
  parseTemplateJson,
  resolveValues,
  templateProblems,
  templateSlots,
  validateRecipient,
  type Mapping,
  type Template,
} from '../../../shared/domain/templates';
import { slotLabel } from '../../../shared/domain/templates/slot-label';
import {
  CAROUSEL_RAW,
  CATALOG_RAW,
  LTO_RAW,
  MPM_RAW,
  OTP_RAW,
  parsed,
} from './lto-carousel-fixtures';

const NOW = Date.parse('2026-12-07T12:00:00Z');

const LTO_MAPPING: Mapping = {
  'header.media': { kind: 'media', media: { type: 'link', url: 'https://x.example/h.jpg' } },
  'body.1': { kind: 'column', column: 'name' },
  'body.2': { kind: 'static', value: 'CARIBE25' },
  'offer.expiry': { kind: 'column', column: 'ends' },
  'button.0': { kind: 'static', value: 'CARIBE25' },
  'button.1': { kind: 'static', value: 'n3mtql' },
};

const CAROUSEL_MAPPING: Mapping = {
  'body.1': { kind: 'static', value: '15OFF' },
  'body.2': { kind: 'static', value: '15%' },
  'card.1.header': { kind: 'column', column: 'img1' },
  'card.1.body.1': { kind: 'static', value: '15OFF' },
  'card.1.body.2': { kind: 'static', value: '15%' },
  'card.1.button.1': { kind: 'static', value: 'blue-elf' },
  'card.2.header': { kind: 'media', media: { type: 'link', url: 'https://x.example/2.jpg' } },
  'card.2.body.1': { kind: 'static', value: '20OFF' },
  'card.2.body.2': { kind: 'static', value: '20%' },
  'card.2.button.1': { kind: 'static', value: 'nate' },
};

function send(t: Template, mapping: Mapping, fields: Record<string, string>) {
  return buildSendBody(t, {
    to: '+16505551234',
    mapping,
    values: resolveValues(t, mapping, fields),
  });
}

describe('limited-time offer templates', () => {
  const t = parsed(LTO_RAW);

  it('parses the offer and asks for its expiry and the code', () => {
    expect(t.components.find((c) => c.type === 'LIMITED_TIME_OFFER')).toEqual({
      type: 'LIMITED_TIME_OFFER',
      limited_time_offer: { text: 'Expiring offer!', has_expiration: true },
    });
    expect(templateSlots(t).map((s) => `${s.key}:${s.kind}`)).toEqual([
      'header.media:media',
      'body.1:text',
      'body.2:text',
      'offer.expiry:offer_expiry',
      'button.0:coupon_code',
      'button.1:url_suffix',
    ]);
    expect(slotLabel(templateSlots(t)[3]!)).toBe('Offer expiry');
    expect(templateProblems(t)).toEqual([]);
    expect(campaignBlock(t)).toBeUndefined();
  });

  it('asks for no expiry when the offer has none', () => {
    const raw = structuredClone(LTO_RAW);
    raw.components[1] = {
      type: 'LIMITED_TIME_OFFER',
      limited_time_offer: { text: 'Hot deal', has_expiration: false },
    };
    expect(templateSlots(parsed(raw)).some((s) => s.kind === 'offer_expiry')).toBe(false);
  });

  it("builds the exact body of Meta's send example", () => {
    const body = send(t, LTO_MAPPING, { name: 'Pablo', ends: '2026-12-24T18:00:00Z' });
    expect(body.template.components).toEqual([
      {
        type: 'header',
        parameters: [{ type: 'image', image: { link: 'https://x.example/h.jpg' } }],
      },
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'Pablo' },
          { type: 'text', text: 'CARIBE25' },
        ],
      },
      {
        type: 'limited_time_offer',
        parameters: [
          {
            type: 'limited_time_offer',
            limited_time_offer: { expiration_time_ms: Date.parse('2026-12-24T18:00:00Z') },
          },
        ],
      },
      {
        type: 'button',
        sub_type: 'copy_code',
        index: 0,
        parameters: [{ type: 'coupon_code', coupon_code: 'CARIBE25' }],
      },
      {
        type: 'button',
        sub_type: 'url',
        index: '1',
        parameters: [{ type: 'text', text: 'n3mtql' }],
      },
    ]);
  });

  it('refuses an expiry in the past, without a zone, or a code over 15 characters', () => {
    const check = (fields: Record<string, string>, mapping = LTO_MAPPING) =>
      validateRecipient(t, resolveValues(t, mapping, fields), mapping, { now: NOW }).map(
        (p) => p.code,
      );
    expect(check({ name: 'Pablo', ends: '2026-12-24 18:00+01:00' })).toEqual([]);
    expect(check({ name: 'Pablo', ends: '2026-12-01T00:00Z' })).toEqual(['OFFER_EXPIRED']);
    expect(check({ name: 'Pablo', ends: '2026-12-24 18:00' })).toEqual(['OFFER_EXPIRY_INVALID']);
    expect(check({ name: 'Pablo', ends: '' })).toEqual(['EMPTY_PARAMETER']);
    const longCode: Mapping = {
      ...LTO_MAPPING,
      'button.0': { kind: 'static', value: 'CARIBE25CARIBE25' },
    };
    expect(check({ name: 'Pablo', ends: '2026-12-24T18:00Z' }, longCode)).toEqual([
      'COUPON_TOO_LONG',
    ]);
  });

  it('reads expiry times only with their zone', () => {
    expect(parseOfferExpiry('1766599200000')).toEqual({ ok: true, ms: 1766599200000 });
    expect(parseOfferExpiry('2026-12-24 18:00+0100')).toEqual({
      ok: true,
      ms: Date.parse('2026-12-24T17:00:00Z'),
    });
    expect(parseOfferExpiry('2026-12-24T18:00Z')).toEqual({
      ok: true,
      ms: Date.parse('2026-12-24T18:00:00Z'),
    });
    expect(parseOfferExpiry('2026-12-24')).toMatchObject({
      ok: false,
      error: expect.stringContaining('no time zone'),
    });
    expect(parseOfferExpiry('next friday')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a date and time'),
    });
  });

  it('checks a fixed expiry once in the mapping', () => {
    const fixed: Mapping = { ...LTO_MAPPING, 'offer.expiry': { kind: 'static', value: 'soon' } };
    expect(mappingProblems(t, fixed, ['name'])).toEqual([
      expect.stringContaining('offer.expiry: "soon" is not a date and time'),
    ]);
  });

  it('flags an offer text longer than 16 characters', () => {
    const raw = structuredClone(LTO_RAW);
    raw.components[1] = {
      type: 'LIMITED_TIME_OFFER',
      limited_time_offer: { text: 'An offer far too long', has_expiration: true },
    };
    expect(templateProblems(parsed(raw))).toEqual([
      expect.stringContaining('longer than the 16 characters'),
    ]);
  });

  it('refuses a non-boolean has_expiration clearly', () => {
    const raw = structuredClone(LTO_RAW) as { components: unknown[] };
    raw.components[1] = {
      type: 'LIMITED_TIME_OFFER',
      limited_time_offer: { text: 'x', has_expiration: 'yes' },
    };
    const r = parseTemplateJson(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toContain('"has_expiration" should be true or false');
  });
});

describe('media card carousel templates', () => {
  const t = parsed(CAROUSEL_RAW);

  it('gives every card its image, text and link slots, named as the form shows them', () => {
    const slots = templateSlots(t);
    expect(slots.map((s) => s.key)).toEqual([
      'body.1',
      'body.2',
      'card.1.header',
      'card.1.body.1',
      'card.1.body.2',
      'card.1.button.1',
      'card.2.header',
      'card.2.body.1',
      'card.2.body.2',
      'card.2.button.1',
    ]);
    expect(slots.filter((s) => s.card === 1).map(slotLabel)).toEqual([
      'Card 2 image',
      'Card 2 text {{1}}',
      'Card 2 text {{2}}',
      'Card 2 button 2: end of the link {{1}}',
    ]);
    expect(templateProblems(t)).toEqual([]);
  });

  it("builds the exact carousel body of Meta's send page", () => {
    const body = send(t, CAROUSEL_MAPPING, { img1: 'https://x.example/1.jpg' });
    expect(body.template.components).toEqual([
      {
        type: 'body',
        parameters: [
          { type: 'text', text: '15OFF' },
          { type: 'text', text: '15%' },
        ],
      },
      {
        type: 'carousel',
        cards: [
          {
            card_index: 0,
            components: [
              {
                type: 'header',
                parameters: [{ type: 'image', image: { link: 'https://x.example/1.jpg' } }],
              },
              {
                type: 'body',
                parameters: [
                  { type: 'text', text: '15OFF' },
                  { type: 'text', text: '15%' },
                ],
              },
              {
                type: 'button',
                sub_type: 'url',
                index: '1',
                parameters: [{ type: 'text', text: 'blue-elf' }],
              },
            ],
          },
          {
            card_index: 1,
            components: [
              {
                type: 'header',
                parameters: [{ type: 'image', image: { link: 'https://x.example/2.jpg' } }],
              },
              {
                type: 'body',
                parameters: [
                  { type: 'text', text: '20OFF' },
                  { type: 'text', text: '20%' },
                ],
              },
              {
                type: 'button',
                sub_type: 'url',
                index: '1',
                parameters: [{ type: 'text', text: 'nate' }],
              },
            ],
          },
        ],
      },
    ]);
  });

  it("refuses a card image that is missing or not a link, in the form's words", () => {
    const problems = validateRecipient(
      t,
      resolveValues(t, CAROUSEL_MAPPING, { img1: 'photo.jpg' }),
      CAROUSEL_MAPPING,
      { now: NOW },
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: 'CARD_MEDIA_NOT_A_LINK', slot: 'card.1.header' }),
    ]);
    const missing = validateRecipient(t, resolveValues(t, CAROUSEL_MAPPING, {}), CAROUSEL_MAPPING, {
      now: NOW,
    });
    expect(missing).toEqual([
      expect.objectContaining({ code: 'MEDIA_MISSING', message: 'No image is chosen for card 1.' }),
    ]);
    const file: Mapping = {
      ...CAROUSEL_MAPPING,
      'card.2.header': { kind: 'media', media: { type: 'file', path: '/tmp/2.jpg' } },
    };
    expect(mappingProblems(t, file, ['img1'])).toEqual([
      expect.stringContaining('card.2.header is a file on this computer'),
    ]);
  });

  it('flags carousels outside 2–10 cards and cards built unlike the first', () => {
    const one = structuredClone(CAROUSEL_RAW);
    one.components[1] = { type: 'CAROUSEL', cards: [one.components[1]!.cards![0]!] };
    expect(templateProblems(parsed(one))).toEqual([
      expect.stringContaining('has 1 cards; WhatsApp sends carousels of 2 to 10'),
    ]);
    const odd = structuredClone(CAROUSEL_RAW) as {
      components: { cards?: { components: { type: string; format?: string }[] }[] }[];
    };
    odd.components[1]!.cards![1]!.components[0]!.format = 'VIDEO';
    expect(templateProblems(parsed(odd))).toEqual([
      expect.stringContaining('Card 2 is not built like card 1'),
    ]);
  });
});

describe('templates a campaign cannot send', () => {
  it.each([
    ['one-time password', OTP_RAW, 'one-time password'],
    ['catalog', CATALOG_RAW, 'catalog'],
    ['multi-product', MPM_RAW, 'multi-product'],
  ])('parses a %s template and refuses every recipient with the reason', (_, raw, words) => {
    const t = parsed(raw);
    expect(campaignBlock(t)).toContain(words);
    const problems = validateRecipient(t, resolveValues(t, {}, {}), {}, { now: NOW });
    expect(problems.map((p) => p.code)).toContain('TEMPLATE_NOT_SENDABLE');
  });

  it('keeps the OTP button kind', () => {
    const t = parsed(OTP_RAW);
    expect(t.components[1]).toEqual({
      type: 'BUTTONS',
      buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }],
    });
  });

  it('parses a product card carousel and refuses it', () => {
    const raw = structuredClone(CAROUSEL_RAW) as {
      components: { cards?: { components: unknown[] }[] }[];
    };
    for (const c of raw.components[1]!.cards!)
      c.components = [
        { type: 'HEADER', format: 'PRODUCT' },
        { type: 'BUTTONS', buttons: [{ type: 'SPM', text: 'View' }] },
      ];
    const t = parsed(raw);
    expect(campaignBlock(t)).toContain('products from your WhatsApp catalog');
  });
});

describe('the preview of offers and cards', () => {
  it('renders the offer with its end and code, and every card with its values', () => {
    const t = parsed(LTO_RAW);
    const m = renderMessage(
      t,
      resolveValues(t, LTO_MAPPING, { name: 'Pablo', ends: '2026-12-09T12:00Z' }),
    );
    expect(m.offer).toEqual({
      text: 'Expiring offer!',
      hasExpiration: true,
      expiresAt: Date.parse('2026-12-09T12:00:00Z'),
    });
    expect(offerCountdown(m.offer!.expiresAt!, NOW)).toBe('Offer ends in 2 days');
    expect(m.buttons[0]).toMatchObject({ type: 'COPY_CODE', code: 'CARIBE25' });
    const unset = renderMessage(t, resolveValues(t, LTO_MAPPING, { name: 'Pablo' }));
    expect(unset.offer).toMatchObject({ missing: true });

    const c = parsed(CAROUSEL_RAW);
    const cards = renderMessage(c, resolveValues(c, CAROUSEL_MAPPING, {})).cards!;
    expect(cards).toHaveLength(2);
    expect(cards[0]!.header).toEqual({ type: 'media', format: 'IMAGE', missing: true });
    expect(cards[1]!.header).toMatchObject({ source: 'https://x.example/2.jpg' });
    expect(cards[1]!.body.map((s) => s.text).join('')).toBe('Use code 20OFF to get 20% off.');
    expect(cards[1]!.buttons[1]).toMatchObject({
      url: 'https://www.luckyshrub.com/shop?code=nate',
    });
  });

  it('counts down in days, then hours, then minutes', () => {
    expect(offerCountdown(NOW + 3_600_000 * 5, NOW)).toBe('Offer ends in 5 hours');
    expect(offerCountdown(NOW + 60_000, NOW)).toBe('Offer ends in 1 minute');
    expect(offerCountdown(NOW - 1, NOW)).toBe('Offer ended');
  });
});
