import { describe, expect, it } from 'vitest';
import { suggestColumns, templateSlots, type Slot } from '../../../shared/domain/templates';
import { COUPON, ORDER_CONFIRMATION, withComponents } from './fixtures';

const named = (...names: string[]): Slot[] =>
  names.map(
    (name) => ({ key: `body.${name}`, component: 'body', kind: 'text', name }) satisfies Slot,
  );

describe('suggestColumns', () => {
  it('matches across case, accents, separators and camelCase', () => {
    expect(
      suggestColumns(named('first_name', 'order_number'), ['Phone', 'ORDER-NUMBER', 'First Name']),
    ).toEqual({
      'body.first_name': 'First Name',
      'body.order_number': 'ORDER-NUMBER',
    });
    expect(suggestColumns(named('first_name'), ['firstName'])).toEqual({
      'body.first_name': 'firstName',
    });
  });

  it('knows synonyms in several languages', () => {
    for (const column of ['Vorname', 'Prénom', 'nombre', 'Given name']) {
      expect(suggestColumns(named('first_name'), ['Telefon', column])).toEqual({
        'body.first_name': column,
      });
    }
    expect(
      suggestColumns(templateSlots(ORDER_CONFIRMATION), ['Kunde', 'Vorname', 'Bestellnummer']),
    ).toEqual({
      'body.first_name': 'Vorname',
      'body.order_number': 'Bestellnummer',
    });
  });

  it('uses example values for positional slots', () => {
    expect(suggestColumns(templateSlots(COUPON), ['Phone', 'Coupon code', 'First name'])).toEqual({
      'header.1': 'First name',
      'body.1': 'Coupon code',
      'body.2': undefined,
    });
  });

  it('suggests nothing when nothing is close', () => {
    expect(suggestColumns(named('first_name'), ['Phone', 'Email'])).toEqual({
      'body.first_name': undefined,
    });
    const t = withComponents([
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: 'Hi {{1}}' },
    ]);
    expect(suggestColumns(templateSlots(t), ['image', 'name'])).toEqual({
      'header.media': undefined,
      'body.1': undefined,
    });
  });

  it('does not hand one column to two slots unless nothing better exists', () => {
    expect(suggestColumns(named('name', 'first_name'), ['Name', 'First Name'])).toEqual({
      'body.name': 'Name',
      'body.first_name': 'First Name',
    });
    // "Name" is the best match for both slots; the second one gets its next-best column instead.
    expect(suggestColumns(named('name', 'customer_name'), ['Name', 'Customer'])).toEqual({
      'body.name': 'Name',
      'body.customer_name': 'Customer',
    });
    const both = withComponents(
      [
        { type: 'HEADER', format: 'TEXT', text: 'Hi {{first_name}}' },
        { type: 'BODY', text: '{{first_name}}, your order {{order_id}}' },
      ],
      { parameter_format: 'NAMED' },
    );
    expect(suggestColumns(templateSlots(both), ['First Name', 'Order ID'])).toEqual({
      'header.first_name': 'First Name',
      'body.first_name': 'First Name',
      'body.order_id': 'Order ID',
    });
  });
});
