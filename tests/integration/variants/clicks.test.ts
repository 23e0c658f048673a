import { afterEach, describe, expect, it } from 'vitest';
import { templateClicksSource } from '../../../electron/core/analytics/variant-clicks';
import { campaignScope, ownCells } from '../../../electron/core/analytics/scope';
import { reportVariants } from '../../../electron/core/campaigns/variants-report';
import { fakeClock } from '../../helpers/tmp';
import { phones, sendHarness, type SendHarness } from '../sending/helpers';
import { api, withSaleVariant } from './helpers';

const DAY = 86_400_000;

describe('button clicks per variant, from stored template analytics', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it("shows each variant its own template's clicks over the campaign's days, in the comparison and the report", async () => {
    const clock = fakeClock();
    h = await sendHarness({ clock, runSenders: false, statusPolling: false });
    const campaignId = await h.campaign('clicks', phones(20));
    await withSaleVariant(h.core, campaignId, { A: 50, B: 50 });
    const db = h.core.store.sqlite;
    const started = clock.now() - 2 * 3600_000;
    db.prepare(
      "UPDATE campaigns SET state = 'completed', started_at = ?, completed_at = ? WHERE id = ?",
    ).run(started, started + 3600_000, campaignId);
    const metaOf = (name: string) =>
      (db.prepare('SELECT meta_id FROM templates WHERE name = ?').get(name) as { meta_id: string })
        .meta_id;
    const day = started - (started % DAY);
    const insert = db.prepare(
      'INSERT INTO template_analytics (account_id, template_meta_id, day_start, sent, delivered, read, clicked_json, cost_json, fetched_at) VALUES (1, ?, ?, 10, 9, 5, ?, ?, ?)',
    );
    const clicks = (deals: number, stop: number) =>
      JSON.stringify([
        { type: 'url_button', button: 'See the deals', count: deals },
        { type: 'quick_reply_button', button: 'Stop promotions', count: stop },
      ]);
    insert.run(metaOf('spring_sale'), day, clicks(7, 2), '[]', clock.now());
    // A day the campaign did not send on: another campaign's clicks, never counted here.
    insert.run(metaOf('spring_sale'), day - 10 * DAY, clicks(100, 100), '[]', clock.now());

    const cmp = await api(h.core, 'variants.compare', { campaignId });
    const byId = Object.fromEntries(cmp.variants.map((v) => [v.id, v.clicks]));
    expect(byId.B).toEqual({
      total: 9,
      byButton: [
        { index: 0, text: 'See the deals', clicks: 7 },
        { index: 1, text: 'Stop promotions', clicks: 2 },
      ],
    });
    // Variant A's template (order_confirmation) has no figures fetched: no number, rather than a zero.
    expect(byId.A).toBeNull();
    expect(cmp.clicksNote).toBeNull();

    const report = reportVariants(
      h.core.store,
      campaignId,
      templateClicksSource(h.core.store, campaignId, clock.now()),
    );
    expect(report?.map((v) => [v.id, v.clicks])).toEqual([
      ['A', null],
      ['B', 9],
    ]);
  });

  it('counts a URL button by its unique clickers when Meta reports both url_button and unique_url_button', async () => {
    const clock = fakeClock();
    h = await sendHarness({ clock, runSenders: false, statusPolling: false });
    const campaignId = await h.campaign('unique', phones(20));
    await withSaleVariant(h.core, campaignId, { A: 50, B: 50 });
    const db = h.core.store.sqlite;
    const started = clock.now() - 2 * 3600_000;
    db.prepare(
      "UPDATE campaigns SET state = 'completed', started_at = ?, completed_at = ? WHERE id = ?",
    ).run(started, started + 3600_000, campaignId);
    const { meta_id } = db
      .prepare("SELECT meta_id FROM templates WHERE name = 'spring_sale'")
      .get() as { meta_id: string };
    db.prepare(
      'INSERT INTO template_analytics (account_id, template_meta_id, day_start, sent, delivered, read, clicked_json, cost_json, fetched_at) VALUES (1, ?, ?, 10, 9, 5, ?, ?, ?)',
    ).run(
      meta_id,
      started - (started % DAY),
      JSON.stringify([
        { type: 'url_button', button: 'See the deals', count: 11 },
        { type: 'unique_url_button', button: 'See the deals', count: 6 },
        { type: 'quick_reply_button', button: 'Stop promotions', count: 2 },
      ]),
      '[]',
      clock.now(),
    );
    const cmp = await api(h.core, 'variants.compare', { campaignId });
    const b = cmp.variants.find((v) => v.id === 'B');
    // 6 people clicked the link (11 clicks in all): 6 + 2, never 11 + 6 + 2.
    expect(b?.clicks).toEqual({
      total: 8,
      byButton: [
        { index: 0, text: 'See the deals', clicks: 6 },
        { index: 1, text: 'Stop promotions', clicks: 2 },
      ],
    });
  });

  it('leaves clicks out when two variants share a template, since Meta counts them together', async () => {
    const clock = fakeClock();
    h = await sendHarness({ clock, runSenders: false, statusPolling: false });
    const campaignId = await h.campaign('shared', phones(10));
    const own = h.core.store.sqlite
      .prepare('SELECT template_id FROM campaigns WHERE id = ?')
      .get(campaignId) as { template_id: number };
    await api(h.core, 'variants.add', { campaignId, templateId: own.template_id, label: 'Same' });
    const cmp = await api(h.core, 'variants.compare', { campaignId });
    expect(cmp.variants.map((v) => v.clicks)).toEqual([null, null]);
    expect(cmp.clicksNote).toMatch(/share its click count/);
    expect(
      reportVariants(
        h.core.store,
        campaignId,
        templateClicksSource(h.core.store, campaignId, clock.now()),
      )?.map((v) => v.clicks),
    ).toEqual([null, null]);
  });

  it("counts our own figures under each recipient's variant template, for the analytics cross-check", async () => {
    const clock = fakeClock();
    h = await sendHarness({ clock, runSenders: false, statusPolling: false });
    const campaignId = await h.campaign('own', phones(10));
    await withSaleVariant(h.core, campaignId, { A: 50, B: 50 });
    const db = h.core.store.sqlite;
    const at = clock.now() - 3600_000;
    db.prepare(
      "UPDATE campaigns SET state = 'completed', started_at = ?, completed_at = ? WHERE id = ?",
    ).run(at, at + 60_000, campaignId);
    db.prepare(
      "UPDATE recipients SET state = 'read', sent_at = ?, variant = CASE WHEN id % 2 = 0 THEN 'B' ELSE 'A' END WHERE campaign_id = ?",
    ).run(at, campaignId);
    const scope = campaignScope(h.core.store, campaignId, clock.now());
    expect(scope.templates.map((t) => t.name)).toEqual(['order_confirmation', 'spring_sale']);
    const cells = await ownCells(
      h.core.store,
      scope.accountId,
      scope.templates.map((t) => t.templateId),
      scope.range!,
    );
    const byTemplate = Object.fromEntries(
      scope.templates.map((t) => [
        t.name,
        cells.filter((c) => c.templateId === t.templateId).reduce((n, c) => n + c.sent, 0),
      ]),
    );
    const even = (
      db
        .prepare("SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND variant = 'B'")
        .get(campaignId) as { n: number }
    ).n;
    expect(byTemplate).toEqual({ order_confirmation: 10 - even, spring_sale: even });
    // Walked in chunks of 3 recipients (with the event loop between them), the figures are the same.
    db.prepare('UPDATE recipients SET sent_at = sent_at + id * 1000 WHERE campaign_id = ?').run(
      campaignId,
    );
    const whole = await ownCells(
      h.core.store,
      scope.accountId,
      scope.templates.map((t) => t.templateId),
      scope.range!,
    );
    const chunked = await ownCells(
      h.core.store,
      scope.accountId,
      scope.templates.map((t) => t.templateId),
      scope.range!,
      3,
    );
    const norm = (cs: typeof whole) =>
      [...cs].sort((a, b) => a.templateId - b.templateId || a.day - b.day);
    expect(norm(chunked)).toEqual(norm(whole));
    expect(whole.reduce((n, c) => n + c.sent, 0)).toBe(10);
  });
});
