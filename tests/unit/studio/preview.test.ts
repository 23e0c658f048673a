import { describe, expect, it } from 'vitest';
import { previewDraft } from '../../../shared/domain/studio';
import { draft } from './helpers';
import { NAMED_SALE, ORDER_CONFIRMATION } from './meta-examples';

describe('previewDraft: the draft as the customer sees it, with its sample values', () => {
  it('fills positional body samples and a URL button sample', () => {
    const d = draft({
      ...ORDER_CONFIRMATION,
      components: [
        ...ORDER_CONFIRMATION.components.slice(0, 2),
        {
          type: 'BUTTONS',
          buttons: [
            {
              type: 'URL',
              text: 'Track',
              url: 'https://shop.example/track/{{1}}',
              example: ['https://shop.example/track/A-1'],
            },
          ],
        },
      ],
    });
    const m = previewDraft(d);
    expect(m.bodyText).toContain('Thank you for your order, Pablo!');
    expect(m.bodyText).toContain('860198-230332');
    expect(m.buttons[0]?.url).toBe('https://shop.example/track/A-1');
    expect(m.header).toMatchObject({ type: 'media', format: 'DOCUMENT' });
  });

  it('fills named header and body samples', () => {
    const m = previewDraft(draft(NAMED_SALE));
    expect(m.headerText).toBe('Our new sale starts December 1st!');
    expect(m.bodyText.startsWith('Hi Pablo,')).toBe(true);
    expect(m.footer).toBe('Reply STOP to opt out');
  });
});
