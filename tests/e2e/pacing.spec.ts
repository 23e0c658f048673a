import { expect, openApp, test } from './fixtures';
import { draftCampaign, quietHoursAroundLondonNow } from './setup';

test('quiet hours and a frequency cap set in Review & Send: excluded and waiting counts, before and while sending', async ({
  page,
  app,
}) => {
  // Setup through the CLI and SQL (covered elsewhere): a draft of 3 UK, 2 Indian and 2 US customers.
  const uk = ['+447400123410', '+447400123411', '+447400123412'];
  const india = ['+919812345670', '+919812345671'];
  const us = ['+12025552001', '+12025552002'];
  const created = {
    id: await draftCampaign(app, {
      name: 'Autumn news',
      csv: [
        'phone,name,order',
        ...[...uk, ...india, ...us].map((p, i) => `${p},Customer ${i},A-${i}`),
      ].join('\n'),
    }),
  };
  // The two US customers got a message from this account yesterday (another campaign).
  app.exec(
    "INSERT INTO campaigns (account_id, name, state, created_at, updated_at) VALUES (1, 'Yesterday', 'completed', 0, 0)",
  );
  for (const [i, p] of us.entries()) {
    app.exec(
      "INSERT INTO recipients (campaign_id, row_number, phone, country, state, sent_at) VALUES (2, ?, ?, 'US', 'delivered', ?)",
      i + 2,
      p,
      Date.now() - 24 * 3600_000,
    );
  }

  await openApp(page, app);
  await page.getByRole('button', { name: 'Autumn news', exact: true }).click();
  await page.getByRole('tab', { name: 'Review & send' }).click();
  const panel = page.getByTestId('pacing-panel');
  await expect(panel).toHaveAttribute('data-ready', 'true');

  // Frequency cap: off by default for this utility template; on, it leaves out the two US customers.
  await panel.getByRole('switch', { name: 'Frequency cap' }).click();
  await expect(page.getByTestId('pacing-excluded')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('pacing-excluded')).toContainText('2 recipients will be excluded');
  await expect(page.getByTestId('prechecks')).toContainText(
    '2 recipients got a message from this account in the last 7 days',
  );

  // Quiet hours around London's "now", three hours wide: the UK waits, India (4½–5½ h ahead) does not.
  await panel.getByRole('switch', { name: 'Quiet hours' }).click();
  await expect(page.getByTestId('pacing-waiting')).toBeVisible();
  const { from } = await quietHoursAroundLondonNow(page);
  await expect(page.getByTestId('pacing-waiting')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('pacing-countries').locator('tr[data-country="GB"]')).toContainText(
    'Quiet until',
  );
  await expect(page.getByTestId('pacing-countries').locator('tr[data-country="IN"]')).toContainText(
    'Open',
  );
  // Each field is saved as it changes: wait for the last one to reach the database.
  await expect
    .poll(
      () =>
        app.query<{ settings_json: string }>(
          'SELECT settings_json FROM campaigns WHERE id = ?',
          created.id,
        )[0]!.settings_json,
    )
    .toContain(`"from":"${from}"`);

  // Send: the two excluded are left out, India goes out, the UK waits for its window.
  await page.getByRole('button', { name: 'Send to 5 recipients' }).click();
  // The confirmation states the same figures as Review & send.
  await page.getByTestId('confirm-send-button').click();
  const progress = page.getByTestId('send-progress');
  await expect(progress).toHaveAttribute('data-state', 'sending');
  await expect(page.getByTestId('send-quiet-waiting')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('send-quiet-waiting')).toContainText('United Kingdom');
  await expect(page.getByTestId('send-excluded')).toContainText(
    'Excluded: 2 — got a message from this account in the last 7 days (frequency cap).',
  );
  await expect
    .poll(
      () =>
        app.query<{ n: number }>(
          "SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND phone LIKE '+91%' AND state IN ('sent', 'delivered', 'read')",
          created.id,
        )[0]!.n,
    )
    .toBe(2);
  const uk_states = app.query<{ state: string }>(
    "SELECT DISTINCT state FROM recipients WHERE campaign_id = ? AND phone LIKE '+44%'",
    created.id,
  );
  expect(uk_states).toEqual([{ state: 'pending' }]);
  await expect(progress).toHaveAttribute('data-state', 'sending');
});
