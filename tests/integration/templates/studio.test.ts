import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { templateHarness, type TemplateHarness } from './helpers';

const REVIEW_MS = 60_000;

const shipped = (over: Record<string, unknown> = {}) => ({
  name: 'order_shipped_studio',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    {
      type: 'BODY',
      text: 'Hi {{1}}, your order {{2}} has shipped and will arrive within three days.',
      example: { body_text: [['Maria', 'A-1042']] },
    },
  ],
  ...over,
});
const bodyOnly = (text: string, example: string[]) => [
  { type: 'BODY', text, example: { body_text: [example] } },
];

describe('template studio: submit to the sandbox and follow the review', () => {
  let h: TemplateHarness;
  let now = 1_800_000_000_000;
  const open = async () => {
    now = 1_800_000_000_000;
    h = await templateHarness({ sandboxOptions: { now: () => now, reviewDelayMs: REVIEW_MS } });
  };
  afterEach(async () => h?.close());

  const create = (t: unknown, extra: Record<string, unknown> = {}) =>
    h.ok('templates.create', { json: JSON.stringify(t), submit: true, ...extra });
  const status = async (name: string) => (await h.ok('templates.status', { name }))[0]!;

  it('submits, is pending, then approved; the approved template syncs in and can be sent', async () => {
    await open();
    const t = await create(shipped());
    expect(t).toMatchObject({ status: 'PENDING', metaId: expect.any(String), rejection: null });
    expect((await status('order_shipped_studio')).status).toBe('PENDING');
    now += REVIEW_MS;
    expect(await status('order_shipped_studio')).toMatchObject({
      status: 'APPROVED',
      category: 'UTILITY',
    });
    const id = await h.templateId('order_shipped_studio');
    expect(
      (await h.ok('campaigns.setTemplate', { campaignId: h.campaignId, templateId: id })).template
        ?.name,
    ).toBe('order_shipped_studio');
  });

  it('refuses a template the check finds wrong, unless forced; the forced one is rejected in plain words', async () => {
    await open();
    const bad = shipped({ components: bodyOnly('Your code {{1}}', ['X1']) });
    const refused = await h.call('templates.create', { json: JSON.stringify(bad), submit: true });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('ends with a variable');
    expect(await h.ok('templates.drafts', {})).toEqual([]);

    await create(bad, { force: true });
    now += REVIEW_MS;
    const t = await status('order_shipped_studio');
    expect(t).toMatchObject({ status: 'REJECTED', rejectedReason: 'INVALID_FORMAT' });
    expect(t.rejection?.fix).toContain('check');
  });

  it('follows a re-categorisation to marketing and says what it means', async () => {
    await open();
    const promo = shipped({
      components: bodyOnly(
        'Hi {{1}}, your order has shipped. Enjoy 20% off your next order with code {{2}} this week.',
        ['Maria', 'SAVE20'],
      ),
    });
    const t = await create(promo);
    expect(t.check.findings.map((f) => f.rule)).toContain('promotional-utility');
    now += REVIEW_MS;
    const after = await status('order_shipped_studio');
    expect(after).toMatchObject({
      status: 'APPROVED',
      category: 'MARKETING',
      previousCategory: 'UTILITY',
    });
    expect(after.categoryChange).toContain('from utility to marketing');
  });

  it('uploads a sample image for a media header and deletes the template here and at WhatsApp', async () => {
    await open();
    const jpeg = join(h.dir, 'sample.jpg');
    writeFileSync(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3]));
    const withImage = shipped({
      components: [
        { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['sample.jpg'] } },
        ...shipped().components,
      ],
    });
    const t = await create(withImage, { baseDir: h.dir });
    const header = t.draft.components[0] as { example: { header_handle: string[] } };
    expect(header.example.header_handle[0]).toMatch(/^4::/);
    now += REVIEW_MS;
    expect((await status('order_shipped_studio')).status).toBe('APPROVED');
    expect(await h.ok('templates.remove', { name: 'order_shipped_studio' })).toEqual({
      deleted: 1,
      deletedAtMeta: true,
    });
    await h.ok('templates.sync', {});
    const names = (await h.ok('templates.list', {})).templates.map((x) => x.name);
    expect(names).not.toContain('order_shipped_studio');
  });

  it('says clearly when a sample file is missing, and keeps the draft', async () => {
    await open();
    const missing = shipped({
      components: [
        { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['nope.jpg'] } },
        ...shipped().components,
      ],
    });
    const r = await h.call('templates.create', {
      json: JSON.stringify(missing),
      submit: true,
      baseDir: h.dir,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('nope.jpg');
    expect((await h.ok('templates.drafts', {}))[0]).toMatchObject({ status: 'DRAFT' });
  });

  it('learns approval and re-categorisation from the webhooks through the relay feed, without polling', async () => {
    await open();
    await create(
      shipped({
        components: bodyOnly(
          'Hi {{1}}, your order has shipped. Enjoy 20% off your next order with code {{2}} this week.',
          ['Maria', 'SAVE20'],
        ),
      }),
    );
    const synced = await h.ok('templates.sync', {});
    expect(synced.added).toBeGreaterThan(0);
    now += REVIEW_MS;
    await h.ok('campaigns.syncStatus', { campaignId: h.campaignId });
    const [draft] = await h.ok('templates.drafts', {});
    expect(draft).toMatchObject({
      status: 'APPROVED',
      category: 'MARKETING',
      previousCategory: 'UTILITY',
    });
    const mirrored = (await h.ok('templates.list', {})).templates.find(
      (t) => t.name === 'order_shipped_studio',
    );
    expect(mirrored).toMatchObject({ status: 'APPROVED', category: 'MARKETING' });
  });
});
