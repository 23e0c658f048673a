import { describe, expect, it } from 'vitest';
import {
  distinctVariables,
  findPlaceholders,
  templateProblems,
  templateSlots,
} from '../../../shared/domain/templates';
import { COUPON, ORDER_CONFIRMATION, withComponents } from './fixtures';

describe('placeholders', () => {
  it('finds positional, named and invalid placeholders, tolerating spaces inside braces', () => {
    expect(
      findPlaceholders('Hi {{1}}, {{ first_name }} and {{First Name}} {{0}}').map((p) => [
        p.name,
        p.kind,
        p.raw,
      ]),
    ).toEqual([
      ['1', 'positional', '{{1}}'],
      ['first_name', 'named', '{{ first_name }}'],
      ['First Name', 'invalid', '{{First Name}}'],
      ['0', 'invalid', '{{0}}'],
    ]);
    expect(findPlaceholders('a {{ 12 }} b')[0]).toEqual({
      raw: '{{ 12 }}',
      name: '12',
      kind: 'positional',
      start: 2,
      end: 10,
    });
  });

  it('lists distinct variables: numbers ascending, names by first appearance', () => {
    expect(distinctVariables('{{2}} {{1}} {{10}} {{2}}')).toEqual(['1', '2', '10']);
    expect(distinctVariables('{{order_id}} {{name2}} {{order_id}}')).toEqual(['order_id', 'name2']);
    expect(distinctVariables('no variables {single} {{}}')).toEqual([]);
  });
});

describe('templateSlots', () => {
  it("finds the header, body and examples of Meta's positional example (§6.1), skipping static buttons", () => {
    expect(templateSlots(COUPON)).toEqual([
      { key: 'header.1', component: 'header', kind: 'text', name: '1', example: 'Pablo' },
      { key: 'body.1', component: 'body', kind: 'text', name: '1', example: 'SUMMER20' },
      { key: 'body.2', component: 'body', kind: 'text', name: '2', example: '10' },
    ]);
  });

  it('deduplicates a named variable used twice and takes named examples', () => {
    expect(templateSlots(ORDER_CONFIRMATION)).toEqual([
      {
        key: 'body.first_name',
        component: 'body',
        kind: 'text',
        name: 'first_name',
        example: 'Pablo',
      },
      {
        key: 'body.order_number',
        component: 'body',
        kind: 'text',
        name: 'order_number',
        example: '860198-230332',
      },
    ]);
  });

  it('orders positional body slots by number, whatever their order in the text', () => {
    const t = withComponents([
      {
        type: 'BODY',
        text: 'Order {{2}} for {{ 1 }} ({{2}})',
        example: { body_text: [['Ana', 'A-17']] },
      },
    ]);
    expect(templateSlots(t).map((s) => [s.key, s.example])).toEqual([
      ['body.1', 'Ana'],
      ['body.2', 'A-17'],
    ]);
  });

  it('gives a media header one media slot and a location header one location slot', () => {
    const image = withComponents([
      {
        type: 'HEADER',
        format: 'IMAGE',
        example: { header_handle: ['https://scontent.whatsapp.net/a.jpg'] },
      },
      { type: 'BODY', text: 'New in!' },
    ]);
    expect(templateSlots(image)).toEqual([
      {
        key: 'header.media',
        component: 'header',
        kind: 'media',
        name: 'media',
        mediaFormat: 'IMAGE',
        example: 'https://scontent.whatsapp.net/a.jpg',
      },
    ]);
    const doc = withComponents([
      { type: 'HEADER', format: 'DOCUMENT' },
      { type: 'BODY', text: 'Invoice' },
    ]);
    expect(templateSlots(doc)).toEqual([
      {
        key: 'header.media',
        component: 'header',
        kind: 'media',
        name: 'media',
        mediaFormat: 'DOCUMENT',
      },
    ]);
    const place = withComponents([
      { type: 'HEADER', format: 'LOCATION' },
      { type: 'BODY', text: 'Visit us' },
    ]);
    expect(templateSlots(place)).toEqual([
      { key: 'header.location', component: 'header', kind: 'location', name: 'location' },
    ]);
  });

  it('names a named header slot by its variable and takes its example', () => {
    const t = withComponents(
      [
        {
          type: 'HEADER',
          format: 'TEXT',
          text: 'Hi {{first_name}}',
          example: { header_text_named_params: [{ param_name: 'first_name', example: 'Jo' }] },
        },
        { type: 'BODY', text: 'x' },
      ],
      { parameter_format: 'NAMED' },
    );
    expect(templateSlots(t)).toEqual([
      {
        key: 'header.first_name',
        component: 'header',
        kind: 'text',
        name: 'first_name',
        example: 'Jo',
      },
    ]);
  });

  it('gives dynamic URL and COPY_CODE buttons a slot keyed by their index, and nothing to static buttons', () => {
    const t = withComponents([
      { type: 'BODY', text: 'Your parcel is on its way.' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Stop' },
          {
            type: 'URL',
            text: 'Track',
            url: 'https://shop.example/track/{{1}}',
            example: ['https://shop.example/track/n3mtql'],
          },
          { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550001111' },
          { type: 'URL', text: 'Shop', url: 'https://shop.example' },
          { type: 'COPY_CODE', text: 'Copy offer code', example: 'CARIBE25' },
        ],
      },
    ]);
    expect(templateSlots(t)).toEqual([
      {
        key: 'button.1',
        component: 'button',
        kind: 'url_suffix',
        name: '1',
        buttonIndex: 1,
        example: 'n3mtql',
      },
      {
        key: 'button.4',
        component: 'button',
        kind: 'coupon_code',
        name: 'coupon_code',
        buttonIndex: 4,
        example: 'CARIBE25',
      },
    ]);
  });
});

describe('templateProblems', () => {
  it('finds nothing wrong with well-formed templates', () => {
    expect(templateProblems(COUPON)).toEqual([]);
    expect(templateProblems(ORDER_CONFIRMATION)).toEqual([]);
  });

  it('reports gaps in positional numbering', () => {
    const t = withComponents([{ type: 'BODY', text: 'Hi {{1}}, see {{3}}' }]);
    expect(templateProblems(t)).toEqual([
      "The body's variables should be numbered {{1}} to {{2}} without gaps; it has {{1}}, {{3}}.",
    ]);
  });

  it('reports mixing named and numbered variables', () => {
    const positional = withComponents([{ type: 'BODY', text: 'Hi {{1}}, your code is {{code}}' }]);
    expect(templateProblems(positional)).toEqual([
      'The template uses numbered variables, but the body has named ones ({{code}}).',
    ]);
    const named = withComponents([{ type: 'BODY', text: 'Hi {{first_name}} {{1}}' }], {
      parameter_format: 'NAMED',
    });
    expect(templateProblems(named)).toEqual([
      'The template uses named variables, but the body has numbered ones ({{1}}).',
    ]);
  });

  it('reports invalid placeholders, header, footer, URL and button-type problems', () => {
    const t = withComponents([
      { type: 'HEADER', format: 'TEXT', text: '{{1}} and {{2}}' },
      { type: 'BODY', text: 'Dear {{Customer Name}}' },
      { type: 'FOOTER', text: 'Bye {{1}}' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'URL', text: 'Go', url: 'https://x.example/{{1}}/page' },
          { type: 'TELEPORT', text: 'Beam' },
        ],
      },
    ]);
    expect(templateProblems(t)).toEqual([
      'A text header can have at most one variable; this one has 2.',
      'The body contains "{{Customer Name}}", which is not a valid variable: use {{1}}, {{2}}… or lowercase names such as {{first_name}}.',
      'The footer cannot have variables.',
      'The URL of button 1 ("Go") must have at most one variable, at its very end.',
      'The button 2 ("Beam") has the type "TELEPORT", which Campaign Desk does not know; it is shown but cannot be filled in.',
    ]);
  });
});
