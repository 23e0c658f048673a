import { describe, expect, it } from 'vitest';
import {
  EMPTY_EDITOR,
  toDraft,
  type Editor,
} from '../../../renderer/src/features/studio/editor-model';
import { fromDraft } from '../../../renderer/src/features/studio/from-draft';
import type { TemplateDraft } from '../../../shared/domain/studio';

const full: Editor = {
  ...EMPTY_EDITOR,
  name: 'order_ready',
  headerKind: 'IMAGE',
  headerSample: '4::aW1hZ2UvanBlZw==:abc',
  body: 'Hi {{1}}, order {{2}} is ready. Bring {{1}} ID.',
  examples: { '1': 'Maria', '2': 'A-1042' },
  footer: 'Reply STOP to opt out',
  buttons: [
    {
      type: 'URL',
      text: 'See order',
      value: 'https://shop.example/o/{{1}}',
      example: 'https://shop.example/o/A1',
    },
    { type: 'PHONE_NUMBER', text: 'Call us', value: '+15550001111', example: '' },
    { type: 'COPY_CODE', text: 'Copy code', value: 'SAVE10', example: '' },
    { type: 'QUICK_REPLY', text: 'Thanks', value: '', example: '' },
  ],
};

describe('opening a stored template in the studio form', () => {
  it('gives back the form that wrote it (positional and named, text and media headers)', () => {
    expect(fromDraft(toDraft(full))).toEqual(full);
    const named: Editor = {
      ...EMPTY_EDITOR,
      name: 'visit',
      parameterFormat: 'NAMED',
      headerKind: 'TEXT',
      headerText: 'Visit for {{first_name}}',
      headerSample: 'Maria',
      body: 'Hi {{first_name}}, see you on {{day}}.',
      examples: { first_name: 'Maria', day: 'Tuesday' },
    };
    expect(fromDraft(toDraft(named))).toEqual(named);
  });

  it('refuses what the form cannot show whole, so nothing is lost by an edit', () => {
    const lto: TemplateDraft = {
      ...toDraft(full),
      components: [
        ...toDraft(full).components,
        { type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Sale' } },
      ],
    };
    expect(fromDraft(lto)).toBeNull();
    const location: TemplateDraft = {
      ...toDraft(full),
      components: [
        { type: 'HEADER', format: 'LOCATION' },
        { type: 'BODY', text: 'Hello there' },
      ],
    };
    expect(fromDraft(location)).toBeNull();
  });
});
