import { afterEach, describe, expect, it } from 'vitest';
import { templateHarness, type TemplateHarness } from './helpers';

const reminder = (extra: Record<string, unknown> = {}) => ({
  name: 'appointment_reminder',
  language: 'en_GB',
  status: 'APPROVED',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'See you soon, {{1}}' },
    { type: 'BODY', text: 'Your appointment is on {{1}} at {{2}}.' },
    {
      type: 'BUTTONS',
      buttons: [{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+441234567890' }],
    },
  ],
  ...extra,
});

describe('templates.add (pasting Meta template JSON)', () => {
  let h: TemplateHarness;
  afterEach(async () => h?.close());

  it('adds one template, or a whole {data:[...]} page, as manual templates', async () => {
    h = await templateHarness();
    const one = await h.ok('templates.add', { json: JSON.stringify(reminder()) });
    expect(one.added).toHaveLength(1);
    expect(one.added[0]).toMatchObject({
      name: 'appointment_reminder',
      language: 'en_GB',
      status: 'APPROVED',
      source: 'manual',
      syncedAt: null,
      problems: [],
    });
    expect(one.added[0]?.slots.map((s) => s.key)).toEqual(['header.1', 'body.1', 'body.2']);

    const page = {
      data: [reminder({ name: 'a_one' }), reminder({ name: 'a_two', language: 'es' })],
      paging: { cursors: {} },
    };
    const many = await h.ok('templates.add', { json: JSON.stringify(page) });
    expect(many.added.map((t) => t.name)).toEqual(['a_one', 'a_two']);
    expect((await h.ok('templates.list', {})).templates.map((t) => t.name)).toEqual([
      'a_one',
      'a_two',
      'appointment_reminder',
    ]);
  });

  it('a creation request without a status is kept as PENDING (not sendable until a sync approves it)', async () => {
    h = await templateHarness();
    const { status: _s, ...creation } = reminder();
    const r = await h.ok('templates.add', { json: JSON.stringify(creation) });
    expect(r.added[0]?.status).toBe('PENDING');
  });

  it('malformed JSON, an unknown component type, or a missing field: a clear message and nothing stored', async () => {
    h = await templateHarness();
    const malformed = await h.call('templates.add', {
      json: '{\n  "name": "x",\n  "language": "en"\n  "status": "APPROVED"\n}',
    });
    expect(malformed).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(/not valid JSON.*line 4, column 3/s),
      },
    });

    const unknown = reminder({
      components: [
        { type: 'BODY', text: 'Hi' },
        { type: 'SHOPPING_LIST', items: [] },
      ],
    });
    const r = await h.call('templates.add', { json: JSON.stringify(unknown) });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining(
          'Component 2 has an unknown type "SHOPPING_LIST"; Campaign Desk understands HEADER, BODY, FOOTER, BUTTONS, LIMITED_TIME_OFFER and CAROUSEL.',
        ),
      },
    });

    const noName = reminder({ name: undefined, components: [{ type: 'HEADER', format: 'GIF' }] });
    const r2 = await h.call('templates.add', {
      json: JSON.stringify({ data: [reminder({ name: 'fine' }), noName] }),
    });
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      expect(r2.error.message).toContain('Template 2: The template is missing "name".');
      expect(r2.error.message).toContain('header format "GIF"');
    }
    expect((await h.ok('templates.list', {})).templates).toEqual([]);
    expect((await h.call('templates.add', { json: '   ' })).ok).toBe(false);
  });

  it('pasting again replaces a manual template; a synced one is never overwritten by pasted text', async () => {
    h = await templateHarness();
    await h.ok('templates.add', { json: JSON.stringify(reminder()) });
    const again = await h.ok('templates.add', {
      json: JSON.stringify(reminder({ status: 'PENDING' })),
    });
    expect(again).toMatchObject({ replaced: 1, added: [{ status: 'PENDING' }] });

    await h.ok('templates.sync', {});
    const synced = await h.call('templates.add', {
      json: JSON.stringify(reminder({ name: 'spring_sale', language: 'en_US' })),
    });
    expect(synced).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/already synced/) },
    });
  });

  it('deletes manual templates only; a campaign using one keeps its name and mapping and finds it again when re-added', async () => {
    h = await templateHarness();
    const added = await h.ok('templates.add', { json: JSON.stringify(reminder()) });
    const id = added.added[0]!.id;
    await h.importCsv('Name,Phone,Date\nAna,+14155550101,1 May\n');
    await h.ok('campaigns.setTemplate', { campaignId: h.campaignId, templateId: id });
    await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: {
        'header.1': { kind: 'column', column: 'Name' },
        'body.1': { kind: 'column', column: 'Date' },
        'body.2': { kind: 'static', value: '10:00' },
      },
    });

    expect(await h.ok('templates.delete', { id })).toEqual({ id });
    const orphan = await h.ok('campaigns.message', { campaignId: h.campaignId });
    expect(orphan).toMatchObject({ template: null, templateName: 'appointment_reminder' });
    expect(Object.keys(orphan.mapping)).toHaveLength(3);
    const validation = await h.ok('campaigns.validate', { campaignId: h.campaignId });
    expect(validation.unavailable).toMatch(/no longer in this account's templates/);

    await h.ok('templates.add', { json: JSON.stringify(reminder()) });
    const back = await h.ok('campaigns.message', { campaignId: h.campaignId });
    expect(back.template?.name).toBe('appointment_reminder');
    expect(
      (await h.ok('campaigns.preview', { campaignId: h.campaignId })).message?.headerText,
    ).toBe('See you soon, Ana');

    await h.ok('templates.sync', {});
    const syncedId = await h.templateId('hello_world');
    expect(await h.call('templates.delete', { id: syncedId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await h.call('templates.delete', { id: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
