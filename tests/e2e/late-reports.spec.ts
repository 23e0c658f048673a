import { SANDBOX_TEST_NUMBERS } from '../../electron/sandbox';
import { expect, openApp, test } from './fixtures';
import { draftCampaign } from './setup';

const N = SANDBOX_TEST_NUMBERS;

/**
 * Issue 15: delivery reports that land after a campaign finished move the Analytics and Cost panels
 * by themselves, like the live counters, without the Refresh buttons. The reports are held back by
 * switching the Sandbox's webhook feed off while sending, then let in after the campaign completed.
 */
test('late delivery reports update the Analytics and Cost panels of a finished campaign', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await draftCampaign(app, {
    name: 'Late news',
    csv: [
      'phone,name,order',
      `${N.read.number},Ann,A-1`,
      `${N.deliveredNeverRead.number},Bob,A-2`,
    ].join('\n'),
  });
  app.exec("INSERT INTO status_sources (account_id, source, enabled) VALUES (1, 'sandbox', 0)");

  await openApp(page, app);
  await page.getByRole('button', { name: 'My customers are in many countries' }).click();
  await page.getByRole('button', { name: 'Late news', exact: true }).click();
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await page.getByRole('button', { name: 'Send to 2 recipients' }).click();
  await page.getByTestId('confirm-send-button').click();
  const view = page.getByTestId('progress-view');
  await expect(view.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 30_000,
  });

  // Finished, and nothing reported yet: nothing delivered, nothing charged.
  const analytics = view.getByTestId('analytics-panel');
  const cost = view.getByTestId('charges');
  await expect(analytics.getByTestId('analytics-ours-delivered')).toHaveText('0', {
    timeout: 30_000,
  });
  await expect(cost).toContainText('No delivery report with prices has arrived yet.');
  expect(
    app.query<{ n: number }>(
      "SELECT count(*) AS n FROM recipients WHERE state IN ('delivered', 'read')",
    )[0]?.n,
  ).toBe(0);

  // The feed comes back: the reports land, and both panels move with no click on Refresh.
  app.exec("UPDATE status_sources SET enabled = 1 WHERE account_id = 1 AND source = 'sandbox'");
  await expect(analytics.getByTestId('analytics-ours-delivered')).toHaveText('2', {
    timeout: 30_000,
  });
  await expect(analytics.getByTestId('analytics-ours-read')).toHaveText('1', { timeout: 30_000 });
  await expect(cost.getByTestId('charges-charged')).toContainText('2 charged', {
    timeout: 30_000,
  });
  await expect(cost.getByTestId('charges-estimate')).toContainText('2 delivered messages');
});
