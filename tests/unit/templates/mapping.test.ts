import { describe, expect, it } from 'vitest';
import {
  formatMappingExpression,
  MappingExpressionError,
  mappingProblems,
  parseAmount,
  parseMappingExpression,
  resolveValues,
  type Mapping,
  type MappingSource,
} from '../../../shared/domain/templates';
import { COUPON, withComponents } from './fixtures';

describe('mapping expressions', () => {
  it('reads columns, fallbacks, static text and the @@ escape', () => {
    expect(parseMappingExpression('@{first_name}')).toEqual({
      kind: 'column',
      column: 'first_name',
    });
    expect(parseMappingExpression('@{ First Name }')).toEqual({
      kind: 'column',
      column: 'First Name',
    });
    expect(parseMappingExpression('@{order|your order}')).toEqual({
      kind: 'column',
      column: 'order',
      fallback: 'your order',
    });
    expect(parseMappingExpression('@{order|a|b}')).toEqual({
      kind: 'column',
      column: 'order',
      fallback: 'a|b',
    });
    expect(parseMappingExpression('SUMMER20')).toEqual({ kind: 'static', value: 'SUMMER20' });
    expect(parseMappingExpression('@shop')).toEqual({ kind: 'static', value: '@shop' });
    expect(parseMappingExpression('@@{not a column}')).toEqual({
      kind: 'static',
      value: '@{not a column}',
    });
    expect(parseMappingExpression('')).toEqual({ kind: 'static', value: '' });
  });

  it('reads media links, files and places for those slots', () => {
    expect(parseMappingExpression('https://example.com/a.jpg', 'media')).toEqual({
      kind: 'media',
      media: { type: 'link', url: 'https://example.com/a.jpg' },
    });
    expect(parseMappingExpression('C:\\promo\\flyer.pdf', 'media')).toEqual({
      kind: 'media',
      media: { type: 'file', path: 'C:\\promo\\flyer.pdf' },
    });
    expect(parseMappingExpression('37.44,-122.16|Shop|1 Main St', 'location')).toEqual({
      kind: 'location',
      location: { latitude: '37.44', longitude: '-122.16', name: 'Shop', address: '1 Main St' },
    });
    expect(() => parseMappingExpression('somewhere', 'location')).toThrow(MappingExpressionError);
  });

  it('refuses a column reference that is not closed or empty', () => {
    expect(() => parseMappingExpression('@{first_name')).toThrow(/does not end with "}"/);
    expect(() => parseMappingExpression('@{ |x}')).toThrow(/names no column/);
  });

  it('formats back to an expression that parses to the same source', () => {
    const sources: [MappingSource, string][] = [
      [{ kind: 'column', column: 'first_name' }, '@{first_name}'],
      [{ kind: 'column', column: 'order', fallback: 'your order' }, '@{order|your order}'],
      [{ kind: 'static', value: 'Hello' }, 'Hello'],
      [{ kind: 'static', value: '@{x}' }, '@@{x}'],
      [{ kind: 'static', value: '@shop' }, '@@shop'],
    ];
    for (const [src, expr] of sources) {
      expect(formatMappingExpression(src)).toBe(expr);
      expect(parseMappingExpression(expr)).toEqual(src);
    }
    const place: MappingSource = {
      kind: 'location',
      location: { latitude: '1', longitude: '2', address: 'Main St' },
    };
    expect(formatMappingExpression(place)).toBe('1,2||Main St');
    expect(parseMappingExpression('1,2||Main St', 'location')).toEqual(place);
  });
});

describe('resolveValues', () => {
  const mapping: Mapping = {
    'header.1': { kind: 'column', column: 'first_name', fallback: 'friend' },
    'body.1': { kind: 'static', value: 'SUMMER20' },
    'body.2': { kind: 'column', column: 'days' },
  };

  it('takes cells, trims them, and uses the fallback for empty or whitespace-only cells', () => {
    expect(resolveValues(COUPON, mapping, { first_name: '  Ana ', days: '10' })).toEqual({
      'header.1': { value: 'Ana', missing: false, source: 'column' },
      'body.1': { value: 'SUMMER20', missing: false, source: 'static' },
      'body.2': { value: '10', missing: false, source: 'column' },
    });
    expect(resolveValues(COUPON, mapping, { first_name: ' \t ', days: '' })).toEqual({
      'header.1': { value: 'friend', missing: false, source: 'fallback' },
      'body.1': { value: 'SUMMER20', missing: false, source: 'static' },
      'body.2': { value: '', missing: true, source: 'column' },
    });
  });

  it('marks unmapped slots and absent columns as missing', () => {
    expect(
      resolveValues(
        COUPON,
        { 'body.1': { kind: 'column', column: 'nope' } },
        { first_name: 'Ana' },
      ),
    ).toEqual({
      'header.1': { value: '', missing: true, source: 'unmapped' },
      'body.1': { value: '', missing: true, source: 'column' },
      'body.2': { value: '', missing: true, source: 'unmapped' },
    });
  });

  it('resolves media to its link or path', () => {
    const t = withComponents([
      { type: 'HEADER', format: 'VIDEO' },
      { type: 'BODY', text: 'x' },
    ]);
    expect(
      resolveValues(
        t,
        { 'header.media': { kind: 'media', media: { type: 'file', path: '/v/promo.mp4' } } },
        {},
      ),
    ).toEqual({
      'header.media': { value: '/v/promo.mp4', missing: false, source: 'media' },
    });
  });
});

describe('mappingProblems', () => {
  it('accepts a complete mapping', () => {
    expect(
      mappingProblems(
        COUPON,
        {
          ...{ 'header.1': { kind: 'column', column: 'first_name' } },
          'body.1': { kind: 'static', value: 'X' },
          'body.2': { kind: 'static', value: '3' },
        },
        ['first_name'],
      ),
    ).toEqual([]);
  });

  it('reports unassigned slots, absent columns and leftovers', () => {
    const problems = mappingProblems(
      COUPON,
      {
        'body.1': { kind: 'column', column: 'first_name' },
        'body.9': { kind: 'static', value: 'x' },
      },
      ['First Name', 'phone'],
    );
    expect(problems).toEqual([
      'header.1 has no value assigned.',
      'body.1 is mapped to the column "first_name", which this audience does not have.',
      'body.2 has no value assigned.',
      'body.9 is not a variable of this template.',
    ]);
  });

  it('reports wrong kinds of value, bad currency codes and ambiguous fixed amounts', () => {
    const t = withComponents([
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: 'Pay {{1}} by {{2}}' },
    ]);
    expect(
      mappingProblems(
        t,
        {
          'header.media': { kind: 'media', media: { type: 'file', path: '/tmp/offer.pdf' } },
          'body.1': { kind: 'static', value: '1,234', as: { type: 'currency', code: 'usd' } },
          'body.2': { kind: 'media', media: { type: 'link', url: 'https://x.example/a.jpg' } },
        },
        [],
      ),
    ).toEqual([
      'header.media needs an image (jpg, jpeg, png), but the chosen file is a .pdf.',
      'body.1 is sent as an amount, but "usd" is not a currency code such as USD or EUR.',
      'body.1: The amount "1,234" is ambiguous: it could be 1234 or 1.234. Write it without a thousands separator (1234) or with two decimals (1234.00).',
      'body.2 needs text, not a file.',
    ]);
    expect(
      mappingProblems(
        t,
        {
          'header.media': { kind: 'static', value: 'a.jpg' },
          'body.1': { kind: 'static', value: 'x' },
          'body.2': { kind: 'static', value: 'y' },
        },
        [],
      ),
    ).toEqual(['header.media needs an image file or link, not text.']);
  });
});

describe('parseAmount', () => {
  const ok = (text: string) => {
    const r = parseAmount(text);
    return r.ok ? r.amount1000 : r.error;
  };

  it('reads amounts in the common notations', () => {
    expect(ok('100.99')).toBe(100990);
    expect(ok('$100.99')).toBe(100990);
    expect(ok('1,234.50')).toBe(1234500);
    expect(ok('1.234,50 €')).toBe(1234500);
    expect(ok('100,5')).toBe(100500);
    expect(ok('1,234,567')).toBe(1234567000);
    expect(ok("CHF 1'234.50")).toBe(1234500);
    expect(ok('1 234,50')).toBe(1234500);
    expect(ok('1,23,456.78')).toBe(123456780);
    expect(ok('0.125')).toBe(125);
    expect(ok('12.3456')).toBe(12346);
    expect(ok('-5')).toBe(-5000);
    expect(ok('USD 42')).toBe(42000);
  });

  it('refuses ambiguous and unreadable amounts with a clear message', () => {
    expect(ok('1.500')).toBe(
      'The amount "1.500" is ambiguous: it could be 1500 or 1.500. Write it without a thousands separator (1500) or with two decimals (1500.00).',
    );
    expect(ok('ten')).toBe('"ten" is not an amount: write a number such as 1234.50.');
    expect(ok('1,2,3')).toBe('"1,2,3" is not an amount: write a number such as 1234.50.');
    expect(ok('1.234.5,6.7')).toBe(
      '"1.234.5,6.7" is not an amount: write a number such as 1234.50.',
    );
  });
});
