import { afterEach, describe, expect, it } from 'vitest';
import { familyLanguages } from '../../../electron/core/translations/family';
import { languagePlan } from '../../../electron/core/translations/plan';
import { readLanguageChoice, setLanguageChoice } from '../../../electron/core/translations/setting';
import { templateHarness, type TemplateHarness } from '../templates/helpers';

// spring_sale is in the sandbox in en_US and es (two approved templates of one name: a family).
const CSV = [
  'name,phone,lang',
  'Ann,+447400123456,en',
  'Ana,+34612345678,Español',
  'Udo,+4915112345678,Deutsch',
].join('\n');

describe('a campaign picks each recipient’s language among its template family', () => {
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

  it('from a column: en, es, and an unknown language counted on the fallback', async () => {
    const t = await setup();
    const store = t.core.store;
    expect(familyLanguages(store, 1, 'spring_sale')).toEqual(['en_US', 'es']);
    setLanguageChoice(
      store,
      t.campaignId,
      { kind: 'column', column: 'lang', fallback: 'en_US' },
      1,
    );
    expect(readLanguageChoice(store, t.campaignId)).toEqual({
      kind: 'column',
      column: 'lang',
      fallback: 'en_US',
    });
    expect(languagePlan(store, t.campaignId).counts).toEqual([
      { language: 'en_US', rows: 2, fellBack: 1 },
      { language: 'es', rows: 1, fellBack: 0 },
    ]);
  });

  it('from the phone country: Spain gets es, the UK en_US, Germany the fallback', async () => {
    const t = await setup();
    setLanguageChoice(t.core.store, t.campaignId, { kind: 'country', fallback: 'es' }, 1);
    expect(languagePlan(t.core.store, t.campaignId).counts).toEqual([
      { language: 'es', rows: 2, fellBack: 1 },
      { language: 'en_US', rows: 1, fellBack: 0 },
    ]);
  });

  it('refuses a fallback without an approved template and a column not in the file, keeping the old choice', async () => {
    const t = await setup();
    const store = t.core.store;
    expect(() =>
      setLanguageChoice(store, t.campaignId, { kind: 'country', fallback: 'fr' }, 1),
    ).toThrow(/"fr" has no approved template/);
    expect(() =>
      setLanguageChoice(
        store,
        t.campaignId,
        { kind: 'column', column: 'Langue', fallback: 'es' },
        1,
      ),
    ).toThrow(/"Langue" is not in the file/);
    expect(() => setLanguageChoice(store, t.campaignId, { kind: 'guess' }, 1)).toThrow(/language/);
    expect(readLanguageChoice(store, t.campaignId)).toEqual({ kind: 'fixed' });
    expect(languagePlan(store, t.campaignId).counts).toEqual([
      { language: 'en_US', rows: 3, fellBack: 0 },
    ]);
  });

  it('through the contract: campaigns.setLanguage returns the family and the rows per language', async () => {
    const t = await setup();
    const plan = await t.ok('campaigns.setLanguage', {
      campaignId: t.campaignId,
      choice: { kind: 'column', column: 'lang', fallback: 'es' },
    });
    expect(plan.family).toEqual(['en_US', 'es']);
    expect(plan.counts).toEqual([
      { language: 'es', rows: 2, fellBack: 1 },
      { language: 'en_US', rows: 1, fellBack: 0 },
    ]);
    const refused = await t.call('campaigns.setLanguage', {
      campaignId: t.campaignId,
      choice: { kind: 'country', fallback: 'de' },
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('VALIDATION');
  });
});
