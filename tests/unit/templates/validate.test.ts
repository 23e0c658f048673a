import { describe, expect, it } from 'vitest';
import {
  PROBLEM_LABEL,
  percentEncodeUrlSuffix,
  unencodedUrlCharacters,
  validateRecipient,
  type Mapping,
  type ResolvedValue,
} from '../../../shared/domain/templates';
import { COUPON, withComponents } from './fixtures';

const val = (value: string): ResolvedValue => ({ value, missing: false, source: 'column' });
const good = { 'header.1': val('Ana'), 'body.1': val('SUMMER20'), 'body.2': val('10') };
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('validateRecipient', () => {
  it('passes a complete, clean recipient', () => {
    expect(validateRecipient(COUPON, good)).toEqual([]);
  });

  it('TEMPLATE_NOT_APPROVED', () => {
    expect(validateRecipient({ ...COUPON, status: 'PAUSED' }, good)).toEqual([
      {
        code: 'TEMPLATE_NOT_APPROVED',
        message:
          'The template "coupon_expiration_reminder_number_vars" is paused, not approved: WhatsApp only sends approved templates.',
      },
    ]);
  });

  it('EMPTY_PARAMETER, naming the column when the mapping is given', () => {
    const mapping: Mapping = { 'body.1': { kind: 'column', column: 'first_name' } };
    const missing = { ...good, 'body.1': { value: '', missing: true, source: 'column' as const } };
    expect(validateRecipient(COUPON, missing, mapping)).toEqual([
      { code: 'EMPTY_PARAMETER', slot: 'body.1', message: 'body.1 ("first_name") is empty.' },
    ]);
    const { 'body.2': _omitted, ...unmapped } = good;
    expect(validateRecipient(COUPON, unmapped)).toEqual([
      { code: 'EMPTY_PARAMETER', slot: 'body.2', message: 'body.2 is empty.' },
    ]);
  });

  it('PARAMETER_HAS_NEWLINE for line breaks and tabs', () => {
    expect(codes(validateRecipient(COUPON, { ...good, 'body.1': val('two\nlines') }))).toEqual([
      'PARAMETER_HAS_NEWLINE',
    ]);
    expect(codes(validateRecipient(COUPON, { ...good, 'body.1': val('a\tb') }))).toEqual([
      'PARAMETER_HAS_NEWLINE',
    ]);
    expect(validateRecipient(COUPON, { ...good, 'body.1': val('one line') })).toEqual([]);
  });

  it('PARAMETER_TOO_MANY_SPACES above four in a row', () => {
    expect(validateRecipient(COUPON, { ...good, 'body.2': val('a    b') })).toEqual([]);
    expect(validateRecipient(COUPON, { ...good, 'body.2': val('a     b') })).toEqual([
      {
        code: 'PARAMETER_TOO_MANY_SPACES',
        slot: 'body.2',
        message: 'body.2 contains more than 4 spaces in a row, which WhatsApp does not allow.',
      },
    ]);
  });

  it('HEADER_PARAMETER_TOO_LONG above 60 characters (emoji count once)', () => {
    expect(validateRecipient(COUPON, { ...good, 'header.1': val('🎉'.repeat(60)) })).toEqual([]);
    expect(validateRecipient(COUPON, { ...good, 'header.1': val('x'.repeat(61)) })).toEqual([
      {
        code: 'HEADER_PARAMETER_TOO_LONG',
        slot: 'header.1',
        message: 'header.1 is 61 characters long; a header variable can have at most 60.',
      },
    ]);
  });

  it('BODY_TOO_LONG when the filled-in body exceeds 1024 characters', () => {
    const t = withComponents([{ type: 'BODY', text: 'Hi {{1}}' }]);
    expect(validateRecipient(t, { 'body.1': val('x'.repeat(1021)) })).toEqual([]);
    expect(validateRecipient(t, { 'body.1': val('x'.repeat(1022)) })).toEqual([
      {
        code: 'BODY_TOO_LONG',
        message:
          'Once filled in, the message text is 1025 characters long; WhatsApp allows at most 1024.',
      },
    ]);
  });

  it('URL_SUFFIX_NOT_ENCODED, with the encoded value as a fix', () => {
    const t = withComponents([
      { type: 'BODY', text: 'Track it' },
      {
        type: 'BUTTONS',
        buttons: [{ type: 'URL', text: 'Track', url: 'https://x.example/{{1}}' }],
      },
    ]);
    expect(validateRecipient(t, { 'button.0': val('orders/12%20B?ref=wa&x=1') })).toEqual([]);
    expect(validateRecipient(t, { 'button.0': val('façade 2') })).toEqual([
      {
        code: 'URL_SUFFIX_NOT_ENCODED',
        slot: 'button.0',
        message:
          'button.0 goes into a link but contains characters a link cannot hold ("ç", space); encoded it reads "fa%C3%A7ade%202".',
      },
    ]);
  });

  it('MEDIA_MISSING for a media header without a file', () => {
    const t = withComponents([
      { type: 'HEADER', format: 'VIDEO' },
      { type: 'BODY', text: 'Watch' },
    ]);
    expect(
      validateRecipient(t, {
        'header.media': { value: '/v.mp4', missing: false, source: 'media' },
      }),
    ).toEqual([]);
    expect(validateRecipient(t, {})).toEqual([
      {
        code: 'MEDIA_MISSING',
        slot: 'header.media',
        message: 'No video is chosen for the header.',
      },
    ]);
  });

  it('INVALID_AMOUNT when a currency value cannot be read', () => {
    const t = withComponents([{ type: 'BODY', text: 'You owe {{1}}' }]);
    const mapping: Mapping = {
      'body.1': { kind: 'column', column: 'total', as: { type: 'currency', code: 'USD' } },
    };
    expect(validateRecipient(t, { 'body.1': val('$1,234.00') }, mapping)).toEqual([]);
    expect(codes(validateRecipient(t, { 'body.1': val('a lot') }, mapping))).toEqual([
      'INVALID_AMOUNT',
    ]);
  });

  it('has a label for every code', () => {
    expect(Object.keys(PROBLEM_LABEL).sort()).toEqual([
      'BODY_TOO_LONG',
      'CARD_MEDIA_NOT_A_LINK',
      'COUPON_TOO_LONG',
      'EMPTY_PARAMETER',
      'HEADER_PARAMETER_TOO_LONG',
      'INVALID_AMOUNT',
      'MEDIA_MISSING',
      'OFFER_EXPIRED',
      'OFFER_EXPIRY_INVALID',
      'PARAMETER_HAS_NEWLINE',
      'PARAMETER_TOO_MANY_SPACES',
      'TEMPLATE_NOT_APPROVED',
      'TEMPLATE_NOT_SENDABLE',
      'URL_SUFFIX_NOT_ENCODED',
      'URL_TOO_LONG',
    ]);
  });
});

describe('percentEncodeUrlSuffix', () => {
  it('encodes spaces, non-ASCII and reserved characters as UTF-8, keeping escapes and / ? = &', () => {
    expect(percentEncodeUrlSuffix('façade 2')).toBe('fa%C3%A7ade%202');
    expect(percentEncodeUrlSuffix('a+b#c@d')).toBe('a%2Bb%23c%40d');
    expect(percentEncodeUrlSuffix('orders/12?ref=wa&x=%7E')).toBe('orders/12?ref=wa&x=%7E');
    expect(percentEncodeUrlSuffix('100%')).toBe('100%25');
    expect(percentEncodeUrlSuffix('🎉')).toBe('%F0%9F%8E%89');
    expect(percentEncodeUrlSuffix('שלום')).toBe('%D7%A9%D7%9C%D7%95%D7%9D');
  });

  it('is idempotent and agrees with the check', () => {
    for (const s of ['façade 2', 'a+b', '🎉 x', '50%off']) {
      const once = percentEncodeUrlSuffix(s);
      expect(percentEncodeUrlSuffix(once)).toBe(once);
      expect(unencodedUrlCharacters(once)).toEqual([]);
      expect(unencodedUrlCharacters(s).length).toBeGreaterThan(0);
    }
  });
});
