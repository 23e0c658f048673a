import { expect, openApp, test } from './fixtures';
import { draftCampaign } from './setup';

test('A/B: add variant B with another template and UTM tags, split 70/30, send to the sandbox, compare the variants', async ({
  page,
  app,
}) => {
  // Setup through the CLI and SQLite (covered elsewhere): a draft of 100 customers on order_confirmation.
  await draftCampaign(app, {
    name: 'Split test',
    csv: [
      'phone,name,order',
      // UK numbers: variant B is a marketing template, which WhatsApp does not deliver to US numbers.
      ...Array.from({ length: 100 }, (_, i) => `+44740012${4000 + i},Customer ${i},B-${i}`),
    ].join('\n'),
  });

  await openApp(page, app);
  await page.getByRole('button', { name: 'Split test', exact: true }).click();
  await page.getByRole('tab', { name: 'Message' }).click();
  await expect(page.getByTestId('templates-synced')).toContainText('Templates synced');
  const bar = page.getByTestId('variant-bar');
  await expect(bar).toHaveAttribute('data-split', 'false');

  // Variant B starts as a copy of A; give it the spring sale template and map it.
  await bar.getByTestId('add-variant').click();
  await expect(bar).toHaveAttribute('data-split', 'true');
  await expect(bar).toHaveAttribute('data-selected', 'B');
  await page.getByRole('combobox', { name: 'Template of variant B' }).click();
  await page.getByRole('option', { name: 'spring_sale (en_US)', exact: true }).click();
  const mapping = page.getByTestId('mapping');
  await expect(mapping).toHaveAttribute('data-variant', 'B');
  // {{1}} is pre-filled from the column name, as for A; the rest is set by hand.
  await expect(mapping.getByRole('combobox', { name: 'Column for Body {{1}}' })).toHaveValue(
    'name',
  );
  await page.getByTestId('slot-body.2').getByText('Same text for all').click();
  await page.getByLabel('Text for Body {{2}}').fill('20%');
  await page.getByLabel('Text for Body {{2}}').press('Enter');
  await mapping
    .getByRole('combobox', { name: 'Column for Button 1: end of the link {{1}}' })
    .click();
  await page.getByRole('option', { name: 'order', exact: true }).click();

  // UTM tags on B's link: in the preview's button and the exact request.
  await page.getByTestId('utm-open-button.0').click();
  await page.getByLabel('utm_source for Button 1: end of the link {{1}}').fill('whatsapp');
  await page.getByLabel('utm_source for Button 1: end of the link {{1}}').press('Enter');
  await page.getByRole('button', { name: 'utm_content = “B”' }).click();
  const preview = page.getByTestId('message-preview');
  await expect(preview).toHaveAttribute('data-variant', 'B');
  await expect(preview.getByTestId('bubble-button').first()).toContainText(
    'https://shop.example.com/deals/B-0?utm_source=whatsapp&utm_content=B',
  );
  await preview.getByRole('button', { name: 'Exact request sent to WhatsApp' }).click();
  await expect(preview.getByTestId('request-body')).toContainText(
    '"text": "B-0?utm_source=whatsapp&utm_content=B"',
  );
  await expect(page.getByTestId('validation-counts')).toContainText(
    'All 100 recipients will receive this message.',
  );

  // 70/30, applied together; the draw shows how many each variant gets.
  await page.getByLabel('Share of variant A').fill('70');
  await page.getByLabel('Share of variant B').fill('30');
  await bar.getByTestId('apply-split').click();
  await expect(bar.getByTestId('variant-selector')).toContainText('A · 70%');
  const drawn = async (id: string) =>
    Number((await bar.getByTestId(`variant-recipients-${id}`).innerText()).replace(/\D/g, ''));
  await expect.poll(async () => (await drawn('A')) + (await drawn('B'))).toBe(100);
  const inB = await drawn('B');
  expect(inB).toBeGreaterThan(15);
  expect(inB).toBeLessThan(45);
  await expect(page.getByTestId('cost-by-variant')).toContainText(
    `Variant B: ${inB} marketing messages`,
  );
  await page.screenshot({
    path: test.info().outputPath('variants-message-tab.png'),
    fullPage: true,
  });

  // Send to the sandbox and watch the variants side by side.
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await expect(page.getByTestId('prechecks')).toContainText(
    'Variant B: template "spring_sale" (en_US) is approved.',
  );
  await page.getByRole('button', { name: 'Send to 100 recipients' }).click();
  // The confirmation states the same figures as Review & send.
  await page.getByTestId('confirm-send-button').click();
  await expect(page.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 30_000,
  });
  const assigned = app.query<{ variant: string; n: number }>(
    'SELECT variant, count(*) AS n FROM recipients GROUP BY variant ORDER BY variant',
  );
  expect(assigned).toEqual([
    { variant: 'A', n: 100 - inB },
    { variant: 'B', n: inB },
  ]);

  const comparison = page.getByTestId('variant-comparison');
  await expect(comparison).toBeVisible();
  const row = (id: string) =>
    comparison.locator(`[data-testid="variant-row"][data-variant="${id}"]`);
  await expect(row('A')).toHaveAttribute('data-recipients', String(100 - inB));
  await expect(row('B')).toHaveAttribute('data-recipients', String(inB));
  await expect(row('B')).toContainText('spring_sale (en_US)');
  // As delivery reports arrive, every figure on screen catches up with SQLite's.
  const inDb = (variant: string, where: string) =>
    app.query<{ n: number }>(
      `SELECT count(*) AS n FROM recipients WHERE variant = ? AND ${where}`,
      variant,
    )[0]!.n;
  await expect
    .poll(() => inDb('A', "state = 'sent'") + inDb('B', "state = 'sent'"), { timeout: 20_000 })
    .toBeLessThan(10);
  for (const id of ['A', 'B']) {
    for (const [attr, where] of [
      ['data-sent', 'sent_at IS NOT NULL'],
      ['data-delivered', "state IN ('delivered', 'read')"],
      ['data-read', "state = 'read'"],
      ['data-failed', "state = 'failed'"],
    ] as const) {
      await expect
        .poll(async () => Number(await row(id).getAttribute(attr)) - inDb(id, where), {
          timeout: 10_000,
        })
        .toBe(0);
    }
  }
  await expect(comparison).toContainText('Delivered of sent');
  await page.screenshot({
    path: test.info().outputPath('variants-comparison.png'),
    fullPage: true,
  });
});
