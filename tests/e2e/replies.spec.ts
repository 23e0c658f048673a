import { SANDBOX_REPLY_NUMBERS } from '../../electron/sandbox/test-numbers';
import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';
import { draftCampaign } from './setup';

const shot = docShot;
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
  // The name comes from the customer book, which the campaign's import filled.
  await expect(rows.filter({ hasText: 'How much is the blue one?' })).toContainText(
    'Ann · +1 202 555 0130',
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

  // The window closes while the conversation is on screen (written by another process): the view
  // notices by itself, says so in words, and the answer box gives way to the template picker. (Typing
  // and pressing Send here raced that refresh; the core's own refusal of free-form text outside the
  // window is tested in tests/integration/replies.)
  app.exec('UPDATE replies SET meta_ts = meta_ts - 25 * 3600 * 1000 WHERE phone = ?', TAPS);
  await expect(view.getByRole('alert', { name: 'The 24-hour window is closed' })).toContainText(
    'WhatsApp now only lets you send an approved template',
  );
  await expect(view.getByTestId('template-answer')).toBeVisible();
  await expect(page.getByLabel('Your answer')).toHaveCount(0);
  expect(app.query('SELECT id FROM reply_answers WHERE phone = ?', TAPS)).toEqual([]);

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
  // Each placeholder has an input named as the campaign form names it; the preview fills in.
  await view.getByLabel('Body {{first_name}}').fill('Cy');
  await expect(view.getByTestId('message-bubble')).toContainText('Thank you, Cy!');
  await page.screenshot({ path: shot('replies-template.png'), fullPage: true });
  // A placeholder left empty is refused on screen, and nothing is recorded.
  await view.getByTestId('template-answer-send').click();
  await expect(view.getByTestId('answer-error')).toContainText('Fill in Body {{order_number}}');
  expect(app.query("SELECT id FROM reply_answers WHERE kind = 'template'")).toEqual([]);
  await view.getByLabel('Body {{order_number}}').fill('C-3');
  await view.getByTestId('template-answer-send').click();
  const tplAnswer = view.getByTestId('thread-answer').filter({ hasText: 'order_confirmation' });
  await expect(tplAnswer).toContainText('Thank you, Cy! Your order C-3 is confirmed.');
  await expect(tplAnswer.getByTestId('answer-state')).toBeVisible();
  await expect(view.getByTestId('answer-error')).toHaveCount(0);

  // The photo is shown as a picture once asked for (its bytes say it is one).
  await view.getByRole('button', { name: 'Show photo' }).click();
  await expect(view.getByTestId('reply-picture')).toBeVisible();
});

test('replies: 10,000 conversations scroll with only a window of rows in the page', async ({
  page,
  app,
}) => {
  // 10,000 customers who each wrote once, seeded in one statement (the arrival path has its own tests).
  app.exec(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
     INSERT INTO replies (message_id, phone, type, body, meta_ts, received_at)
     SELECT 'wamid.seed' || i, '+4479110' || printf('%05d', i), 'text', 'Message number ' || i,
            1760000000000 + i * 1000, 1760000000000 + i * 1000 FROM n`,
  );
  await openApp(page, app);
  await expect(page.getByTestId('unread-replies')).toHaveText('10,000');
  await page.getByTestId('nav-replies').click();
  const list = page.getByTestId('reply-threads');
  await expect(list).toHaveAttribute('data-total', '10000');
  await expect(page.getByTestId('reply-threads-status')).toContainText('10,000 conversations');
  const rows = page.getByTestId('reply-thread');
  // Newest first; only the rows in view (and a few around) are in the DOM.
  await expect(rows.first()).toContainText('Message number 10000');
  const inDom = async () => rows.count();
  expect(await inDom()).toBeGreaterThan(3);
  expect(await inDom()).toBeLessThan(40);

  // Scrolling to the end of what is loaded brings the next page, and still only a window of rows.
  const scroller = page.getByTestId('reply-thread-rows');
  for (let pages = 2; pages <= 5; pages++) {
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(async () => Number(await list.getAttribute('data-loaded'))).toBe(200 * pages);
    expect(await inDom()).toBeLessThan(40);
  }
  await expect(rows.filter({ hasText: /Message number 92\d\d(?!\d)/ })).not.toHaveCount(0);

  // A search goes to the core, not through what is loaded.
  await page.getByLabel('Search replies').fill('Message number 17');
  await expect(list).toHaveAttribute('data-total', '111');
});

test("replies: searching a customer's name from the customer book finds their conversation", async ({
  page,
  app,
}) => {
  // Two customers who wrote; the book knows one by name (first and last name columns).
  app.exec(
    `INSERT INTO replies (message_id, phone, type, body, meta_ts, received_at) VALUES
       ('wamid.a', '+447911000001', 'text', 'Is the red one in stock?', 1760000000000, 1760000000000),
       ('wamid.b', '+447911000002', 'text', 'Thanks!', 1760000001000, 1760000001000)`,
  );
  app.exec(
    `INSERT INTO customers (phone, attributes_json, first_seen_at, last_seen_at, created_at, updated_at)
     VALUES ('+447911000001', '{"first_name":"Mireille","last_name":"Dubois"}', 0, 0, 0, 0)`,
  );
  await openApp(page, app);
  await page.getByTestId('nav-replies').click();
  const list = page.getByTestId('reply-threads');
  await expect(list).toHaveAttribute('data-total', '2');
  // Neither the words nor the number say "Dubois": only the book does.
  await page.getByLabel('Search replies').fill('Mireille Dub');
  await expect(list).toHaveAttribute('data-total', '1');
  await expect(page.getByTestId('reply-thread')).toHaveCount(1);
  await expect(page.getByTestId('reply-thread').first()).toContainText('Is the red one in stock?');
  await page.getByLabel('Search replies').fill('Leclerc');
  await expect(list).toHaveAttribute('data-total', '0');
});
