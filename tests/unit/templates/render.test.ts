import { describe, expect, it } from 'vitest';
import { renderMessage, resolveValues, type ResolvedValue } from '../../../shared/domain/templates';
import { COUPON, ORDER_CONFIRMATION, withComponents } from './fixtures';

const val = (value: string): ResolvedValue => ({ value, missing: false, source: 'static' });

describe('renderMessage', () => {
  it('substitutes values and marks them, keeping footer and buttons', () => {
    const m = renderMessage(COUPON, {
      'header.1': val('Ana'),
      'body.1': val('SUMMER20'),
      'body.2': val('10'),
    });
    expect(m.header).toEqual({
      type: 'text',
      segments: [{ text: 'Act fast, ' }, { text: 'Ana', slot: 'header.1' }, { text: '!' }],
    });
    expect(m.headerText).toBe('Act fast, Ana!');
    expect(m.body).toEqual([
      { text: 'Just a quick reminder—your exclusive coupon code, ' },
      { text: 'SUMMER20', slot: 'body.1' },
      { text: ', *expires in only ' },
      { text: '10', slot: 'body.2' },
      { text: ' days!* ...' },
    ]);
    expect(m.bodyText).toBe(
      'Just a quick reminder—your exclusive coupon code, SUMMER20, *expires in only 10 days!* ...',
    );
    expect(m.footer).toBe('Lucky Shrub Succulents');
    expect(m.buttons).toEqual([
      { type: 'URL', text: 'See deals', url: 'https://www.luckyshrub.com/deals' },
      { type: 'QUICK_REPLY', text: 'Unsubscribe' },
    ]);
  });

  it('keeps bold across a variable in the formatted body', () => {
    const m = renderMessage(COUPON, { 'body.1': val('SUMMER20'), 'body.2': val('10') });
    expect(m.bodyFormatted).toEqual([
      { type: 'text', text: 'Just a quick reminder—your exclusive coupon code, ' },
      { type: 'text', text: 'SUMMER20', slot: 'body.1' },
      { type: 'text', text: ', ' },
      {
        type: 'bold',
        children: [
          { type: 'text', text: 'expires in only ' },
          { type: 'text', text: '10', slot: 'body.2' },
          { type: 'text', text: ' days!' },
        ],
      },
      { type: 'text', text: ' ...' },
    ]);
  });

  it('shows missing values as their placeholder, marked missing', () => {
    const m = renderMessage(COUPON, { 'body.1': { value: '', missing: true, source: 'column' } });
    expect(m.header).toEqual({
      type: 'text',
      segments: [
        { text: 'Act fast, ' },
        { text: '{{1}}', slot: 'header.1', missing: true },
        { text: '!' },
      ],
    });
    expect(m.bodyText).toBe(
      'Just a quick reminder—your exclusive coupon code, {{1}}, *expires in only {{2}} days!* ...',
    );
    expect(m.body.filter((s) => s.missing).map((s) => s.slot)).toEqual(['body.1', 'body.2']);
  });

  it('renders a named variable used twice with the same value', () => {
    const values = resolveValues(
      ORDER_CONFIRMATION,
      {
        'body.first_name': { kind: 'column', column: 'name' },
        'body.order_number': { kind: 'column', column: 'order' },
      },
      { name: 'Jessica', order: 'SKBUP2-4CPIG9' },
    );
    expect(renderMessage(ORDER_CONFIRMATION, values).bodyText).toBe(
      'Thank you, Jessica! Your order SKBUP2-4CPIG9 is confirmed. We will message Jessica again when it ships.',
    );
  });

  it('shows a dynamic URL with its suffix, a media header and a coupon code', () => {
    const t = withComponents([
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: 'Your parcel' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'URL', text: 'Track', url: 'https://shop.example/track/{{1}}' },
          { type: 'PHONE_NUMBER', text: 'Call', phone_number: '+15550001111' },
          { type: 'COPY_CODE', text: 'Copy offer code' },
        ],
      },
    ]);
    const filled = renderMessage(t, {
      'header.media': val('https://x.example/a.jpg'),
      'button.0': val('n3mtql'),
      'button.2': val('CARIBE25'),
    });
    expect(filled.header).toEqual({
      type: 'media',
      format: 'IMAGE',
      source: 'https://x.example/a.jpg',
    });
    expect(filled.buttons).toEqual([
      { type: 'URL', text: 'Track', url: 'https://shop.example/track/n3mtql', slot: 'button.0' },
      { type: 'PHONE_NUMBER', text: 'Call', phoneNumber: '+15550001111' },
      { type: 'COPY_CODE', text: 'Copy offer code', code: 'CARIBE25', slot: 'button.2' },
    ]);
    const empty = renderMessage(t, {});
    expect(empty.header).toEqual({ type: 'media', format: 'IMAGE', missing: true });
    expect(empty.buttons[0]).toEqual({
      type: 'URL',
      text: 'Track',
      url: 'https://shop.example/track/{{1}}',
      slot: 'button.0',
      missing: true,
    });
    expect(empty.buttons[2]).toEqual({
      type: 'COPY_CODE',
      text: 'Copy offer code',
      slot: 'button.2',
      missing: true,
    });
  });
});
