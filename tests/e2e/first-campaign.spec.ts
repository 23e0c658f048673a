import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';

/**
 * Issue 15, "done when": what a first-time user does, screen by screen, with a screenshot of each
 * step for the README (docs/screenshots/first-campaign-*.png). The account and country steps
 * belong to other work; this journey starts on the Sandbox account.
 */

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: docShot(`first-campaign-${name}.png`),
    fullPage: true,
  });

/** UK mobiles: the Sandbox accepts them like its own test numbers. */
const uk = (n: number) => Array.from({ length: n }, (_, i) => `+4474001235${String(10 + i)}`);

const csv = (phones: string[]) =>
  Buffer.from(
    [
      'phone,first_name,order_number',
      ...phones.map((p, i) => `${p},Customer ${i + 1},A-${1000 + i}`),
    ].join('\n'),
  );

async function createAndImport(page: Page, name: string, phones: string[]) {
  await page.getByRole('button', { name: /Create your first campaign|New campaign/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Campaign name').fill(name);
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  // The new draft opens by itself, on its first step.
  await expect(page.getByRole('tab', { name: 'Message' })).toBeVisible();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: csv(phones) });
  await page
    .getByTestId('import-preview')
    .getByRole('button', { name: 'Import customers' })
    .click();
  // The import runs in a worker: on a busy machine it takes a while to start.
  await expect(page.getByTestId('audience-count')).toContainText(`${phones.length} recipients`, {
    timeout: 60_000,
  });
}

async function chooseOrderTemplate(page: Page, n: number) {
  await page.getByRole('tab', { name: 'Message' }).click();
  await expect(page.getByTestId('templates-synced')).toContainText('Templates synced');
  await page.getByRole('combobox', { name: 'Template' }).click();
  await page.getByRole('option', { name: 'order_confirmation (en_US)', exact: true }).click();
  await expect(page.getByTestId('validation-counts')).toContainText(
    `All ${n} recipients will receive this message.`,
  );
}

test('a first campaign: create, import, map, review, confirm, watch, pause, resume, finish, export', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  // Slow enough to watch the counters move and to pause half way.
  app.exec('UPDATE accounts SET rate_per_second = 2 WHERE id = 1');
  await openApp(page, app);
  await shot(page, '01-start');
  await createAndImport(page, 'First campaign', uk(12));
  await shot(page, '02-audience');
  await chooseOrderTemplate(page, 12);
  await shot(page, '03-message');

  await page.getByRole('tab', { name: 'Review & send' }).click();
  await expect(page.getByTestId('prechecks')).toContainText(
    '12 recipients will receive this message.',
  );
  const figures = page.getByTestId('review-figures');
  await expect(figures.locator('[data-figure="recipients"]')).toContainText('12 recipients');
  await expect(figures.locator('[data-figure="template"]')).toContainText('order_confirmation');
  await expect(figures.locator('[data-figure="cost"]')).toContainText('$');
  await shot(page, '04-review');

  await page.getByRole('button', { name: 'Send to 12 recipients' }).click();
  const confirm = page.getByRole('dialog', { name: 'Send to 12 recipients now?' });
  // The same figures as Review & send.
  for (const key of ['template', 'from', 'recipients', 'cost', 'duration']) {
    await expect(confirm.locator(`[data-figure="${key}"]`)).toHaveText(
      (await figures.locator(`[data-figure="${key}"]`).textContent()) ?? '',
    );
  }
  await shot(page, '05-confirm');
  await page.getByTestId('confirm-send-button').click();

  const progress = page.getByTestId('send-progress');
  await expect(progress).toHaveAttribute('data-state', 'sending');
  const handled = async () =>
    Number(
      /(\d+) of 12 handled/.exec((await page.getByTestId('send-rate').textContent()) ?? '')?.[1],
    );
  const first = await handled();
  await expect.poll(handled).toBeGreaterThan(first);
  await shot(page, '06-sending');

  await progress.getByRole('button', { name: 'Pause' }).click();
  await expect(progress).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('pause-reason')).toContainText('Paused by you.');
  await shot(page, '07-paused');

  await progress.getByRole('button', { name: 'Resume' }).click();
  await expect(progress).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });
  await expect(page.getByTestId('send-rate')).toContainText('12 of 12 handled');
  await expect(progress.getByRole('heading', { name: 'Finished', exact: true })).toBeVisible();
  await shot(page, '08-finished');

  await page.getByRole('tab', { name: 'Report' }).click();
  const report = page.getByTestId('report-panel');
  await report.getByText('CSV', { exact: true }).click();
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: /^Export \d+ rows$/ }).click();
  expect((await download).suggestedFilename()).toMatch(/^First campaign - delivery report/);
  await expect(report.getByTestId('report-done')).toBeVisible();
  await shot(page, '09-report');
});

test('a campaign spread over 0.1 h with quiet hours reaches Completed by itself', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await openApp(page, app);
  // One customer: a spread of six minutes sends it at once, then has nobody left to pace (the case
  // that stayed "Sending · 1 of 1 handled · 0/s" for ever).
  await createAndImport(page, 'Spread campaign', uk(1));
  await chooseOrderTemplate(page, 1);
  await page.getByRole('tab', { name: 'Review & send' }).click();
  const panel = page.getByTestId('pacing-panel');
  await expect(panel).toHaveAttribute('data-ready', 'true');
  await panel.getByText('Spread over a duration').click();
  await panel.getByLabel('Spread over hours').fill('0.1');
  await panel.getByLabel('Spread over hours').blur();
  await expect(page.getByTestId('prechecks')).toContainText('Spread over 6 min');
  await panel.getByRole('switch', { name: 'Quiet hours' }).click();
  await expect(page.getByTestId('pacing-countries')).toBeVisible();
  await shot(page, '10-spread-review');
  // A quiet window over London now would hold it: then it waits, and says so, instead of finishing.
  const waitsForQuiet = await page
    .getByTestId('pacing-countries')
    .locator('tr[data-country="GB"]')
    .textContent()
    .then((t) => (t ?? '').includes('Quiet until'))
    .catch(() => false);
  // Why a conditional skip: the headless shell runs on the real clock, and inside London's default
  // quiet hours (21:00–08:00) this one recipient would wait until morning, far past any E2E budget.
  // The same combinations of spread and quiet hours run with a fake clock in
  // tests/integration/sending/end-states.test.ts, which never skips. A fake clock for the shell
  // would remove this skip.
  test.skip(waitsForQuiet, 'London is in the default quiet hours at this time of day');

  await page.getByRole('button', { name: 'Send to 1 recipients' }).click();
  await page.getByTestId('confirm-send-button').click();
  const progress = page.getByTestId('send-progress');
  await expect(progress).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });
  await expect(page.getByTestId('send-rate')).toContainText('1 of 1 handled');
  await shot(page, '11-spread-completed');
});
