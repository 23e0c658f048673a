import { expect, openApp, test } from './fixtures';
import { draftCampaign, quietHoursAroundLondonNow } from './setup';

// Issue 9's whole path through the UI: filter the audience, set quiet hours and an A/B split, send
// to the sandbox, and compare the variants while the quiet country waits.
test('targeting: filter the audience, quiet hours, an A/B split, send to the sandbox and compare the variants', async ({
  page,
  app,
}) => {
  // 16 Canadian and 6 UK customers; every other one is a VIP. (Not US: variant B is a marketing
  // template, which WhatsApp does not deliver to US numbers.)
  const us = Array.from({ length: 16 }, (_, i) => `+1416555${6100 + i}`);
  const uk = Array.from({ length: 6 }, (_, i) => `+4474001235${10 + i}`);
  const created = {
    id: await draftCampaign(app, {
      name: 'VIP week',
      csv: [
        'phone,name,order,segment',
        ...[...us, ...uk].map(
          (p, i) => `${p},Customer ${i},V-${i},${i % 2 === 0 ? 'VIP' : 'regular'}`,
        ),
      ].join('\n'),
    }),
  };

  await openApp(page, app);
  await page.getByRole('button', { name: 'VIP week', exact: true }).click();

  // 1. The audience filter: segment is VIP — 8 US and 3 UK customers.
  await page.getByRole('tab', { name: 'Audience' }).click();
  const filter = page.getByTestId('audience-filter');
  const count = page.getByTestId('filter-count');
  await filter.getByRole('button', { name: 'Add condition' }).click();
  await page.getByRole('combobox', { name: 'Column of condition 1' }).click();
  await page.getByRole('option', { name: 'segment', exact: true }).click();
  await page.getByLabel('Value of condition 1').fill('vip');
  await expect(count).toHaveAttribute('data-state', 'ready');
  await expect(count).toContainText('11 of 22 recipients match.');

  // 2. Variant B: the spring sale, split 60/40.
  await page.getByRole('tab', { name: 'Message' }).click();
  await expect(page.getByTestId('templates-synced')).toContainText('Templates synced');
  const bar = page.getByTestId('variant-bar');
  await bar.getByTestId('add-variant').click();
  await expect(bar).toHaveAttribute('data-selected', 'B');
  await page.getByRole('combobox', { name: 'Template of variant B' }).click();
  await page.getByRole('option', { name: 'spring_sale (en_US)', exact: true }).click();
  const mapping = page.getByTestId('mapping');
  await expect(mapping).toHaveAttribute('data-variant', 'B');
  await page.getByTestId('slot-body.2').getByText('Same text for all').click();
  await page.getByLabel('Text for Body {{2}}').fill('15%');
  await page.getByLabel('Text for Body {{2}}').press('Enter');
  await mapping
    .getByRole('combobox', { name: 'Column for Button 1: end of the link {{1}}' })
    .click();
  await page.getByRole('option', { name: 'order', exact: true }).click();
  await page.getByLabel('Share of variant A').fill('60');
  await page.getByLabel('Share of variant B').fill('40');
  await bar.getByTestId('apply-split').click();
  await expect(bar.getByTestId('variant-selector')).toContainText('A · 60%');

  // 3. Quiet hours around London's "now": the three UK VIPs wait; the US ones are hours behind.
  await page.getByRole('tab', { name: 'Review & send' }).click();
  const pacing = page.getByTestId('pacing-panel');
  await expect(pacing).toHaveAttribute('data-ready', 'true');
  await pacing.getByRole('switch', { name: 'Quiet hours' }).click();
  await quietHoursAroundLondonNow(page);
  await expect(page.getByTestId('pacing-countries').locator('tr[data-country="GB"]')).toContainText(
    'Quiet until',
  );
  await expect(page.getByTestId('prechecks')).toContainText(
    '11 recipients will receive this message. Left out: 11 recipients who are not in the audience filter.',
  );

  // 4. Send: the US VIPs go out in both variants, the UK VIPs wait, the regulars are excluded.
  await page.getByRole('button', { name: 'Send to 11 recipients' }).click();
  // The confirmation states the same figures as Review & send.
  await page.getByTestId('confirm-send-button').click();
  const progress = page.getByTestId('send-progress');
  await expect(progress).toHaveAttribute('data-state', 'sending');
  await expect(page.getByTestId('send-quiet-waiting')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('send-excluded')).toContainText(
    'Excluded: 11 — not in the audience filter.',
  );
  const q = (sql: string) => app.query<{ n: number }>(sql, created.id)[0]!.n;
  await expect
    .poll(
      () =>
        q(
          "SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND phone LIKE '+1%' AND sent_at IS NOT NULL",
        ),
      { timeout: 20_000 },
    )
    .toBe(8);
  expect(
    q(
      "SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND phone LIKE '+44%' AND state = 'pending'",
    ),
  ).toBe(3);
  expect(
    q('SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND variant IS NOT NULL'),
  ).toBe(11);

  // 5. The variants side by side, as SQLite has them.
  const comparison = page.getByTestId('variant-comparison');
  await expect(comparison).toBeVisible();
  const row = (id: string) =>
    comparison.locator(`[data-testid="variant-row"][data-variant="${id}"]`);
  await expect(row('B')).toContainText('spring_sale (en_US)');
  for (const id of ['A', 'B']) {
    const inDb = (where: string) =>
      app.query<{ n: number }>(
        `SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND variant = ? AND ${where}`,
        created.id,
        id,
      )[0]!.n;
    await expect
      .poll(async () => Number(await row(id).getAttribute('data-recipients')), { timeout: 10_000 })
      .toBe(inDb('1 = 1'));
    await expect
      .poll(
        async () => Number(await row(id).getAttribute('data-sent')) - inDb('sent_at IS NOT NULL'),
        { timeout: 10_000 },
      )
      .toBe(0);
  }
  const sentTotal = async () =>
    Number(await row('A').getAttribute('data-sent')) +
    Number(await row('B').getAttribute('data-sent'));
  expect(await sentTotal()).toBe(8);
  await page.screenshot({ path: test.info().outputPath('targeting.png'), fullPage: true });
});
