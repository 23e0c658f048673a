import { describe, expect, it } from 'vitest';
import {
  buildSendBody,
  resolveValues,
  SendBodyError,
  type BuildSendArgs,
  type Mapping,
  type SendComponent,
  type Template,
} from '../../../shared/domain/templates';
import { COUPON, ORDER_CONFIRMATION, withComponents } from './fixtures';

/** Builds a body for one recipient the way the app does: mapping → values → JSON. */
function send(
  t: Template,
  mapping: Mapping,
  fields: Record<string, string> = {},
  extra: Partial<BuildSendArgs> = {},
) {
  return buildSendBody(t, {
    to: '+16505551234',
    mapping,
    values: resolveValues(t, mapping, fields),
    ...extra,
  });
}

const components = (
  t: Template,
  mapping: Mapping,
  fields: Record<string, string> = {},
  extra: Partial<BuildSendArgs> = {},
): SendComponent[] => send(t, mapping, fields, extra).template.components ?? [];

describe('buildSendBody: cloud-api.md §1.4 full examples', () => {
  it('reproduces the NAMED order_confirmation example exactly', () => {
    const mapping: Mapping = {
      'body.first_name': { kind: 'column', column: 'First Name' },
      'body.order_number': { kind: 'column', column: 'Order' },
    };
    const body = send(ORDER_CONFIRMATION, mapping, {
      'First Name': 'Jessica',
      Order: 'SKBUP2-4CPIG9',
    });
    expect(body).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+16505551234',
      type: 'template',
      template: {
        name: 'order_confirmation',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'first_name', text: 'Jessica' },
              { type: 'text', parameter_name: 'order_number', text: 'SKBUP2-4CPIG9' },
            ],
          },
        ],
      },
    });
  });

  it('reproduces the media header + currency + date_time + two quick replies example exactly', () => {
    const t = withComponents([
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: 'Hi {{1}}, you paid {{2}} on {{3}}.' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Yes' },
          { type: 'QUICK_REPLY', text: 'No' },
        ],
      },
    ]);
    const named: Template = { ...t, name: 'template-name' };
    const mapping: Mapping = {
      'header.media': { kind: 'media', media: { type: 'link', url: 'https://example.com/a.jpg' } },
      'body.1': { kind: 'static', value: 'text-string' },
      'body.2': { kind: 'column', column: 'paid', as: { type: 'currency', code: 'USD' } },
      'body.3': { kind: 'column', column: 'date', as: { type: 'date_time' } },
    };
    const body = buildSendBody(named, {
      to: '16315555555',
      mapping,
      values: resolveValues(named, mapping, { paid: '$100.99', date: 'February 25, 1977' }),
      quickReplyPayloads: { 1: '9rwnB8RbYmPF5t2Mn09x4h', 0: 'aGlzIHRoaXMgaXMgY29v' },
    });
    expect(body).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16315555555',
      type: 'template',
      template: {
        name: 'template-name',
        language: { code: 'en_US' },
        components: [
          {
            type: 'header',
            parameters: [{ type: 'image', image: { link: 'https://example.com/a.jpg' } }],
          },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'text-string' },
              {
                type: 'currency',
                currency: { amount_1000: 100990, code: 'USD', fallback_value: '$100.99' },
              },
              { type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } },
            ],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'aGlzIHRoaXMgaXMgY29v' }],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '1',
            parameters: [{ type: 'payload', payload: '9rwnB8RbYmPF5t2Mn09x4h' }],
          },
        ],
      },
    });
  });
});

describe('buildSendBody: cloud-api.md §1.3 parameter objects', () => {
  const body1 = withComponents([{ type: 'BODY', text: 'Hello {{1}}' }]);
  const bodyNamed = withComponents([{ type: 'BODY', text: 'Hello {{first_name}}' }], {
    parameter_format: 'NAMED',
  });

  it('text, positional and named', () => {
    expect(
      components(body1, { 'body.1': { kind: 'column', column: 'n' } }, { n: 'Jessica' }),
    ).toStrictEqual([{ type: 'body', parameters: [{ type: 'text', text: 'Jessica' }] }]);
    expect(
      components(bodyNamed, { 'body.first_name': { kind: 'static', value: 'Jessica' } }),
    ).toStrictEqual([
      {
        type: 'body',
        parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Jessica' }],
      },
    ]);
  });

  it('currency and date_time', () => {
    expect(
      components(body1, {
        'body.1': { kind: 'static', value: '$100.99', as: { type: 'currency', code: 'USD' } },
      }),
    ).toStrictEqual([
      {
        type: 'body',
        parameters: [
          {
            type: 'currency',
            currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 },
          },
        ],
      },
    ]);
    expect(
      components(body1, {
        'body.1': { kind: 'static', value: 'February 25, 1977', as: { type: 'date_time' } },
      }),
    ).toStrictEqual([
      {
        type: 'body',
        parameters: [{ type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } }],
      },
    ]);
  });

  it('image by id, video by link, document by id with filename, location', () => {
    const header = (format: string) =>
      withComponents([
        { type: 'HEADER', format },
        { type: 'BODY', text: 'Hi' },
      ]);
    expect(
      components(
        header('IMAGE'),
        { 'header.media': { kind: 'media', media: { type: 'file', path: '/pics/a.jpg' } } },
        {},
        { media: { id: '<MEDIA_ID>' } },
      ),
    ).toStrictEqual([
      { type: 'header', parameters: [{ type: 'image', image: { id: '<MEDIA_ID>' } }] },
    ]);
    expect(
      components(header('VIDEO'), {
        'header.media': { kind: 'media', media: { type: 'link', url: 'https://...' } },
      }),
    ).toStrictEqual([
      { type: 'header', parameters: [{ type: 'video', video: { link: 'https://...' } }] },
    ]);
    expect(
      components(
        header('DOCUMENT'),
        {
          'header.media': {
            kind: 'media',
            media: { type: 'file', path: 'C:\\Users\\ana\\invoice.pdf' },
          },
        },
        {},
        { media: { id: '<MEDIA_ID>' } },
      ),
    ).toStrictEqual([
      {
        type: 'header',
        parameters: [{ type: 'document', document: { id: '<MEDIA_ID>', filename: 'invoice.pdf' } }],
      },
    ]);
    expect(
      components(header('LOCATION'), {
        'header.location': {
          kind: 'location',
          location: { latitude: '37.44', longitude: '-122.16', name: '...', address: '...' },
        },
      }),
    ).toStrictEqual([
      {
        type: 'header',
        parameters: [
          {
            type: 'location',
            location: { latitude: '37.44', longitude: '-122.16', name: '...', address: '...' },
          },
        ],
      },
    ]);
  });

  it('quick_reply, url and copy_code button components', () => {
    const t = withComponents([
      { type: 'BODY', text: 'Deals inside' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Stop promotions' },
          { type: 'URL', text: 'Open', url: 'https://shop.example/o/{{1}}' },
          { type: 'QUICK_REPLY', text: 'Later' },
        ],
      },
    ]);
    expect(
      components(
        t,
        { 'button.1': { kind: 'column', column: 'code' } },
        { code: 'n3mtql' },
        { quickReplyPayloads: { 0: 'UNSUB_PROMOS' } },
      ),
    ).toStrictEqual([
      {
        type: 'button',
        sub_type: 'quick_reply',
        index: '0',
        parameters: [{ type: 'payload', payload: 'UNSUB_PROMOS' }],
      },
      {
        type: 'button',
        sub_type: 'url',
        index: '1',
        parameters: [{ type: 'text', text: 'n3mtql' }],
      },
    ]);

    const coupon = withComponents([
      { type: 'BODY', text: 'Your code' },
      { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', text: 'Copy offer code' }] },
    ]);
    expect(components(coupon, { 'button.0': { kind: 'static', value: 'CARIBE25' } })).toStrictEqual(
      [
        {
          type: 'button',
          sub_type: 'copy_code',
          index: 0,
          parameters: [{ type: 'coupon_code', coupon_code: 'CARIBE25' }],
        },
      ],
    );
  });
});

describe('buildSendBody: other rules', () => {
  it('omits components when the template has no parameters, and adds biz_opaque_callback_data', () => {
    const t = withComponents([
      { type: 'BODY', text: 'Hello!' },
      { type: 'FOOTER', text: 'Shop' },
      { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go', url: 'https://x.example' }] },
    ]);
    expect(send(t, {}, {}, { bizOpaqueCallbackData: 'c1:r42' })).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+16505551234',
      type: 'template',
      template: { name: 'test_template', language: { code: 'en_US' } },
      biz_opaque_callback_data: 'c1:r42',
    });
  });

  it('puts parameter_name on header, body and URL button params of NAMED templates', () => {
    const t = withComponents(
      [
        { type: 'HEADER', format: 'TEXT', text: 'Hi {{first_name}}' },
        { type: 'BODY', text: '{{first_name}}, you owe {{total}}' },
        {
          type: 'BUTTONS',
          buttons: [{ type: 'URL', text: 'Pay', url: 'https://pay.example/{{invoice}}' }],
        },
      ],
      { parameter_format: 'NAMED' },
    );
    const mapping: Mapping = {
      'header.first_name': { kind: 'column', column: 'name' },
      'body.first_name': { kind: 'column', column: 'name' },
      'body.total': { kind: 'column', column: 'total', as: { type: 'currency', code: 'EUR' } },
      'button.0': { kind: 'column', column: 'inv' },
    };
    expect(
      components(t, mapping, { name: 'Ana', total: '1.234,50 €', inv: 'INV-7' }),
    ).toStrictEqual([
      { type: 'header', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ana' }] },
      {
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'first_name', text: 'Ana' },
          {
            type: 'currency',
            parameter_name: 'total',
            currency: { fallback_value: '1.234,50 €', code: 'EUR', amount_1000: 1234500 },
          },
        ],
      },
      {
        type: 'button',
        sub_type: 'url',
        index: '0',
        parameters: [{ type: 'text', parameter_name: 'invoice', text: 'INV-7' }],
      },
    ]);
  });

  it('sends positional body values in numeric order and uses fallbacks', () => {
    const mapping: Mapping = {
      'header.1': { kind: 'column', column: 'name', fallback: 'friend' },
      'body.2': { kind: 'static', value: '10' },
      'body.1': { kind: 'static', value: 'SUMMER20' },
    };
    expect(components(COUPON, mapping, { name: '  ' })).toStrictEqual([
      { type: 'header', parameters: [{ type: 'text', text: 'friend' }] },
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'SUMMER20' },
          { type: 'text', text: '10' },
        ],
      },
    ]);
  });

  it('refuses missing values, unreadable amounts, local files without an upload and bad payload buttons', () => {
    const t = withComponents([
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: '{{1}} {{2}}' },
      { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'x', url: 'https://x.example' }] },
    ]);
    const mapping: Mapping = {
      'header.media': { kind: 'media', media: { type: 'file', path: '/a.png' } },
      'body.1': { kind: 'column', column: 'name' },
      'body.2': { kind: 'static', value: '1,500', as: { type: 'currency', code: 'USD' } },
    };
    let error: unknown;
    try {
      send(t, mapping, {}, { quickReplyPayloads: { 0: 'X' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SendBodyError);
    expect((error as SendBodyError).problems).toEqual([
      'header.media is a file on this computer: upload it first and pass its media id.',
      'body.1 has no value.',
      'body.2: The amount "1,500" is ambiguous: it could be 1500 or 1.500. Write it without a thousands separator (1500) or with two decimals (1500.00).',
      'Button 1 is not a quick reply, so it cannot carry a payload.',
    ]);
  });
});
