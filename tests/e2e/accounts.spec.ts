import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';
import type { Page } from '@playwright/test';

const TOKEN = 'EAAGm0PX4ZCpsBAKZBZCz7xQm2ZAxyz0123456789abcdefABCDEF';
const PHONE_ID = '106540352242922';
const WABA_ID = '102290129340398';

let sandbox: Sandbox;
test.beforeAll(async () => {
  // A Meta of our own: the account under test talks to it as it would to graph.facebook.com.
  sandbox = await startSandbox({ token: TOKEN, phoneNumberId: PHONE_ID, wabaId: WABA_ID });
});
test.afterAll(async () => {
  await sandbox.close();
});

async function fillAccount(page: Page, o: { name: string; waba: string; url: string }) {
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a WhatsApp Business number' });
  await dialog.getByLabel('Name').fill(o.name);
  await dialog.getByLabel('Phone number ID').fill(PHONE_ID);
  await dialog.getByLabel('WhatsApp Business Account ID').fill(o.waba);
  await dialog.getByLabel('Access token').fill(TOKEN);
  await dialog.getByRole('button', { name: 'Advanced settings' }).click();
  await dialog.getByLabel('API address').fill(o.url);
  return dialog;
}

test('a shop owner connects an account by pasting the token; Test connection names what is wrong', async ({
  page,
  app,
}) => {
  // A journey of many steps on a loaded machine: the budget is for the steps, not for speed.
  test.setTimeout(240_000);
  await openApp(page, app);
  await page.getByRole('button', { name: 'Settings' }).click();

  // The token typed where a variable name goes is refused without being quoted back.
  let dialog = await fillAccount(page, { name: 'Shop', waba: WABA_ID, url: sandbox.url });
  await dialog.getByLabel('Or: token environment variable').fill(TOKEN);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toContainText('looks like an access token');
  await expect(dialog.getByText(TOKEN)).toHaveCount(0);
  await dialog.getByLabel('Or: token environment variable').fill('');
  await expect(dialog.getByLabel('Access token')).toHaveAttribute('type', 'password');
  await dialog.getByRole('button', { name: 'Add account' }).click();

  // The browser shell's token key, shown this one time.
  const keyDialog = page.getByRole('dialog', { name: 'Keep this token key' });
  await expect(keyDialog.getByTestId('vault-key')).toHaveText(/^([A-Z2-7]{4}-){12}[A-Z2-7]{4}$/);
  await page.screenshot({ path: docShot('accounts-token-key.png') });
  await expect(keyDialog.getByRole('button', { name: 'Done' })).toBeDisabled();
  await keyDialog.getByLabel('I have stored the key somewhere safe').check();
  await keyDialog.getByRole('button', { name: 'Done' }).click();
  await expect(keyDialog).toHaveCount(0);

  const check = dialog.getByTestId('connection-check');
  await expect(dialog).toContainText('Connected');
  await expect(check.locator('[data-result="ok"]')).toHaveCount(4);
  await page.screenshot({ path: docShot('accounts-connected.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  const shop = page.getByTestId('account-row').filter({ hasText: 'Shop' });
  await expect(shop).toContainText('Stored encrypted in the data folder.');
  await expect(shop.getByTestId('account-connection')).toContainText('Connected');

  // A wrong WABA ID (same number, another address so the pair stays unique): named exactly.
  const other = sandbox.url.replace('127.0.0.1', 'localhost');
  dialog = await fillAccount(page, { name: 'Wrong WABA', waba: '888888888888', url: other });
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toContainText('The account was added, but it cannot send yet');
  await expect(dialog.getByTestId('connection-check').locator('[data-result="wrong"]')).toHaveText(
    /WhatsApp Business Account ID 888888888888 is wrong/,
  );
  await expect(page.getByRole('dialog', { name: 'Keep this token key' })).toHaveCount(0);
  await page.screenshot({ path: docShot('accounts-wrong-waba.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  const wrong = page.getByTestId('account-row').filter({ hasText: 'Wrong WABA' });
  await expect(wrong.getByTestId('account-connection')).toContainText('Check failed');

  // Test connection again from the table.
  await shop.getByRole('button', { name: 'Test connection of Shop' }).click();
  await expect(shop.getByTestId('connection-ok')).toContainText('all check out (+1 555 000 0000)');
  await page.screenshot({ path: docShot('accounts-settings.png'), fullPage: true });

  // Never in the page, the database or the token file in clear.
  expect(await page.content()).not.toContain(TOKEN);
  const rows = app.query<Record<string, unknown>>('SELECT * FROM accounts');
  expect(JSON.stringify(rows)).not.toContain(TOKEN);
  const file = join(app.dataDir, 'secrets', 'tokens.enc.json');
  expect(existsSync(file)).toBe(true);
  expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);

  // A new campaign defaults to the account that works, not the one that failed its check.
  await page.getByRole('button', { name: 'Campaigns' }).click();
  await page.getByRole('button', { name: /Create your first campaign|New campaign/ }).click();
  const create = page.getByRole('dialog', { name: 'New campaign' });
  await expect(create.getByTestId('campaign-account')).toHaveValue(/^Shop/);
});
