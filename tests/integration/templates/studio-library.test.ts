import { afterEach, describe, expect, it } from 'vitest';
import { templateHarness, type TemplateHarness } from './helpers';

describe("template studio: Meta's template library on the sandbox", () => {
  let h: TemplateHarness;
  afterEach(async () => h?.close());

  it('browses the library and finds entries by use case, topic or industry words', async () => {
    h = await templateHarness();
    const all = await h.ok('templates.library', {});
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.every((t) => t.category === 'UTILITY')).toBe(true);
    const confirmation = all.find((t) => t.name === 'order_confirmation');
    expect(confirmation).toMatchObject({
      topic: 'ORDER_MANAGEMENT',
      industry: ['E_COMMERCE'],
      body_params: ['Jim', '#12345', '$45.00'],
    });
    const appointments = await h.ok('templates.library', { search: 'appointment' });
    expect(appointments.map((t) => t.name)).toEqual(['appointment_reminder_1']);
    expect((await h.ok('templates.library', { search: 'e commerce' })).length).toBeGreaterThan(2);
    expect(await h.ok('templates.library', { search: 'no such thing' })).toEqual([]);
  });

  it('creates a template from an entry with the shop own website, approved at once and ready for a campaign', async () => {
    h = await templateHarness();
    const t = await h.ok('templates.fromLibrary', {
      library: 'order_confirmation',
      language: 'en_US',
      name: 'my_order_confirmation',
      buttons: [
        {
          type: 'URL',
          url: {
            base_url: 'https://shop.example/orders/{{1}}',
            url_suffix_example: 'https://shop.example/orders/A-1042',
          },
        },
      ],
    });
    expect(t).toMatchObject({
      status: 'APPROVED',
      category: 'UTILITY',
      metaId: expect.any(String),
    });
    const buttons = t.draft.components.find((c) => c.type === 'BUTTONS');
    expect(buttons).toMatchObject({
      buttons: [{ type: 'URL', url: 'https://shop.example/orders/{{1}}' }],
    });
    await h.ok('templates.sync', {});
    const id = await h.templateId('my_order_confirmation');
    const set = await h.ok('campaigns.setTemplate', { campaignId: h.campaignId, templateId: id });
    expect(set.template?.name).toBe('my_order_confirmation');
  });

  it('refuses missing button values, a bad name and a taken name in words, and creates nothing', async () => {
    h = await templateHarness();
    const base = { library: 'delivery_failed_1', language: 'en_US', name: 'delivery_failed' };
    const noPhone = await h.call('templates.fromLibrary', base);
    expect(noPhone.ok).toBe(false);
    if (!noPhone.ok) expect(noPhone.error.message).toContain('needs your phone number');
    const badName = await h.call('templates.fromLibrary', {
      ...base,
      name: 'Delivery Failed',
      buttons: [{ type: 'PHONE_NUMBER', phone_number: '+442079460000' }],
    });
    expect(badName.ok).toBe(false);
    if (!badName.ok) expect(badName.error.message).toContain('lowercase');
    expect(await h.ok('templates.drafts', {})).toEqual([]);
    const ok = {
      ...base,
      buttons: [{ type: 'PHONE_NUMBER' as const, phone_number: '+442079460000' }],
    };
    await h.ok('templates.fromLibrary', ok);
    const again = await h.call('templates.fromLibrary', ok);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toContain('already have a template');
    const missing = await h.call('templates.fromLibrary', { ...ok, library: 'nope', name: 'x1' });
    expect(missing.ok).toBe(false);
  });
});
