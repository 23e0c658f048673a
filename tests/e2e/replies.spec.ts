import { join } from 'node:path';
import { SANDBOX_REPLY_NUMBERS } from '../../electron/sandbox/test-numbers';
import { expect, openApp, test } from './fixtures';
import { draftCampaign } from './setup';

const shot = (name: string) => join(import.meta.dirname, '..', '..', 'docs', 'screenshots', name);
const ASKS = SANDBOX_REPLY_NUMBERS.asksPrice.number;
const TAPS = SANDBOX_REPLY_NUMBERS.tapsYesOffer.number;
const PHOTO = SANDBOX_REPLY_NUMBERS.sendsPhoto.number;

test('replies: a sandbox campaign’s customers answer, the badge counts them, one is answered, one labelled, one is outside the window', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await draftCampaign(app, {
    name: 'Blue week',
    csv: ['phone,name,order', `${ASKS},Ann,A-1`, `${TAPS},Bob,B-2`, `${PHOTO},Cy,C-3`].join('\n'),
  });
  await openApp(page, app);
  await page.getByRole('button', { name: 'Blue week', exact: true }).click();
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await page.getByRole('button', { name: 'Send to 3 recipients' }).click();
  await page.getByTestId('confirm-send-button').click();

  // The three customers answer (a question, a tap, a photo): the navigation counts them unread.
  const badge = page.getByTestId('unread-replies');
  await expect(badge).toHaveText('3', { timeout: 60_000 });

  await page.getByTestId('nav-replies').click();
  const rows = page.getByTestId('reply-thread');
  await expect(rows).toHaveCount(3);
  await expect(rows.and(page.locator('[data-unread="true"]'))).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Tapped “Yes, send me the offer”' })).toContainText(
    'Blue week',
  );
  await page.screenshot({ path: shot('replies-list.png') });

  // Opening a conversation marks it read: the badge and the row follow.
  await rows.filter({ hasText: 'How much is the blue one?' }).click();
  const view = page.getByTestId('reply-thread-view');
  await expect(view).toHaveAttribute('data-phone', ASKS);
  await expect(view.getByTestId('thread-reply')).toContainText('How much is the blue one?');
  await expect(badge).toHaveText('2');
  await expect(page.locator(`[data-phone="${ASKS}"][data-testid="reply-thread"]`)).toHaveAttribute(
    'data-unread',
    'false',
  );
  await expect(page.getByTestId('answer-window')).toContainText(/closes in 23 h 5\d min/);

  await page.getByLabel('Your answer').fill('The blue one is £20, in every size.');
  await page.getByRole('button', { name: 'Send answer' }).click();
  const answer = view.getByTestId('thread-answer').filter({ hasText: 'The blue one is £20' });
  await expect(answer).toBeVisible();
  // Its status follows the sandbox's delivery reports.
  await expect(answer).toHaveAttribute('data-state', /^(delivered|read)$/, { timeout: 30_000 });
  expect(
    app.query<{ state: string }>('SELECT state FROM reply_answers WHERE phone = ?', ASKS)[0]?.state,
  ).toMatch(/sent|delivered|read/);
  await page.screenshot({ path: shot('replies-thread.png') });

  // Label another customer, by a suggested label and by a typed one.
  await rows.filter({ hasText: 'Tapped' }).click();
  await expect(view).toHaveAttribute('data-phone', TAPS);
  await view.getByRole('button', { name: '+ interested' }).click();
  await view.getByLabel('New label').fill('Wants Blue');
  await view.getByRole('button', { name: 'Add label' }).click();
  await expect(view.getByTestId('thread-label')).toHaveText(['interested', 'wants blue']);
  expect(
    app.query<{ label: string }>(
      'SELECT label FROM customer_labels WHERE phone = ? ORDER BY label',
      TAPS,
    ),
  ).toEqual([{ label: 'interested' }, { label: 'wants blue' }]);

  // A button rule for the campaign, edited on the page.
  const rules = page.getByTestId('button-rules');
  await rules.getByLabel('Button').fill('Yes, send me the offer');
  await rules.getByLabel('Label').fill('interested');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules.getByTestId('button-rule')).toContainText(
    '“Yes, send me the offer” → interested',
  );

  // The photo customer last wrote 25 hours ago (the core reads the window from Meta's time of the
  // message): the answer box gives way to the template picker with the editor's preview.
  app.exec('UPDATE replies SET meta_ts = meta_ts - 25 * 3600 * 1000 WHERE phone = ?', PHOTO);
  await rows.filter({ hasText: 'Photo' }).click();
  await expect(view).toHaveAttribute('data-phone', PHOTO);
  await expect(view.getByTestId('window-closed')).toContainText('24 hours ago');
  await expect(view.getByTestId('answer-box')).toHaveCount(0);
  await view.getByTestId('template-answer-picker').click();
  await page.getByRole('option', { name: /order_confirmation/ }).click();
  await expect(view.getByTestId('message-bubble')).toBeVisible();
  await page.screenshot({ path: shot('replies-template.png'), fullPage: true });

  // The photo is shown as a picture once asked for (its bytes say it is one).
  await view.getByRole('button', { name: 'Show photo' }).click();
  await expect(view.getByTestId('reply-picture')).toBeVisible();
});
