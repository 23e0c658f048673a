import { SANDBOX_TEST_NUMBERS } from '../../electron/sandbox';
import { expect, openApp, test } from './fixtures';
import { draftCampaign } from './setup';

test('the progress view: counters and chart move to completion, failures by reason, the table filtered to failures and searched', async ({
  page,
  app,
}) => {
  const fixed = [
    SANDBOX_TEST_NUMBERS.read.number,
    SANDBOX_TEST_NUMBERS.notOnWhatsApp.number,
    SANDBOX_TEST_NUMBERS.rejectedNotOnWhatsApp.number,
  ];
  const rows = [...fixed, ...Array.from({ length: 117 }, (_, i) => `+1202555${3000 + i}`)].map(
    (p, i) => `${p},Customer ${i},B-${i}`,
  );
  await draftCampaign(app, {
    name: 'Autumn offers',
    csv: ['phone,name,order', ...rows].join('\n'),
  });
  // Slow enough (about 6 s) to watch the chart grow.
  app.exec('UPDATE accounts SET rate_per_second = 20 WHERE id = 1');

  await openApp(page, app);
  await page.getByRole('button', { name: 'Autumn offers', exact: true }).click();
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await page.getByRole('button', { name: 'Send to 120 recipients' }).click();
  // The confirmation states the same figures as Review & send.
  await page.getByTestId('confirm-send-button').click();

  const view = page.getByTestId('progress-view');
  const chart = view.getByTestId('timeline-chart');
  await expect(view.getByTestId('send-progress')).toHaveAttribute('data-state', 'sending');
  // The chart follows the sender while it runs, not only at the end.
  await expect
    .poll(async () => Number(await chart.getAttribute('data-sent')), { timeout: 15_000 })
    .toBeGreaterThan(0);
  const midway = Number(await chart.getAttribute('data-sent'));
  expect(midway).toBeLessThan(120);
  await expect(view.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('send-rate')).toContainText('120 of 120 handled');

  // Wait for the delivery reports of the fixed numbers, then compare every figure with SQLite.
  const failedAsync = () =>
    app.query<{ n: number }>(
      "SELECT count(*) AS n FROM recipients WHERE phone = ? AND state = 'failed'",
      SANDBOX_TEST_NUMBERS.notOnWhatsApp.number,
    )[0]!.n;
  await expect.poll(failedAsync, { timeout: 20_000 }).toBe(1);
  await expect
    .poll(
      () =>
        app.query<{ n: number }>("SELECT count(*) AS n FROM recipients WHERE state = 'sent'")[0]!.n,
      { timeout: 20_000 },
    )
    .toBeLessThan(10);
  // Accepted and not failed since: the chart counts as the counters do.
  const sentAt = app.query<{ n: number }>(
    "SELECT count(*) AS n FROM recipients WHERE sent_at IS NOT NULL AND state <> 'failed'",
  )[0]!.n;
  await expect(chart).toHaveAttribute('data-sent', String(sentAt), { timeout: 15_000 });
  expect(sentAt).toBeGreaterThan(midway);
  // A late report may still land: each figure on screen must catch up with SQLite's.
  const inDb = (state: string) =>
    app.query<{ n: number }>('SELECT count(*) AS n FROM recipients WHERE state = ?', state)[0]!.n;
  const onScreen = async (testId: string) =>
    Number((await view.getByTestId(testId).innerText()).split('\n').at(-1)!.replace(/\D/g, ''));
  // "Delivered" includes read, as in the chart.
  const expected: Record<string, () => number> = {
    failed: () => inDb('failed'),
    delivered: () => inDb('delivered') + inDb('read'),
    read: () => inDb('read'),
  };
  for (const [counter, fromDb] of Object.entries(expected)) {
    await expect
      .poll(async () => (await onScreen(`count-${counter}`)) - fromDb(), { timeout: 10_000 })
      .toBe(0);
  }
  const failed = inDb('failed');

  // Failures by reason: the 131026 recipients (one refused at once, the others failed later) in one group.
  const notOnWhatsApp = () =>
    app.query<{ n: number }>(
      "SELECT count(*) AS n FROM recipients WHERE state = 'failed' AND error_code = 131026",
    )[0]!.n;
  expect(notOnWhatsApp()).toBeGreaterThanOrEqual(2);
  const group = view.getByTestId('failure-group').filter({ has: page.getByText('code 131026') });
  await expect(group).toContainText('Not reachable on WhatsApp');
  await expect
    .poll(
      async () =>
        Number(await group.locator('.mantine-Badge-root').first().innerText()) - notOnWhatsApp(),
      { timeout: 10_000 },
    )
    .toBe(0);
  await expect(group).toContainText('What to do:');

  // The table, filtered to failures: exactly the failed rows, and a search within them.
  const table = view.getByTestId('recipient-table');
  await table.getByText(/^Failed \d+$/).click();
  await expect(table).toHaveAttribute('data-filter', 'failed');
  await expect(table).toHaveAttribute('data-complete', 'true');
  const shown = table.getByTestId('recipient-row');
  await expect
    .poll(async () => (await shown.count()) - inDb('failed'), { timeout: 10_000 })
    .toBe(0);
  expect(failed).toBeGreaterThanOrEqual(2);
  for (const state of await shown.evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-state')),
  ))
    expect(state).toBe('failed');
  await table.getByLabel('Search recipients').fill('0107');
  await expect(shown).toHaveCount(1);
  await expect(shown.first()).toContainText(SANDBOX_TEST_NUMBERS.rejectedNotOnWhatsApp.number);
  await expect(shown.first()).toContainText('131026');
  await page.screenshot({ path: test.info().outputPath('progress-view.png'), fullPage: true });
  await table.getByLabel('Search recipients').fill('Customer 0');
  await expect(table.getByTestId('recipient-table-status')).toContainText(
    'Nobody matches this search.',
  );
});
