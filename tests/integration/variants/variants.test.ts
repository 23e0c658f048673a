import { afterEach, describe, expect, it } from 'vitest';
import {
  gbPhones as phones,
  sendHarness,
  storeTemplate,
  type SendHarness,
} from '../sending/helpers';
import { api, refused, SALE_MAPPING, variantRows, withSaleVariant } from './helpers';

describe('variants: the contract methods', () => {
  let h: SendHarness;
  afterEach(() => h.close());
  const setup = async (n = 20) => {
    h = await sendHarness({ runSenders: false });
    return h.campaign('variants', phones(n));
  };

  it('starts as A alone, adds B as a copy of A and C after it, at even proportions, never more than three', async () => {
    const campaignId = await setup();
    const fresh = await api(h.core, 'variants.get', { campaignId });
    expect(fresh).toMatchObject({ split: false, editable: true, assigned: false });
    expect(fresh.variants).toEqual([
      expect.objectContaining({
        id: 'A',
        label: 'A',
        share: 100,
        templateName: 'order_confirmation',
        recipients: 20,
        problems: [],
      }),
    ]);
    expect(fresh.note).toMatch(/seeded/);

    const ab = await api(h.core, 'variants.add', { campaignId });
    expect(ab.split).toBe(true);
    expect(ab.variants.map((v) => [v.id, v.label, v.share, v.templateName])).toEqual([
      ['A', 'A', 50, 'order_confirmation'],
      ['B', 'B', 50, 'order_confirmation'],
    ]);
    expect((await api(h.core, 'variants.message', { campaignId, variant: 'B' })).mapping).toEqual(
      (await api(h.core, 'campaigns.message', { campaignId })).mapping,
    );
    expect(ab.variants.reduce((n, v) => n + v.recipients, 0)).toBe(20);

    const abc = await api(h.core, 'variants.add', {
      campaignId,
      label: 'Third',
      templateId: storeTemplate(h.core, 1, 'spring_sale', 'en_US'),
    });
    expect(abc.variants.map((v) => [v.id, v.share, v.templateName])).toEqual([
      ['A', 34, 'order_confirmation'],
      ['B', 33, 'order_confirmation'],
      ['C', 33, 'spring_sale'],
    ]);
    // Another template keeps only what it shares with A; the rest is reported, not guessed.
    expect(abc.variants[2]!.problems).toEqual(
      expect.arrayContaining(['body.2 has no value assigned.']),
    );
    expect(await refused(h.core, 'variants.add', { campaignId })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/at most 3/),
    });
    expect(
      await refused(h.core, 'variants.setLabel', { campaignId, variant: 'B', label: ' third ' }),
    ).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/already called "Third"/),
    });
  });

  it('sets proportions only as whole percentages naming every variant, and re-draws with a new seed', async () => {
    const campaignId = await setup(200);
    await withSaleVariant(h.core, campaignId, { A: 70, B: 30 }, 1);
    expect(
      await refused(h.core, 'variants.setSplit', { campaignId, shares: { A: 70, B: 20 } }),
    ).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/add up to 90%/) });
    expect(
      await refused(h.core, 'variants.setSplit', { campaignId, shares: { A: 100 } }),
    ).toMatchObject({ message: expect.stringMatching(/every variant: A, B/) });
    expect(
      await refused(h.core, 'variants.setSplit', { campaignId, shares: { A: 50, B: 25, C: 25 } }),
    ).toMatchObject({ message: expect.stringMatching(/no variant C/) });
    expect(
      await refused(h.core, 'variants.setSplit', { campaignId, shares: { A: 100, B: 0 } }),
    ).toMatchObject({ message: expect.stringMatching(/at least 1%/) });
    expect(
      await refused(h.core, 'variants.setSplit', { campaignId, shares: { A: 70.5, B: 29.5 } }),
    ).toMatchObject({ code: 'VALIDATION' });

    const one = (await api(h.core, 'variants.get', { campaignId })).variants.map(
      (v) => v.recipients,
    );
    const same = (await api(h.core, 'variants.setSplit', { campaignId, seed: 1 })).variants.map(
      (v) => v.recipients,
    );
    expect(same).toEqual(one);
    const other = await api(h.core, 'variants.setSplit', { campaignId, seed: 2 });
    expect(other.seed).toBe(2);
    expect(other.variants.reduce((n, v) => n + v.recipients, 0)).toBe(200);
  });

  it('removes B with C moving up and A taking the removed proportion', async () => {
    const campaignId = await setup();
    await api(h.core, 'variants.add', { campaignId, label: 'Short' });
    await api(h.core, 'variants.add', { campaignId });
    await api(h.core, 'variants.setSplit', { campaignId, shares: { A: 50, B: 30, C: 20 } });
    const left = await api(h.core, 'variants.remove', { campaignId, variant: 'B' });
    expect(left.variants.map((v) => [v.id, v.label, v.share])).toEqual([
      ['A', 'A', 80],
      ['B', 'B', 20],
    ]);
    const alone = await api(h.core, 'variants.remove', { campaignId, variant: 'B' });
    expect(alone).toMatchObject({
      split: false,
      variants: [expect.objectContaining({ id: 'A', share: 100 })],
    });
    expect(await refused(h.core, 'variants.remove', { campaignId, variant: 'C' })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("checks a variant's mapping as A's is, and its tags against its own template", async () => {
    const campaignId = await setup();
    await withSaleVariant(h.core, campaignId, { A: 50, B: 50 });
    expect(
      await refused(h.core, 'variants.setMapping', {
        campaignId,
        variant: 'B',
        mapping: { ...SALE_MAPPING, 'body.9': { kind: 'static', value: 'x' } },
      }),
    ).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/"body\.9" is not a placeholder of "spring_sale"/),
    });
    expect(
      await refused(h.core, 'variants.setTemplate', { campaignId, variant: 'B', templateId: 999 }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refused(h.core, 'variants.setUtm', {
        campaignId,
        variant: 'A',
        slot: 'button.0',
        utm: { source: 'wa' },
      }),
    ).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/not a link button with a variable in "order_confirmation"/),
    });
    expect(
      await refused(h.core, 'variants.setUtm', {
        campaignId,
        variant: 'B',
        slot: 'button.0',
        utm: { source: 'line\nbreak' },
      }),
    ).toMatchObject({ code: 'VALIDATION' });
    const tagged = await api(h.core, 'variants.setUtm', {
      campaignId,
      variant: 'B',
      slot: 'button.0',
      utm: { source: ' whatsapp ', medium: '' },
    });
    expect(tagged.variants[1]!.utm).toEqual({ 'button.0': { source: 'whatsapp' } });
    expect(tagged.variants[1]!.urlButtons).toEqual([
      {
        slot: 'button.0',
        index: 0,
        text: 'See the deals',
        url: 'https://shop.example.com/deals/{{1}}',
        utmBlocked: null,
      },
    ]);
    const cleared = await api(h.core, 'variants.setUtm', {
      campaignId,
      variant: 'B',
      slot: 'button.0',
      utm: { source: '  ' },
    });
    expect(cleared.variants[1]!.utm).toEqual({});
  });

  it("previews a recipient as any variant, says which one they get, and shows A's tags in campaigns.preview too", async () => {
    const campaignId = await setup(40);
    const sale = storeTemplate(h.core, 1, 'spring_sale', 'en_US');
    await api(h.core, 'campaigns.setTemplate', { campaignId, templateId: sale });
    await api(h.core, 'campaigns.setMapping', { campaignId, mapping: SALE_MAPPING });
    await api(h.core, 'variants.setUtm', {
      campaignId,
      variant: 'A',
      slot: 'button.0',
      utm: { source: 'whatsapp', content: 'A' },
    });
    const a = await api(h.core, 'campaigns.preview', { campaignId });
    expect(a.message?.buttons[0]?.url).toBe(
      `https://shop.example.com/deals/${a.recipient!.fields.order}?utm_source=whatsapp&utm_content=A`,
    );
    expect(JSON.stringify(a.requestBody)).toContain(
      `"text":"${a.recipient!.fields.order}?utm_source=whatsapp&utm_content=A"`,
    );

    // B starts as a copy of A, tags included, with utm_content set to its own name.
    await api(h.core, 'variants.add', { campaignId, label: 'Bold' });
    const view = await api(h.core, 'variants.get', { campaignId });
    expect(view.variants[1]!.utm).toEqual({ 'button.0': { source: 'whatsapp', content: 'Bold' } });
    const rows = variantRows(h.core, campaignId);
    const previews = await Promise.all(
      rows
        .slice(0, 10)
        .map((r) =>
          api(h.core, 'variants.preview', { campaignId, variant: 'B', recipientId: r.id }),
        ),
    );
    for (const p of previews) {
      expect(p.variant).toBe('B');
      expect(p.message?.buttons[0]?.url).toMatch(/utm_content=Bold$/);
      expect(
        p.recipientVariant === 'B' || p.requestNotes.some((n) => /gets variant A, not B/.test(n)),
      ).toBe(true);
    }
    expect(new Set(previews.map((p) => p.recipientVariant)).size).toBe(2);
  });

  it('validates each recipient against its own variant and prefixes the reasons with it', async () => {
    const campaignId = await setup(60);
    await withSaleVariant(h.core, campaignId, { A: 50, B: 50 });
    await api(h.core, 'variants.setMapping', {
      campaignId,
      variant: 'B',
      mapping: { ...SALE_MAPPING, 'body.2': { kind: 'column', column: 'missing' } },
    });
    const v = await api(h.core, 'campaigns.validate', { campaignId });
    const inB = (await api(h.core, 'variants.get', { campaignId })).variants[1]!.recipients;
    expect(v).toMatchObject({ checked: 60, valid: 60 - inB, invalid: inB });
    expect(v.mappingProblems).toEqual([
      'Variant B (Sale): body.2 is mapped to the column "missing", which this audience does not have.',
    ]);
    expect(v.reasons).toEqual([
      expect.objectContaining({ code: 'EMPTY_PARAMETER', count: inB, action: 'fix_mapping' }),
    ]);
    expect(v.reasons[0]!.examples[0]!.message).toMatch(
      /^Variant B \(Sale\): body\.2 \("missing"\) is empty\./,
    );
    // B without a template: nothing can be checked until it has one.
    await api(h.core, 'variants.setTemplate', {
      campaignId,
      variant: 'B',
      templateId: storeTemplate(h.core, 1, 'spring_sale', 'es'),
    });
    h.core.store.sqlite
      .prepare("DELETE FROM templates WHERE name = 'spring_sale' AND language = 'es'")
      .run();
    expect((await api(h.core, 'campaigns.validate', { campaignId })).unavailable).toMatch(
      /^Variant B \(Sale\): The template "spring_sale" \(es\) is no longer/,
    );
  });

  it('keeps the split in a draft only, but lets a paused campaign fix a variant’s mapping', async () => {
    const campaignId = await setup();
    await withSaleVariant(h.core, campaignId, { A: 50, B: 50 });
    h.core.store.sqlite
      .prepare("UPDATE campaigns SET state = 'paused' WHERE id = ?")
      .run(campaignId);
    expect(
      await refused(h.core, 'variants.setSplit', { campaignId, shares: { A: 60, B: 40 } }),
    ).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/paused/) });
    expect(await refused(h.core, 'variants.add', { campaignId })).toMatchObject({
      code: 'CONFLICT',
    });
    const fixed = await api(h.core, 'variants.setMapping', {
      campaignId,
      variant: 'B',
      mapping: { ...SALE_MAPPING, 'body.2': { kind: 'static', value: '30%' } },
    });
    expect(fixed.mapping['body.2']).toEqual({ kind: 'static', value: '30%' });
    const view = await api(h.core, 'variants.get', { campaignId });
    expect(view).toMatchObject({ editable: false, messageEditable: true });
    h.core.store.sqlite
      .prepare("UPDATE campaigns SET state = 'completed' WHERE id = ?")
      .run(campaignId);
    expect(
      await refused(h.core, 'variants.setLabel', { campaignId, variant: 'B', label: 'Late' }),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it('clears assignments a start left behind when the split changes in the draft', async () => {
    const campaignId = await setup();
    await withSaleVariant(h.core, campaignId, { A: 50, B: 50 });
    h.core.store.sqlite
      .prepare("UPDATE recipients SET variant = 'C' WHERE campaign_id = ?")
      .run(campaignId);
    await api(h.core, 'variants.setSplit', { campaignId, shares: { A: 60, B: 40 } });
    expect(variantRows(h.core, campaignId).every((r) => r.variant === null)).toBe(true);
  });

  it('refuses to send from damaged settings, and lets a new split start over', async () => {
    const campaignId = await setup();
    h.core.store.sqlite
      .prepare(
        `UPDATE campaigns SET settings_json = '{"variants":{"seed":-1,"variants":[]}}' WHERE id = ?`,
      )
      .run(campaignId);
    const view = await api(h.core, 'variants.get', { campaignId });
    expect(view).toMatchObject({ editable: false, split: false });
    expect(view.note).toMatch(/cannot be read/);
    const pre = await api(h.core, 'campaigns.precheck', { campaignId });
    expect(pre.items.find((i) => i.id === 'template')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/cannot be read/),
    });
    expect(
      await refused(h.core, 'variants.setUtm', {
        campaignId,
        variant: 'A',
        slot: 'button.0',
        utm: null,
      }),
    ).toMatchObject({ code: 'CONFLICT' });
    const reset = await api(h.core, 'variants.setSplit', { campaignId, shares: { A: 100 } });
    expect(reset.note).not.toMatch(/cannot be read/);
    expect((await api(h.core, 'campaigns.precheck', { campaignId })).ok).toBe(true);
  });

  it('refuses hostile input at the contract: unknown variants, ids, keys and oversized values', async () => {
    const campaignId = await setup(2);
    expect(
      await refused(h.core, 'variants.setLabel', { campaignId, variant: 'D' as 'A', label: 'x' }),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(
      await refused(h.core, 'variants.setMapping', {
        campaignId,
        variant: 'A' as 'B',
        mapping: {},
      }),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(
      await refused(h.core, 'variants.add', { campaignId, label: 'x'.repeat(41) }),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(await refused(h.core, 'variants.add', { campaignId, label: '\u0007' })).toMatchObject({
      code: 'VALIDATION',
    });
    expect(
      await refused(h.core, 'variants.setUtm', {
        campaignId,
        variant: 'A',
        slot: 'body.1',
        utm: null,
      }),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(
      await refused(h.core, 'variants.setUtm', {
        campaignId,
        variant: 'A',
        slot: 'button.0',
        utm: { source: 'x'.repeat(201) },
      }),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(
      await refused(h.core, 'variants.setUtm', {
        campaignId,
        variant: 'A',
        slot: 'button.0',
        utm: { term: 'x' } as never,
      }),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(await refused(h.core, 'variants.get', { campaignId: 9999 })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
