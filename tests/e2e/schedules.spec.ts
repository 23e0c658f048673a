import { SANDBOX_TEST_NUMBERS } from '../../electron/sandbox';
import { draftCampaign } from './setup';
import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';

const DAY = 24 * 3600_000;

test('a segment sent on a schedule: the test clock reaches 10:00, the run makes its own campaign and it sends on the sandbox', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  const { read, deliveredNeverRead } = SANDBOX_TEST_NUMBERS;
  // Two days ahead at 09:58 UTC: the test clock only moves forward.
  const base = new Date(Date.now() + 2 * DAY);
  const at = (h: number, m: number, s = 0) =>
    Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate(), h, m, s);
  await app.clock({ at: at(9, 58) });
  // The campaign whose message and settings each run copies.
  await draftCampaign(app, {
    name: 'Order reminder',
    csv: ['phone,name,order', `${read.number},Ann,A-1`].join('\n'),
  });
  await openApp(page, app);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('button', { name: 'Customers', exact: true })
    .click();
  await page.getByTestId('customers-file-input').setInputFiles({
    name: 'customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      ['phone,name,order', `${read.number},Ann,A-1`, `${deliveredNeverRead.number},Bob,A-2`].join(
        '\n',
      ),
    ),
  });
  await expect(page.getByTestId('book-import-summary')).toContainText('customers.csv');

  await page.getByRole('button', { name: 'New segment' }).click();
  const builder = page.getByRole('dialog', { name: 'New segment' });
  await builder.getByLabel('Segment name').fill('Everyone');
  await expect(builder.getByTestId('segment-count')).toContainText('2 customers now');
  await builder.getByRole('button', { name: 'Save segment' }).click();
  await expect(builder).toBeHidden();

  const seg = page.getByTestId('segment-row').filter({ hasText: 'Everyone' });
  await seg.getByRole('button', { name: 'Send on a schedule…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send “Everyone” on a schedule' });
  await dialog.getByLabel('Schedule name').fill('Daily reminder');
  // Refused where the user acted: no campaign chosen yet.
  await dialog.getByRole('button', { name: 'Save schedule' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Choose the campaign whose message and settings each run copies.',
  );
  await dialog.getByLabel('Message and settings from').click();
  await page.getByRole('option', { name: 'Order reminder · order_confirmation' }).click();
  await dialog.getByLabel('Repeat').click();
  await page.getByRole('option', { name: 'Every day' }).click();
  await dialog.getByLabel('Time of day', { exact: true }).fill('10:00');
  await dialog.getByLabel('Time zone', { exact: true }).fill('UTC');
  await expect(dialog.getByTestId('schedule-summary')).toHaveText('Runs every day at 10:00 (UTC).');
  await page.screenshot({ path: docShot('customers-schedule-1-dialog.png') });
  await dialog.getByRole('button', { name: 'Save schedule' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('schedule-row').filter({ hasText: 'Daily reminder' });
  await expect(row).toContainText('every day at 10:00 (UTC)');
  await expect(row).toContainText('No runs yet');
  await expect(page.getByTestId('schedules-panel')).toContainText('1 recurring campaign.');

  // 10:00:30: the app's scheduler (every second, on the test clock) makes and starts the run.
  await app.clock({ at: at(10, 0, 30) });
  const run = row.getByTestId('schedule-run');
  await expect(run).toHaveAttribute('data-state', 'started', { timeout: 30_000 });
  const name = `Daily reminder — ${new Date(at(10, 0)).toISOString().slice(0, 10)}`;
  await expect(run).toContainText(name);
  await page.screenshot({ path: docShot('customers-schedule-2-list.png'), fullPage: true });
  expect(
    app.query<{ phone: string }>(
      'SELECT r.phone FROM recipients r JOIN campaigns c ON c.id = r.campaign_id WHERE c.name = ? ORDER BY r.phone',
      name,
    ),
  ).toHaveLength(2);

  await run.getByText(name).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 60_000,
  });
  await page.screenshot({ path: docShot('customers-schedule-3-run.png'), fullPage: true });

  // Paused over the next 10:00: resuming starts from the day after, that day is never sent.
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('button', { name: 'Customers', exact: true })
    .click();
  await row.getByRole('button', { name: 'Pause' }).click();
  await expect(row.getByTestId('schedule-next')).toHaveText('Paused');
  await app.clock({ at: at(10, 0, 30) + DAY });
  await row.getByRole('button', { name: 'Resume' }).click();
  await expect(row.getByTestId('schedule-next')).not.toHaveText('Paused');
  expect(
    app.query<{ next_run_at: number }>(
      "SELECT next_run_at FROM schedules WHERE name = 'Daily reminder'",
    ),
  ).toEqual([{ next_run_at: at(10, 0) + 2 * DAY }]);
  await expect(row.getByTestId('schedule-run')).toHaveCount(1);
});
