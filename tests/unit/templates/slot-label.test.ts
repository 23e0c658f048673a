import { describe, expect, it } from 'vitest';
import type { Slot } from '../../../shared/domain/templates';
import { inFormWords, slotLabel } from '../../../shared/domain/templates/slot-label';

const body = (name: string): Slot => ({
  key: `body.${name}`,
  component: 'body',
  kind: 'text',
  name,
});
const link: Slot = {
  key: 'button.0',
  component: 'button',
  kind: 'url_suffix',
  name: '1',
  buttonIndex: 0,
};

describe('slot labels in the form’s words', () => {
  it('names slots as the Message form does', () => {
    expect(slotLabel(body('order_number'))).toBe('Body {{order_number}}');
    expect(slotLabel(link)).toBe('Button 1: end of the link {{1}}');
  });

  it('rewrites the core’s keys in a message, whole keys only', () => {
    const slots = [body('1'), body('10'), body('order_number'), link];
    expect(inFormWords('body.order_number is empty.', slots)).toBe(
      'Body {{order_number}} is empty.',
    );
    expect(inFormWords('body.10 and body.1 differ', slots)).toBe(
      'Body {{10}} and Body {{1}} differ',
    );
    expect(inFormWords("button.0's link must start with https://", slots)).toBe(
      "Button 1: end of the link {{1}}'s link must start with https://",
    );
    // A key the template does not have, or a longer word, stays as it is.
    expect(inFormWords('body.2 and mybody.1x', slots)).toBe('body.2 and mybody.1x');
    expect(inFormWords('no slots here', [])).toBe('no slots here');
  });
});
