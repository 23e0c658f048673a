import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';

/** Drops a file on the element the way a user's drag from the desktop does. */
async function dropFile(page: Page, name: string, content: Buffer) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: 'text/csv' }));
      return dt;
    },
    { name, base64: content.toString('base64') },
  );
  await page.getByTestId('drop-area').dispatchEvent('drop', { dataTransfer });
}

/**
 * Issue 18: the Audience step reads a second phone column when a row's phone cell is empty or not
 * a number, chosen by itself for a recognised export and changeable beside the phone column.
 */
test('a Shopify file’s empty Phone cells are read from Default Address Phone, and the user can choose', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await app.cli('campaigns', 'create', '--name', 'Shop customers');
  await openApp(page, app);
  await page.getByRole('button', { name: 'My customers are in many countries' }).click();
  await page.getByRole('button', { name: 'Shop customers', exact: true }).click();
  await expect(page.getByTestId('drop-area')).toBeVisible();

  const csv = [
    'First Name,Last Name,Email,Accepts Email Marketing,Default Address Phone,Phone',
    'Ann,Lee,ann@example.com,yes,+447911000001,+447911123451',
    'Bob,Ray,bob@example.com,no,+447911000002,',
    'Cy,Day,cy@example.com,yes,+447911000003,',
  ].join('\n');
  await dropFile(page, 'customers_export.csv', Buffer.from(csv));

  const preview = page.getByTestId('import-preview');
  // The file is staged and read by the import worker: on a busy machine that takes a while.
  await expect(preview).toContainText('customers_export.csv', { timeout: 60_000 });
  await expect(preview.getByLabel('Phone column')).toHaveValue('Phone');
  const fallback = preview.getByLabel('If that cell is empty or not a number, use');
  await expect(fallback).toHaveValue('Default Address Phone');
  await expect(page.getByTestId('import-preset')).toContainText(
    'or from “Default Address Phone” when that cell is empty',
  );
  await expect(page.getByTestId('preview-table')).toContainText('+447911000002');
  await page.screenshot({ path: docShot('audience-phone-fallback.png'), fullPage: true });

  // Switched off, the empty cells would be left out; switched back on, they are read.
  await fallback.click();
  await page.getByRole('option', { name: 'No other column' }).click();
  await expect(fallback).toHaveValue('No other column');
  await fallback.click();
  await page.getByRole('option', { name: 'Default Address Phone' }).click();
  await expect(fallback).toHaveValue('Default Address Phone');

  await preview.getByRole('button', { name: 'Import customers' }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary.getByTestId('stat-imported')).toContainText('3', { timeout: 60_000 });
  await expect(summary).toContainText(
    '2 rows without a usable number there used “Default Address Phone”',
  );
  const phones = app.query<{ phone: string }>('SELECT phone FROM recipients ORDER BY phone');
  expect(phones.map((p) => p.phone)).toEqual(['+447911000002', '+447911000003', '+447911123451']);
});
