import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';

// The smallest bytes the Sandbox's upload accepts as a JPEG sample.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

test('write a template with an image header and a website button, fix what the check finds, submit it, see it approved and use it', async ({
  page,
  app,
}) => {
  const sample = join(app.dataDir, 'order-photo.jpg');
  writeFileSync(sample, JPEG);
  // Tall enough for the whole studio: full-page shots would paint the fixed app header mid-page.
  await page.setViewportSize({ width: 1280, height: 1250 });
  await openApp(page, app);
  await page.getByRole('button', { name: 'Template studio' }).click();
  await expect(page.getByRole('heading', { name: 'Template studio' })).toBeVisible();
  // An empty studio offers Meta's library first and shows no problems before anything is typed.
  await expect(page.getByRole('heading', { name: 'Start from Meta’s library' })).toBeVisible();
  await expect(page.getByTestId('studio-unchecked')).toBeVisible();
  await expect(page.getByTestId('studio-finding')).toHaveCount(0);

  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Order Ready');
  await expect(page.getByRole('heading', { name: 'Start from Meta’s library' })).toHaveCount(0);
  await page.getByText('Image', { exact: true }).click();
  await page.getByLabel('Sample file (path on this computer)').fill(sample);
  await page
    .getByRole('textbox', { name: 'Body', exact: true })
    .fill('{{1}}, your order is ready to collect. Show this message at the counter.');
  await page.getByRole('button', { name: 'Add a button' }).click();
  await page.getByRole('combobox', { name: 'Button 1 type' }).click();
  await page.getByRole('option', { name: 'Website' }).click();
  await page.getByLabel('Button 1 label').fill('See order');
  await page.getByLabel(/^Web address/).fill('https://shop.example/orders/{{1}}');
  await page.getByLabel(/^Sample address/).fill('https://shop.example/orders/A-1042');

  // The check finds what WhatsApp would reject, beside the fields, and Submit waits for it.
  const findings = page.getByTestId('studio-finding');
  await expect(findings.and(page.locator('[data-rule="name"]'))).toBeVisible();
  await expect(findings.and(page.locator('[data-rule="variable-at-edge"]'))).toBeVisible();
  await expect(findings.and(page.locator('[data-rule="examples"]'))).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit for review' })).toBeDisabled();
  await page.screenshot({ path: docShot('studio-1-findings.png') });

  // One click renames it; the body and the sample are fixed by hand.
  await page.getByRole('button', { name: 'Use "order_ready"' }).click();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('order_ready');
  await page
    .getByRole('textbox', { name: 'Body', exact: true })
    .fill('Hi {{1}}, your order is ready to collect. Show this message at the counter.');
  await page.getByLabel('Sample for {{1}}').fill('Maria');
  await expect(page.getByTestId('studio-check-ok')).toBeVisible();
  const preview = page.getByTestId('studio-preview');
  await expect(preview).toContainText('Hi Maria, your order is ready to collect.');
  await expect(preview).toContainText('See order');
  await page.screenshot({ path: docShot('studio-2-clean.png') });

  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Submitted to WhatsApp for review.')).toBeVisible();
  const row = page.getByTestId('studio-drafts').locator('tr[data-name="order_ready"]');
  await expect(row.getByTestId('studio-status')).toHaveText('PENDING');

  // The Sandbox reviews in a few seconds; ask until it answers (a condition, not a sleep).
  await expect(async () => {
    await row.getByRole('button', { name: 'Check status' }).click();
    await expect(row.getByTestId('studio-status')).toHaveText('APPROVED', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.screenshot({ path: docShot('studio-3-approved.png') });

  // The approved template is there to choose in a campaign's Message step.
  await page.getByRole('button', { name: 'Campaigns' }).click();
  await page.getByRole('button', { name: /Create your first campaign|New campaign/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Campaign name').fill('Ready for pickup');
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('heading', { name: 'Ready for pickup' })).toBeVisible();
  await page.getByRole('tab', { name: 'Message' }).click();
  await expect(page.getByTestId('templates-synced')).toContainText('Templates synced');
  await page.getByRole('combobox', { name: 'Template' }).click();
  await page.getByRole('option', { name: 'order_ready (en_US)', exact: true }).click();
  await expect(page.getByTestId('message-bubble').getByTestId('bubble-body')).toContainText(
    'your order is ready to collect',
  );
  await page.screenshot({ path: docShot('studio-4-campaign.png') });
});

test('open an approved template, see what WhatsApp does not allow, submit an edit, then delete it with a confirmation', async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 1280, height: 1250 });
  await openApp(page, app);
  await page.getByRole('button', { name: 'Template studio' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('visit_reminder');
  await page
    .getByRole('textbox', { name: 'Body', exact: true })
    .fill('Hi {{1}}, this is a reminder of your visit to our shop tomorrow.');
  await page.getByLabel('Sample for {{1}}').fill('Maria');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  const row = page.getByTestId('studio-drafts').locator('tr[data-name="visit_reminder"]');
  await expect(async () => {
    await row.getByRole('button', { name: 'Check status' }).click();
    await expect(row.getByTestId('studio-status')).toHaveText('APPROVED', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  // Edit: the form holds what was approved; name and language are fixed; the category cannot move.
  await row.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByTestId('studio-editing')).toContainText('once in 24 hours');
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await expect(body).toHaveValue(
    'Hi {{1}}, this is a reminder of your visit to our shop tomorrow.',
  );
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toBeDisabled();
  await page.getByRole('combobox', { name: 'Category' }).click();
  await page.getByRole('option', { name: 'MARKETING' }).click();
  await expect(page.getByText('does not let an approved template change category')).toBeVisible();
  const submitEdit = page.getByRole('button', { name: 'Submit the edit for review' });
  await expect(submitEdit).toBeDisabled();
  await page.getByRole('combobox', { name: 'Category' }).click();
  await page.getByRole('option', { name: 'UTILITY' }).click();
  await body.fill('Hi {{1}}, see you at our shop tomorrow. Reply if you need another time.');
  await page.screenshot({ path: docShot('studio-5-edit.png') });
  await submitEdit.click();
  await expect(page.getByText('Submitted to WhatsApp for review.')).toBeVisible();
  await expect(row.getByTestId('studio-status')).toHaveText('PENDING');
  await expect(page.getByTestId('studio-editing')).toHaveCount(0);

  // Delete asks first, says what it means, and the row goes.
  await row.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this template?' });
  await expect(dialog).toContainText('deleted here and at WhatsApp');
  await expect(dialog).toContainText('for 30 days');
  await page.screenshot({ path: docShot('studio-6-delete.png') });
  await dialog.getByRole('button', { name: 'Delete template' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toHaveCount(0);
});

test("start from WhatsApp's template library: search, preview, give the shop's own web address, create it approved", async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 1280, height: 1400 });
  await openApp(page, app);
  await page.getByRole('button', { name: 'Template studio' }).click();
  const library = page.getByTestId('studio-library');
  await expect(library.getByRole('button', { name: /order confirmation/ })).toBeVisible();
  await library.getByLabel('Search the library').fill('delivery');
  await library.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(library.getByRole('button', { name: /order confirmation/ })).toHaveCount(0);
  await library.getByRole('button', { name: /delivery update/ }).click();

  const chosen = page.getByTestId('library-chosen');
  await expect(page.getByTestId('library-preview')).toContainText(
    'Your order #12345 is on its way',
  );
  const create = chosen.getByRole('button', { name: 'Create from the library' });
  await expect(create).toBeDisabled();
  await chosen.getByLabel(`Your template's name`).fill('shipping_update');
  await chosen
    .getByLabel('Your web address for "Track package"')
    .fill('https://shop.example/track/{{1}}');
  await chosen.getByLabel('A full sample address').fill('https://shop.example/track/A-1042');
  await expect(page.getByTestId('library-preview')).toContainText('Track package');
  await page.screenshot({ path: docShot('studio-7-library.png') });
  await create.click();
  await expect(page.getByText('Created and approved')).toBeVisible();
  const row = page.getByTestId('studio-drafts').locator('tr[data-name="shipping_update"]');
  await expect(row.getByTestId('studio-status')).toHaveText('APPROVED');
});
