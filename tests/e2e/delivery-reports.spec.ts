import { SANDBOX_TEST_NUMBERS as N } from '../../electron/sandbox';
import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';
import { draftCampaign } from './setup';

test('a campaign nobody reports on says so after 10 minutes; Settings shows where reports come from', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await draftCampaign(app, {
    name: 'Quiet week',
    csv: [
      'phone,name,order',
      `${N.read.number},Ann,A-1`,
      `${N.deliveredNeverRead.number},Bob,A-2`,
    ].join('\n'),
  });
  // Nobody listening: the simulated webhook feed switched off for the Sandbox account.
  app.exec("INSERT INTO status_sources (account_id, source, enabled) VALUES (1, 'sandbox', 0)");
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
  await page.getByRole('button', { name: 'Quiet week', exact: true }).click();
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await page.getByRole('button', { name: 'Send to 2 recipients' }).click();
  await page.getByTestId('confirm-send-button').click();
  const view = page.getByTestId('progress-view');
  await expect(view.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 30_000,
  });
  // Too early to worry.
  await expect(view.getByTestId('status-silence')).toHaveCount(0);

  // Ten minutes on, still nothing from any source.
  app.exec(
    'UPDATE campaigns SET started_at = ? WHERE name = ?',
    Date.now() - 11 * 60_000,
    'Quiet week',
  );
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('button', { name: 'Campaigns' })
    .click();
  await page.getByRole('button', { name: 'Quiet week', exact: true }).click();
  const alert = page.getByTestId('status-silence');
  await expect(alert).toContainText(
    'no delivery report has arrived for any of its 2 sent messages',
  );
  await expect(alert).toContainText('Set up the webhook relay');
  await alert.screenshot({ path: docShot('delivery-reports-silence.png') });

  // The feed back on: "Check now" brings the reports and the warning goes.
  app.exec("UPDATE status_sources SET enabled = 1 WHERE account_id = 1 AND source = 'sandbox'");
  await alert.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByTestId('status-silence')).toHaveCount(0, { timeout: 15_000 });
  // The reports carry prices: both delivered messages are charged, as the estimate said.
  const cost = page.getByTestId('charges');
  await expect(async () => {
    await cost.getByRole('button', { name: 'Refresh' }).click();
    await expect(cost.getByTestId('charges-charged')).toContainText('2 charged', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(cost.getByTestId('charges-estimate')).toContainText('2 delivered messages');
  await cost.screenshot({ path: docShot('delivery-reports-cost.png') });

  await page.getByRole('button', { name: 'Settings' }).click();
  const sandbox = page
    .getByTestId('delivery-reports')
    .filter({ hasText: 'Delivery reports · Sandbox' });
  await expect(sandbox.getByTestId('source-sandbox')).toContainText('Working');
  const shop = page.getByTestId('delivery-reports').filter({ hasText: 'Corner shop' });
  await expect(shop.getByTestId('source-relay')).toContainText('Not set up');
  await expect(shop.getByTestId('source-sandbox')).toHaveCount(0);

  // The relay's address and token variable, saved from here.
  await shop.getByLabel('Relay address').fill('https://relay.example.com');
  await shop.getByLabel('Read token variable').fill('RELAY_READ_TOKEN');
  await shop.getByRole('button', { name: 'Save relay' }).click();
  await expect(shop.getByTestId('source-relay')).not.toContainText('Not set up');
  const saved = app.query<{ url: string; token_env: string }>(
    "SELECT url, token_env FROM status_sources WHERE source = 'relay'",
  );
  expect(saved).toEqual([{ url: 'https://relay.example.com', token_env: 'RELAY_READ_TOKEN' }]);
  await shop.screenshot({ path: docShot('delivery-reports-settings.png') });
});
