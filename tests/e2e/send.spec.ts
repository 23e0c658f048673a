import { expect, openApp, test } from './fixtures';
import { draftCampaign } from './setup';

test('run a sandbox campaign from the UI to completion, with pause and resume on the way', async ({
  page,
  app,
}) => {
  // Setup through the CLI (covered elsewhere): a draft with 150 customers.
  await draftCampaign(app, {
    name: 'Spring sale',
    csv: [
      'phone,name,order',
      ...Array.from({ length: 150 }, (_, i) => `+1202555${2000 + i},Customer ${i},A-${i}`),
    ].join('\n'),
  });
  // Slow enough to pause half way.
  app.exec('UPDATE accounts SET rate_per_second = 15 WHERE id = 1');

  await openApp(page, app);
  await page.getByRole('button', { name: 'Spring sale', exact: true }).click();
  await page.getByRole('tab', { name: 'Review & send' }).click();
  const prechecks = page.getByTestId('prechecks');
  await expect(prechecks).toContainText('The access token works.');
  await expect(prechecks).toContainText('is approved');
  await expect(prechecks).toContainText('150 recipients will receive this message.');

  await page.getByRole('button', { name: 'Send to 150 recipients' }).click();
  // The confirmation states the same figures as Review & send.
  await page.getByTestId('confirm-send-button').click();
  const progress = page.getByTestId('send-progress');
  await expect(progress).toHaveAttribute('data-state', 'sending');
  await expect
    .poll(
      () =>
        app.query<{ n: number }>(
          "SELECT count(*) AS n FROM recipients WHERE state IN ('sent', 'delivered', 'read')",
        )[0]!.n,
    )
    .toBeGreaterThan(10);

  await progress.getByRole('button', { name: 'Pause' }).click();
  await expect(progress).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('pause-reason')).toContainText('Paused by you.');
  const atPause = app.query<{ n: number }>(
    "SELECT count(*) AS n FROM recipients WHERE state IN ('sent', 'delivered', 'read')",
  )[0]!.n;
  expect(atPause).toBeGreaterThan(0);
  expect(atPause).toBeLessThan(150);

  await progress.getByRole('button', { name: 'Resume' }).click();
  await expect(progress).toHaveAttribute('data-state', 'completed', { timeout: 30_000 });
  await expect(page.getByTestId('send-rate')).toContainText('150 of 150 handled');
  // Delivery reports arrive meanwhile, so accepted messages move on to delivered and read.
  const states = app.query<{ state: string; n: number }>(
    'SELECT state, count(*) AS n FROM recipients GROUP BY state',
  );
  // The simulator also fails a few after acceptance (not on WhatsApp), as Meta does.
  expect(
    states.map((s) => s.state).filter((s) => !['sent', 'delivered', 'read', 'failed'].includes(s)),
  ).toEqual([]);
  expect(states.reduce((a, s) => a + s.n, 0)).toBe(150);
  expect(app.query('SELECT state FROM campaigns')).toEqual([{ state: 'completed' }]);
});
