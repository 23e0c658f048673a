import { SANDBOX_TEST_NUMBERS } from '../../electron/sandbox';
import { SANDBOX_REPLY_NUMBERS } from '../../electron/sandbox/test-numbers';
import { expect, openApp, test } from './fixtures';
import { draftCampaign } from './setup';

const STOP = SANDBOX_REPLY_NUMBERS.repliesStop.number;
const TAP = SANDBOX_REPLY_NUMBERS.tapsStopPromotions.number;

test('a customer who replies Stop lands on the Opt-outs page with the reason; add and remove a number by hand', async ({
  page,
  app,
}) => {
  await draftCampaign(app, {
    name: 'Winter sale',
    csv: [
      'phone,name,order',
      `${STOP},Ann,A-1`,
      `${TAP},Bob,A-2`,
      `${SANDBOX_TEST_NUMBERS.read.number},Cy,A-3`,
    ].join('\n'),
  });

  await openApp(page, app);
  await page.getByRole('button', { name: 'Winter sale', exact: true }).click();
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await page.getByRole('button', { name: 'Send to 3 recipients' }).click();
  // The confirmation states the same figures as Review & send.
  await page.getByTestId('confirm-send-button').click();
  await expect(page.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 30_000,
  });

  // The sandbox customers read the message, then one types "Stop" and one taps "Stop promotions".
  await page.getByRole('button', { name: 'Opt-outs' }).click();
  await expect(page.locator('[data-suppression-state="loaded"]')).toBeVisible();
  const table = page.getByTestId('suppression-table');
  const stop = table.locator(`[data-phone="${STOP}"]`);
  await expect(stop).toBeVisible({ timeout: 45_000 });
  await expect(stop).toContainText('Customer replied');
  await expect(stop).toContainText('Replied "Stop"');
  await expect(stop).toContainText('Winter sale');
  const tap = table.locator(`[data-phone="${TAP}"]`);
  await expect(tap).toBeVisible({ timeout: 15_000 });
  await expect(tap).toContainText('Customer tapped a button');
  await expect(tap).toContainText('Stop promotions');
  expect(
    app.query<{ phone: string; source: string }>(
      'SELECT phone, source FROM suppression ORDER BY phone',
    ),
  ).toEqual([
    { phone: STOP, source: 'reply' },
    { phone: TAP, source: 'button' },
  ]);

  // Add one by hand: a bad number is refused with the reason, a good one appears at the top.
  await page.getByRole('button', { name: 'Add a number' }).click();
  const add = page.getByRole('dialog', { name: 'Add a number to the opt-outs' });
  await add.getByLabel('Phone number').fill('4.47911E+11');
  await add.getByRole('button', { name: 'Add to opt-outs' }).click();
  await expect(add).toContainText('Excel');
  await add.getByLabel('Phone number').fill('+44 7911 123456');
  await add.getByLabel('Reason (optional)').fill('Asked at the till');
  await add.getByRole('button', { name: 'Add to opt-outs' }).click();
  await expect(add).toBeHidden();
  const manual = table.locator('[data-phone="+447911123456"]');
  await expect(manual).toContainText('Added by hand');
  await expect(manual).toContainText('Asked at the till');
  await expect(page.getByTestId('suppression-count')).toHaveText('1–3 of 3');

  // Search narrows the list.
  await page.getByLabel('Search opt-outs').fill('7911');
  await expect(page.getByTestId('suppression-row')).toHaveCount(1);
  await page.getByLabel('Search opt-outs').fill('');
  await expect(page.getByTestId('suppression-row')).toHaveCount(3);

  // Remove it: confirmed, with a note, and kept in the removal log.
  await manual.getByRole('button', { name: 'Remove +447911123456' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove from the opt-outs?' });
  await expect(confirm).toContainText('Campaigns will be able to message this number again');
  await confirm.getByLabel('Why (kept in the removal log)').fill('Typed in by mistake');
  await confirm.getByRole('button', { name: 'Remove +447911123456' }).click();
  await expect(confirm).toBeHidden();
  await expect(manual).toHaveCount(0);
  await page.getByText('Removed', { exact: true }).click();
  const removed = page.getByTestId('removals-table').locator('[data-phone="+447911123456"]');
  await expect(removed).toContainText('Typed in by mistake');
  expect(
    app.query<{ phone: string; note: string }>('SELECT phone, note FROM suppression_removals'),
  ).toEqual([{ phone: '+447911123456', note: 'Typed in by mistake' }]);
  expect(app.query<{ n: number }>('SELECT count(*) AS n FROM suppression')).toEqual([{ n: 2 }]);
});

test('add an account through the form, then create a campaign that sends from it', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add account' }).click();
  const form = page.getByRole('dialog', { name: 'Add a WhatsApp Business number' });
  await form.getByLabel('Name').fill('Bakery');
  // The usual mistake: the phone number instead of its ID.
  await form.getByLabel('Phone number ID').fill('+44 7911 123456');
  await form.getByLabel('WhatsApp Business Account ID').fill('102290129340398');
  await form.getByRole('button', { name: 'Advanced settings' }).click();
  await form.getByLabel('Or: token environment variable').fill('BAKERY_TOKEN');
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(form).toContainText('not the phone number itself');
  await form.getByLabel('Phone number ID').fill('106540352242922');
  await form.getByRole('button', { name: 'Add account' }).click();
  // The account is added; its connection check (no BAKERY_TOKEN here, no Meta) says it cannot
  // send yet, and the dialog stays open to say so (tests/e2e/accounts.spec.ts covers the check).
  await expect(form).toContainText('The account was added');
  await form.getByRole('button', { name: 'Close' }).click();
  await expect(form).toBeHidden();
  const row = page.getByTestId('account-row').filter({ hasText: 'Bakery' });
  await expect(row).toContainText('106540352242922');

  // Edit it: a slower rate and its messaging tier.
  await row.getByRole('button', { name: 'Edit Bakery' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Bakery' });
  await edit.getByLabel('Sending rate (messages per second)').fill('20');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('20 messages/s');

  const [bakery] = app.query<{ id: number; rate_per_second: number; token_env: string }>(
    "SELECT id, rate_per_second, token_env FROM accounts WHERE name = 'Bakery'",
  );
  expect(bakery).toMatchObject({ rate_per_second: 20, token_env: 'BAKERY_TOKEN' });

  await page.getByRole('button', { name: 'Campaigns' }).click();
  await page.getByRole('button', { name: 'Create your first campaign' }).click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Campaign name').fill('Fresh bread');
  // An account that failed its last check is never the default: the Sandbox is.
  await expect(dialog.getByRole('combobox', { name: 'Send from' })).toHaveValue(/Sandbox/);
  await dialog.getByRole('combobox', { name: 'Send from' }).click();
  await page.getByRole('option', { name: /Bakery/ }).click();
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(() =>
      app.query<{ account_id: number }>(
        "SELECT account_id FROM campaigns WHERE name = 'Fresh bread'",
      ),
    )
    .toEqual([{ account_id: bakery!.id }]);
});
