import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIENCE_CSV, templateHarness, type TemplateHarness } from './helpers';

describe('a campaign message: template, mapping, preview', () => {
  let h: TemplateHarness;
  afterEach(async () => h?.close());

  it('choosing a template pre-fills the mapping from similar column names and keeps the template name', async () => {
    h = await templateHarness();
    await h.importCsv('first_name,phone,order\nJessica,+14155550101,SKB-1\n');
    const id = await h.templateId('order_confirmation');
    const setup = await h.ok('campaigns.setTemplate', { campaignId: h.campaignId, templateId: id });
    expect(setup).toMatchObject({
      templateName: 'order_confirmation',
      templateLanguage: 'en_US',
      templateWarning: null,
      editable: true,
    });
    expect(setup.mapping).toEqual({
      'body.first_name': { kind: 'column', column: 'first_name' },
      'body.order_number': { kind: 'column', column: 'order' },
    });
    expect(setup.mappingProblems).toEqual([]);
    const campaign = await h.ok('campaigns.get', { id: h.campaignId });
    expect(campaign).toMatchObject({
      templateName: 'order_confirmation',
      templateLanguage: 'en_US',
    });
  });

  it('switching template drops the old variables and keeps the shared ones (no stale count)', async () => {
    h = await templateHarness();
    await h.importCsv(AUDIENCE_CSV);
    await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: await h.templateId('spring_sale'),
    });
    await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: {
        'body.1': { kind: 'column', column: 'First name', fallback: 'there' },
        'body.2': { kind: 'static', value: '20%' },
        'button.0': { kind: 'column', column: 'Deal code' },
      },
    });
    const switched = await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: await h.templateId('new_arrivals_photo'),
    });
    expect(switched.mapping).toEqual({
      'body.1': { kind: 'column', column: 'First name', fallback: 'there' },
    });
    expect(switched.mappingProblems).toEqual(['header.media has no value assigned.']);
  });

  it('refuses slots the template lacks and values of the wrong kind; accepts a missing column with a clear problem', async () => {
    h = await templateHarness();
    await h.importCsv(AUDIENCE_CSV);
    await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: await h.templateId('spring_sale'),
    });
    const unknown = await h.call('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: { 'body.3': { kind: 'static', value: 'x' } },
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(
          /"body.3" is not a placeholder of "spring_sale"; it has body.1, body.2, button.0/,
        ),
      },
    });
    const wrongKind = await h.call('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: {
        'body.1': { kind: 'media', media: { type: 'link', url: 'https://x.test/a.jpg' } },
      },
    });
    expect(wrongKind).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const badShape = await h.call('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: { 'body.1': { kind: 'column' } },
    });
    expect(badShape).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const setup = await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: { 'body.1': { kind: 'column', column: 'Nickname' } },
    });
    expect(setup.mappingProblems).toEqual([
      'body.1 is mapped to the column "Nickname", which this audience does not have.',
      'body.2 has no value assigned.',
      'button.0 has no value assigned.',
    ]);
    // Stored as given: nothing is lost.
    expect((await h.ok('campaigns.message', { campaignId: h.campaignId })).mapping).toEqual({
      'body.1': { kind: 'column', column: 'Nickname' },
    });
  });

  it('previews a recipient: bubble, exact request body, problems, and navigation by next, row, position and search', async () => {
    h = await templateHarness();
    await h.importCsv(AUDIENCE_CSV);
    await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: await h.templateId('spring_sale'),
    });
    await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: {
        'body.1': { kind: 'column', column: 'First name' },
        'body.2': { kind: 'static', value: '20%' },
        'button.0': { kind: 'column', column: 'Deal code' },
      },
    });

    const first = await h.ok('campaigns.preview', { campaignId: h.campaignId });
    expect(first).toMatchObject({
      position: 1,
      total: 4,
      prevId: null,
      notFound: null,
      problems: [],
      unavailable: null,
    });
    expect(first.recipient).toMatchObject({ rowNumber: 2, phone: '+447400123456', country: 'GB' });
    expect(first.message?.bodyText).toBe(
      'Hi Maria, everything in the shop is *20% off* until Sunday. Tap below to see the deals we picked for you.',
    );
    expect(first.message?.buttons[0]).toMatchObject({
      type: 'URL',
      url: 'https://shop.example.com/deals/spring24',
    });
    expect(first.requestBody).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+447400123456',
      type: 'template',
      template: {
        name: 'spring_sale',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Maria' },
              { type: 'text', text: '20%' },
            ],
          },
          {
            type: 'button',
            sub_type: 'url',
            index: '0',
            parameters: [{ type: 'text', text: 'spring24' }],
          },
        ],
      },
      biz_opaque_callback_data: `cd:${h.campaignId}:${first.recipient!.id}`,
    });

    const second = await h.ok('campaigns.preview', {
      campaignId: h.campaignId,
      recipientId: first.nextId,
    });
    expect(second).toMatchObject({ position: 2, prevId: first.recipient!.id });
    expect(second.problems).toEqual([
      { code: 'EMPTY_PARAMETER', slot: 'body.1', message: 'body.1 ("First name") is empty.' },
    ]);
    expect(second.message?.body.find((s) => s.slot === 'body.1')).toEqual({
      text: '{{1}}',
      slot: 'body.1',
      missing: true,
    });
    expect(second.requestBody).toBeNull();

    const row4 = await h.ok('campaigns.preview', { campaignId: h.campaignId, row: 4 });
    expect(row4.recipient?.fields['First name']).toBe('José');
    expect(row4.problems.map((p) => p.code)).toEqual(['URL_SUFFIX_NOT_ENCODED']);
    expect(row4.problems[0]?.message).toMatch(/summer%20sale/);

    expect(
      (await h.ok('campaigns.preview', { campaignId: h.campaignId, position: 4 })).recipient
        ?.fields['First name'],
    ).toBe('Ahmed');
    const found = await h.ok('campaigns.preview', { campaignId: h.campaignId, search: 'bost' });
    expect(found.recipient?.fields.City).toBe('Boston');
    const byPhone = await h.ok('campaigns.preview', {
      campaignId: h.campaignId,
      search: '5550101',
    });
    expect(byPhone.recipient?.fields['First name']).toBe('José');
    // "Find next" wraps around to the first match.
    const spring = await h.ok('campaigns.preview', {
      campaignId: h.campaignId,
      search: 'spring24',
      recipientId: found.recipient!.id,
    });
    expect(spring.recipient?.fields['First name']).toBe('Maria');
    const none = await h.ok('campaigns.preview', { campaignId: h.campaignId, search: '%' });
    expect(none.notFound).toBe('Nobody matches "%".');
    const noRow = await h.ok('campaigns.preview', { campaignId: h.campaignId, row: 99 });
    expect(noRow.notFound).toMatch(/row 99/);
  });

  it('shows the template before any audience, and a named template with parameter_name', async () => {
    h = await templateHarness();
    await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: await h.templateId('order_confirmation'),
    });
    const empty = await h.ok('campaigns.preview', { campaignId: h.campaignId });
    expect(empty).toMatchObject({ recipient: null, total: 0, position: 0, requestBody: null });
    expect(empty.message?.bodyText).toContain('{{first_name}}');

    await h.importCsv('name,phone,order id\nJessica,+16505551234,SKBUP2-4CPIG9\n');
    await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: {
        'body.first_name': { kind: 'column', column: 'name' },
        'body.order_number': { kind: 'column', column: 'order id' },
      },
    });
    const p = await h.ok('campaigns.preview', { campaignId: h.campaignId });
    expect(p.requestBody?.template.components).toEqual([
      {
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'first_name', text: 'Jessica' },
          { type: 'text', parameter_name: 'order_number', text: 'SKBUP2-4CPIG9' },
        ],
      },
    ]);
  });

  it('a media header: an https link, or a local file kept in the data folder when uploaded', async () => {
    h = await templateHarness();
    await h.importCsv(AUDIENCE_CSV);
    const setup = await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: await h.templateId('invoice_ready'),
    });
    expect(setup.mappingProblems).toContain('header.media has no value assigned.');

    const file = join(h.dir, 'invoice.pdf');
    writeFileSync(file, '%PDF-1.4 test');
    const withFile = await h.ok('campaigns.setMediaFile', {
      campaignId: h.campaignId,
      file: { kind: 'path', path: file },
    });
    expect(withFile.mapping['header.media']).toEqual({
      kind: 'media',
      media: { type: 'file', path: file },
    });
    const p = await h.ok('campaigns.preview', { campaignId: h.campaignId });
    expect(p.message?.header).toEqual({ type: 'media', format: 'DOCUMENT', source: file });

    // A browser upload (uploads/ is pruned after a day) is copied into media/.
    const { saveUpload } = await import('../../../electron/core/contacts/uploads');
    const { Readable } = await import('node:stream');
    const upload = await saveUpload(h.dir, Readable.from([Buffer.from('%PDF-1.4 upload')]));
    const uploaded = await h.ok('campaigns.setMediaFile', {
      campaignId: h.campaignId,
      file: { kind: 'upload', id: upload.id },
      fileName: 'März invoice.pdf',
    });
    const src = uploaded.mapping['header.media'];
    expect(src?.kind === 'media' && src.media.type === 'file' && src.media.path).toMatch(
      /media[\\/]\d+-[0-9a-f]{12}-März_invoice\.pdf$/,
    );

    await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: {
        'header.media': {
          kind: 'media',
          media: { type: 'link', url: 'https://example.com/invoice.pdf' },
        },
        'body.customer_name': { kind: 'column', column: 'First name', fallback: 'customer' },
        'body.invoice_number': { kind: 'static', value: 'INV-1' },
        'body.amount': { kind: 'static', value: '$10' },
      },
    });
    const linked = await h.ok('campaigns.preview', { campaignId: h.campaignId });
    expect(linked.requestBody?.template.components?.[0]).toEqual({
      type: 'header',
      parameters: [{ type: 'document', document: { link: 'https://example.com/invoice.pdf' } }],
    });
  });

  it('a header file mapped in place: the request body names the media id known at send time', async () => {
    h = await templateHarness();
    await h.importCsv(AUDIENCE_CSV);
    await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: await h.templateId('new_arrivals_photo'),
    });
    const file = join(h.dir, 'shop.jpg');
    writeFileSync(file, 'jpg');
    await h.ok('campaigns.setMediaFile', {
      campaignId: h.campaignId,
      file: { kind: 'path', path: file },
    });
    const p = await h.ok('campaigns.preview', { campaignId: h.campaignId });
    expect(p.requestBody?.template.components?.[0]).toEqual({
      type: 'header',
      parameters: [{ type: 'image', image: { id: '<MEDIA_ID>' } }],
    });
    expect(p.requestNotes.join(' ')).toMatch(/uploaded to WhatsApp when sending/);
    const missing = await h.call('campaigns.setMediaFile', {
      campaignId: h.campaignId,
      file: { kind: 'path', path: join(h.dir, 'nope.jpg') },
    });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/There is no file/) },
    });
  });
});
