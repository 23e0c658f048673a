import { afterEach, describe, expect, it } from 'vitest';
import { validateCampaign } from '../../../electron/core/templates/validation';
import { templateHarness, type TemplateHarness } from './helpers';
import { countLoopTurns } from '../../helpers/loop-turns';

const N = 100_000;

/** Writes N recipients straight into SQLite (the import itself is tested elsewhere). */
function seed(h: TemplateHarness): void {
  const db = h.core.store.sqlite;
  db.prepare(
    'UPDATE campaigns SET columns_json = \'["First name","Phone","Code"]\' WHERE id = ?',
  ).run(h.campaignId);
  const insert = db.prepare(
    'INSERT INTO recipients (campaign_id, row_number, phone, country, fields_json) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      // Every 10th has no first name; every 1000th a code with a space.
      const fields = {
        'First name': i % 10 === 0 ? '' : `Customer ${i}`,
        Phone: '',
        Code: i % 1000 === 0 ? 'a b' : `c${i}`,
      };
      // Not US: spring_sale is a marketing template, which WhatsApp does not deliver to US numbers.
      insert.run(
        h.campaignId,
        i + 2,
        i % 2 ? `+447911${String(100000 + i).padStart(6, '0')}` : `+35387${String(1000000 + i)}`,
        i % 2 ? 'GB' : 'IE',
        JSON.stringify(fields),
      );
    }
  })();
}

describe('validating a large audience', () => {
  let h: TemplateHarness;
  afterEach(async () => h?.close());

  it('reads bounded pages, keeps the event loop free and counts every recipient', async () => {
    h = await templateHarness();
    seed(h);
    await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: await h.templateId('spring_sale'),
    });
    await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: {
        'body.1': { kind: 'column', column: 'First name' },
        'body.2': { kind: 'static', value: '20%' },
        'button.0': { kind: 'column', column: 'Code' },
      },
    });

    const store = h.core.store;
    const all = store.all.bind(store);
    let largest = 0;
    store.all = ((q: Parameters<typeof all>[0]) => {
      const rows = all(q);
      largest = Math.max(largest, rows.length);
      return rows;
    }) as typeof store.all;

    const turns = countLoopTurns();
    const pass = await validateCampaign(store, h.campaignId, { pageSize: 1000 });
    const yielded = turns.stop();
    store.all = all;

    // Every 1000th is also a 10th, so the unencoded codes add a reason but no invalid recipient.
    expect(pass.summary).toMatchObject({ checked: N, invalid: N / 10, valid: N - N / 10 });
    expect(pass.summary.reasons.find((r) => r.code === 'URL_SUFFIX_NOT_ENCODED')?.count).toBe(
      N / 1000,
    );
    expect(pass.summary.reasons.find((r) => r.code === 'EMPTY_PARAMETER')?.examples).toHaveLength(
      20,
    );
    expect(largest).toBeLessThanOrEqual(1000);
    // The event loop ran between pages: about once per page of 1,000 recipients.
    expect(yielded).toBeGreaterThanOrEqual(N / 1000 - 1);
  }, 60_000);

  it('shares one run between identical requests and stops a run whose inputs changed', async () => {
    h = await templateHarness();
    seed(h);
    await h.ok('campaigns.setTemplate', {
      campaignId: h.campaignId,
      templateId: await h.templateId('spring_sale'),
    });
    const mapping = {
      'body.1': { kind: 'column', column: 'First name' },
      'body.2': { kind: 'static', value: '20%' },
      'button.0': { kind: 'column', column: 'Code' },
    };
    await h.ok('campaigns.setMapping', { campaignId: h.campaignId, mapping });

    const [a, b] = await Promise.all([
      h.call('campaigns.validate', { campaignId: h.campaignId }),
      h.call('campaigns.validate', { campaignId: h.campaignId }),
    ]);
    // One run: the answers carry the very same pass (each call adds its own language plan on top).
    expect(a.ok && b.ok && a.value.reasons).toBe(b.ok && b.value.reasons);
    expect(a.ok && b.ok && a.value.leftOut).toBe(b.ok && b.value.leftOut);

    const stale = h.call('campaigns.validate', { campaignId: h.campaignId });
    const again = await h.call('campaigns.validate', { campaignId: h.campaignId });
    expect(again.ok).toBe(true);
    expect((await stale).ok).toBe(true); // identical inputs: still shared

    const first = h.call('campaigns.validate', { campaignId: h.campaignId });
    await h.ok('campaigns.setMapping', {
      campaignId: h.campaignId,
      mapping: { ...mapping, 'body.2': { kind: 'static', value: '30%' } },
    });
    const second = await h.call('campaigns.validate', { campaignId: h.campaignId });
    expect(second.ok && second.value.checked).toBe(N);
    const r = await first;
    // The first run either finished before the change or was stopped with a clear message.
    if (!r.ok)
      expect(r.error).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/changed while it was being checked/),
      });
  }, 60_000);
});
