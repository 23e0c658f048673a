import { describe, expect, it } from 'vitest';
import { applyAutofix, checkTemplateDraft } from '../../../shared/domain/studio';
import { draft, findings, rules, simple } from './helpers';

const ex = (...values: string[]) => ({ body_text: [values] });

describe('variables at the start or end (Meta: "template starts or ends with a variable")', () => {
  it('flags a body ending with a variable, and not once words follow it', () => {
    const body =
      'Hello {{1}} Use {{2}} to get a 30% discount on your next order! The minimum purchase amount should be {{3}}';
    const marketing = { category: 'MARKETING' };
    expect(rules(simple(body, marketing, ex('Ana', 'A1', '10')))).toContain('variable-at-edge');
    expect(rules(simple(`${body} USD`, marketing, ex('Ana', 'A1', '10')))).not.toContain(
      'variable-at-edge',
    );
  });

  it('flags a body starting with a variable', () => {
    const f = findings(
      simple('{{1}} thanks for your order, it is on its way to you now.', {}, ex('Ana')),
    );
    expect(f.find((x) => x.rule === 'variable-at-edge')?.message).toContain('starts');
  });
});

describe('adjacent variables (Meta: "variable parameters appear directly next to each other")', () => {
  it('flags {{1}} {{2}} and not {{1}} at {{2}}', () => {
    const e = ex('Ana', 'Lee');
    expect(
      rules(simple('Hi {{1}} {{2}}, your order is ready for pickup at our store today.', {}, e)),
    ).toContain('adjacent-variables');
    expect(
      rules(simple('Hi {{1}}, pickup at {{2}} is ready for you at our store today.', {}, e)),
    ).not.toContain('adjacent-variables');
  });
});

describe('too many variables for the length', () => {
  it('flags a short text full of variables', () => {
    expect(
      rules(simple('Hi {{1}}, order {{2}} ships {{3}} today.', {}, ex('a', 'b', 'c'))),
    ).toContain('too-many-variables');
  });
});

describe('placeholder syntax and format', () => {
  it('flags mismatched curly braces', () => {
    expect(
      rules(
        simple(
          'Hello {{1}, your order {{2}} is ready to collect from our store.',
          {},
          ex('a', 'b'),
        ),
      ),
    ).toContain('placeholder-syntax');
  });

  it('flags special characters such as # in a variable', () => {
    expect(rules(simple('Hello {{#1}}, your order is ready to collect from our store.'))).toContain(
      'placeholder-syntax',
    );
  });

  it('renames a named variable to lower_snake_case in one click', () => {
    const raw = simple('Hello {{First Name}}, your order is ready to collect from our store.', {
      parameter_format: 'NAMED',
    });
    const f = findings(raw).find((x) => x.rule === 'placeholder-syntax');
    expect(f?.autofix).toMatchObject({ kind: 'set', field: 'body' });
    const fixed = applyAutofix(draft(raw), f!.autofix!);
    expect(fixed.components[0]).toMatchObject({ text: expect.stringContaining('{{first_name}}') });
  });

  it('flags numbered variables in a named template and vice versa', () => {
    expect(
      rules(
        simple('Hello {{1}}, your order is ready to collect from our store.', {
          parameter_format: 'NAMED',
        }),
      ),
    ).toContain('placeholder-format');
    expect(
      rules(simple('Hello {{name}}, your order is ready to collect from our store.')),
    ).toContain('placeholder-format');
  });

  it('flags {{1}}, {{2}}, {{4}}, {{5}} (Meta: not sequential) and renumbers them', () => {
    const raw = simple(
      'Dear {{1}}, your order {{2}} from our shop will arrive on {{4}} between {{5}} and noon, thank you.',
      {},
      ex('a', 'b', 'c', 'd'),
    );
    const f = findings(raw).find((x) => x.rule === 'placeholder-sequence');
    expect(f?.severity).toBe('error');
    const fixed = applyAutofix(draft(raw), f!.autofix!);
    expect(checkTemplateDraft(fixed).findings.map((x) => x.rule)).not.toContain(
      'placeholder-sequence',
    );
    expect(fixed.components[0]).toMatchObject({
      text: expect.stringContaining('on {{3}} between {{4}}'),
    });
  });

  it('warns when numbers appear out of order', () => {
    const f = findings(
      simple(
        'Dear {{2}}, your order {{1}} from our shop has now been shipped to you.',
        {},
        ex('a', 'b'),
      ),
    );
    expect(f.find((x) => x.rule === 'placeholder-sequence')?.severity).toBe('warning');
  });
});

describe('examples', () => {
  const body = 'Dear {{1}}, your order {{2}} from our shop has now been shipped to you.';
  it('needs a sample per variable', () => {
    expect(rules(simple(body))).toContain('examples');
    expect(rules(simple(body, {}, ex('Ana')))).toContain('examples');
    expect(rules(simple(body, {}, ex('Ana', '')))).toContain('examples');
    expect(rules(simple(body, {}, ex('Ana', 'line\nbreak')))).toContain('examples');
    expect(rules(simple(body, {}, ex('Ana', 'A-1')))).not.toContain('examples');
  });

  it('matches named samples by name', () => {
    const named = simple(
      'Dear {{first_name}}, your order from our shop has now been shipped to you.',
      { parameter_format: 'NAMED' },
      { body_text_named_params: [{ param_name: 'name', example: 'Ana' }] },
    );
    expect(findings(named).find((x) => x.rule === 'examples')?.message).toContain('{{first_name}}');
  });

  it('needs a sample file for a media header', () => {
    const raw = simple('Your receipt for the order is attached above, thank you.', {
      components: [{ type: 'HEADER', format: 'IMAGE' }],
    });
    expect(rules(raw)).toContain('header-media-sample');
  });
});

describe('lengths and text rules per component', () => {
  const body = 'Your order has been shipped and will arrive soon.';
  it('limits header 60, body 1024, footer 60, button label 25, name 512', () => {
    const raw = {
      ...simple('x'.repeat(1025), {
        components: [
          { type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) },
          { type: 'FOOTER', text: 'f'.repeat(61) },
          { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'b'.repeat(26) }] },
        ],
      }),
      name: 'n'.repeat(513),
    };
    const f = findings(raw).filter((x) => x.rule === 'length' || x.rule === 'name');
    expect(f.map((x) => x.field).sort()).toEqual(['body', 'buttons.0', 'footer', 'header', 'name']);
  });

  it('removes emoji, line breaks and formatting from a text header, keeping named variables', () => {
    const raw = simple(
      'Hi {{first_name}}, your order has been shipped and will arrive soon.',
      {
        parameter_format: 'NAMED',
        components: [
          {
            type: 'HEADER',
            format: 'TEXT',
            text: '*Big* news 🎉\nfor {{first_name}}',
            example: { header_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] },
          },
        ],
      },
      { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] },
    );
    const f = findings(raw).find((x) => x.rule === 'header-text');
    expect(f!.autofix).toMatchObject({ value: 'Big news for {{first_name}}' });
    expect(checkTemplateDraft(applyAutofix(draft(raw), f!.autofix!)).findings).toEqual([]);
  });

  it('allows one variable in a text header', () => {
    const raw = simple(body, {
      components: [
        {
          type: 'HEADER',
          format: 'TEXT',
          text: '{{1}} and {{2}}',
          example: { header_text: ['a', 'b'] },
        },
      ],
    });
    expect(
      findings(raw).some((x) => x.rule === 'header-text' && x.message.includes('one variable')),
    ).toBe(true);
  });

  it('removes variables from the footer in one click', () => {
    const raw = simple(body, { components: [{ type: 'FOOTER', text: 'Sent by {{1}}' }] });
    const f = findings(raw).find((x) => x.rule === 'footer');
    expect(checkTemplateDraft(applyAutofix(draft(raw), f!.autofix!)).findings).toEqual([]);
  });

  it('fixes a name that is not lower_snake_case', () => {
    const raw = { ...simple(body), name: 'Order Update!' };
    const f = findings(raw).find((x) => x.rule === 'name');
    expect(f?.autofix).toMatchObject({ value: 'order_update' });
  });

  it('needs a language and a known category', () => {
    expect(rules({ ...simple(body), language: '' })).toContain('language');
    expect(rules({ ...simple(body), category: 'PROMO' })).toContain('category');
  });
});

describe('buttons', () => {
  const body = 'Your order has been shipped and will arrive soon.';
  const withButtons = (buttons: unknown[]) =>
    simple(body, { components: [{ type: 'BUTTONS', buttons }] });
  const url = (u: string, example?: string) => ({
    type: 'URL',
    text: 'Track',
    url: u,
    ...(example && { example: [example] }),
  });

  it('allows at most two URL buttons and one phone button', () => {
    const f = findings(
      withButtons([
        url('https://a.example/x'),
        url('https://a.example/y'),
        url('https://a.example/z'),
      ]),
    );
    expect(f.some((x) => x.rule === 'buttons' && x.message.includes('3 website'))).toBe(true);
  });

  it('needs the URL variable at the very end, with a sample address', () => {
    expect(
      rules(withButtons([url('https://shop.example/{{1}}/track', 'https://shop.example/1/track')])),
    ).toContain('url-button');
    expect(rules(withButtons([url('https://shop.example/track/{{1}}')]))).toContain('examples');
    expect(
      findings(
        withButtons([url('https://shop.example/track/{{1}}', 'https://shop.example/track/A1')]),
      ),
    ).toEqual([]);
  });

  it('refuses wa.me links and warns about shorteners', () => {
    expect(
      findings(withButtons([url('https://wa.me/15550001111')])).find((x) => x.rule === 'url-button')
        ?.severity,
    ).toBe('error');
    expect(
      findings(withButtons([url('https://bit.ly/abc')])).find((x) => x.rule === 'url-button')
        ?.severity,
    ).toBe('warning');
  });

  it('limits the copy code sample to 15 characters and needs a phone number', () => {
    expect(rules(withButtons([{ type: 'COPY_CODE', example: 'SUMMER2026SPECIAL' }]))).toContain(
      'buttons',
    );
    expect(
      rules(withButtons([{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: 'none' }])),
    ).toContain('buttons');
  });
});

describe('content', () => {
  it('names the promotional words of a utility template and offers marketing', () => {
    const raw = simple(
      'Your order {{1}} has shipped. Enjoy 20% off your next purchase with this exclusive coupon, shop now!',
      {},
      ex('A1'),
    );
    const f = findings(raw).find((x) => x.rule === 'promotional-utility');
    expect(f?.message).toContain('"exclusive"');
    expect(f?.message).toContain('"coupon"');
    expect(f?.message).toContain('shop now');
    expect(f?.message).toContain('a percentage');
    const fixed = applyAutofix(draft(raw), f!.autofix!);
    expect(fixed.category).toBe('MARKETING');
    expect(checkTemplateDraft(fixed).findings.map((x) => x.rule)).not.toContain(
      'promotional-utility',
    );
  });

  it('does not call a plain shipping update promotional', () => {
    expect(
      rules(simple('Your order {{1}} has shipped and will be dropped off tomorrow.', {}, ex('A1'))),
    ).toEqual([]);
  });

  it('warns about asking for card numbers and about gambling', () => {
    expect(
      rules(simple('Please reply with your card number so we can finish your order.')),
    ).toContain('forbidden-content');
    expect(
      rules(
        simple('Join our raffle this week and tell your friends about us.', {
          category: 'MARKETING',
        }),
      ),
    ).toContain('forbidden-content');
  });
});
