import type { Database } from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { variantOf } from '../../../shared/domain/variants';
import { gbPhones as phones, storeTemplate, type SendHarness } from '../sending/helpers';
import { statusHarness, until } from '../status/helpers';
import { api, SALE_MAPPING, variantRows, withSaleVariant } from './helpers';

type Param = {
  type: string;
  text?: string;
  parameter_name?: string;
  image?: { id?: string; link?: string };
};
type Component = { type: string; sub_type?: string; parameters: Param[] };

const QUICK = { sentAfterMs: 20, deliveredAfterMs: 40, readAfterMs: 60, seed: 7 };

describe('A/B variants against the sandbox', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('sends each recipient its own variant (template and parameters, UTM tags in the link) and compares the variants', async () => {
    h = await statusHarness({ sandboxOptions: { keepComponents: true, delivery: QUICK } });
    const campaignId = await h.campaign('ab', phones(200));
    const view = await withSaleVariant(h.core, campaignId, { A: 70, B: 30 });
    await api(h.core, 'variants.setUtm', {
      campaignId,
      variant: 'B',
      slot: 'button.0',
      utm: { source: 'whatsapp', medium: 'campaign', content: 'Sale' },
    });
    expect(view.variants.map((v) => [v.id, v.share, v.templateName])).toEqual([
      ['A', 70, 'order_confirmation'],
      ['B', 30, 'spring_sale'],
    ]);
    const drawn = Object.fromEntries(view.variants.map((v) => [v.id, v.recipients]));
    expect(drawn.A! + drawn.B!).toBe(200);

    // Before start, the checks and the estimate already use each recipient's variant.
    const validation = await api(h.core, 'campaigns.validate', { campaignId });
    expect(validation).toMatchObject({ checked: 200, valid: 200, invalid: 0, unavailable: null });
    const estimate = await api(h.core, 'campaigns.estimate', { campaignId });
    expect(estimate.byVariant?.map((v) => [v.id, v.category, v.messages])).toEqual([
      ['A', 'UTILITY', drawn.A],
      ['B', 'MARKETING', drawn.B],
    ]);
    expect(estimate.total).toBeCloseTo(
      estimate.byVariant!.reduce((n, v) => n + v.total, 0),
      6,
    );
    expect(estimate.note).toMatch(/own template's category/);

    noDeferrals(h, campaignId);
    await api(h.core, 'campaigns.start', { campaignId });
    await h.waitFor(campaignId, ['completed']);

    // Assigned at start by the seeded draw, exactly as the draft showed.
    const rows = variantRows(h.core, campaignId);
    const split = {
      seed: 12345,
      variants: [
        { id: 'A' as const, share: 70 },
        { id: 'B' as const, share: 30 },
      ],
    };
    for (const r of rows) expect(r.variant).toBe(variantOf(split, r.id));
    expect(rows.filter((r) => r.variant === 'B').length).toBe(drawn.B);

    // What the sandbox received, per recipient (matched by the callback data every send carries).
    const fields = new Map(
      (
        h.core.store.sqlite
          .prepare('SELECT id, fields_json FROM recipients WHERE campaign_id = ?')
          .all(campaignId) as { id: number; fields_json: string }[]
      ).map((r) => [r.id, JSON.parse(r.fields_json) as Record<string, string>]),
    );
    const variantOfRow = new Map(rows.map((r) => [r.id, r.variant]));
    const sent = (await h.core.clients.sandbox()).state.messages();
    expect(sent).toHaveLength(200);
    for (const m of sent) {
      const id = Number(m.bizOpaqueCallbackData?.split(':')[2]);
      const f = fields.get(id)!;
      const components = m.components as Component[];
      if (variantOfRow.get(id) === 'A') {
        expect(m.template.name).toBe('order_confirmation');
        expect(components).toEqual([
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'first_name', text: f.name },
              { type: 'text', parameter_name: 'order_number', text: f.order },
            ],
          },
        ]);
      } else {
        expect(m.template.name).toBe('spring_sale');
        expect(components[0]).toEqual({
          type: 'body',
          parameters: [
            { type: 'text', text: f.name },
            { type: 'text', text: '20%' },
          ],
        });
        expect(components[1]).toEqual({
          type: 'button',
          sub_type: 'url',
          index: '0',
          parameters: [
            {
              type: 'text',
              text: `${f.order}?utm_source=whatsapp&utm_medium=campaign&utm_content=Sale`,
            },
          ],
        });
      }
    }

    // Side by side, once most delivery reports are in (a few numbers never report delivery): every
    // figure equals SQLite's own count, read with the pollers stopped so nothing moves in between.
    const stillSent = () =>
      (
        h.core.store.sqlite
          .prepare("SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND state = 'sent'")
          .get(campaignId) as { n: number }
      ).n;
    await until('statuses', () => stillSent() < 20);
    await h.core.status.close();
    const cmp = await api(h.core, 'variants.compare', { campaignId });
    expect(cmp.split).toBe(true);
    const count = (variant: string, where: string) =>
      (
        h.core.store.sqlite
          .prepare(
            `SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND variant = ? AND ${where}`,
          )
          .get(campaignId, variant) as { n: number }
      ).n;
    for (const v of cmp.variants) {
      expect(v).toMatchObject({
        recipients: count(v.id, '1'),
        sent: count(v.id, 'sent_at IS NOT NULL'),
        delivered: count(v.id, "state IN ('delivered', 'read')"),
        read: count(v.id, "state = 'read'"),
        failed: count(v.id, "state = 'failed'"),
        waiting: 0,
      });
      // Clicks come from template analytics, which the analytics poller may or may not have
      // fetched by now; when it has, the sandbox simulates some on read messages' buttons: the
      // total is the buttons' sum, and a click needs a read message of that variant.
      if (v.clicks !== null) {
        expect(v.clicks.total).toBe(v.clicks.byButton.reduce((a, b) => a + b.clicks, 0));
        if (v.clicks.total > 0) expect(v.read).toBeGreaterThan(0);
      }
      expect(v.deliveredRate).toBeCloseTo(v.delivered / v.sent, 10);
      expect(v.readRate).toBeCloseTo(v.read / v.delivered, 10);
    }
    expect(cmp.variants.map((v) => v.recipients)).toEqual([drawn.A, drawn.B]);
    // The sandbox refuses marketing to some numbers (131049/131050); the utility variant A gets none of those.
    expect(count('A', 'error_code IN (131049, 131050)')).toBe(0);
    // Different templates: each variant's clicks are its template's (from stored template analytics).
    expect(cmp.clicksNote).toBeNull();
    // The split is fixed once assigned.
    await expect(
      api(h.core, 'variants.setSplit', { campaignId, shares: { A: 50, B: 50 } }),
    ).rejects.toThrow(/completed/);
  });

  it('refuses to start while a variant cannot be sent, naming the variant', async () => {
    h = await statusHarness({ sandboxOptions: { delivery: QUICK } });
    const campaignId = await h.campaign('paused-b', phones(5));
    await withSaleVariant(h.core, campaignId, { A: 50, B: 50 });
    await api(h.core, 'variants.setTemplate', {
      campaignId,
      variant: 'B',
      templateId: storeTemplate(h.core, 1, 'winter_clearance', 'en_US'),
    });
    const pre = await api(h.core, 'campaigns.precheck', { campaignId });
    expect(pre.ok).toBe(false);
    expect(pre.items.find((i) => i.id === 'template')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Variant B: template "winter_clearance" is PAUSED/),
    });
    await expect(api(h.core, 'campaigns.start', { campaignId })).rejects.toThrow(
      /Variant B: template "winter_clearance" is PAUSED/,
    );
    expect(variantRows(h.core, campaignId).every((r) => r.variant === null)).toBe(true);

    // Back to a sendable B, but with a placeholder unmapped: the mapping check names it.
    await api(h.core, 'variants.setTemplate', {
      campaignId,
      variant: 'B',
      templateId: storeTemplate(h.core, 1, 'spring_sale', 'en_US'),
    });
    const { 'body.2': _drop, ...partial } = SALE_MAPPING;
    await api(h.core, 'variants.setMapping', { campaignId, variant: 'B', mapping: partial });
    const again = await api(h.core, 'campaigns.precheck', { campaignId });
    expect(again.items.find((i) => i.id === 'mapping')).toMatchObject({
      ok: false,
      message: 'Variant B: body.2 has no value assigned.',
    });
  });

  it('uploads each variant’s own header file once and sends it with that variant only', async () => {
    h = await statusHarness({ sandboxOptions: { keepComponents: true, delivery: QUICK } });
    const campaignId = await h.campaign('media', phones(30));
    const photo = storeTemplate(h.core, 1, 'new_arrivals_photo', 'en_US');
    await api(h.core, 'variants.add', { campaignId, templateId: photo, label: 'Photo' });
    await api(h.core, 'variants.setMapping', {
      campaignId,
      variant: 'B',
      mapping: { 'body.1': { kind: 'column', column: 'name' } },
    });
    const file = join(h.dir, 'arrivals.jpg');
    writeFileSync(
      file,
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
    );
    const setup = await api(h.core, 'variants.setMediaFile', {
      campaignId,
      variant: 'B',
      file: { kind: 'path', path: file },
      fileName: 'arrivals.jpg',
    });
    expect(setup.mappingProblems).toEqual([]);
    noDeferrals(h, campaignId);
    await api(h.core, 'campaigns.start', { campaignId });
    await h.waitFor(campaignId, ['completed']);
    const sandbox = await h.core.clients.sandbox();
    expect(sandbox.stats().media).toBe(1);
    const b = sandbox.state.messages().filter((m) => m.template.name === 'new_arrivals_photo');
    const a = sandbox.state.messages().filter((m) => m.template.name === 'order_confirmation');
    expect(b.length).toBe(variantRows(h.core, campaignId).filter((r) => r.variant === 'B').length);
    expect(a.length + b.length).toBe(30);
    const ids = new Set(b.map((m) => (m.components as Component[])[0]?.parameters[0]?.image?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/\d+/);
  });
});

/** Deferred retries of the per-user limit are another test's subject (marketing/deferred): off here. */
function noDeferrals(h: { core: { store: { sqlite: Database } } }, campaignId: number) {
  h.core.store.sqlite
    .prepare(
      `UPDATE campaigns SET settings_json = json_set(settings_json, '$.delivery', json('{"deferDays":null,"stopAfter":null}')) WHERE id = ?`,
    )
    .run(campaignId);
}
