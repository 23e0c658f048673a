import { afterEach, describe, expect, it } from 'vitest';
import { loadCampaignMessages } from '../../../electron/core/templates/compose';
import { withTranslations } from '../../../electron/core/translations/messages';
import {
  LANGUAGES_REFUSE_SPLIT,
  SPLIT_REFUSES_LANGUAGES,
} from '../../../electron/core/translations/with-variants';
import { templateHarness, type TemplateHarness } from '../templates/helpers';

const CSV = ['name,phone,lang', 'Ann,+447400123456,en', 'Ana,+34612345678,es'].join('\n');
const BY_COLUMN = { kind: 'column', column: 'lang', fallback: 'en_US' } as const;

// A/B variants send one template in one language each: a campaign does one or the other.
describe('A/B variants and per-recipient languages refuse each other, with the reason', () => {
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
    return h;
  };

  it('a campaign picking languages per recipient refuses a variant, and keeps its choice', async () => {
    const t = await setup();
    await t.ok('campaigns.setLanguage', { campaignId: t.campaignId, choice: BY_COLUMN });
    const r = await t.call('variants.add', { campaignId: t.campaignId });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(LANGUAGES_REFUSE_SPLIT);
    const stored = await t.ok('campaigns.message', { campaignId: t.campaignId });
    expect(stored.language?.choice).toEqual(BY_COLUMN);
    // Back to one language, the variant can be added.
    await t.ok('campaigns.setLanguage', { campaignId: t.campaignId, choice: { kind: 'fixed' } });
    await t.ok('variants.add', { campaignId: t.campaignId });
  });

  it('a split campaign refuses per-recipient languages; one language stays allowed', async () => {
    const t = await setup();
    await t.ok('variants.add', { campaignId: t.campaignId });
    const r = await t.call('campaigns.setLanguage', {
      campaignId: t.campaignId,
      choice: BY_COLUMN,
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({ code: 'VALIDATION', message: SPLIT_REFUSES_LANGUAGES });
    await t.ok('campaigns.setLanguage', { campaignId: t.campaignId, choice: { kind: 'fixed' } });
  });

  it('both stored anyway (by hand, or before the rule): the precheck fails and the sender refuses', async () => {
    const t = await setup();
    await t.ok('variants.add', { campaignId: t.campaignId });
    const db = t.core.store.sqlite;
    const { s } = db
      .prepare('SELECT settings_json AS s FROM campaigns WHERE id = ?')
      .get(t.campaignId) as { s: string };
    db.prepare('UPDATE campaigns SET settings_json = ? WHERE id = ?').run(
      JSON.stringify({ ...(JSON.parse(s) as object), language: BY_COLUMN }),
      t.campaignId,
    );
    const loaded = loadCampaignMessages(t.core.store, t.campaignId);
    expect(loaded.ok).toBe(true);
    if (loaded.ok)
      expect(withTranslations(t.core.store, t.campaignId, loaded.value)).toEqual({
        ok: false,
        reason: SPLIT_REFUSES_LANGUAGES,
      });
    const pre = await t.ok('campaigns.precheck', { campaignId: t.campaignId });
    expect(JSON.stringify(pre)).toContain(SPLIT_REFUSES_LANGUAGES);
  });
});
