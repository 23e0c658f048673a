import { expect, openApp, test } from './fixtures';

test('create, rename and delete a draft campaign through the UI; SQLite has the rows', async ({
  page,
  app,
}) => {
  await openApp(page, app);

  // A new user sees what to do first.
  const empty = page.getByTestId('empty-state');
  await expect(empty).toContainText('Send your first WhatsApp campaign');
  await empty.getByRole('button', { name: 'Create your first campaign' }).click();

  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Campaign name').fill('Spring sale');
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  await expect(dialog).toBeHidden();
  // The new draft opens by itself; back to the list.
  await expect(page.getByRole('heading', { name: 'Spring sale' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByText('Campaigns').click();
  await expect(page.getByTestId('campaign-row')).toHaveCount(1);
  await expect(page.getByTestId('campaign-row')).toContainText('Spring sale');
  await expect(page.getByTestId('campaign-row')).toContainText('Draft');

  // A blank name is refused with a message, and nothing is created.
  await page.getByRole('button', { name: 'New campaign' }).click();
  const second = page.getByRole('dialog', { name: 'New campaign' });
  await second.getByLabel('Campaign name').fill('   ');
  await second.getByRole('button', { name: 'Create draft' }).click();
  await expect(second).toContainText('Give the campaign a name.');
  await second.getByLabel('Campaign name').fill('Clinic reminders');
  await second.getByRole('button', { name: 'Create draft' }).click();
  // The new draft opens by itself; back to the list.
  await expect(page.getByRole('heading', { name: 'Clinic reminders' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByText('Campaigns').click();
  await expect(page.getByTestId('campaign-row')).toHaveCount(2);

  // Rename.
  const springRow = page.getByTestId('campaign-row').filter({ hasText: 'Spring sale' });
  await springRow.getByRole('button', { name: 'Actions for Spring sale' }).click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename campaign' });
  await expect(rename.getByLabel('Campaign name')).toHaveValue('Spring sale');
  await rename.getByLabel('Campaign name').fill('Spring sale — final');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(
    page.getByTestId('campaign-row').filter({ hasText: 'Spring sale — final' }),
  ).toHaveCount(1);

  // Delete the other draft.
  const clinicRow = page.getByTestId('campaign-row').filter({ hasText: 'Clinic reminders' });
  await clinicRow.getByRole('button', { name: 'Actions for Clinic reminders' }).click();
  await page.getByRole('menuitem', { name: 'Delete draft' }).click();
  await page
    .getByRole('dialog', { name: 'Delete draft?' })
    .getByRole('button', { name: 'Delete draft' })
    .click();
  await expect(page.getByTestId('campaign-row')).toHaveCount(1);

  const rows = app.query<{ name: string; state: string }>(
    'SELECT name, state FROM campaigns ORDER BY id',
  );
  expect(rows).toEqual([{ name: 'Spring sale — final', state: 'draft' }]);

  // The CLI sees the same data folder.
  const listed = await app.cli('campaigns', 'list', '--json');
  expect(listed.code).toBe(0);
  expect(JSON.parse(listed.stdout)).toMatchObject([{ name: 'Spring sale — final' }]);
});

test('a campaign created by the CLI appears live, and Settings shows the Sandbox account', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  const created = await app.cli('campaigns', 'create', '--name', 'From the CLI');
  expect(created.code).toBe(0);
  // Another process wrote to SQLite; the app notices without a reload.
  await expect(page.getByTestId('campaign-row')).toContainText('From the CLI');

  await page.getByRole('button', { name: 'From the CLI', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'From the CLI' })).toBeVisible();
  await expect(page.getByTestId('drop-area')).toContainText('Drop your customer list here');

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await expect(page.getByTestId('account-row')).toContainText('Sandbox');
  await expect(page.getByTestId('account-row')).toContainText('Simulated');
  await expect(page.getByText(app.dataDir)).toBeVisible();
});

test('the page without the token is refused', async ({ page, app }) => {
  const response = await page.goto(app.url);
  expect(response?.status()).toBe(401);
});
