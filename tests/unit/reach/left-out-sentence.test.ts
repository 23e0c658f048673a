import { describe, expect, it } from 'vitest';
import { LEFT_OUT_TEXT, leftOutSentence, type LeftOutKind } from '../../../shared/domain/reach';
import { normalizePhone } from '../../../shared/domain/phone';

const group = (kind: LeftOutKind, count: number) => ({ kind, count, ...LEFT_OUT_TEXT[kind] });

describe('leftOutSentence', () => {
  it('makes each count a sentence, singular and plural', () => {
    // Issue 15: "1 left out: 1 their message cannot be built from their row."
    expect(leftOutSentence([group('invalid', 1)])).toBe(
      'Left out: 1 recipient whose message cannot be built from their row.',
    );
    expect(leftOutSentence([group('invalid', 2)])).toBe(
      'Left out: 2 recipients whose messages cannot be built from their rows.',
    );
    expect(leftOutSentence([group('suppressed', 1), group('filter', 0)])).toBe(
      'Left out: 1 recipient who opted out or is on your do-not-contact list.',
    );
  });

  it('names the noun once, with the total first, when several reasons apply', () => {
    expect(
      leftOutSentence([
        group('skipped', 1),
        group('filter', 3),
        group('frequencyCap', 1),
        group('us_marketing', 2),
      ]),
    ).toBe(
      '7 left out: 1 recipient who was left out earlier; 3 who are not in the audience filter; ' +
        '1 who got a message from you recently (frequency cap); ' +
        '2 with US numbers: WhatsApp does not deliver marketing messages there.',
    );
  });

  it('adds what to do when asked, and says nothing for an empty list', () => {
    expect(leftOutSentence([group('filter', 1)], true)).toBe(
      'Left out: 1 recipient who is not in the audience filter (change the filter in the Audience tab).',
    );
    expect(leftOutSentence([group('filter', 0)])).toBe('');
  });
});

describe('a number the chosen country rejects', () => {
  it('names the country and does not claim no other country reads it', () => {
    const r = normalizePhone('06 12 34 56 78', 'US');
    expect(r.ok).toBe(false);
    const reason = r.ok ? '' : r.reason;
    expect(reason).toContain('not a valid phone number for United States');
    expect(reason).not.toContain('any other country');
    // It is a French mobile: the message must not say otherwise.
    expect(normalizePhone('06 12 34 56 78', 'FR').ok).toBe(true);
  });
});
