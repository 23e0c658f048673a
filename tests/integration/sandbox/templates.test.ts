import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTemplateText, templateSlots } from '../../../shared/domain/templates';
import { SANDBOX_TEMPLATES, startSandbox, type Sandbox } from '../../../electron/sandbox';
import { expectGraphError, get, WABA_ID, type Answer, type TemplatesPage } from './helpers';

const path = `/v23.0/${WABA_ID}/message_templates`;

describe('sandbox: GET message_templates', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox();
  });
  afterEach(() => sb.close());

  it('pages with cursors: following next until it is absent visits every template once', async () => {
    const seen: string[] = [];
    let url: string | undefined =
      `${path}?fields=name,language,status,category,parameter_format,components&limit=3`;
    let pages = 0;
    while (url !== undefined) {
      const a: Answer<TemplatesPage> = await get<TemplatesPage>(sb, url);
      expect(a.status).toBe(200);
      pages += 1;
      expect(a.json.paging?.cursors).toEqual({
        before: expect.any(String),
        after: expect.any(String),
      });
      for (const t of a.json.data) seen.push(`${t.name}/${t.language}`);
      url = a.json.paging?.next;
      if (url !== undefined) expect(url.startsWith(`${sb.url}${path}?`)).toBe(true);
    }
    expect(pages).toBe(Math.ceil(SANDBOX_TEMPLATES.length / 3));
    expect(seen).toEqual(SANDBOX_TEMPLATES.map((t) => `${t.name}/${t.language}`));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("returns Meta's GET shape, which the app's own parser reads back unchanged", async () => {
    const a = await get<TemplatesPage>(sb, `${path}?limit=100`);
    const parsed = parseTemplateText(JSON.stringify(a.json));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.templates).toEqual(SANDBOX_TEMPLATES);
    expect(a.json.paging?.next).toBeUndefined();

    const spring = a.json.data.find((t) => t.name === 'spring_sale' && t.language === 'en_US')!;
    expect(spring).toMatchObject({
      parameter_format: 'POSITIONAL',
      status: 'APPROVED',
      category: 'MARKETING',
      id: expect.stringMatching(/^\d+$/),
    });
    expect(spring.components.map((c) => c.type)).toEqual(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']);
    expect(spring.components[3]!.buttons?.map((b) => [b.type, b.text])).toEqual([
      ['URL', 'See the deals'],
      ['QUICK_REPLY', 'Stop promotions'],
    ]);
  });

  it('ships the samples the rest of the app needs', () => {
    const by = (name: string, language = 'en_US') =>
      SANDBOX_TEMPLATES.find((t) => t.name === name && t.language === language)!;
    expect(templateSlots(by('spring_sale')).map((s) => s.key)).toEqual([
      'body.1',
      'body.2',
      'button.0',
    ]);
    expect(by('order_confirmation')).toMatchObject({
      parameter_format: 'NAMED',
      category: 'UTILITY',
    });
    expect(templateSlots(by('new_arrivals_photo'))[0]).toMatchObject({
      kind: 'media',
      mediaFormat: 'IMAGE',
    });
    expect(templateSlots(by('invoice_ready'))[0]).toMatchObject({
      kind: 'media',
      mediaFormat: 'DOCUMENT',
    });
    expect(by('spring_sale', 'es').status).toBe('APPROVED');
    expect(SANDBOX_TEMPLATES.map((t) => t.status)).toEqual(
      expect.arrayContaining(['PAUSED', 'PENDING', 'DISABLED']),
    );
  });

  it('filters by status and returns only the asked fields plus id', async () => {
    const a = await get<TemplatesPage>(sb, `${path}?status=approved&fields=name,status`);
    expect(a.json.data.length).toBe(
      SANDBOX_TEMPLATES.filter((t) => t.status === 'APPROVED').length,
    );
    for (const t of a.json.data) {
      expect(Object.keys(t).sort()).toEqual(['id', 'name', 'status']);
      expect(t.status).toBe('APPROVED');
    }
  });

  it('refuses a missing token and an unknown WABA id', async () => {
    expectGraphError(await get(sb, path, null), 190, 401);
    expectGraphError(await get(sb, '/v23.0/123/message_templates'), 100, 400);
    expectGraphError(await get(sb, `${path}?after=garbage`), 100, 400);
  });
});
