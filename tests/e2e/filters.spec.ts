import { expect, openApp, test } from './fixtures';

const CSV = [
  'First name,Phone,City,Spent,VIP',
  'Maria,+447400123456,London,"£1,200.00",',
  'Tom,+447400123457,london,80,yes',
  'Ana,+447400123458,LONDON,n/a,',
  'José,+14155550101,Leeds,500,yes',
  'Li,+14155550102,London,40,',
  'Sam,+14155550103,York,2000,',
].join('\n');

test('build a filter with an OR group: the count, the hints and the preview follow it', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await page.getByRole('button', { name: /Create your first campaign|New campaign/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Campaign name').fill('London regulars');
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  // The new draft opens by itself.
  await expect(page.getByRole('heading', { name: 'London regulars' })).toBeVisible();

  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page
    .getByTestId('import-preview')
    .getByRole('button', { name: 'Import customers' })
    .click();
  await expect(page.getByTestId('audience-count')).toContainText('6 recipients');

  const panel = page.getByTestId('audience-filter');
  const count = page.getByTestId('filter-count');
  await expect(count).toHaveText('No filter: all 6 recipients get it.');

  // City is London (any case): Maria, Tom, Ana, Li.
  await panel.getByRole('button', { name: 'Add condition' }).click();
  await page.getByRole('combobox', { name: 'Column of condition 1' }).click();
  await page.getByRole('option', { name: 'City', exact: true }).click();
  await page.getByLabel('Value of condition 1').fill('london');
  await expect(count).toHaveAttribute('data-state', 'ready');
  await expect(count).toContainText('4 of 6 recipients match.');

  // AND (Spent > 100 OR VIP is not empty): Maria (£1,200) and Tom (VIP).
  await panel.getByRole('button', { name: 'Add group (OR inside)' }).click();
  const group = panel.getByTestId('filter-group');
  await page.getByRole('combobox', { name: 'Column of condition 2' }).click();
  await page.getByRole('option', { name: 'Spent', exact: true }).click();
  await page.getByRole('combobox', { name: 'Operator of condition 2' }).click();
  await page.getByRole('option', { name: '> (number)' }).click();
  await expect(panel.getByTestId('condition-incomplete')).toContainText(
    'Not applied yet: Type a number',
  );
  await page.getByLabel('Number of condition 2').fill('100');
  await group.getByRole('button', { name: 'Add condition to this group' }).click();
  await page.getByRole('combobox', { name: 'Column of condition 3' }).click();
  await page.getByRole('option', { name: 'VIP', exact: true }).click();
  await page.getByRole('combobox', { name: 'Operator of condition 3' }).click();
  await page.getByRole('option', { name: 'is not empty' }).click();
  await expect(count).toHaveAttribute('data-state', 'ready');
  await expect(count).toContainText('2 of 6 recipients match.');
  // Ana's "n/a" is counted and shown, never guessed.
  await expect(panel.getByTestId('condition-hint')).toHaveText(
    '1 cell in “Spent” is not a number (e.g. “n/a”): it never matches this condition.',
  );

  // The filter is saved with the campaign.
  const [saved] = app.query<{ settings_json: string }>('SELECT settings_json FROM campaigns');
  expect(JSON.parse(saved!.settings_json)).toMatchObject({
    filter: { root: { match: 'all', items: [{ column: 'City' }, { match: 'any' }] } },
  });

  // The Message tab's preview steps through the two who match, and says so.
  await page.getByRole('tab', { name: 'Message' }).click();
  await expect(page.getByTestId('preview-position')).toContainText(
    'Recipient 1 of 2 in the audience filter · row 2',
  );
  await expect(page.getByTestId('preview-filtered')).toContainText(
    'Only the 2 of 6 recipients who will be sent to are shown',
  );
  await page.getByRole('button', { name: 'Next recipient' }).click();
  await expect(page.getByTestId('preview-position')).toContainText(
    'Recipient 2 of 2 in the audience filter · row 3',
  );
  await expect(page.getByRole('button', { name: 'Next recipient' })).toBeDisabled();

  // Back in the Audience tab, any instead of all widens it; the preview follows again.
  await page.getByRole('tab', { name: 'Audience' }).click();
  await panel.getByText('Any of these (OR)').click();
  await expect(count).toHaveAttribute('data-state', 'ready');
  // London (four of them), or Spent > 100 or VIP: José (500, VIP) and Sam (2,000) join.
  await expect(count).toContainText('6 of 6 recipients match.');
  await page.getByRole('tab', { name: 'Message' }).click();
  await expect(page.getByTestId('preview-position')).toContainText(
    'Recipient 1 of 6 in the audience filter',
  );
});
