import { SANDBOX_TEST_NUMBERS } from '../../electron/sandbox';
import { draftCampaign } from './setup';
import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';

const CSV = [
  'Phone,First name,City,Spent',
  '+447911123401,Ann,London,120',
  '+447911123402,Bob,Leeds,40',
  '+447911123403,Cy,London,75',
  'not a number,Dee,York,10',
].join('\n');

test('import customers, search, open one, build a segment with a count, start a campaign from it, forget a customer', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('button', { name: 'Customers', exact: true })
    .click();
  await expect(page.getByTestId('customer-table-status')).toContainText(
    'The customer book is empty',
  );

  await page.getByTestId('customers-file-input').setInputFiles({
    name: 'shop-customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  const summary = page.getByTestId('book-import-summary');
  await expect(summary).toContainText(
    'shop-customers.csv: 3 new customers, 0 updated, 0 unchanged',
  );
  await expect(summary).toContainText('1 row with a number that is not valid');
  await expect(page.getByTestId('customer-row')).toHaveCount(3);
  await expect(page.getByTestId('customer-table')).toHaveAttribute('data-total', '3');
  await expect(page.getByTestId('customer-table')).toHaveAttribute('data-complete', 'true');
  await page.screenshot({ path: docShot('customers-1-book.png'), fullPage: true });

  // Search by name, then by part of the number.
  await page.getByLabel('Search customers').fill('Ann');
  await expect(page.getByTestId('customer-row')).toHaveCount(1);
  await page.getByLabel('Search customers').fill('123402');
  await expect(page.getByTestId('customer-row')).toHaveCount(1);
  await expect(page.getByTestId('customer-row')).toHaveAttribute('data-phone', '+447911123402');
  await page.getByLabel('Search customers').fill('');
  await expect(page.getByTestId('customer-row')).toHaveCount(3);

  // One customer: attributes with dates and the consent evidence.
  await page.getByRole('row', { name: 'Open +447911123401' }).click();
  const detail = page.getByTestId('customer-detail');
  await expect(detail).toContainText('imported from shop-customers.csv');
  await expect(detail).toContainText('London');
  await expect(detail).toContainText('No campaign has messaged this customer yet.');
  await page.screenshot({ path: docShot('customers-2-detail.png') });
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // A segment: City is London, with its live count; an unfinished condition is left out.
  await page.getByRole('button', { name: 'New segment' }).click();
  const builder = page.getByRole('dialog', { name: 'New segment' });
  await builder.getByLabel('Segment name').fill('Londoners');
  await expect(builder.getByTestId('segment-count')).toContainText('3 customers now');
  await builder.getByRole('button', { name: 'Add a condition on details' }).click();
  await builder.getByLabel('Column 1').fill('City');
  await expect(builder).toContainText('Type a value.');
  await builder.getByLabel('Value 1').fill('London');
  await expect(builder.getByTestId('segment-count')).toHaveAttribute('data-state', 'counted');
  await expect(builder.getByTestId('segment-count')).toContainText('2 customers now');
  await page.screenshot({ path: docShot('customers-3-segment.png') });
  await builder.getByRole('button', { name: 'Save segment' }).click();
  await expect(builder).toBeHidden();
  const seg = page.getByTestId('segment-row').filter({ hasText: 'Londoners' });
  await expect(seg).toContainText('2 customers');
  await seg.getByRole('button', { name: 'Show customers' }).click();
  await expect(page.getByTestId('customer-row')).toHaveCount(2);
  await seg.getByRole('button', { name: 'Show everybody' }).click();
  await expect(page.getByTestId('customer-row')).toHaveCount(3);

  // A campaign from the segment holds exactly its members.
  await seg.getByRole('button', { name: 'New campaign from this segment' }).click();
  const naming = page.getByRole('dialog', { name: 'New campaign to “Londoners”' });
  await naming.getByLabel('Campaign name').fill('London offer');
  await naming.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page.getByRole('heading', { name: 'London offer' })).toBeVisible();
  expect(
    app.query<{ phone: string }>(
      "SELECT r.phone FROM recipients r JOIN campaigns c ON c.id = r.campaign_id WHERE c.name = 'London offer' ORDER BY r.phone",
    ),
  ).toEqual([{ phone: '+447911123401' }, { phone: '+447911123403' }]);

  // Forget one: the dialog says what is erased; afterwards the number is nowhere.
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('button', { name: 'Customers', exact: true })
    .click();
  await page.getByRole('row', { name: 'Open +447911123402' }).click();
  await page.getByRole('button', { name: 'Forget this customer…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Forget this customer?' });
  await expect(confirm).toContainText('its replies, your answers to them, and its labels');
  await page.screenshot({ path: docShot('customers-4-forget.png') });
  await confirm.getByRole('button', { name: 'Forget +447911123402' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('forget-result')).toContainText('+447911123402 is forgotten');
  await expect(page.getByTestId('customer-row')).toHaveCount(2);
  expect(
    app.query<{ n: number }>("SELECT count(*) AS n FROM customers WHERE phone = '+447911123402'"),
  ).toEqual([{ n: 0 }]);
});

test('100,000 customers: the table keeps only the visible rows in the page and loads more as it scrolls', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  app.exec(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
     INSERT INTO customers (phone, attributes_json, first_seen_at, last_seen_at, created_at, updated_at)
     SELECT '+4479' || printf('%08d', i), json_object('Name', 'Customer ' || i), 0, 0, 0, 0 FROM n`,
  );
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('button', { name: 'Customers', exact: true })
    .click();
  const table = page.getByTestId('customer-table');
  await expect(table).toHaveAttribute('data-total', '100000');
  await expect(page.getByTestId('customer-table-status')).toContainText('100,000 customers');
  const rows = page.getByTestId('customer-row');
  await expect(rows.first()).toHaveAttribute('data-phone', '+447900000001');
  // A 480px window of 36px rows plus overscan: a few dozen in the DOM, never thousands.
  expect(await rows.count()).toBeLessThan(60);

  // Scroll down far: the next pages load, the DOM stays small, later customers show.
  const scroller = page.getByTestId('customer-rows');
  for (let i = 0; i < 3; i++) {
    const loaded = Number(await table.getAttribute('data-loaded'));
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect
      .poll(async () => Number(await table.getAttribute('data-loaded')))
      .toBeGreaterThan(loaded);
  }
  expect(Number(await table.getAttribute('data-loaded'))).toBeGreaterThanOrEqual(800);
  expect(await rows.count()).toBeLessThan(60);
  await page.getByLabel('Search customers').fill('Customer 99999');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-phone', '+447900099999');
});

test('a finished campaign offers a follow-up to everyone it was not delivered to', async ({
  page,
  app,
}) => {
  const { read, deliveredNeverRead, neverDelivered } = SANDBOX_TEST_NUMBERS;
  await draftCampaign(app, {
    name: 'Spring news',
    csv: [
      'phone,name,order',
      `${read.number},Ann,A-1`,
      `${deliveredNeverRead.number},Bob,A-2`,
      `${neverDelivered.number},Cy,A-3`,
    ].join('\n'),
  });
  await openApp(page, app);
  await page.getByRole('button', { name: 'Spring news', exact: true }).click();
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await page.getByRole('button', { name: 'Send to 3 recipients' }).click();
  await page.getByTestId('confirm-send-button').click();
  await expect(page.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 30_000,
  });
  // The sandbox reports the first two delivered; the third stays "accepted".
  await expect
    .poll(
      () =>
        app.query<{ n: number }>(
          'SELECT count(*) AS n FROM recipients WHERE delivered_at IS NOT NULL',
        )[0]?.n,
      { timeout: 30_000 },
    )
    .toBe(2);

  const panel = page.getByTestId('follow-up-panel');
  await panel.getByLabel('Send to').click();
  await page.getByRole('option', { name: 'Everyone who replied' }).click();
  // Counted before any draft is made: nobody replied, so there is nothing to create.
  await expect(panel.getByTestId('follow-up-plan')).toHaveText('Nobody would get this follow-up.');
  await expect(panel.getByRole('button', { name: 'Create follow-up' })).toBeDisabled();
  await panel.getByLabel('Send to').click();
  await page.getByRole('option', { name: 'Everyone it was not delivered to' }).click();
  await expect(panel.getByTestId('follow-up-plan')).toHaveText('1 recipient would get it.');
  await panel.getByLabel('New campaign name').fill('Spring news again');
  await panel.screenshot({ path: docShot('customers-5-follow-up.png') });
  await panel.getByRole('button', { name: 'Create follow-up' }).click();
  await expect(page.getByRole('heading', { name: 'Spring news again' })).toBeVisible();
  expect(
    app.query<{ phone: string }>(
      "SELECT r.phone FROM recipients r JOIN campaigns c ON c.id = r.campaign_id WHERE c.name = 'Spring news again'",
    ),
  ).toEqual([{ phone: neverDelivered.number }]);
});

test('add a customer by hand, edit them, and a Shopify export’s “no” to marketing shows on the customer', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('button', { name: 'Customers', exact: true })
    .click();

  // Add: an empty number and a bad one are refused in words, beside the field or above the buttons.
  await page.getByRole('button', { name: 'Add customer…' }).click();
  const form = page.getByRole('dialog', { name: 'Add a customer' });
  await form.getByRole('button', { name: 'Add customer' }).click();
  await expect(form).toContainText('Type the phone number.');
  await form.getByLabel('Phone number').fill('12');
  await form.getByRole('button', { name: 'Add customer' }).click();
  await expect(form.getByTestId('customer-form-error')).toContainText('with its country code');
  await form.getByLabel('Phone number').fill('+44 7911 123409');
  await expect(form.getByTestId('customer-form-error')).toBeHidden();
  await form.getByLabel('Detail 1 value').fill('Eve');
  await form.getByRole('button', { name: 'Add a detail' }).click();
  await form.getByLabel('Detail 2 value').fill('Bath');
  await expect(form).toContainText('Give this detail a name.');
  await form.getByLabel('Detail 2 name').fill('City');
  await form.getByLabel('Labels').fill('vip');
  await form.getByLabel('Labels').press('Enter');
  await form.getByLabel('Said no to marketing messages').check();
  await page.screenshot({ path: docShot('customers-6-add.png') });
  await form.getByRole('button', { name: 'Add customer' }).click();
  await expect(form).toBeHidden();

  const detail = page.getByTestId('customer-detail');
  await expect(detail).toHaveAttribute('data-phone', '+447911123409');
  await expect(detail).toContainText('Bath');
  await expect(detail).toContainText('vip');
  await expect(page.getByTestId('customer-marketing-declined')).toContainText(
    'Declined marketing (set by hand on',
  );
  await expect(page.getByTestId('customer-row')).toHaveCount(1);

  // Edit: a new town, and the customer now says yes: the "no" is gone, the yes is the consent.
  await detail.getByRole('button', { name: 'Edit…' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit +447911123409' });
  await expect(edit.getByLabel('Phone number')).toBeDisabled();
  await edit.getByLabel('Detail 2 value').fill('Bristol');
  await edit.getByLabel('Said yes to marketing messages').check();
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(detail).toContainText('Bristol');
  await expect(detail).toContainText('Accepted marketing (set by hand on');
  await expect(page.getByTestId('customer-marketing-declined')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // A Shopify export that says no: the table marks the customer, the page says where it came from.
  await page.getByTestId('customers-file-input').setInputFiles({
    name: 'customers_export.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'First Name,Last Name,Email,Accepts Email Marketing,Phone,Accepts SMS Marketing\nFay,Low,fay@example.com,yes,+447911123410,no\n',
    ),
  });
  await expect(page.getByTestId('book-import-declined')).toContainText(
    'Marketing campaigns leave them out',
  );
  const fay = page.getByRole('row', { name: 'Open +447911123410' });
  await expect(fay).toContainText('no marketing');
  await fay.click();
  await expect(page.getByTestId('customer-marketing-declined')).toContainText(
    'Declined marketing in the Shopify customers export of',
  );
  // The drawer slides in: the picture is taken once it has stopped moving.
  await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);
  await page.screenshot({ path: docShot('customers-7-declined.png') });
});
