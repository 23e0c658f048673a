import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { US_MARKETING_SKIP } from '../../../shared/domain/reach';
import { phones, sendHarness, type SendHarness } from './helpers';

/**
 * Issue 15 item 1: one model of who will receive the message. Validation (the Message tab), the
 * prechecks (Review & send), the cost, the quiet-hours table and the start all give the same count,
 * and the same left-out groups with their reasons.
 */

const ukPhones = (n: number) => Array.from({ length: n }, (_, i) => `+4474001234${String(10 + i)}`);
const quiet = { error: () => undefined };

async function marketingCampaign(h: SendHarness, name: string, audience: string[]) {
  const id = await h.campaign(name, audience);
  // order_confirmation as a MARKETING template: what Meta's US rule looks at is the category.
  h.core.store.sqlite
    .prepare(
      "UPDATE templates SET category = 'MARKETING' WHERE id = (SELECT template_id FROM campaigns WHERE id = ?)",
    )
    .run(id);
  return id;
}

describe('who will receive this message: one count everywhere', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('leaves out suppressed numbers, US numbers of a marketing template and rows that cannot be built, the same in every figure and at start', async () => {
    h = await sendHarness();
    const us = phones(3);
    const uk = ukPhones(3);
    const id = await marketingCampaign(h, 'reach', [...us, ...uk]);
    // The last UK row loses its order number: its message cannot be built.
    h.core.store.sqlite
      .prepare(
        "UPDATE recipients SET fields_json = json_set(fields_json, '$.order', '') WHERE campaign_id = ? AND phone = ?",
      )
      .run(id, uk[2]);
    // Opted out after the import (a US one too: being suppressed is the reason that wins).
    const optOut = h.core.store.sqlite.prepare(
      "INSERT INTO suppression (phone, reason, source, detail, created_at) VALUES (?, 'Replied STOP.', 'reply', NULL, 1)",
    );
    optOut.run(uk[1]);
    optOut.run(us[2]);

    const v = await h.core.handlers['campaigns.validate']({ campaignId: id });
    expect(v.willReceive).toBe(1);
    expect(v.willReceiveByCountry).toEqual({ GB: 1 });
    expect(v.leftOut.map((g) => [g.kind, g.count])).toEqual([
      ['suppressed', 2],
      ['us_marketing', 2],
      ['invalid', 1],
    ]);
    expect(v.leftOut.find((g) => g.kind === 'us_marketing')?.reason).toBe(
      'WhatsApp does not deliver marketing messages to US numbers',
    );

    const precheck = await h.core.handlers['campaigns.precheck']({ campaignId: id });
    expect(precheck.sendable).toBe(1);
    expect(precheck.items.find((i) => i.id === 'audience')?.message).toBe(
      '1 recipient will receive this message. 5 left out: 2 recipients who opted out or are on your do-not-contact list; 2 with US numbers: WhatsApp does not deliver marketing messages there; 1 whose message cannot be built from their row.',
    );
    const estimate = await h.core.handlers['campaigns.estimate']({ campaignId: id });
    expect(estimate.messages).toBe(1);
    expect(estimate.excluded).toBe(5);
    await h.core.handlers['campaigns.setPacing']({
      campaignId: id,
      quietHours: { enabled: true, from: '21:00', to: '08:00', zones: {} },
    });
    const pacing = await h.core.handlers['campaigns.pacing']({ campaignId: id });
    expect(pacing.quietHours.countries.map((c) => [c.country, c.recipients])).toEqual([['GB', 1]]);
    await h.core.handlers['campaigns.setPacing']({ campaignId: id, quietHours: null });

    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    expect(h.states(id)).toEqual({ sent: 1, skipped: 5 });
    const skipped = h.core.store.sqlite
      .prepare(
        "SELECT phone, skip_reason AS reason FROM recipients WHERE campaign_id = ? AND state = 'skipped' ORDER BY phone",
      )
      .all(id) as { phone: string; reason: string }[];
    expect(skipped.filter((s) => s.reason === US_MARKETING_SKIP).map((s) => s.phone)).toEqual(
      us.slice(0, 2),
    );
    const stats = (await h.core.clients.sandbox()).stats();
    expect(Object.keys(stats.acceptedByRecipient)).toEqual([uk[0]]);
  });

  it('refuses to start when nobody will receive it, saying why', async () => {
    h = await sendHarness({ runSenders: false });
    const id = await marketingCampaign(h, 'all US', phones(2));
    const v = await h.core.handlers['campaigns.validate']({ campaignId: id });
    expect(v.willReceive).toBe(0);
    const precheck = await h.core.handlers['campaigns.precheck']({ campaignId: id });
    expect(precheck.ok).toBe(false);
    expect(precheck.items.find((i) => i.id === 'audience')).toMatchObject({
      ok: false,
      message:
        'Nobody will receive this message. Left out: 2 recipients with US numbers: WhatsApp does not deliver marketing messages there (use a utility template for US customers, or reach them another way).',
    });
    const refused = await dispatch(h.core.handlers, 'campaigns.start', { campaignId: id }, quiet);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/Nobody will receive this message/),
      },
    });
    expect(h.states(id)).toEqual({ pending: 2 });
  });

  it('does not call an audience without a template "nobody to send to"', async () => {
    h = await sendHarness();
    const id = await h.campaign('no template yet', ukPhones(2));
    h.core.store.sqlite
      .prepare('UPDATE campaigns SET template_id = NULL, template_name = NULL WHERE id = ?')
      .run(id);
    const precheck = await h.core.handlers['campaigns.precheck']({ campaignId: id });
    const audience = precheck.items.find((i) => i.id === 'audience')?.message ?? '';
    expect(audience).not.toMatch(/nobody to send to/);
    expect(audience).toMatch(/^Nobody can receive this message yet: /);
  });
});
