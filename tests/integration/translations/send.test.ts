import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguageChoice } from '../../../electron/core/translations/setting';
import { sendHarness, storeTemplate, type SendHarness } from '../sending/helpers';
import { api, SALE_MAPPING } from '../variants/helpers';

// spring_sale is in the sandbox in en_US and es: one family of two approved languages.
const CSV = [
  'phone,name,order,lang',
  '+447400123456,Ann,spring24,en',
  '+34612345678,Ana,primavera,Español',
  '+4915112345678,Udo,fruehling,Deutsch',
].join('\n');

describe('sending a campaign in each recipient’s language (sandbox)', () => {
  let h: SendHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('en and es get their own template; an unknown language gets the fallback', async () => {
    h = await sendHarness();
    const core = h.core;
    const c = await core.handlers['campaigns.create']({ name: 'Languages' });
    const file = join(h.dir, 'languages.csv');
    writeFileSync(file, CSV);
    await core.handlers['audience.import']({
      campaignId: c.id,
      file: { kind: 'path', path: file },
      fileName: '',
      options: {},
    });
    storeTemplate(core, c.accountId, 'spring_sale', 'es');
    const templateId = storeTemplate(core, c.accountId, 'spring_sale', 'en_US');
    core.store.sqlite
      .prepare(
        'UPDATE campaigns SET template_id = ?, template_name = ?, template_language = ?, mapping_json = ? WHERE id = ?',
      )
      .run(templateId, 'spring_sale', 'en_US', JSON.stringify(SALE_MAPPING), c.id);
    setLanguageChoice(core.store, c.id, { kind: 'column', column: 'lang', fallback: 'es' }, 1);

    await api(core, 'campaigns.start', { campaignId: c.id });
    await h.waitFor(c.id, ['completed']);

    const sent = (await core.clients.sandbox()).state.messages();
    const languageOf = new Map(
      sent.map((m) => [m.to.replace(/^\+/, ''), JSON.stringify(m.template.language)]),
    );
    expect(sent).toHaveLength(3);
    expect(sent.every((m) => m.template.name === 'spring_sale')).toBe(true);
    expect(languageOf.get('447400123456')).toContain('en_US');
    expect(languageOf.get('34612345678')).toContain('"es"');
    expect(languageOf.get('4915112345678')).toContain('"es"');

    // The report names the language each recipient was sent, beside its state.
    const report = join(h.dir, 'report.csv');
    await core.reports.exportToFile(
      { campaignId: c.id, format: 'csv', filter: 'all', columns: ['phone', 'state', 'language'] },
      report,
    );
    const lines = readFileSync(report, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('Phone (E.164),State,Language');
    const byPhone = new Map(lines.slice(1).map((l) => [l.split(',')[0], l.split(',')[2]]));
    expect(byPhone.get('+447400123456')).toBe('en_US');
    expect(byPhone.get('+34612345678')).toBe('es');
    expect(byPhone.get('+4915112345678')).toBe('es');
  });
});
