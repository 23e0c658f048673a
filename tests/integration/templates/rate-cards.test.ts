import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { templateHarness, type TemplateHarness } from './helpers';

const PROMO = {
  name: 'promo',
  language: 'en',
  status: 'APPROVED',
  category: 'MARKETING',
  components: [{ type: 'BODY', text: 'Hello {{1}}' }],
};

// Meta's CSV as importers of it describe it: comment lines, then the header, then one row a market.
const card = (gb: string, extra = '') =>
  [
    'WhatsApp Business Platform rate card',
    'Rates effective October 1, 2025',
    '',
    'Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service',
    `United Kingdom,EUR,${gb},0.0182,0.0182,n/a,n/a`,
    'Poland,EUR,0.0303,0.0101,0.0101,n/a,n/a',
    'North America,EUR,0.0207,0.0028,0.0028,n/a,n/a',
    'Rest of Central & Eastern Europe,EUR,0.0712,0.0175,0.0175,n/a,n/a',
    'Other,EUR,0.0500,0.0064,0.0064,n/a,n/a',
    extra,
  ].join('\n');

describe('dated rate cards', () => {
  let h: TemplateHarness;
  afterEach(async () => h?.close());

  const write = (name: string, text: string) => {
    const path = join(h.dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('prices a campaign by the card in force on its send date; an imported card of Meta takes over from its date', async () => {
    h = await templateHarness();
    await h.importCsv(
      ['Name,Phone', 'Ana,+447400123456', 'Ola,+48512345678', 'Cz,+420601123456'].join('\n'),
    );
    const added = await h.ok('templates.add', { json: JSON.stringify(PROMO) });
    await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: added.added[0]!.id,
    });
    await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: { 'body.1': { kind: 'column', column: 'Name' } },
    });

    // The bundled card (2025-07-01, USD): Poland and Czechia are in Rest of Central & Eastern Europe.
    const before = await h.ok('campaigns.estimate', { campaignId: h.campaignId });
    expect(before).toMatchObject({ currency: 'USD', rateCardDate: '2025-07-01', messages: 3 });
    expect(before.countries.map((c) => [c.country, c.marketId, c.unitPrice])).toEqual([
      ['CZ', 'rest_of_central_eastern_europe', 0.086],
      ['PL', 'rest_of_central_eastern_europe', 0.086],
      ['GB', 'GB', 0.0529],
    ]);

    const imported = await h.ok('pricing.importCard', {
      file: { kind: 'path', path: write('card.csv', card('0.0526')) },
    });
    expect(imported).toMatchObject({ effectiveDate: '2025-10-01', currency: 'EUR' });
    expect(imported.cards.map((c) => [c.effectiveDate, c.currency, c.imported])).toEqual([
      ['2025-07-01', 'USD', false],
      ['2025-10-01', 'EUR', true],
    ]);
    // Poland has its own row now, so it leaves its region; Czechia stays in it.
    const after = await h.ok('campaigns.estimate', { campaignId: h.campaignId });
    expect(after).toMatchObject({ currency: 'EUR', rateCardDate: '2025-10-01' });
    expect(after.countries.map((c) => [c.country, c.marketId, c.unitPrice])).toEqual([
      ['CZ', 'rest_of_central_eastern_europe', 0.0712],
      ['GB', 'GB', 0.0526],
      ['PL', 'PL', 0.0303],
    ]);

    // A campaign scheduled before the imported card took effect is priced by the bundled one.
    h.core.store.sqlite
      .prepare('UPDATE campaigns SET scheduled_at = ? WHERE id = ?')
      .run(Date.parse('2025-08-15T09:00:00Z'), h.campaignId);
    expect(await h.ok('campaigns.estimate', { campaignId: h.campaignId })).toMatchObject({
      currency: 'USD',
      rateCardDate: '2025-07-01',
    });

    // Re-importing the same day replaces it; removing it goes back to the bundled card.
    await h.ok('pricing.importCard', {
      file: { kind: 'path', path: write('card2.csv', card('0.0600')) },
    });
    expect((await h.ok('pricing.rateCard', {})).cards).toHaveLength(2);
    expect(
      (await h.ok('pricing.rateCard', {})).markets.find((m) => m.id === 'GB')?.prices.MARKETING,
    ).toBe(0.06);
    const removed = await h.ok('pricing.removeCard', { effectiveDate: '2025-10-01' });
    expect(removed).toMatchObject({ effectiveDate: '2025-07-01', currency: 'USD' });
    expect(await h.call('pricing.removeCard', { effectiveDate: '2025-07-01' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses a file it cannot price, naming the lines, and keeps the cards it had', async () => {
    h = await templateHarness();
    const refused = async (text: string, input: Record<string, unknown> = {}) => {
      const r = await h.call('pricing.importCard', {
        file: { kind: 'path', path: write('bad.csv', text) },
        ...input,
      });
      if (r.ok) throw new Error('accepted');
      return r.error.message;
    };
    expect(await refused('name,phone\nAna,+447400123456')).toMatch(/not a WhatsApp rate card/);
    expect(await refused(card('0.05', 'Atlantis,EUR,1,1,1,n/a,n/a'))).toMatch(
      /line 10: "Atlantis" is not a market we know/,
    );
    expect(await refused(card('n/a'))).toMatch(/line 5 \(United Kingdom\): a price is missing/);
    expect(await refused(card('0.05').replace('Rates effective October 1, 2025', ''))).toMatch(
      /does not say from when/,
    );
    expect(await refused(card('0.05').replace('Other,EUR', 'Other,USD'))).toMatch(
      /mixes currencies/,
    );
    expect(await refused(card('0.05').replace(/\nOther.*\n/, '\n'))).toMatch(/no "Other" row/);
    expect(await refused('\u0000\u0001PK')).toMatch(/not a text file/);
    expect(
      await h.call('pricing.importCard', { file: { kind: 'path', path: join(h.dir, 'nope.csv') } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // The date can be given when the file does not say it.
    const given = await h.ok('pricing.importCard', {
      file: {
        kind: 'path',
        path: write('undated.csv', card('0.05').replace('Rates effective October 1, 2025', '')),
      },
      effectiveDate: '2026-01-01',
    });
    expect(given.effectiveDate).toBe('2026-01-01');
    expect((await h.ok('pricing.rateCard', {})).cards).toHaveLength(2);
  });
});
