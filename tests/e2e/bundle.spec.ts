import { expect, openApp, test } from './fixtures';

// The headless shell serves the built renderer over HTTP: the first screen must stay light.
const INITIAL_JS_BUDGET = 500 * 1024;

test('the campaigns list loads under 500 KB of compressed JavaScript; other pages load when opened', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await expect(page.getByTestId('empty-state')).toBeVisible();

  const scripts = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => new URL(e.name).pathname.endsWith('.js'))
        .map((e) => ({ path: new URL(e.name).pathname, bytes: e.encodedBodySize })),
    );
  const initial = await scripts();
  const total = initial.reduce((sum, s) => sum + s.bytes, 0);
  expect(initial.length).toBeGreaterThan(1);
  expect(total, JSON.stringify(initial)).toBeLessThan(INITIAL_JS_BUDGET);
  expect(initial.some((s) => s.path.includes('SettingsPage'))).toBe(false);

  // Served compressed, and the page chunk arrives when the page is opened.
  const settings = page.waitForResponse((r) => r.url().includes('SettingsPage'));
  await page.getByRole('button', { name: 'Settings' }).click();
  const response = await settings;
  expect(response.headers()['content-encoding']).toMatch(/^(br|gzip)$/);
  await expect(page.getByRole('heading', { name: 'Settings' }).first()).toBeVisible();
});
