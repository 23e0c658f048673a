import { expect, openApp, test } from './fixtures';

test('Settings shows where each account gets its token; the browser shell never takes one', async ({
  page,
  app,
}) => {
  const added = await app.cli(
    'accounts',
    'add',
    '--name',
    'Shop',
    '--phone-number-id',
    '1234567890',
    '--waba-id',
    '9876543210',
    '--token-env',
    'SHOP_WA_TOKEN',
  );
  expect(added.code).toBe(0);
  await openApp(page, app);
  await page.getByRole('button', { name: 'Settings' }).click();

  const rows = page.getByTestId('account-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Sandbox' })).toContainText('Not needed');
  const shop = rows.filter({ hasText: 'Shop' });
  await expect(shop).toContainText('Not set: the environment variable SHOP_WA_TOKEN is empty.');
  await expect(shop.getByTestId('token-cannot-store')).toContainText(
    'Tokens come from environment variables here',
  );
  await expect(shop.getByLabel('Access token for Shop')).toHaveCount(0);

  // The method itself refuses too, whatever the UI shows.
  const [shopRow] = app.query<{ id: number }>('SELECT id FROM accounts WHERE name = ?', 'Shop');
  const refused = await page.evaluate(async (accountId) => {
    const res = await fetch('/api/accounts.setToken', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ accountId, token: 'EAAGnotarealtoken1234567890' }),
    });
    return (await res.json()) as { ok: boolean; error?: { code: string } };
  }, shopRow!.id);
  expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  expect(
    app.query<{ token_ref: string | null }>(
      'SELECT token_ref FROM accounts WHERE name = ?',
      'Shop',
    ),
  ).toEqual([{ token_ref: null }]);
});
