import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_TEMPLATES } from '../../../electron/sandbox/samples';
import { templateHarness, type TemplateHarness } from './helpers';

describe('templates.sync from the embedded sandbox', () => {
  let h: TemplateHarness;
  afterEach(async () => h?.close());

  it('stores every template of every page, with status, category, format and quality', async () => {
    h = await templateHarness();
    const before = await h.ok('templates.list', {});
    expect(before).toMatchObject({ syncedAt: null, templates: [] });

    const result = await h.ok('templates.sync', {});
    expect(result).toMatchObject({
      added: SANDBOX_TEMPLATES.length,
      updated: 0,
      removed: 0,
      invalid: [],
      complete: true,
    });

    const list = await h.ok('templates.list', {});
    expect(list.syncedAt).toBe(result.syncedAt);
    expect(list.templates).toHaveLength(SANDBOX_TEMPLATES.length);
    const sale = list.templates.find((t) => t.name === 'spring_sale' && t.language === 'es');
    expect(sale).toMatchObject({
      status: 'APPROVED',
      category: 'MARKETING',
      parameterFormat: 'POSITIONAL',
      qualityScore: 'GREEN',
      source: 'sync',
      metaId: '1000000000000003',
    });
    expect(sale?.slots.map((s) => s.key)).toEqual(['body.1', 'body.2', 'button.0']);
    const named = list.templates.find((t) => t.name === 'order_confirmation');
    expect(named).toMatchObject({ parameterFormat: 'NAMED', category: 'UTILITY' });
    expect(list.templates.find((t) => t.name === 'winter_clearance')?.status).toBe('PAUSED');
  });

  it('follows every page: a small page size still brings all templates', async () => {
    h = await templateHarness();
    const client = await h.core.clients.clientFor(1);
    const listed = await client.listTemplates({ limit: 3 });
    expect(listed.ok && listed.pages).toBe(Math.ceil(SANDBOX_TEMPLATES.length / 3));
    expect(listed.ok && listed.templates.length).toBe(SANDBOX_TEMPLATES.length);
  });

  it('a second sync changes nothing; a changed template keeps its id; a deleted one goes and its campaign keeps its mapping', async () => {
    h = await templateHarness();
    await h.ok('templates.sync', {});
    const id = await h.templateId('spring_sale');
    await h.ok('campaigns.setTemplate', { campaignId: h.campaignId, templateId: id });
    await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: {
        'body.1': { kind: 'column', column: 'First name' },
        'body.2': { kind: 'static', value: '20%' },
        'button.0': { kind: 'static', value: 'spring24' },
      },
    });

    expect(await h.ok('templates.sync', {})).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: SANDBOX_TEMPLATES.length,
      removed: 0,
    });

    (await h.core.clients.sandbox()).pauseTemplate('spring_sale', 'en_US');
    expect(await h.ok('templates.sync', {})).toMatchObject({ updated: 1 });
    const paused = await h.ok('campaigns.message', { campaignId: h.campaignId });
    expect(paused.template?.id).toBe(id);
    expect(paused.templateWarning).toMatch(/is paused/);
    const validation = await h.ok('campaigns.validate', { campaignId: h.campaignId });
    expect(validation.unavailable).toBeNull();

    // Deleted in WhatsApp Manager: the account no longer lists it.
    const isSale = (t: { name: string; language: string }) =>
      t.name === 'spring_sale' && t.language === 'en_US';
    await h.reopen({ sandboxOptions: { templates: SANDBOX_TEMPLATES.filter((t) => !isSale(t)) } });
    expect(await h.ok('templates.sync', {})).toMatchObject({ removed: 1 });
    const gone = await h.ok('campaigns.message', { campaignId: h.campaignId });
    expect(gone).toMatchObject({
      template: null,
      templateName: 'spring_sale',
      templateLanguage: 'en_US',
    });
    expect(gone.templateWarning).toMatch(/no longer in this account's templates/);
    expect(Object.keys(gone.mapping)).toEqual(['body.1', 'body.2', 'button.0']);
    const preview = await h.ok('campaigns.preview', { campaignId: h.campaignId });
    expect(preview.unavailable).toMatch(/no longer/);

    // It comes back (re-created in WhatsApp Manager): the campaign finds it again, mapping intact.
    await h.reopen({});
    expect(await h.ok('templates.sync', {})).toMatchObject({ added: 1 });
    const back = await h.ok('campaigns.message', { campaignId: h.campaignId });
    expect(back.template?.name).toBe('spring_sale');
    expect(back.templateWarning).toBeNull();
    expect(back.mapping['body.1']).toEqual({ kind: 'column', column: 'First name' });
  });

  it('a failed listing changes nothing and says why', async () => {
    h = await templateHarness({ tokens: { tokenFor: () => undefined } });
    // Point the sandbox account at a closed port: the sync fails, the (empty) store stays as it was.
    h.core.store.sqlite
      .prepare("UPDATE accounts SET base_url = 'http://127.0.0.1:9', token_env = 'NOPE'")
      .run();
    const r = await h.call('templates.sync', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('UNAVAILABLE');
      expect(r.error.message).toMatch(/access token|could not be fetched/);
    }
    expect((await h.ok('templates.list', {})).syncedAt).toBeNull();
  });
});
