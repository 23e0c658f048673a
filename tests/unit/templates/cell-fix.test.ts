import { describe, expect, it } from 'vitest';
import { mappingSchema } from '../../../shared/api/templates';
import {
  applyCellFix,
  resolveValues,
  validateRecipient,
  type Mapping,
} from '../../../shared/domain/templates';
import { COUPON, withComponents } from './fixtures';

const LINK = withComponents([
  { type: 'BODY', text: 'Hi {{1}}, track it' },
  { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://x.example/{{1}}' }] },
]);
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('one-click fixes of a column’s values (issue 15 item 8)', () => {
  it('replaces line breaks and tabs with spaces and shrinks long runs of spaces', () => {
    expect(applyCellFix('Ana\r\nMaria', 'spaces')).toBe('Ana Maria');
    expect(applyCellFix('Ana \n\t Maria', 'spaces')).toBe('Ana Maria');
    expect(applyCellFix('12 Main St\n\nFlat 3', 'spaces')).toBe('12 Main St Flat 3');
    expect(applyCellFix('A      B', 'spaces')).toBe('A B');
    // Four spaces are allowed by WhatsApp: left alone, as is a clean value.
    expect(applyCellFix('A    B', 'spaces')).toBe('A    B');
    expect(applyCellFix('Ana', 'spaces')).toBe('Ana');
    expect(applyCellFix('Ana\nMaria', undefined)).toBe('Ana\nMaria');
  });

  it('encodes link values once: already-encoded escapes and path delimiters stay', () => {
    expect(applyCellFix('A 12', 'encode')).toBe('A%2012');
    expect(applyCellFix('façade 2', 'encode')).toBe('fa%C3%A7ade%202');
    expect(applyCellFix('orders/12%20B?ref=wa&x=1', 'encode')).toBe('orders/12%20B?ref=wa&x=1');
    expect(applyCellFix('A\n12', 'encode')).toBe('A%2012');
  });

  it('is part of the mapping: validated by the contract, applied for every recipient', () => {
    const mapping: Mapping = {
      'body.1': { kind: 'column', column: 'name', fix: 'spaces' },
      'button.0': { kind: 'column', column: 'order', fix: 'encode' },
    };
    expect(mappingSchema.safeParse(mapping).success).toBe(true);
    expect(
      mappingSchema.safeParse({ 'body.1': { kind: 'column', column: 'name', fix: 'upper' } })
        .success,
    ).toBe(false);
    const fields = { name: 'Ana\nMaria', order: 'A 12' };
    const values = resolveValues(LINK, mapping, fields);
    expect(values['body.1']?.value).toBe('Ana Maria');
    expect(values['button.0']?.value).toBe('A%2012');
    expect(validateRecipient(LINK, values, mapping)).toEqual([]);
  });

  it('undone by removing it: the same cells are refused again', () => {
    const mapping: Mapping = {
      'body.1': { kind: 'column', column: 'name' },
      'button.0': { kind: 'column', column: 'order' },
    };
    const values = resolveValues(LINK, mapping, { name: 'Ana\nMaria', order: 'A 12' });
    expect(codes(validateRecipient(LINK, values, mapping))).toEqual([
      'PARAMETER_HAS_NEWLINE',
      'URL_SUFFIX_NOT_ENCODED',
    ]);
  });

  it('a cell that is only line breaks stays empty, so the fallback or the empty check applies', () => {
    const mapping: Mapping = { 'body.1': { kind: 'column', column: 'code', fix: 'spaces' } };
    const values = resolveValues(COUPON, mapping, { code: '\n' });
    expect(values['body.1']).toMatchObject({ value: '', missing: true });
    const withFallback: Mapping = {
      'body.1': { kind: 'column', column: 'code', fix: 'spaces', fallback: 'WELCOME' },
    };
    expect(resolveValues(COUPON, withFallback, { code: ' ' })['body.1']?.value).toBe('WELCOME');
  });
});
