import { describe, expect, it } from 'vitest';
import {
  formatSegments,
  formattedPlainText,
  parseWhatsAppFormatting,
  type FormatNode,
} from '../../../shared/domain/templates';

const t = (text: string): FormatNode => ({ type: 'text', text });

describe('parseWhatsAppFormatting', () => {
  it('parses each style', () => {
    expect(parseWhatsAppFormatting('a *bold* b')).toEqual([
      t('a '),
      { type: 'bold', children: [t('bold')] },
      t(' b'),
    ]);
    expect(parseWhatsAppFormatting('_it_')).toEqual([{ type: 'italic', children: [t('it')] }]);
    expect(parseWhatsAppFormatting('~gone~.')).toEqual([
      { type: 'strike', children: [t('gone')] },
      t('.'),
    ]);
    expect(parseWhatsAppFormatting('run `npm i` now')).toEqual([
      t('run '),
      { type: 'code', children: [t('npm i')] },
      t(' now'),
    ]);
    expect(parseWhatsAppFormatting('```a *b*\nc```')).toEqual([
      { type: 'monospace', children: [t('a *b*\nc')] },
    ]);
  });

  it('nests styles', () => {
    expect(parseWhatsAppFormatting('*_both_*')).toEqual([
      { type: 'bold', children: [{ type: 'italic', children: [t('both')] }] },
    ]);
    expect(parseWhatsAppFormatting('*big ~old~ deal*')).toEqual([
      { type: 'bold', children: [t('big '), { type: 'strike', children: [t('old')] }, t(' deal')] },
    ]);
  });

  it('leaves markers inside words or next to spaces alone', () => {
    for (const text of [
      '2*3*4',
      'snake_case_name',
      'a * b * c',
      '* not bold*',
      '*not bold *',
      'x*y* z',
      '**',
      'price: 5*',
    ]) {
      expect(parseWhatsAppFormatting(text)).toEqual([t(text)]);
    }
  });

  it('does not let bold cross a line break, but keeps newlines', () => {
    expect(parseWhatsAppFormatting('*one\ntwo*')).toEqual([t('*one\ntwo*')]);
    expect(parseWhatsAppFormatting('line 1\n*line 2*')).toEqual([
      t('line 1\n'),
      { type: 'bold', children: [t('line 2')] },
    ]);
  });

  it('handles emoji and right-to-left text without splitting characters', () => {
    expect(parseWhatsAppFormatting('🎉*Sale*🎉')).toEqual([
      t('🎉'),
      { type: 'bold', children: [t('Sale')] },
      t('🎉'),
    ]);
    expect(parseWhatsAppFormatting('*👨‍👩‍👧 family*')).toEqual([
      { type: 'bold', children: [t('👨‍👩‍👧 family')] },
    ]);
    expect(parseWhatsAppFormatting('مرحبا *عزيزي* العميل')).toEqual([
      t('مرحبا '),
      { type: 'bold', children: [t('عزيزي')] },
      t(' العميل'),
    ]);
    expect(parseWhatsAppFormatting('שלום_עולם_שלום')).toEqual([t('שלום_עולם_שלום')]);
    expect(parseWhatsAppFormatting('_𝒳_ 𝒳*y*')).toEqual([
      { type: 'italic', children: [t('𝒳')] },
      t(' 𝒳*y*'),
    ]);
  });
});

describe('formatSegments', () => {
  it('parses markup across pieces and keeps each piece marked', () => {
    const nodes = formatSegments([
      { text: 'Hi *' },
      { text: 'Ana', slot: 'body.1' },
      { text: '*, code ' },
      { text: '{{2}}', slot: 'body.2', missing: true },
    ]);
    expect(nodes).toEqual([
      t('Hi '),
      { type: 'bold', children: [{ type: 'text', text: 'Ana', slot: 'body.1' }] },
      t(', code '),
      { type: 'text', text: '{{2}}', slot: 'body.2', missing: true },
    ]);
    expect(formattedPlainText(nodes)).toBe('Hi Ana, code {{2}}');
  });

  it('lets a value supply its own markup, as WhatsApp does after substitution', () => {
    expect(formatSegments([{ text: 'Note: ' }, { text: '_soon_', slot: 'body.1' }])).toEqual([
      t('Note: '),
      { type: 'italic', children: [{ type: 'text', text: 'soon', slot: 'body.1' }] },
    ]);
  });
});
