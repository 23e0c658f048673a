import { afterEach, describe, expect, it } from 'vitest';
import { templateHarness, type TemplateHarness } from './helpers';

const LOOKUP = {
  name: 'order_lookup',
  language: 'en',
  status: 'APPROVED',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order for {{1}}' },
    { type: 'BODY', text: 'Hi {{1}}, your order {{2}} is ready. {{3}}' },
    {
      type: 'BUTTONS',
      buttons: [{ type: 'URL', text: 'Track', url: 'https://shop.example.com/t/{{1}}' }],
    },
  ],
};

// Header 1 ← Name, body 1 ← Name (fallback), body 2 ← Order, body 3 ← Note, button ← Order.
const MAPPING = {
  'header.1': { kind: 'column', column: 'Name', fallback: 'you' },
  'body.1': { kind: 'column', column: 'Name', fallback: 'there' },
  'body.2': { kind: 'column', column: 'Order' },
  'body.3': { kind: 'column', column: 'Note', fallback: 'Thanks!' },
  'button.0': { kind: 'column', column: 'Order' },
};

const csv = [
  'Name,Phone,Order,Note',
  'Ana,+14155550101,A-1,', // valid
  ',+14155550102,A-2,', // valid: both fallbacks apply
  'Bo,+14155550103,,', // empty Order: body.2 and button.0 empty
  '"Two\nlines",+14155550104,A-4,', // newline in a value
  'Tab,+14155550105,A-5,"a\tb"', // tab in a value
  'Spaces,+14155550106,A-6,"a      b"', // more than four spaces
  `${'N'.repeat(61)},+14155550107,A-7,`, // header value over 60
  `Long,+14155550108,A-8,${'x'.repeat(1000)}`, // body over 1024 once filled in
  'Enc,+14155550109,A 9,', // URL suffix with a space
  'Ok UK,+447400123456,B-1,', // valid, GB
  'Ok BR,+5511987654321,C-1,', // valid, BR
].join('\n');

describe('campaigns.validate and campaigns.estimate', () => {
  let h: TemplateHarness;
  afterEach(async () => h?.close());

  const setUp = async () => {
    h = await templateHarness();
    // An opted-out number is imported as skipped and never checked.
    h.core.store.sqlite
      .prepare(
        "INSERT INTO suppression (phone, reason, source, created_at) VALUES ('+14155550199', 'opted out', 'test', 0)",
      )
      .run();
    await h.importCsv(`${csv}\nGone,+14155550199,Z-1,`);
    const added = await h.ok('templates.add', { json: JSON.stringify(LOOKUP) });
    await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: added.added[0]!.id,
    });
    await h.ok('campaigns.setMapping', { campaignId: h.campaignId, mapping: MAPPING });
  };

  it('checks every recipient and counts each rule by reason, with the rows', async () => {
    await setUp();
    const v = await h.ok('campaigns.validate', { campaignId: h.campaignId });
    expect(v).toMatchObject({
      checked: 11,
      valid: 4,
      invalid: 7,
      alreadySkipped: 1,
      mappingProblems: [],
      unavailable: null,
    });
    const byCode = Object.fromEntries(v.reasons.map((r) => [r.code, r]));
    // Row numbers count records (the import's numbering), so the quoted line break takes one row.
    const rows = (code: string) => byCode[code]?.examples.map((e) => e.rowNumber);
    expect(rows('EMPTY_PARAMETER')).toEqual([4]);
    expect(byCode.EMPTY_PARAMETER?.slots).toEqual(['body.2', 'button.0']);
    expect(rows('PARAMETER_HAS_NEWLINE')).toEqual([5, 6]);
    expect(rows('PARAMETER_TOO_MANY_SPACES')).toEqual([7]);
    expect(rows('HEADER_PARAMETER_TOO_LONG')).toEqual([8]);
    expect(rows('BODY_TOO_LONG')).toEqual([9]);
    expect(rows('URL_SUFFIX_NOT_ENCODED')).toEqual([10]);
    expect(byCode.EMPTY_PARAMETER).toMatchObject({
      label: 'Empty value',
      count: 1,
      action: 'skip_recipients',
    });
    expect(byCode.EMPTY_PARAMETER?.examples[0]?.message).toBe('body.2 ("Order") is empty.');
  });

  it('a mapping to a column the audience lacks: every recipient fails, and the action is to fix the mapping', async () => {
    await setUp();
    await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: { ...MAPPING, 'body.2': { kind: 'column', column: 'Order number' } },
    });
    const v = await h.ok('campaigns.validate', { campaignId: h.campaignId });
    expect(v.mappingProblems).toEqual([
      'body.2 is mapped to the column "Order number", which this audience does not have.',
    ]);
    const empty = v.reasons.find((r) => r.code === 'EMPTY_PARAMETER');
    expect(empty).toMatchObject({ count: 11, action: 'fix_mapping' });
  });

  it('a paused template: every recipient is refused and the action is to choose another template', async () => {
    await setUp();
    await h.ok('templates.add', { json: JSON.stringify({ ...LOOKUP, status: 'PAUSED' }) });
    const v = await h.ok('campaigns.validate', { campaignId: h.campaignId });
    expect(v.valid).toBe(0);
    expect(v.reasons[0]).toMatchObject({
      code: 'TEMPLATE_NOT_APPROVED',
      count: 11,
      action: 'choose_template',
    });
    const setup = await h.ok('campaigns.message', { campaignId: h.campaignId });
    expect(setup.templateWarning).toMatch(/is paused/);
  });

  it('estimates the cost of the valid recipients by country from the dated rate card, and follows edited rates', async () => {
    await setUp();
    const e = await h.ok('campaigns.estimate', { campaignId: h.campaignId });
    expect(e).toMatchObject({
      category: 'UTILITY',
      currency: 'USD',
      rateCardDate: '2025-07-01',
      rateCardEdited: false,
      messages: 4,
      excluded: 8,
      unavailable: null,
    });
    expect(e.countries).toEqual([
      {
        country: 'GB',
        marketId: 'GB',
        marketName: 'United Kingdom',
        messages: 1,
        unitPrice: 0.022,
        cost: 0.022,
      },
      {
        country: 'US',
        marketId: 'north_america',
        marketName: 'North America',
        messages: 2,
        unitPrice: 0.004,
        cost: 0.008,
      },
      {
        country: 'BR',
        marketId: 'BR',
        marketName: 'Brazil',
        messages: 1,
        unitPrice: 0.0068,
        cost: 0.0068,
      },
    ]);
    expect(e.total).toBe(0.0368);
    expect(e.note).toMatch(/estimate from the rate card dated 2025-07-01.*delivered/);

    const card = await h.ok('pricing.setRates', { prices: { north_america: { UTILITY: 0.01 } } });
    expect(card).toMatchObject({ edited: true, editedMarkets: ['north_america'] });
    const edited = await h.ok('campaigns.estimate', { campaignId: h.campaignId });
    expect(edited).toMatchObject({ rateCardEdited: true, total: 0.0488 });
    expect(
      await h.call('pricing.setRates', { prices: { atlantis: { UTILITY: 1 } } }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await h.call('pricing.setRates', { prices: { GB: { UTILITY: -1 } } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await h.ok('pricing.setRates', { reset: true })).toMatchObject({
      edited: false,
      editedMarkets: [],
    });
    expect(
      (await h.ok('pricing.rateCard', {})).markets.find((m) => m.id === 'north_america')?.prices
        .UTILITY,
    ).toBe(0.004);
  });

  it('without a template there is nothing to check or price, and it says so', async () => {
    h = await templateHarness();
    await h.importCsv(csv);
    expect(await h.ok('campaigns.validate', { campaignId: h.campaignId })).toMatchObject({
      checked: 0,
      unavailable: 'Choose a template first.',
    });
    expect((await h.ok('campaigns.estimate', { campaignId: h.campaignId })).unavailable).toMatch(
      /Choose a template first/,
    );
  });
});
