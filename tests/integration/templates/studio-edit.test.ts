import { afterEach, describe, expect, it } from 'vitest';
import { templateHarness, type TemplateHarness } from './helpers';

const REVIEW_MS = 60_000;
const DAY = 86_400_000;

const reminder = (text: string, over: Record<string, unknown> = {}) => ({
  name: 'visit_reminder',
  language: 'en_US',
  category: 'UTILITY',
  components: [{ type: 'BODY', text, example: { body_text: [['Maria', 'Tuesday']] } }],
  ...over,
});
const FIRST = 'Hi {{1}}, this is a reminder of your visit on {{2}} at our shop.';
const SECOND = 'Hi {{1}}, we look forward to your visit on {{2}}. Reply to change the time.';

describe('template studio: editing a template WhatsApp already has', () => {
  let h: TemplateHarness;
  let now = 1_800_000_000_000;
  afterEach(async () => h?.close());
  const open = async () => {
    now = 1_800_000_000_000;
    h = await templateHarness({ sandboxOptions: { now: () => now, reviewDelayMs: REVIEW_MS } });
  };
  const submit = (t: unknown) =>
    h.call('templates.create', { json: JSON.stringify(t), submit: true });
  const status = async () => (await h.ok('templates.status', { name: 'visit_reminder' }))[0]!;
  const bodyOf = (t: { draft: { components: { type: string; text?: string }[] } }) =>
    t.draft.components.find((c) => c.type === 'BODY')?.text;

  it('edits an approved template, is reviewed again, and is refused a second edit the same day without losing what WhatsApp holds', async () => {
    await open();
    expect((await submit(reminder(FIRST))).ok).toBe(true);
    now += REVIEW_MS;
    expect((await status()).status).toBe('APPROVED');

    const edited = await submit(reminder(SECOND));
    expect(edited.ok).toBe(true);
    if (edited.ok) expect(edited.value).toMatchObject({ status: 'PENDING' });
    now += REVIEW_MS;
    const approved = await status();
    expect(approved.status).toBe('APPROVED');
    expect(bodyOf(approved)).toBe(SECOND);

    // Meta's limit: one edit of an approved template in 24 hours. The stored copy stays SECOND.
    const again = await submit(reminder(FIRST));
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toContain('once in 24 hours');
    const [kept] = await h.ok('templates.drafts', {});
    expect(kept).toMatchObject({ status: 'APPROVED' });
    expect(bodyOf(kept!)).toBe(SECOND);

    now += DAY;
    expect((await submit(reminder(FIRST))).ok).toBe(true);
  });

  it("refuses to change an approved template's category, in words, before asking WhatsApp", async () => {
    await open();
    await submit(reminder(FIRST));
    now += REVIEW_MS;
    await status();
    const r = await submit(reminder(FIRST, { category: 'MARKETING' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.message).toContain('does not let an approved template change category');
    }
    expect((await h.ok('templates.drafts', {}))[0]).toMatchObject({ category: 'UTILITY' });
  });

  it('lets a rejected template be fixed and resubmitted as often as needed', async () => {
    await open();
    const bad = reminder('Hi {{1}}, your visit is on {{2}}', {
      components: [
        { type: 'BODY', text: 'Your visit is {{1}}', example: { body_text: [['Tuesday']] } },
      ],
    });
    await h.ok('templates.create', { json: JSON.stringify(bad), submit: true, force: true });
    now += REVIEW_MS;
    expect((await status()).status).toBe('REJECTED');
    expect((await submit(reminder(FIRST, { category: 'MARKETING' }))).ok).toBe(true);
    now += REVIEW_MS;
    expect(await status()).toMatchObject({ status: 'APPROVED', category: 'MARKETING' });
  });

  it('refuses an edit while the template is in review, and saving a submitted template without submitting', async () => {
    await open();
    await submit(reminder(FIRST));
    const inReview = await submit(reminder(SECOND));
    expect(inReview.ok).toBe(false);
    if (!inReview.ok) expect(inReview.error.message).toContain('in review');
    const unsent = await h.call('templates.create', {
      json: JSON.stringify(reminder(SECOND)),
      submit: false,
    });
    expect(unsent.ok).toBe(false);
    if (!unsent.ok) expect(unsent.error.message).toContain('already at WhatsApp');
    expect(bodyOf((await h.ok('templates.drafts', {}))[0]!)).toBe(FIRST);
  });
});
