import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';

// A Shopify customers export: Phone is empty for Bob, whose number is only on his address.
const SHOPIFY = [
  'First Name,Last Name,Email,Accepts Email Marketing,Default Address Phone,Phone,Accepts SMS Marketing,Tags',
  'Ann,Lee,ann@example.com,yes,+447911000001,+447911123401,yes,vip',
  'Bob,Ray,bob@example.com,no,+447911000002,,no,',
  'Cy,Day,cy@example.com,yes,,+447911123403,no,',
].join('\n');

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

test('a Shopify customers export names itself and picks its phone column, in the book and in a campaign', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await openApp(page, app);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('button', { name: 'Customers', exact: true })
    .click();
  await page.getByTestId('customers-file-input').setInputFiles({
    name: 'customers_export.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(SHOPIFY),
  });
  const summary = page.getByTestId('book-import-summary');
  // Bob's row has no Phone: his number is read from Default Address Phone, and the summary says so.
  await expect(summary).toContainText('customers_export.csv: 3 new customers', {
    timeout: 60_000,
  });
  await expect(summary).toContainText('Looks like a Shopify customers export.');
  await expect(summary).toContainText('read from the column “Phone”');
  await expect(summary).toContainText(
    '1 row without a usable number there used “Default Address Phone”',
  );
  await expect(page.getByTestId('book-import-declined')).toContainText(
    '2 customers do not accept marketing',
  );
  await page.screenshot({ path: docShot('customers-shopify-import.png'), fullPage: true });

  await page.getByRole('button', { name: 'Campaigns' }).click();
  await page.getByRole('button', { name: /Create your first campaign|New campaign/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Campaign name').fill('Spring');
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByTestId('drop-area')).toBeVisible();
  await dropCsv(page, 'customers_export.csv', SHOPIFY);
  const preset = page.getByTestId('import-preset');
  await expect(preset).toContainText('Looks like a Shopify customers export', {
    timeout: 60_000,
  });
  await expect(preset).toContainText('“Phone”');
  await expect(page.getByTestId('import-preview').getByLabel('Phone column')).toHaveValue('Phone');
  await page.screenshot({ path: docShot('import-shopify-preview.png') });
});
