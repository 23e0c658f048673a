import type { Locator, Page } from '@playwright/test';
import { METHOD_NAMES } from '../../shared/api/names';
import { isAction } from '../../renderer/src/lib/refusals';
import { expect, openApp, test, type AppHandle } from './fixtures';
import { draftCampaign } from './setup';

/**
 * Issue 15 item 5, the buttons refusals.spec.ts does not reach: Retry failed's "Create draft", the
 * opt-out import, the prices dialog, an account's Marketing Messages API setting and its delivery
 * reports. Each refusal must show inside the part of the screen the user acted in, and only there
 * (a second copy at the top of the page would say the same thing twice).
 */

const ACTIONS = METHOD_NAMES.filter(isAction);

async function refusedWith(app: AppHandle, step: string): Promise<string> {
  const words = `Refused on purpose at “${step}”.`;
  await app.refuse(ACTIONS, words);
  return words;
}

/** The words are in `where`, and not repeated in the notices at the top of the page. */
async function expectShownIn(page: Page, where: Locator, words: string) {
  await expect(where.getByText(words)).toBeVisible();
  await expect(page.getByTestId('refusal').filter({ hasText: words })).toHaveCount(0);
}

test('Retry failed, the opt-out import and the prices dialog show their refusals in place', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  const id = await draftCampaign(app, {
    name: 'Weekend offer',
    csv: ['phone,name,order', '+447400123610,Ann,A-1', '+447400123611,Bob,A-2'].join('\n'),
  });
  await openApp(page, app);
  await page.getByRole('button', { name: 'My customers are in many countries' }).click();
  await page.getByRole('button', { name: 'Weekend offer', exact: true }).click();

  // The prices dialog: saving an edit, then going back to the bundled card.
  await page.getByRole('tab', { name: 'Message' }).click();
  const cost = page.getByTestId('cost-estimate');
  await cost.getByRole('button', { name: 'Edit prices…' }).click();
  const prices = page.getByRole('dialog', { name: /Prices per delivered message/ });
  const uk = prices.getByLabel('United Kingdom Utility');
  await uk.fill('0.02');
  let words = await refusedWith(app, 'save prices');
  await prices.getByRole('button', { name: 'Save prices' }).click();
  await expectShownIn(page, prices, words);
  // Nothing lost: the edit is still in the field to try again.
  await expect(uk).toHaveValue('0.02');

  await app.refuse(null);
  await prices.getByRole('button', { name: 'Save prices' }).click();
  await expect(prices).toBeHidden();
  await cost.getByRole('button', { name: 'Edit prices…' }).click();
  words = await refusedWith(app, 'reset prices');
  await prices.getByRole('button', { name: 'Back to the bundled card' }).click();
  await expectShownIn(page, prices, words);
  await prices.getByRole('button', { name: 'Cancel' }).click();
  await app.refuse(null);

  // Sent yesterday; both failed with Meta's temporary 131000, which is worth retrying.
  const yesterday = Date.now() - 86_400_000;
  app.exec(
    "UPDATE campaigns SET state = 'completed', started_at = ?, completed_at = ? WHERE id = ?",
    yesterday,
    yesterday,
    id,
  );
  app.exec(
    "UPDATE recipients SET state = 'failed', error_code = 131000, error_title = 'Something went wrong', failed_at = ? WHERE campaign_id = ?",
    yesterday,
    id,
  );
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await page.getByRole('button', { name: 'Weekend offer', exact: true }).click();
  const failures = page.getByTestId('failures');
  await failures.getByTestId('retry-failed').click();
  const plan = page.getByTestId('retry-plan');
  await expect(plan.getByTestId('retry-included')).toContainText('2 recipients go');
  words = await refusedWith(app, 'retry failed');
  await plan.getByTestId('retry-create').click();
  // The plan closes; the refusal stays beside the button the user started from.
  await expectShownIn(page, failures, words);
  expect(app.query<{ n: number }>('SELECT count(*) AS n FROM campaigns')[0]?.n).toBe(1);

  // The opt-out import.
  await page.getByRole('button', { name: 'Opt-outs' }).click();
  words = await refusedWith(app, 'opt-out import');
  await page.getByTestId('suppression-file-input').setInputFiles({
    name: 'stop-list.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('phone\n+447400123699\n'),
  });
  await expectShownIn(page, page.getByTestId('suppression-import-error'), words);
  expect(app.query<{ n: number }>('SELECT count(*) AS n FROM suppression')[0]?.n).toBe(0);
});

test('an account’s Marketing Messages API setting and delivery reports show their refusals in place', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  const added = await app.cli(
    'accounts',
    'add',
    '--name',
    'Corner shop',
    '--phone-number-id',
    '106540352242922',
    '--waba-id',
    '102290129340398',
    '--token-env',
    'CORNER_SHOP_TOKEN',
  );
  expect(added.code, added.stderr).toBe(0);
  await openApp(page, app);
  await page.getByRole('button', { name: 'My customers are in many countries' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();

  const row = page.getByTestId('account-row').filter({ hasText: 'Corner shop' });
  const cell = row.getByTestId('account-marketing-api');
  let words = await refusedWith(app, 'marketing route');
  await cell.getByLabel('How Corner shop sends marketing messages').click();
  await page.getByRole('option', { name: 'Cloud API' }).click();
  await expectShownIn(page, cell, words);
  // The setting did not change behind the refusal.
  expect(
    app.query<{ m: string }>("SELECT marketing_api AS m FROM accounts WHERE name = 'Corner shop'"),
  ).toEqual([{ m: 'auto' }]);

  words = await refusedWith(app, 'check onboarding');
  await cell.getByRole('button', { name: 'Check onboarding' }).click();
  await expectShownIn(page, cell, words);

  const reports = page.getByLabel('Delivery reports of Corner shop');
  await reports.getByLabel('Relay address').fill('https://relay.example.com');
  await reports.getByLabel('Read token variable').fill('RELAY_READ_TOKEN');
  words = await refusedWith(app, 'save relay');
  await reports.getByRole('button', { name: 'Save relay' }).click();
  await expectShownIn(page, reports, words);
  await expect(reports.getByLabel('Relay address')).toHaveValue('https://relay.example.com');

  words = await refusedWith(app, 'message history');
  await reports.getByRole('switch', { name: /message history/ }).click();
  await expectShownIn(page, reports, words);
});
