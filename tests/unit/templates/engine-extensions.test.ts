import { describe, expect, it } from 'vitest';
import {
  parseTemplateText,
  renderBodyText,
  renderMessage,
  templateSlots,
  type ResolvedValue,
} from '../../../shared/domain/templates';
import { COUPON } from './fixtures';

const val = (value: string): ResolvedValue => ({ value, missing: false, source: 'column' });

describe('parseTemplateText defaultStatus', () => {
  const creation = {
    name: 'x',
    language: 'en',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Hi {{1}}' }],
  };

  it('gives a template without status the default, in a single object and in lists', () => {
    const one = parseTemplateText(JSON.stringify(creation), { defaultStatus: 'PENDING' });
    expect(one.ok && one.templates[0]?.status).toBe('PENDING');
    const list = parseTemplateText(
      JSON.stringify({ data: [creation, { ...creation, name: 'y', status: 'APPROVED' }] }),
      { defaultStatus: 'PENDING' },
    );
    expect(list.ok && list.templates.map((t) => t.status)).toEqual(['PENDING', 'APPROVED']);
  });

  it('without the option a missing status is still an error', () => {
    const r = parseTemplateText(JSON.stringify(creation));
    expect(r).toEqual({ ok: false, errors: ['The template is missing "status".'] });
  });
});

describe('templateSlots cache', () => {
  it('returns equal slots each time, and a caller editing its copy cannot change the next answer', () => {
    const a = templateSlots(COUPON);
    a[0]!.key = 'changed';
    a.pop();
    const b = templateSlots(COUPON);
    expect(b.map((s) => s.key)).toEqual(['header.1', 'body.1', 'body.2']);
  });

  it('a changed template (a new object) gets its own slots', () => {
    const noHeader = {
      ...COUPON,
      components: COUPON.components.filter((c) => c.type !== 'HEADER'),
    };
    expect(templateSlots(noHeader).map((s) => s.key)).toEqual(['body.1', 'body.2']);
  });
});

describe('renderBodyText', () => {
  it('equals renderMessage(...).bodyText, filled or not', () => {
    const values = { 'header.1': val('Ana'), 'body.1': val('SUMMER20'), 'body.2': val('10') };
    expect(renderBodyText(COUPON, values)).toBe(renderMessage(COUPON, values).bodyText);
    expect(renderBodyText(COUPON, {})).toBe(renderMessage(COUPON, {}).bodyText);
    expect(renderBodyText(COUPON, {})).toContain('{{1}}');
  });
});
