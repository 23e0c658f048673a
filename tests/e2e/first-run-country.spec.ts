import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';
import type { Page } from '@playwright/test';

const FRENCH = 'Nom;Téléphone\nAmélie;06 12 34 56 78\nBruno;07 81 23 45 67\nChloé;01 42 68 53 00\n';

async function dropCsv(page: Page, name: string, text: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/csv' }));
      return dt;
    },
    { name, text },
  );
  await page.getByTestId('drop-area').dispatchEvent('drop', { dataTransfer });
}

async function newCampaign(page: Page, name: string) {
  await page.getByRole('button', { name: 'Campaigns' }).click();
  await page.getByRole('button', { name: /Create your first campaign|New campaign/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Campaign name').fill(name);
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  // The new draft opens by itself.
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await expect(page.getByTestId('drop-area')).toBeVisible();
}

async function chooseCountry(page: Page, label: RegExp) {
  const field = page.getByTestId('business-country');
  await field.fill(label.source.split(' ')[0]!);
  await page.getByRole('option', { name: label }).click();
}

test('the business country is asked once, reads French numbers, and the preview suggests it when it does not fit', async ({
  page,
  app,
}) => {
  // A journey of many steps on a loaded machine: the budget is for the steps, not for speed.
  test.setTimeout(240_000);
  await openApp(page, app);
  const card = page.getByTestId('first-run-country');
  await expect(card).toContainText('Where is your business?');
  await chooseCountry(page, /France \(\+33\)/);
  await page.screenshot({ path: docShot('first-run-country.png') });
  await card.getByRole('button', { name: 'Use this country' }).click();
  await expect(card).toHaveCount(0);
  expect(
    app.query<{ value_json: string }>(
      "SELECT value_json FROM settings WHERE key = 'business_country'",
    ),
  ).toEqual([{ value_json: '{"country":"FR"}' }]);

  // A French file reads as French numbers (not "invalid for US") with nothing else to choose.
  await newCampaign(page, 'Soldes');
  await dropCsv(page, 'clients.csv', FRENCH);
  const table = page.getByTestId('preview-table');
  await expect(table).toContainText('+33612345678', { timeout: 60_000 });
  await expect(page.getByTestId('country-suggestion')).toHaveCount(0);

  // Not asked again; changed in Settings instead.
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('first-run-country')).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  await chooseCountry(page, /United States \(\+1\)/);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved. New files read numbers')).toBeVisible();

  // Now the same file does not fit the country: the preview offers France in one click.
  await newCampaign(page, 'Rentrée');
  await dropCsv(page, 'clients.csv', FRENCH);
  const suggestion = page.getByTestId('country-suggestion');
  await expect(suggestion).toContainText('These look like numbers from France: use France (+33)?', {
    timeout: 60_000,
  });
  await expect(suggestion).toContainText('3 of the 3 numbers');
  // The rows under the suggestion speak of France too, not of the United States' refusal.
  await expect(table).toContainText('A number from France: use France (+33) above to send to it.');
  await expect(table).not.toContainText('United States');
  await expect(table).not.toContainText('any other country');
  await expect(page.getByTestId('import-preview')).not.toContainText(/\d byte\b/);
  await page.screenshot({ path: docShot('import-country-suggestion.png') });
  await suggestion.getByRole('button', { name: 'Use France (+33)' }).click();
  await expect(table).toContainText('+33781234567', { timeout: 60_000 });
  await expect(suggestion).toHaveCount(0);
  await expect(table).not.toContainText('United States');
  await expect(
    page.getByTestId('import-preview').getByLabel('Country for numbers without +code'),
  ).toHaveValue(/France/);

  // The customer book's import has no preview: its summary makes the same offer, and importing
  // again as French numbers adds the customers it had to leave out.
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('button', { name: 'Customers', exact: true })
    .click();
  await page.getByTestId('customers-file-input').setInputFiles({
    name: 'clients.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(FRENCH),
  });
  const summary = page.getByTestId('book-import-summary');
  await expect(summary).toContainText('clients.csv: 0 new customers', { timeout: 60_000 });
  await expect(summary).toContainText('3 rows with numbers that are not valid');
  const offer = page.getByTestId('book-country-suggestion');
  await expect(offer).toContainText(
    'These look like numbers from France: import them as France (+33) numbers?',
  );
  await expect(offer).toContainText('3 of the first 3 numbers written without +code');
  await expect(offer).toContainText('not valid for United States but are valid for France');
  await page.screenshot({ path: docShot('customers-country-suggestion.png') });
  await offer.getByRole('button', { name: 'Import again as France (+33) numbers' }).click();
  await expect(summary).toContainText('clients.csv: 3 new customers', { timeout: 60_000 });
  await expect(offer).toHaveCount(0);
  await expect(page.getByTestId('customer-row')).toHaveCount(3);
});
