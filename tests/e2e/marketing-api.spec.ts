import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';
import { draftCampaign } from './setup';

/** UK mobiles: WhatsApp does not deliver marketing templates to US numbers. */
const ukRows = Array.from({ length: 8 }, (_, i) => `+44740013${1000 + i},Customer ${i},20%`);

test('a shop owner sends marketing through the Marketing Messages API; each recipient shows its route', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  const id = await draftCampaign(app, {
    name: 'Flash sale',
    csv: ['phone,name,discount', ...ukRows].join('\n'),
    template: 'spring_sale',
    language: 'en_US',
    mapping: {
      'body.1': { kind: 'column', column: 'name' },
      'body.2': { kind: 'column', column: 'discount' },
      'button.0': { kind: 'static', value: 'flash' },
    },
  });
  await openApp(page, app);
  await page.getByRole('button', { name: 'Settings' }).click();
  const row = page.getByTestId('account-row').filter({ hasText: 'Sandbox' });
  const cell = row.getByTestId('account-marketing-api');
  // Automatic by default: the Cloud API until WhatsApp says the account is onboarded.
  await expect(cell.getByTestId('account-marketing-route')).toContainText(
    'until this account is onboarded',
  );
  await cell.getByRole('button', { name: 'Check onboarding' }).click();
  await expect(cell).toContainText('WhatsApp says: ONBOARDED');
  await expect(cell.getByTestId('account-marketing-route')).toContainText(
    'go through the Marketing Messages API (this account is onboarded)',
  );
  await cell.getByLabel('When the Marketing Messages API cannot send for Sandbox').click();
  await page.getByRole('option', { name: 'Marketing Messages API only' }).click();
  await expect
    .poll(() => app.query<{ p: string }>('SELECT mm_policy AS p FROM accounts WHERE id = 1')[0]!.p)
    .toBe('strict');
  await page.screenshot({ path: docShot('marketing-settings.png') });

  await page.getByRole('button', { name: 'Campaigns' }).click();
  await page.getByRole('button', { name: 'Flash sale', exact: true }).click();
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await page.getByRole('button', { name: 'Send to 8 recipients' }).click();
  await page.getByTestId('confirm-send-button').click();
  await expect(page.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 60_000,
  });
  await page.screenshot({ path: docShot('marketing-sent.png') });

  // What landed: every recipient went through /marketing_messages, and the CLI says so too.
  expect(
    app.query(
      'SELECT route, count(*) AS n FROM recipients WHERE campaign_id = ? GROUP BY route',
      id,
    ),
  ).toEqual([{ route: 'marketing_messages', n: 8 }]);
  const listed = await app.cli('recipients', 'list', String(id), '--json');
  expect(listed.code).toBe(0);
  const items = JSON.parse(listed.stdout) as { route: string }[];
  expect(items.map((r) => r.route)).toEqual(Array(8).fill('marketing_messages'));
});
