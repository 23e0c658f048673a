import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { expect, openApp, test } from './fixtures';
import { draftCampaign } from './setup';
import { docShot } from './shots';

test('translations: a column picks each customer’s language among spring_sale’s en_US and es; preview each, send, and the report names the language sent', async ({
  page,
  app,
}) => {
  // UK numbers: spring_sale is a marketing template, which WhatsApp does not deliver to US numbers.
  await draftCampaign(app, {
    name: 'Languages',
    template: 'spring_sale',
    language: 'en_US',
    mapping: {
      'body.1': { kind: 'column', column: 'name' },
      'body.2': { kind: 'static', value: '20%' },
      'button.0': { kind: 'column', column: 'order' },
    },
    csv: [
      'phone,name,order,lang',
      '+447400124001,Ann,spring24,en',
      '+447400124002,Ana,primavera,Español',
      '+447400124003,Udo,fruehling,Deutsch',
    ].join('\n'),
  });

  // Tall enough for the whole tab: full-page shots would paint the fixed app header mid-page.
  await page.setViewportSize({ width: 1280, height: 1700 });
  await openApp(page, app);
  await page.getByRole('button', { name: 'Languages', exact: true }).click();
  await page.getByRole('tab', { name: 'Message' }).click();
  // Opening the tab syncs the sandbox's templates: spring_sale is approved in en_US and es.
  await expect(page.getByTestId('templates-synced')).toContainText('Templates synced');
  const panel = page.getByTestId('language-panel');
  await expect(panel).toContainText('approved in 2 languages');

  await panel.getByText('From a column', { exact: true }).click();
  await panel.getByRole('combobox', { name: 'Column with each customer’s language' }).click();
  await page.getByRole('option', { name: 'lang', exact: true }).click();
  await panel.getByRole('combobox', { name: 'Fallback language' }).click();
  await page.getByRole('option', { name: 'Spanish (es)', exact: true }).click();
  await expect
    .poll(() => app.query<{ s: string }>('SELECT settings_json AS s FROM campaigns')[0]?.s ?? '')
    .toContain('"fallback":"es"');

  // Each recipient is previewed in the language they get; the switch shows another translation.
  const preview = page.getByTestId('message-preview');
  const gets = preview.getByTestId('preview-recipient-language');
  await expect(gets).toHaveText('Gets American English (en_US).');
  await expect(preview).toContainText('Our spring sale is on');
  await preview.getByRole('button', { name: 'Next recipient' }).click();
  await expect(gets).toHaveText('Gets Spanish (es).');
  await expect(preview).toContainText('Nuestras rebajas de primavera');
  await expect(preview).toContainText('Hola Ana');
  await preview.getByRole('button', { name: 'Next recipient' }).click();
  await expect(gets).toContainText('Gets Spanish (es): the fallback');
  await expect(preview).toContainText('Hola Udo');
  await preview.getByTestId('preview-language').getByText('en_US', { exact: true }).click();
  await expect(preview).toContainText('Hi Udo');
  await expect(gets).toContainText('Gets Spanish (es): the fallback');

  // The check counts recipients per language and names who falls back, and why.
  const counts = page.getByTestId('language-counts');
  await expect(counts.locator('[data-language="es"]')).toContainText('2');
  await expect(counts.locator('[data-language="en_US"]')).toContainText('1');
  await expect(counts.getByTestId('language-fell-back')).toContainText(
    '1 recipient’s language has no translation: they get the fallback, Spanish (es)',
  );
  await expect(counts.getByTestId('language-fell-back')).toContainText('row 4 (Deutsch)');
  await page.screenshot({ path: docShot('translations-message-tab.png'), fullPage: true });

  await page.getByRole('tab', { name: 'Review & send' }).click();
  await page.getByRole('button', { name: 'Send to 3 recipients' }).click();
  await page.getByTestId('confirm-send-button').click();
  await expect(page.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 30_000,
  });

  await page.getByRole('tab', { name: 'Report' }).click();
  const report = page.getByTestId('report-panel');
  await report.getByText('CSV', { exact: true }).click();
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Export 3 rows' }).click();
  const path = join(app.dataDir, 'languages.csv');
  await (await download).saveAs(path);
  const rows = Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), {
    skipEmptyLines: true,
  }).data;
  const header = rows[0]!;
  const col = (name: string) => header.indexOf(name);
  expect(header.slice(col('State'), col('State') + 2)).toEqual(['State', 'Language']);
  expect(rows.slice(1).map((r) => [r[col('name')], r[col('Language')]])).toEqual([
    ['Ann', 'en_US'],
    ['Ana', 'es'],
    ['Udo', 'es'],
  ]);
});
