import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_TEMPLATES, startSandbox, type Sandbox } from '../../../electron/sandbox';
import {
  buildSendBody,
  resolveValues,
  type Mapping,
  type Template,
} from '../../../shared/domain/templates';
import { expectGraphError, send } from './helpers';

/**
 * The sandbox's limited-time offer and carousel templates: bodies the app builds are accepted,
 * and the mistakes Meta's pages describe are refused with Meta's error envelope and codes.
 */

const TO = '+447700900123';
const FUTURE = '2099-12-24T18:00:00Z';
const by = (name: string): Template => SANDBOX_TEMPLATES.find((t) => t.name === name)!;

const LTO_MAPPING: Mapping = {
  'header.media': { kind: 'media', media: { type: 'link', url: 'https://x.example/flash.jpg' } },
  'body.1': { kind: 'static', value: 'Maria' },
  'offer.expiry': { kind: 'static', value: FUTURE },
  'button.0': { kind: 'static', value: 'FLASH25' },
  'button.1': { kind: 'static', value: 'FLASH25' },
};

const carouselMapping = (cards: number): Mapping => {
  const m: Mapping = { 'body.1': { kind: 'static', value: 'Maria' } };
  for (let n = 1; n <= cards; n++) {
    m[`card.${n}.header`] = { kind: 'static', value: `https://x.example/${n}.jpg` };
    m[`card.${n}.body.1`] = { kind: 'static', value: '20%' };
    m[`card.${n}.button.1`] = { kind: 'static', value: `plant-${n}` };
  }
  return m;
};

const body = (t: Template, mapping: Mapping) =>
  buildSendBody(t, { to: TO, mapping, values: resolveValues(t, mapping, {}) }) as unknown as {
    template: { components: Record<string, unknown>[] };
  };

describe('sandbox: limited-time offer and carousel sends', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox();
  });
  afterEach(() => sb.close());

  it('serves both templates among its approved ones', () => {
    expect(by('flash_sale_offer')).toMatchObject({ status: 'APPROVED', category: 'MARKETING' });
    expect(by('spring_carousel').components.find((c) => c.type === 'CAROUSEL')).toMatchObject({
      cards: [{}, {}, {}],
    });
  });

  it('accepts the LTO body the app builds, and refuses a missing expiry or a long code', async () => {
    const t = by('flash_sale_offer');
    expect((await send(sb, body(t, LTO_MAPPING))).status).toBe(200);

    const noExpiry = body(t, LTO_MAPPING);
    noExpiry.template.components = noExpiry.template.components.filter(
      (c) => c.type !== 'limited_time_offer',
    );
    expectGraphError(await send(sb, noExpiry), 131008, 400);

    const badExpiry = body(t, LTO_MAPPING);
    const lto = badExpiry.template.components.find((c) => c.type === 'limited_time_offer')!;
    lto.parameters = [
      { type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: 'soon' } },
    ];
    expectGraphError(await send(sb, badExpiry), 132012, 400);

    const longCode = body(t, {
      ...LTO_MAPPING,
      'button.0': { kind: 'static', value: 'FLASH25FLASH25XY' },
    });
    expectGraphError(await send(sb, longCode), 131009, 400);
  });

  it('accepts the carousel body the app builds, and refuses wrong card counts and indexes', async () => {
    const t = by('spring_carousel');
    const ok = await send(sb, body(t, carouselMapping(3)));
    expect(ok.status).toBe(200);

    const two = body(t, carouselMapping(3));
    const carousel = two.template.components.find((c) => c.type === 'carousel') as {
      cards: { card_index: number; components: Record<string, unknown>[] }[];
    };
    carousel.cards.pop();
    expectGraphError(await send(sb, two), 132000, 400);

    const twice = body(t, carouselMapping(3));
    const cards = (twice.template.components.find((c) => c.type === 'carousel') as typeof carousel)
      .cards;
    cards[2]!.card_index = 0;
    expectGraphError(await send(sb, twice), 132000, 400);

    const noHeader = body(t, carouselMapping(3));
    const first = (
      noHeader.template.components.find((c) => c.type === 'carousel') as typeof carousel
    ).cards[0]!;
    first.components = first.components.filter((c) => c.type !== 'header');
    expectGraphError(await send(sb, noHeader), 132012, 400);

    const noCarousel = body(t, carouselMapping(3));
    noCarousel.template.components = noCarousel.template.components.filter(
      (c) => c.type !== 'carousel',
    );
    expectGraphError(await send(sb, noCarousel), 131008, 400);
  });

  it('refuses an offer or a carousel sent to a template without one', async () => {
    const t = by('spring_carousel');
    const extra = body(t, carouselMapping(3));
    extra.template.components.push({
      type: 'limited_time_offer',
      parameters: [
        { type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: 4102444800000 } },
      ],
    });
    expectGraphError(await send(sb, extra), 132000, 400);
  });
});

// js-yaml ships no types (it comes with eslint's dependencies); only `load` is used.
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };
const SPEC = [join('..', 'shared'), join('..', '..', 'shared')]
  .map((d) => join(process.cwd(), d, 'meta-openapi-v23.yaml'))
  .find((p) => existsSync(p));

describe.skipIf(!SPEC)("LTO and carousel answers against Meta's OpenAPI schemas", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox();
  });
  afterEach(() => sb.close());

  it('answers with a MessageResponsePayload or an ErrorResponse', async () => {
    const doc = load(readFileSync(SPEC!, 'utf8')) as { components: object };
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'meta', components: doc.components });
    const schema = (name: string) => ajv.getSchema(`meta#/components/schemas/${name}`)!;
    const ok = await send(sb, body(by('spring_carousel'), carouselMapping(3)));
    expect(schema('MessageResponsePayload')(ok.json)).toBe(true);
    const wrong = body(by('spring_carousel'), carouselMapping(3));
    wrong.template.components.pop();
    const refused = await send(sb, wrong);
    expect(refused.status).toBe(400);
    expect(schema('ErrorResponse')(refused.json)).toBe(true);
  });
});
