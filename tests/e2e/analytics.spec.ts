import { SANDBOX_TEMPLATES, SANDBOX_TEST_NUMBERS } from '../../electron/sandbox';
import { ukTwin } from '../../electron/sandbox/test-numbers';
import { expect, openApp, test } from './fixtures';
import { draftCampaign } from './setup';

test("the progress view's analytics cross-check: Meta's figures next to ours, and button clicks", async ({
  page,
  app,
}) => {
  // Not US numbers: spring_sale is a marketing template, which WhatsApp does not deliver to them.
  const numbers = [
    ukTwin(SANDBOX_TEST_NUMBERS.read.number),
    ukTwin(SANDBOX_TEST_NUMBERS.notOnWhatsApp.number),
    ...Array.from({ length: 38 }, (_, i) => `+44740012${5000 + i}`),
  ];
  // A marketing template with a URL button and a quick reply: Meta counts clicks on both.
  const t = SANDBOX_TEMPLATES.find((x) => x.name === 'spring_sale' && x.language === 'en_US')!;
  await draftCampaign(app, {
    name: 'Spring deals',
    csv: ['phone,name,order', ...numbers.map((p, i) => `${p},Customer ${i},S-${i}`)].join('\n'),
    template: t.name,
    language: t.language,
    mapping: {
      'body.1': { kind: 'column', column: 'name' },
      'body.2': { kind: 'static', value: '20%' },
      'button.0': { kind: 'column', column: 'order' },
    },
  });

  await openApp(page, app);
  await page.getByRole('button', { name: 'Spring deals', exact: true }).click();
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await page.getByRole('button', { name: 'Send to 40 recipients' }).click();
  // The confirmation states the same figures as Review & send.
  await page.getByTestId('confirm-send-button').click();
  const view = page.getByTestId('progress-view');
  await expect(view.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 30_000,
  });

  const panel = view.getByTestId('analytics-panel');
  await expect(panel).toBeVisible();
  const cell = async (id: string) =>
    Number((await panel.getByTestId(id).innerText()).replace(/\D/g, ''));
  const inDb = (sql: string) => app.query<{ n: number }>(sql)[0]!.n;
  // Reads reach the app over the sandbox feed within seconds and Meta's figures a little later: fetch
  // again until nothing moves any more and Meta's read figure has caught up with ours.
  await expect(async () => {
    await panel.getByTestId('analytics-refresh').click();
    await expect(panel).toHaveAttribute('data-busy', '');
    const ourRead = inDb("SELECT count(*) AS n FROM recipients WHERE state = 'read'");
    expect(ourRead).toBeGreaterThan(0);
    expect(await cell('analytics-ours-read')).toBe(ourRead);
    expect(await cell('analytics-meta-read')).toBe(ourRead);
    // A late delivery can reach Meta's count before the app has polled its status: wait for both.
    const ourDelivered = inDb(
      "SELECT count(*) AS n FROM recipients WHERE state IN ('delivered', 'read')",
    );
    expect(await cell('analytics-ours-delivered')).toBe(ourDelivered);
    expect(await cell('analytics-meta-delivered')).toBe(ourDelivered);
  }).toPass({ timeout: 45_000, intervals: [2000] });

  // Sent and delivered: Meta's figures next to ours, which are SQLite's, with no difference.
  const ourSent = inDb(
    "SELECT count(*) AS n FROM recipients WHERE state IN ('sent', 'delivered', 'read', 'expired')",
  );
  const ourDelivered = inDb(
    "SELECT count(*) AS n FROM recipients WHERE state IN ('delivered', 'read')",
  );
  expect(await cell('analytics-ours-sent')).toBe(ourSent);
  expect(await cell('analytics-meta-sent')).toBe(ourSent);
  expect(await cell('analytics-ours-delivered')).toBe(ourDelivered);
  expect(await cell('analytics-meta-delivered')).toBe(ourDelivered);
  await expect(panel.getByTestId('analytics-diff-sent')).toHaveText('0');
  await expect(panel.getByTestId('analytics-explanation').first()).toHaveAttribute(
    'data-code',
    'match',
  );
  await expect(panel.getByTestId('analytics-fetched')).toContainText("Meta's figures fetched");

  // Button clicks, which only Meta sees: the panel shows what was stored from Meta's answer.
  const stored = JSON.parse(
    app.query<{ clicked_json: string }>(
      'SELECT clicked_json FROM template_analytics WHERE template_meta_id = ?',
      t.id,
    )[0]!.clicked_json,
  ) as { type: string; button: string; count: number }[];
  // Meta reports the link twice (all taps, and people who tapped): the panel shows the people.
  const deals = stored.find((c) => c.button === 'See the deals' && c.type === 'unique_url_button')!;
  expect(deals.count).toBeGreaterThan(0);
  await expect(
    panel.getByTestId('analytics-click').filter({ hasText: 'See the deals' }),
  ).toHaveAttribute('data-count', String(deals.count));
  await expect(
    panel.getByTestId('analytics-click').filter({ hasText: 'Stop promotions' }),
  ).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('analytics-cross-check.png'),
    fullPage: true,
  });
});
