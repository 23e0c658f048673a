import { describe, expect, it } from 'vitest';
import { replyLine, windowLeft } from '../../../renderer/src/features/replies/window-text';
import { createFormat } from '../../../shared/format';

const en = createFormat({ locale: 'en-GB', timeZone: 'UTC' });
const MIN = 60_000;

describe('the Replies view in words', () => {
  it('says how long the window stays open, rounded down to the minute', () => {
    expect(windowLeft(en, (3 * 60 + 12) * MIN + 59_000)).toBe('closes in 3 h 12 min');
    expect(windowLeft(en, 24 * 60 * MIN)).toBe('closes in 24 h');
    expect(windowLeft(en, 5 * MIN)).toBe('closes in 5 min');
    expect(windowLeft(en, 59_999)).toBe('closes in less than a minute');
    expect(windowLeft(en, -5)).toBe('closes in less than a minute');
  });

  it('puts each kind of reply on one line', () => {
    const r = (type: string, body: string | null, filename: string | null = null) =>
      replyLine({ type, body, media: filename === null ? null : { filename } });
    expect(r('text', 'Is it\n in   blue?')).toBe('Is it in blue?');
    expect(r('button', 'Yes, send me the offer')).toBe('Tapped “Yes, send me the offer”');
    expect(r('image', null, '')).toBe('Photo');
    expect(r('image', 'This one?', '')).toBe('Photo: This one?');
    expect(r('document', 'My order', 'order-list.pdf')).toBe('Document order-list.pdf: My order');
    expect(r('reaction', '👍')).toBe('Reacted 👍');
    expect(r('audio', null)).toBe('Voice message');
    expect(r('video', 'Look', '')).toBe('Video: Look');
    expect(r('order', null)).toBe('A message WhatsApp calls “order”');
  });
});
