import type { Page } from '@playwright/test';
import { METHOD_NAMES } from '../../shared/api/names';
import { isAction } from '../../renderer/src/lib/refusals';
import { expect, openApp, test, type AppHandle } from './fixtures';

/** Actions only: with reads refused too, a page could not even load what the button acts on. */
const ACTIONS = METHOD_NAMES.filter(isAction);

/**
 * Issue 15 item 5: every refusal appears where the user acted. The backend is made to refuse
 * through the headless shell's test-only switch; each button below must then put the refusal's
 * words on screen (an inline alert where the page has one, a notice at the top otherwise).
 */

const phones = ['+447400123510', '+447400123511'];
const csv = Buffer.from(
  ['phone,first_name,order_number', ...phones.map((p, i) => `${p},Ann ${i},A-${i}`)].join('\n'),
);

/** Each step refuses with its own words, so a message left from an earlier step proves nothing. */
async function refusedWith(app: AppHandle, step: string): Promise<string> {
  const words = `Refused on purpose at “${step}”.`;
  await app.refuse(ACTIONS, words);
  return words;
}

async function expectShown(page: Page, words: string) {
  await expect(page.getByText(words).first()).toBeVisible();
}

async function draftWithMessage(page: Page) {
  await page.getByRole('button', { name: /Create your first campaign|New campaign/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Campaign name').fill('Refused');
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('heading', { name: 'Refused' })).toBeVisible();
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: csv });
  await page
    .getByTestId('import-preview')
    .getByRole('button', { name: 'Import customers' })
    .click();
  await expect(page.getByTestId('audience-count')).toContainText('2 recipients', {
    timeout: 60_000,
  });
  await page.getByRole('tab', { name: 'Message' }).click();
  await expect(page.getByTestId('templates-synced')).toContainText('Templates synced');
  await page.getByRole('combobox', { name: 'Template' }).click();
  await page.getByRole('option', { name: 'order_confirmation (en_US)', exact: true }).click();
  await expect(page.getByTestId('validation-counts')).toContainText('All 2 recipients');
}

test('the campaigns list, opt-outs and settings show every refusal', async ({ page, app }) => {
  await openApp(page, app);

  let words = await refusedWith(app, 'first-run country');
  await page.getByRole('button', { name: 'My customers are in many countries' }).click();
  await expectShown(page, words);

  words = await refusedWith(app, 'create draft');
  await page.getByRole('button', { name: /Create your first campaign|New campaign/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Campaign name').fill('Never made');
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  await expectShown(page, words);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  words = await refusedWith(app, 'add an opt-out');
  await page.getByRole('button', { name: 'Opt-outs' }).click();
  await page.getByRole('button', { name: 'Add a number' }).click();
  const add = page.getByRole('dialog', { name: 'Add a number to the opt-outs' });
  await add.getByLabel('Phone number').fill('+447400123599');
  await add.getByRole('button', { name: 'Add to opt-outs' }).click();
  await expectShown(page, words);
});

test('a campaign’s buttons show every refusal', async ({ page, app }) => {
  test.setTimeout(180_000);
  await openApp(page, app);
  await page.getByRole('button', { name: 'My customers are in many countries' }).click();
  await draftWithMessage(page);

  // A notice that is not an inline alert: choosing another template.
  let words = await refusedWith(app, 'choose template');
  await page.getByRole('combobox', { name: 'Template' }).click();
  await page
    .locator('[role="option"]:not([data-combobox-disabled])')
    .filter({ hasNotText: 'order_confirmation (en_US)' })
    .first()
    .click();
  await expectShown(page, words);
  await expect(page.getByTestId('refusal').filter({ hasText: words })).toBeVisible();
  await page
    .getByTestId('refusal')
    .getByRole('button', { name: 'Close this message' })
    .first()
    .click();

  words = await refusedWith(app, 'clear audience');
  await page.getByRole('tab', { name: 'Audience' }).click();
  await page.getByRole('button', { name: 'Clear audience' }).first().click();
  await page
    .getByRole('dialog', { name: 'Clear the audience?' })
    .getByRole('button', { name: 'Clear audience' })
    .click();
  await expectShown(page, words);

  await app.refuse(null);
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await expect(page.getByTestId('send-button')).toBeEnabled();

  words = await refusedWith(app, 'send test');
  await page.getByLabel('Your WhatsApp number').fill('+447400123520');
  await page.getByRole('button', { name: 'Send test' }).click();
  await expectShown(page, words);

  words = await refusedWith(app, 'send');
  await page.getByTestId('send-button').click();
  await page.getByTestId('confirm-send-button').click();
  await expectShown(page, words);
  // Nothing started: the refusal is not a silent success.
  expect(app.query<{ state: string }>('SELECT state FROM campaigns')[0]?.state).toBe('draft');

  // Scheduled for later, then cancelling is refused: the campaign stays scheduled and says why.
  await app.refuse(null);
  const later = new Date(Date.now() + 3 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  await page
    .getByLabel('Send later (optional)')
    .fill(
      `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T${pad(later.getHours())}:${pad(later.getMinutes())}`,
    );
  await page.getByTestId('send-button').click();
  await page.getByTestId('confirm-send-button').click();
  const progress = page.getByTestId('send-progress');
  await expect(progress).toHaveAttribute('data-state', 'scheduled');
  words = await refusedWith(app, 'cancel campaign');
  await progress.getByRole('button', { name: 'Cancel campaign' }).click();
  await page.getByTestId('confirm-cancel-button').click();
  await expectShown(page, words);
  expect(app.query<{ state: string }>('SELECT state FROM campaigns')[0]?.state).toBe('scheduled');
});

test('settings, accounts, the template studio, opt-out removal and the campaigns list show every refusal', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await openApp(page, app);
  await page.getByRole('button', { name: 'My customers are in many countries' }).click();

  // Settings: the business country, an account's name and its default quiet hours.
  await page.getByRole('button', { name: 'Settings' }).click();
  let words = await refusedWith(app, 'save country');
  await page.getByTestId('business-country').fill('France');
  await page.getByRole('option', { name: /France \(\+33\)/ }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expectShown(page, words);

  words = await refusedWith(app, 'edit account');
  await page.getByRole('button', { name: 'Edit Sandbox' }).click();
  const edit = page.getByRole('dialog').filter({ has: page.getByLabel('Name') });
  await edit.getByLabel('Name').fill('Sandbox shop');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expectShown(page, words);
  await edit.getByRole('button', { name: 'Cancel' }).click();

  words = await refusedWith(app, 'quiet hours');
  await page.getByRole('button', { name: 'Change the default quiet hours of Sandbox' }).click();
  await page.getByLabel('Quiet hours of Sandbox from').fill('22:00');
  await page.getByLabel('Quiet hours of Sandbox to').fill('07:00');
  await page.getByTestId('account-quiet-hours').getByRole('button', { name: 'Save' }).click();
  await expectShown(page, words);

  words = await refusedWith(app, 'test connection');
  await page.getByRole('button', { name: 'Test connection of Sandbox' }).click();
  await expectShown(page, words);

  words = await refusedWith(app, 'add account');
  await page.getByRole('button', { name: 'Add account' }).click();
  const add = page.getByRole('dialog', { name: 'Add a WhatsApp Business number' });
  await add.getByLabel('Name').fill('Shop');
  await add.getByLabel('Phone number ID').fill('106540352242922');
  await add.getByLabel('WhatsApp Business Account ID').fill('102290129340398');
  await add.getByLabel('Access token').fill('EAAGm0PX4ZCpsBAKZBZCz7xQm2ZAxyz0123456789abcdef');
  await add.getByRole('button', { name: 'Add account' }).click();
  await expectShown(page, words);
  await add.getByRole('button', { name: /Cancel|Close/ }).click();

  // The template studio's submit.
  words = await refusedWith(app, 'studio submit');
  await page.getByRole('button', { name: 'Template studio' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('pickup_note');
  await page
    .getByRole('textbox', { name: 'Body', exact: true })
    .fill('Your order is ready to collect at the counter.');
  await expect(page.getByTestId('studio-check-ok')).toBeVisible();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expectShown(page, words);

  // Opt-outs: removing a number.
  await app.refuse(null);
  await page.getByRole('button', { name: 'Opt-outs' }).click();
  await page.getByRole('button', { name: 'Add a number' }).click();
  const addOptOut = page.getByRole('dialog', { name: 'Add a number to the opt-outs' });
  await addOptOut.getByLabel('Phone number').fill('+447911123456');
  await addOptOut.getByRole('button', { name: 'Add to opt-outs' }).click();
  await expect(addOptOut).toBeHidden();
  words = await refusedWith(app, 'remove opt-out');
  await page.getByRole('button', { name: 'Remove +447911123456' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove from the opt-outs?' });
  await remove.getByRole('button', { name: 'Remove +447911123456' }).click();
  await expectShown(page, words);
  await remove.getByRole('button', { name: 'Keep it' }).click();

  // The campaigns list: rename and delete.
  await app.refuse(null);
  await page.getByRole('button', { name: 'Campaigns' }).click();
  await page.getByRole('button', { name: /Create your first campaign|New campaign/ }).click();
  const create = page.getByRole('dialog', { name: 'New campaign' });
  await create.getByLabel('Campaign name').fill('Spring sale');
  await create.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('heading', { name: 'Spring sale' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('button', { name: 'Campaigns' })
    .click();
  const row = page.getByTestId('campaign-row').filter({ hasText: 'Spring sale' });

  words = await refusedWith(app, 'rename');
  await row.getByRole('button', { name: 'Actions for Spring sale' }).click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename campaign' });
  await rename.getByLabel('Campaign name').fill('Spring sale — final');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expectShown(page, words);
  await rename.getByRole('button', { name: 'Cancel' }).click();

  words = await refusedWith(app, 'delete');
  await row.getByRole('button', { name: 'Actions for Spring sale' }).click();
  await page.getByRole('menuitem', { name: 'Delete draft' }).click();
  await page
    .getByRole('dialog', { name: 'Delete draft?' })
    .getByRole('button', { name: 'Delete draft' })
    .click();
  await expectShown(page, words);
  expect(app.query<{ name: string }>('SELECT name FROM campaigns')).toEqual([
    { name: 'Spring sale' },
  ]);
});

test('a sending campaign’s buttons show every refusal: sync, import, pause, resume, export', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  // Slow enough to pause while it sends.
  app.exec('UPDATE accounts SET rate_per_second = 1 WHERE id = 1');
  await openApp(page, app);
  await page.getByRole('button', { name: 'My customers are in many countries' }).click();
  await draftWithMessage(page);

  let words = await refusedWith(app, 'sync templates');
  await page.getByRole('button', { name: 'Sync templates' }).click();
  await expectShown(page, words);

  words = await refusedWith(app, 'import');
  await page.getByRole('tab', { name: 'Audience' }).click();
  await page.getByRole('button', { name: 'Clear audience' }).first().click();
  await page
    .getByRole('dialog', { name: 'Clear the audience?' })
    .getByRole('button', { name: 'Clear audience' })
    .click();
  await expectShown(page, words);
  await app.refuse(null);
  await page.getByRole('button', { name: 'Clear audience' }).first().click();
  await page
    .getByRole('dialog', { name: 'Clear the audience?' })
    .getByRole('button', { name: 'Clear audience' })
    .click();
  await expect(page.getByTestId('file-input')).toBeAttached();
  words = await refusedWith(app, 'import file');
  await page.getByTestId('file-input').setInputFiles({
    name: 'more.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      [
        'phone,first_name,order_number',
        ...Array.from({ length: 6 }, (_, i) => `+4474001235${30 + i},Bo ${i},B-${i}`),
      ].join('\n'),
    ),
  });
  await page
    .getByTestId('import-preview')
    .getByRole('button', { name: 'Import customers' })
    .click();
  await expectShown(page, words);
  expect(app.query<{ n: number }>('SELECT count(*) AS n FROM recipients')[0]?.n).toBe(0);

  await app.refuse(null);
  await page
    .getByTestId('import-preview')
    .getByRole('button', { name: 'Import customers' })
    .click();
  await expect(page.getByTestId('audience-count')).toContainText('6 recipients', {
    timeout: 60_000,
  });
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await page.getByTestId('send-button').click();
  await page.getByTestId('confirm-send-button').click();
  const progress = page.getByTestId('send-progress');
  await expect(progress).toHaveAttribute('data-state', 'sending');

  words = await refusedWith(app, 'pause');
  await progress.getByRole('button', { name: 'Pause' }).click();
  await expectShown(page, words);
  await app.refuse(null);
  await progress.getByRole('button', { name: 'Pause' }).click();
  await expect(progress).toHaveAttribute('data-state', 'paused');

  words = await refusedWith(app, 'resume');
  await progress.getByRole('button', { name: 'Resume' }).click();
  await expectShown(page, words);
  await expect(progress).toHaveAttribute('data-state', 'paused');
  await app.refuse(null);
  await progress.getByRole('button', { name: 'Resume' }).click();
  await expect(progress).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });

  words = await refusedWith(app, 'export');
  await page.getByRole('tab', { name: 'Report' }).click();
  const report = page.getByTestId('report-panel');
  await report.getByText('CSV', { exact: true }).click();
  await report.getByRole('button', { name: /^Export \d+ rows$/ }).click();
  await expectShown(page, words);
});
