import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';
import { draftCampaign } from './setup';

// Half of the people are over WhatsApp's per-user marketing limit each day (the sandbox's draw is
// seeded by person and day, so on the fixed day below it is always the same people).
test.use({ serveEnv: { CAMPAIGN_DESK_SANDBOX_PER_USER_LIMIT: '0.5' } });

/** Indian mobiles: the per-user limit does not apply in the UK/EEA, and US numbers get no marketing. */
const indiaRows = Array.from({ length: 8 }, (_, i) => `+9198123456${10 + i},Customer ${i},20%`);
/** A fixed weekday morning (15:30 in India), so the draw and quiet hours are the same every run. */
const DAY_ONE = Date.UTC(2027, 0, 5, 10, 0);
const DAY_MS = 24 * 3600_000;

test('people WhatsApp limits wait for their next try, are delivered a day later, and stop-after is saved', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await app.clock({ at: DAY_ONE });
  const id = await draftCampaign(app, {
    name: 'Limited sale',
    csv: ['phone,name,discount', ...indiaRows].join('\n'),
    template: 'spring_sale',
    language: 'en_US',
    mapping: {
      'body.1': { kind: 'column', column: 'name' },
      'body.2': { kind: 'column', column: 'discount' },
      'button.0': { kind: 'static', value: 'sale' },
    },
  });
  await openApp(page, app);
  await page.getByRole('button', { name: 'My customers are in many countries' }).click();
  await page.getByRole('button', { name: 'Limited sale', exact: true }).click();
  await page.getByRole('tab', { name: 'Review & send' }).click();

  // Settings beside pacing: 3 days of retries by default; a refused stop-after stays on screen.
  const delivery = page.getByTestId('delivery-panel');
  await expect(delivery).toHaveAttribute('data-ready', 'true');
  await expect(delivery.getByTestId('delivery-defer-days')).toHaveValue('For 3 days');
  await delivery.getByTestId('delivery-stop-after').fill('next week');
  await delivery.getByRole('button', { name: 'Save' }).click();
  await expect(delivery).toContainText('is neither a duration');
  await delivery.getByTestId('delivery-defer-days').click();
  await page.getByRole('option', { name: 'For 2 days' }).click();
  await expect(delivery.getByTestId('delivery-defer-days')).toHaveValue('For 2 days');
  await delivery.getByTestId('delivery-stop-after').fill('5d');
  await delivery.getByRole('button', { name: 'Save' }).click();
  await expect(delivery.getByTestId('delivery-stop-now')).toContainText('after it starts');
  const saved = await app.cli('campaigns', 'settings', String(id), '--json');
  expect(JSON.stringify(JSON.parse(saved.stdout))).toContain(
    '"delivery":{"campaignId":1,"deferDays":2,"stopAfter":{"afterMinutes":7200}',
  );
  await page.screenshot({ path: docShot('deferred-settings.png'), fullPage: true });

  await page.getByRole('button', { name: 'Send to 8 recipients' }).click();
  await page.getByTestId('confirm-send-button').click();
  const view = page.getByTestId('progress-view');
  const deferred = view.getByTestId('count-deferred');
  await expect(deferred).toBeVisible({ timeout: 60_000 });
  await expect(view.getByTestId('send-deferred-waiting')).toContainText(
    'WhatsApp limits how many marketing messages one person gets',
    { timeout: 60_000 },
  );
  const limited = Number(await deferred.getAttribute('data-count'));
  expect(limited).toBeGreaterThan(0);
  expect(limited).toBeLessThan(8);
  await expect(view.getByTestId('deferred-next-try')).toContainText('next try');
  const firstLimited = view.getByTestId('recipient-deferred').first();
  await expect(firstLimited).toHaveAttribute('title', /^Limited by WhatsApp — next try /);
  await expect(
    view
      .getByTestId('recipient-row')
      .filter({ has: page.getByTestId('recipient-deferred') })
      .first(),
  ).toContainText('next try');
  await expect(view.getByTestId('recipient-deferred')).toHaveCount(limited);
  await page.screenshot({ path: docShot('deferred-waiting.png'), fullPage: true });

  // A day later they are tried again: on this fixed day WhatsApp no longer limits any of them.
  await app.clock({ advanceMs: DAY_MS + 60_000 });
  await expect(view.getByTestId('recipient-deferred')).toHaveCount(0, { timeout: 90_000 });
  await expect(view.getByTestId('count-deferred')).toBeHidden({ timeout: 30_000 });
  // Each was tried again and accepted by WhatsApp.
  await expect(view.getByTestId('count-sent')).toContainText('8', { timeout: 30_000 });
  expect(
    app.query<{ n: number }>(
      'SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND deferrals > 0',
      id,
    )[0]!.n,
  ).toBe(limited);
  await page.screenshot({ path: docShot('deferred-next-day.png'), fullPage: true });
});
