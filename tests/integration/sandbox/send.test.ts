import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import {
  expectGraphError,
  get,
  orderConfirmation,
  PHONE_ID,
  postJson,
  send,
  springSale,
  withComponents,
} from './helpers';

describe('sandbox: POST messages', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox();
  });
  afterEach(() => sb.close());

  it("answers a valid send with Meta's success body and records it", async () => {
    const a = await send(
      sb,
      orderConfirmation('+16505551234', { biz_opaque_callback_data: 'campaign-7/row-42' }),
    );
    expect(a.status).toBe(200);
    expect(a.json).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+16505551234', wa_id: '16505551234' }],
      messages: [
        { id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/=]{20,}$/), message_status: 'accepted' },
      ],
    });
    const [m] = sb.state.messages();
    expect(m).toMatchObject({
      wamid: a.json.messages[0]!.id,
      to: '+16505551234',
      waId: '16505551234',
      bizOpaqueCallbackData: 'campaign-7/row-42',
      template: { name: 'order_confirmation', language: 'en_US', category: 'utility' },
    });
    expect(sb.stats()).toMatchObject({
      accepted: 1,
      acceptedByRecipient: { '+16505551234': 1 },
      rejected: {},
    });
  });

  it('mints a unique wamid per message and accepts the phone formats Meta accepts', async () => {
    const inputs = ['+44 7700 900123', '447700900123', '+1 (650) 555-1234'];
    const answers = await Promise.all(inputs.map((to) => send(sb, springSale(to))));
    expect(answers.map((a) => a.json.contacts[0])).toEqual([
      { input: '+44 7700 900123', wa_id: '447700900123' },
      { input: '447700900123', wa_id: '447700900123' },
      { input: '+1 (650) 555-1234', wa_id: '16505551234' },
    ]);
    expect(new Set(answers.map((a) => a.json.messages[0]!.id)).size).toBe(3);
    expect(sb.stats().acceptedByRecipient).toEqual({ '+447700900123': 2, '+16505551234': 1 });
  });

  it('accepts templates without parameters, media/copy-code parameters and the second language', async () => {
    const hello = {
      messaging_product: 'whatsapp',
      to: '+16505551234',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    };
    expect((await send(sb, hello)).status).toBe(200);
    const es = springSale('+34600000001', ['María', '20%']);
    expect(
      (await send(sb, { ...es, template: { ...es.template, language: { code: 'es' } } })).status,
    ).toBe(200);
    const code = {
      ...hello,
      template: {
        name: 'welcome_offer_code',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              {
                type: 'currency',
                currency: { fallback_value: '$5', code: 'USD', amount_1000: 5000 },
              },
            ],
          },
          {
            type: 'button',
            sub_type: 'copy_code',
            index: 0,
            parameters: [{ type: 'coupon_code', coupon_code: 'WELCOME15' }],
          },
        ],
      },
    };
    expect((await send(sb, code)).status).toBe(200);
    const photo = {
      ...hello,
      template: {
        name: 'new_arrivals_photo',
        language: { code: 'en_US' },
        components: [
          {
            type: 'header',
            parameters: [{ type: 'image', image: { link: 'https://example.com/a.jpg' } }],
          },
          { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
        ],
      },
    };
    expect((await send(sb, photo)).status).toBe(200);
    expect(sb.stats().accepted).toBe(4);
  });

  describe("rejects with Meta's envelope", () => {
    const base = springSale('+16505551234');
    const cases: [string, () => Promise<Parameters<typeof expectGraphError>[0]>, number, number][] =
      [
        ['no token', () => send(sb, base, null), 190, 401],
        ['a wrong token', () => send(sb, base, 'not-the-token'), 190, 401],
        ['an unknown phone number id', () => postJson(sb, '/v23.0/999/messages', base), 100, 400],
        ['a body that is not JSON', () => send(sb, '{"messaging_product":'), 100, 400],
        [
          'a missing messaging_product',
          () => send(sb, { ...base, messaging_product: undefined }),
          100,
          400,
        ],
        ['a missing to', () => send(sb, { ...base, to: undefined }), 131008, 400],
        ['a to that is not a phone number', () => send(sb, { ...base, to: 'hello' }), 131009, 400],
        [
          // Free-form messages only within 24 h of the customer's last message (issue 19).
          'a text message to a customer who never wrote',
          () =>
            send(sb, {
              messaging_product: 'whatsapp',
              to: '+16505551234',
              type: 'text',
              text: { body: 'hi' },
            }),
          131047,
          400,
        ],
        [
          'a message type the sandbox does not simulate',
          () =>
            send(sb, {
              messaging_product: 'whatsapp',
              to: '+16505551234',
              type: 'location',
              location: { latitude: 0, longitude: 0 },
            }),
          131051,
          400,
        ],
        [
          'an unknown template',
          () => send(sb, { ...base, template: { ...base.template, name: 'nope' } }),
          132001,
          400,
        ],
        [
          'the wrong language',
          () => send(sb, { ...base, template: { ...base.template, language: { code: 'en' } } }),
          132001,
          400,
        ],
        [
          'a PENDING template',
          () =>
            send(sb, {
              ...base,
              template: { name: 'loyalty_welcome', language: { code: 'en_US' } },
            }),
          132001,
          400,
        ],
        [
          'a PAUSED template',
          () =>
            send(
              sb,
              withComponents(
                { ...base, template: { ...base.template, name: 'winter_clearance' } },
                [{ type: 'body', parameters: [{ type: 'text', text: 'A' }] }],
              ),
            ),
          132015,
          400,
        ],
        [
          'a DISABLED template',
          () =>
            send(
              sb,
              withComponents(
                { ...base, template: { ...base.template, name: 'black_friday_2024' } },
                [{ type: 'body', parameters: [{ type: 'text', text: 'A' }] }],
              ),
            ),
          132016,
          400,
        ],
        ['too few body values', () => send(sb, springSale('+16505551234', ['Maria'])), 132000, 400],
        [
          'too many body values',
          () => send(sb, springSale('+16505551234', ['Maria', '20%', 'x'])),
          132000,
          400,
        ],
        [
          'a missing dynamic URL value',
          () => send(sb, withComponents(base, [base.template.components[0]])),
          132000,
          400,
        ],
        [
          'a URL value for a quick reply button',
          () =>
            send(
              sb,
              withComponents(base, [
                base.template.components[0],
                {
                  type: 'button',
                  sub_type: 'url',
                  index: '1',
                  parameters: [{ type: 'text', text: 'x' }],
                },
              ]),
            ),
          132012,
          400,
        ],
        [
          'parameter_name on a positional template',
          () =>
            send(
              sb,
              withComponents(base, [
                {
                  type: 'body',
                  parameters: [
                    { type: 'text', parameter_name: 'a', text: 'A' },
                    { type: 'text', text: 'B' },
                  ],
                },
                base.template.components[1],
              ]),
            ),
          132012,
          400,
        ],
        [
          'an image for a text body value',
          () =>
            send(
              sb,
              withComponents(base, [
                {
                  type: 'body',
                  parameters: [
                    { type: 'image', image: { link: 'https://x.y/a.jpg' } },
                    { type: 'text', text: 'B' },
                  ],
                },
                base.template.components[1],
              ]),
            ),
          132012,
          400,
        ],
        [
          'a body over 1024 characters once filled in',
          () => send(sb, springSale('+16505551234', ['x'.repeat(1000), '20%'])),
          132005,
          400,
        ],
        ['the pair-rate test number', () => send(sb, springSale('+12025550108')), 131056, 429],
        [
          'the synchronous not-on-WhatsApp test number',
          () => send(sb, springSale('+12025550107')),
          131026,
          400,
        ],
      ];
    it.each(cases)('%s', async (_label, call, code, status) => {
      expectGraphError(await call(), code, status);
      expect(sb.stats().accepted).toBe(0);
      expect(sb.stats().rejected).toEqual({ [code]: 1 });
    });
  });

  it('checks NAMED templates by name: positional values are 132012, unknown or missing names 132000', async () => {
    const named = orderConfirmation('+16505551234');
    const positional = withComponents(named, [
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'Jessica' },
          { type: 'text', text: 'X' },
        ],
      },
    ]);
    expectGraphError(await send(sb, positional), 132012, 400);
    const unknown = withComponents(named, [
      {
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'first_name', text: 'J' },
          { type: 'text', parameter_name: 'order_id', text: 'X' },
        ],
      },
    ]);
    expectGraphError(await send(sb, unknown), 132000, 400);
    const missing = withComponents(named, [
      { type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'J' }] },
    ]);
    expectGraphError(await send(sb, missing), 132000, 400);
    // Order does not matter for named parameters.
    const reversed = withComponents(named, [
      {
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'order_number', text: 'X' },
          { type: 'text', parameter_name: 'first_name', text: 'J' },
        ],
      },
    ]);
    expect((await send(sb, reversed)).status).toBe(200);
  });

  it('requires the media header of a media template, in the right format', async () => {
    const photo = (header: unknown[] | undefined) => ({
      messaging_product: 'whatsapp',
      to: '+16505551234',
      type: 'template',
      template: {
        name: 'new_arrivals_photo',
        language: { code: 'en_US' },
        components: [
          ...(header ? [{ type: 'header', parameters: header }] : []),
          { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
        ],
      },
    });
    expectGraphError(await send(sb, photo(undefined)), 132012, 400);
    expectGraphError(
      await send(sb, photo([{ type: 'document', document: { link: 'https://x.y/a.pdf' } }])),
      132012,
      400,
    );
    expectGraphError(await send(sb, photo([{ type: 'image', image: { id: '123' } }])), 131053, 400);
  });

  it('answers the phone number node, the connection check, and refuses a wrong id or token', async () => {
    const a = await get<Record<string, unknown>>(
      sb,
      `/v23.0/${PHONE_ID}?fields=id,display_phone_number,verified_name,quality_rating,throughput`,
    );
    expect(a).toEqual({
      status: 200,
      json: {
        id: PHONE_ID,
        display_phone_number: '+1 555-000-0000',
        verified_name: expect.any(String),
        quality_rating: 'GREEN',
        throughput: { level: 'STANDARD' },
      },
    });
    expectGraphError(await get(sb, '/v23.0/123'), 100, 400);
    expectGraphError(await get(sb, `/v23.0/${PHONE_ID}`, 'wrong'), 190, 401);
    expectGraphError(await postJson(sb, `/v23.0/${PHONE_ID}`, {}), 100, 400);
  });

  it('answers unknown paths with 404 and a Graph error', async () => {
    const a = await postJson(sb, `/v23.0/${PHONE_ID}/nothing_here`, {});
    expectGraphError(a, 100, 404);
    const b = await postJson(sb, '/not-a-version/x/messages', {});
    expectGraphError(b, 100, 404);
  });
});
