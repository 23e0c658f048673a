import { afterEach, describe, expect, it } from 'vitest';
import { templateHarness, type TemplateHarness } from '../templates/helpers';

// spring_sale is in the sandbox in en_US and es: what the Message tab's language controls read.
const CSV = [
  'name,phone,lang',
  'Ann,+447400123456,en',
  'Ana,+34612345678,Español',
  'Udo,+4915112345678,Deutsch',
].join('\n');

describe('the Message tab’s languages: set-up, preview per language, validation per language', () => {
  let h: TemplateHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const setup = async () => {
    h = await templateHarness();
    await h.importCsv(CSV);
    await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: await h.templateId('spring_sale', 'en_US'),
    });
    await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: {
        'body.1': { kind: 'column', column: 'name' },
        'body.2': { kind: 'static', value: '20%' },
        'button.0': { kind: 'static', value: 'spring' },
      },
    });
    return h;
  };

  it('lists the family and the choice in the set-up; one language says no per-language counts', async () => {
    const t = await setup();
    const setupA = await t.ok('campaigns.message', { campaignId: t.campaignId });
    expect(setupA.language).toEqual({ choice: { kind: 'fixed' }, family: ['en_US', 'es'] });
    const v = await t.ok('campaigns.validate', { campaignId: t.campaignId });
    expect(v.languages).toBeNull();
    // One language for all: every row is shown (and sent) in the campaign's template language.
    const p = await t.ok('campaigns.preview', { campaignId: t.campaignId, row: 3 });
    expect(p.language).toMatchObject({
      shown: 'en_US',
      recipientGets: 'en_US',
      perRecipient: false,
    });
  });

  it('shows each row in the language it gets, or the one asked for, with that template’s request', async () => {
    const t = await setup();
    await t.ok('campaigns.setLanguage', {
      campaignId: t.campaignId,
      choice: { kind: 'column', column: 'lang', fallback: 'en_US' },
    });
    const ana = await t.ok('campaigns.preview', { campaignId: t.campaignId, row: 3 });
    expect(ana.language).toMatchObject({ shown: 'es', recipientGets: 'es', fellBack: false });
    expect(ana.requestBody?.template.language.code).toBe('es');
    const udo = await t.ok('campaigns.preview', { campaignId: t.campaignId, row: 4 });
    expect(udo.language).toMatchObject({ shown: 'en_US', recipientGets: 'en_US', fellBack: true });
    expect(udo.requestBody?.template.language.code).toBe('en_US');
    const asked = await t.ok('campaigns.preview', {
      campaignId: t.campaignId,
      row: 4,
      language: 'es',
    });
    expect(asked.language).toMatchObject({ shown: 'es', recipientGets: 'en_US' });
    expect(asked.requestBody?.template.language.code).toBe('es');
    expect(JSON.stringify(asked.message)).not.toEqual(JSON.stringify(udo.message));
    // A language outside the family is ignored: the row's own is shown.
    const unknown = await t.ok('campaigns.preview', {
      campaignId: t.campaignId,
      row: 4,
      language: 'fr',
    });
    expect(unknown.language?.shown).toBe('en_US');
  });

  it('counts recipients per language and names those who fall back', async () => {
    const t = await setup();
    await t.ok('campaigns.setLanguage', {
      campaignId: t.campaignId,
      choice: { kind: 'column', column: 'lang', fallback: 'es' },
    });
    const v = await t.ok('campaigns.validate', { campaignId: t.campaignId });
    expect(v.languages?.counts).toEqual([
      { language: 'es', rows: 2, fellBack: 1 },
      { language: 'en_US', rows: 1, fellBack: 0 },
    ]);
    expect(v.languages?.fallback).toBe('es');
    expect(v.languages?.fellBackExamples).toEqual([
      expect.objectContaining({ rowNumber: 4, phone: '+4915112345678', value: 'Deutsch' }),
    ]);
  });
});
