import { describe, expect, it } from 'vitest';
import { parseTemplateJson, parseTemplateText } from '../../../shared/domain/templates';
import { COUPON_PAGE } from './fixtures';

const base = { name: 'spring_sale', language: 'en_US', status: 'APPROVED', category: 'MARKETING' };

describe('parseTemplateJson', () => {
  it("parses Meta's GET message_templates example (cloud-api.md §6.1)", () => {
    const r = parseTemplateJson(COUPON_PAGE.data[0]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.template).toEqual({
      name: 'coupon_expiration_reminder_number_vars',
      language: 'en',
      status: 'APPROVED',
      category: 'MARKETING',
      sub_category: 'CUSTOM',
      parameter_format: 'POSITIONAL',
      id: '1304694804498707',
      components: [
        {
          type: 'HEADER',
          format: 'TEXT',
          text: 'Act fast, {{1}}!',
          example: { header_text: ['Pablo'] },
        },
        {
          type: 'BODY',
          text: 'Just a quick reminder—your exclusive coupon code, {{1}}, *expires in only {{2}} days!* ...',
          example: { body_text: [['SUMMER20', '10']] },
        },
        { type: 'FOOTER', text: 'Lucky Shrub Succulents' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'URL', text: 'See deals', url: 'https://www.luckyshrub.com/deals' },
            { type: 'QUICK_REPLY', text: 'Unsubscribe' },
          ],
        },
      ],
    });
  });

  it('normalises case, defaults parameter_format and accepts both quality_score shapes', () => {
    const r = parseTemplateJson({
      ...base,
      status: 'approved',
      parameter_format: 'named',
      quality_score: 'GREEN',
      components: [
        { type: 'body', text: 'Hi {{first_name}}' },
        { type: 'Buttons', buttons: [{ type: 'quick_reply', text: 'Stop' }] },
      ],
    });
    expect(r.ok && r.template.status).toBe('APPROVED');
    expect(r.ok && r.template.parameter_format).toBe('NAMED');
    expect(r.ok && r.template.quality_score).toEqual({ score: 'GREEN' });
    expect(r.ok && r.template.components.map((c) => c.type)).toEqual(['BODY', 'BUTTONS']);
    expect(r.ok && r.template.components[1]).toEqual({
      type: 'BUTTONS',
      buttons: [{ type: 'QUICK_REPLY', text: 'Stop' }],
    });

    const q = parseTemplateJson({
      ...base,
      quality_score: { score: 'YELLOW', date: 1758754645 },
      components: [{ type: 'BODY', text: 'x' }],
    });
    expect(q.ok && q.template.quality_score).toEqual({ score: 'YELLOW', date: 1758754645 });
    expect(q.ok && q.template.parameter_format).toBe('POSITIONAL');
  });

  it('keeps unknown button types but flags them', () => {
    const r = parseTemplateJson({
      ...base,
      components: [
        { type: 'BODY', text: 'x' },
        { type: 'BUTTONS', buttons: [{ type: 'HOLOGRAM', text: 'Beam me' }] },
      ],
    });
    expect(r.ok && r.template.components[1]).toEqual({
      type: 'BUTTONS',
      buttons: [{ type: 'HOLOGRAM', text: 'Beam me', unknownType: true }],
    });
  });

  it('accepts a media header and treats null fields as absent', () => {
    const r = parseTemplateJson({
      ...base,
      sub_category: null,
      components: [
        {
          type: 'HEADER',
          format: 'image',
          example: { header_handle: ['https://scontent.whatsapp.net/x.jpg'] },
        },
        { type: 'BODY', text: 'See our new collection' },
      ],
    });
    expect(r.ok).toBe(true);
    expect(r.ok && r.template.sub_category).toBeUndefined();
    expect(r.ok && r.template.components[0]).toEqual({
      type: 'HEADER',
      format: 'IMAGE',
      example: { header_handle: ['https://scontent.whatsapp.net/x.jpg'] },
    });
  });

  it('explains an unknown component type', () => {
    const r = parseTemplateJson({
      ...base,
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Hi' },
        { type: 'BODY', text: 'x' },
        { type: 'CAROUSELX' },
      ],
    });
    expect(r).toEqual({
      ok: false,
      errors: [
        'Component 3 has an unknown type "CAROUSELX"; Campaign Desk understands HEADER, BODY, FOOTER, BUTTONS, LIMITED_TIME_OFFER and CAROUSEL.',
      ],
    });
  });

  it('explains missing name and language, and wrong types', () => {
    const r = parseTemplateJson({
      status: 'APPROVED',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 42 }],
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      'The template is missing "name".',
      'The template is missing "language".',
      'Component 1 (BODY): "text" should be text, not number 42.',
    ]);
  });

  it('explains structural problems', () => {
    expect(parseTemplateJson([1, 2])).toEqual({
      ok: false,
      errors: [
        'A template should be a JSON object with a name, a language and components, not a list.',
      ],
    });
    expect(parseTemplateJson({ ...base })).toEqual({
      ok: false,
      errors: ['The template has no "components" list.'],
    });
    expect(parseTemplateJson({ ...base, components: [{ text: 'x' }, 'BODY'] })).toEqual({
      ok: false,
      errors: [
        'Component 1 has no "type"; Campaign Desk understands HEADER, BODY, FOOTER, BUTTONS, LIMITED_TIME_OFFER and CAROUSEL.',
        'Component 2 should be an object with a "type", not the text "BODY".',
        'The template has no BODY component.',
      ],
    });
    expect(
      parseTemplateJson({
        ...base,
        name: '',
        components: [
          { type: 'BODY', text: 'a' },
          { type: 'BODY', text: 'b' },
        ],
      }),
    ).toEqual({
      ok: false,
      errors: [
        'The template: "name" is empty.',
        'The template has 2 BODY components; a template has at most one.',
      ],
    });
  });

  it('explains header and button problems', () => {
    const r = parseTemplateJson({
      ...base,
      parameter_format: 'numbered',
      components: [
        { type: 'HEADER', format: 'GIF' },
        { type: 'BODY', text: 'x' },
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 7 }] },
      ],
    });
    expect(!r.ok && r.errors).toEqual([
      'The template: "parameter_format" is the text "numbered"; expected one of POSITIONAL, NAMED.',
      'Component 1 (HEADER) has the header format "GIF"; Campaign Desk understands TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION and PRODUCT headers.',
      'Component 3 (BUTTONS): "buttons[0].text" should be text, not number 7.',
    ]);
    const t = parseTemplateJson({
      ...base,
      components: [
        { type: 'HEADER', format: 'TEXT' },
        { type: 'BODY', text: 'x' },
      ],
    });
    expect(!t.ok && t.errors).toEqual(['Component 1 (HEADER) is a text header but has no "text".']);
  });
});

describe('parseTemplateText', () => {
  it('reads a GET message_templates page as a list', () => {
    const r = parseTemplateText(JSON.stringify(COUPON_PAGE));
    expect(r.ok && r.templates.map((t) => t.name)).toEqual([
      'coupon_expiration_reminder_number_vars',
    ]);
  });

  it('reads a single template and a plain list', () => {
    const one = { ...base, components: [{ type: 'BODY', text: 'Hello' }] };
    expect(
      parseTemplateText(JSON.stringify(one)).ok && parseTemplateText(JSON.stringify(one)),
    ).toMatchObject({ templates: [{ name: 'spring_sale' }] });
    const two = parseTemplateText(JSON.stringify([one, { ...one, name: 'autumn_sale' }]));
    expect(two.ok && two.templates.map((t) => t.name)).toEqual(['spring_sale', 'autumn_sale']);
  });

  it('locates malformed JSON by line and column', () => {
    const r = parseTemplateText('{\n  "name": "x",\n  "language" "en"\n}');
    // The reason's wording is the JavaScript engine's; the position is ours.
    expect(!r.ok && r.errors.length).toBe(1);
    expect(!r.ok && r.errors[0]).toMatch(/^This is not valid JSON: .+ \(line 3, column 14\)\.$/);
    expect(parseTemplateText('   ')).toEqual({
      ok: false,
      errors: ["The text is empty: paste a template's JSON."],
    });
  });

  it('names the template an error belongs to in a page', () => {
    const r = parseTemplateText(
      JSON.stringify({
        data: [
          { ...base, components: [{ type: 'BODY', text: 'ok' }] },
          { ...base, name: 'broken', components: [] },
        ],
      }),
    );
    expect(r).toEqual({
      ok: false,
      errors: ['Template 2 ("broken"): The template has no BODY component.'],
    });
    expect(parseTemplateText('{"data": []}')).toEqual({
      ok: false,
      errors: ['The list contains no templates.'],
    });
  });
});
