import { expect, openApp, test } from './fixtures';
import { draftCampaign } from './setup';
import { docShot } from './shots';

/**
 * Issue 15 item 9: "Retry failed" says who it includes and who it leaves out, each reason with its
 * count, before it creates anything; "Create draft" opens the draft with only the included people.
 * Before, the button read "Retry failed (5)" and silently made a draft of 4, three of whom the app
 * itself said not to message again within 24 hours.
 */
test('Retry failed shows who is left out and why before the draft, then opens the draft', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  const phones = Array.from({ length: 6 }, (_, i) => `+4474001236${String(10 + i)}`);
  const id = await draftCampaign(app, {
    name: 'Spring sale',
    csv: ['phone,name,order', ...phones.map((p, i) => `${p},Customer ${i + 1},A-${i}`)].join('\n'),
  });
  // A marketing message, so WhatsApp's per-person marketing limit (131049) applies to it.
  app.exec(
    "UPDATE templates SET category = 'MARKETING' WHERE id = (SELECT template_id FROM campaigns WHERE id = ?)",
    id,
  );
  const now = Date.now();
  app.exec(
    "UPDATE campaigns SET state = 'completed', started_at = ?, completed_at = ? WHERE id = ?",
    now,
    now,
    id,
  );
  const fail = (code: number, title: string, phone: string) =>
    app.exec(
      "UPDATE recipients SET state = 'failed', error_code = ?, error_title = ?, failed_at = ? WHERE campaign_id = ? AND phone = ?",
      code,
      title,
      now,
      id,
      phone,
    );
  // Three held back by the marketing limit just now, one opted out, two temporary failures.
  for (const p of phones.slice(0, 3)) fail(131049, 'Marketing limit for this person', p);
  fail(131050, 'Stopped your marketing messages', phones[3]!);
  fail(131000, 'Something went wrong', phones[4]!);
  fail(131000, 'Something went wrong', phones[5]!);

  await openApp(page, app);
  await page.getByRole('button', { name: 'My customers are in many countries' }).click();
  await page.getByRole('button', { name: 'Spring sale', exact: true }).click();

  // The panel says it before any click: the button's count is the draft's, with the reasons beside it.
  const failures = page.getByTestId('failures');
  await expect(failures.getByTestId('retry-failed')).toHaveText('Retry failed (2)');
  const beside = failures.getByTestId('retry-summary');
  await expect(beside).toContainText(
    '3 left out: WhatsApp asks to wait 24 hours after a marketing limit',
  );
  await expect(beside).toContainText(
    '1 left out: Stopped your marketing messages (not worth sending again)',
  );

  await expect(beside).toContainText('Retry failed takes 2 recipients');
  await failures.scrollIntoViewIfNeeded();
  await failures.screenshot({ path: docShot('retry-failed-panel.png') });

  await failures.getByTestId('retry-failed').click();
  const plan = page.getByTestId('retry-plan');
  await expect(plan.getByTestId('retry-included')).toContainText(
    '2 recipients go into a new draft',
  );
  const leftOut = plan.getByTestId('retry-left-out');
  await expect(leftOut.getByRole('listitem')).toHaveCount(2);
  await expect(leftOut).toContainText(
    '3 left out: WhatsApp asks to wait 24 hours after a marketing limit',
  );
  await expect(plan).toContainText('can be retried after');
  // Nothing is created by looking at the plan.
  expect(app.query<{ n: number }>('SELECT count(*) AS n FROM campaigns')[0]?.n).toBe(1);
  await page.screenshot({ path: docShot('retry-failed-plan.png') });

  await plan.getByTestId('retry-create').click();
  // The draft opens by itself, holding only the two temporary failures.
  await expect(page.getByRole('heading', { name: 'Spring sale — retry' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Message' })).toBeVisible();
  const drafted = app.query<{ phone: string }>(
    "SELECT phone FROM recipients WHERE campaign_id = (SELECT id FROM campaigns WHERE state = 'draft') ORDER BY phone",
  );
  expect(drafted.map((r) => r.phone)).toEqual([phones[4], phones[5]]);
  await page.screenshot({ path: docShot('retry-failed-draft.png'), fullPage: true });
});
