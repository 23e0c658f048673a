import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';
import { draftCampaign } from './setup';

const shot = docShot;

const CSV = [
  'First name,Phone,Deal code',
  'Maria,+447400123456,spring24',
  ',+447400123457,spring24',
  'José,+14155550101,summer24',
].join('\n');

test('pick a template, map it, step through the preview, fix a problem and see the cost', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await page.getByRole('button', { name: /Create your first campaign|New campaign/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Campaign name').fill('Spring sale');
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  // The new draft opens by itself.
  await expect(page.getByRole('heading', { name: 'Spring sale' })).toBeVisible();

  // An audience of three: one without a first name.
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page
    .getByTestId('import-preview')
    .getByRole('button', { name: 'Import customers' })
    .click();
  await expect(page.getByTestId('audience-count')).toContainText('3 recipients');

  // The Message step syncs the Sandbox account's templates by itself the first time.
  await page.getByRole('tab', { name: 'Message' }).click();
  await expect(page.getByTestId('templates-synced')).toContainText('Templates synced');
  await page.getByRole('combobox', { name: 'Template' }).click();
  // Not approved templates are listed with their status but cannot be chosen.
  await expect(
    page.getByRole('option', { name: 'winter_clearance (en_US) · paused' }),
  ).toBeDisabled();
  await page.getByRole('option', { name: 'spring_sale (en_US)', exact: true }).click();

  // {{1}} was pre-filled from the column name; {{2}} gets a fixed text, the link ending a column.
  await expect(page.getByRole('combobox', { name: 'Column for Body {{1}}' })).toHaveValue(
    'First name',
  );
  await expect(page.getByTestId('slot-body.1')).toContainText('Suggested from the column name.');
  // Under each field its problem reads in the form's words, not the core's key (body.2).
  await expect(page.getByTestId('slot-body.2').getByTestId('slot-problem')).toHaveText(
    'Body {{2}} has no value assigned.',
  );
  await page.getByTestId('slot-body.2').getByText('Same text for all').click();
  await page.getByLabel('Text for Body {{2}}').fill('20%');
  await page.getByLabel('Text for Body {{2}}').press('Enter');
  await page.getByRole('combobox', { name: 'Column for Button 1: end of the link {{1}}' }).click();
  await page.getByRole('option', { name: 'Deal code' }).click();

  const bubble = page.getByTestId('message-bubble');
  await expect(bubble.getByTestId('bubble-body')).toHaveText(
    'Hi Maria, everything in the shop is 20% off until Sunday. Tap below to see the deals we picked for you.',
  );
  await expect(bubble.locator('strong')).toHaveText('20% off');
  await expect(bubble.getByTestId('bubble-button').first()).toContainText(
    'https://shop.example.com/deals/spring24',
  );
  await expect(page.getByTestId('preview-position')).toContainText('Recipient 1 of 3 · row 2');
  await page.getByRole('button', { name: 'Exact request sent to WhatsApp' }).click();
  await expect(page.getByTestId('request-body')).toContainText('"to": "+447400123456"');

  // Step to the next recipient: the empty first name is highlighted and explained.
  await page.getByRole('button', { name: 'Next recipient' }).click();
  await expect(page.getByTestId('preview-position')).toContainText('Recipient 2 of 3 · row 3');
  await expect(bubble.getByTestId('missing-value')).toHaveText('{{1}}');
  await expect(page.getByTestId('preview-problems')).toContainText(
    'Body {{1}} ("First name") is empty.',
  );

  // The validation summary names the reason and the row.
  const emptyReason = page.getByTestId('validation-reason').filter({ hasText: 'Empty value' });
  await expect(emptyReason).toContainText('1');
  await expect(emptyReason).toContainText('row 3');
  // José's number is in the US, where WhatsApp delivers no marketing templates: left out, said so.
  await expect(page.getByTestId('validation-counts')).toContainText(
    '1 of 3 recipients will receive this message. 2 left out: 1 recipient with a US number: WhatsApp does not deliver marketing messages there; 1 whose message cannot be built from their row.',
  );

  // Jump to a row and search work too.
  await page.getByLabel('Find a recipient').fill('José');
  await page.getByLabel('Find a recipient').press('Enter');
  await expect(page.getByTestId('preview-position')).toContainText('Recipient 3 of 3 · row 4');
  await page.getByLabel('Go to row').fill('3');
  await page.getByLabel('Go to row').press('Enter');
  await expect(page.getByTestId('preview-position')).toContainText('row 3');

  // Fix it: a fallback text for empty cells.
  await page.getByTestId('slot-body.1').getByText('Column, or text if empty').click();
  await page.getByLabel('Text when Body {{1}} is empty').fill('there');
  await page.getByLabel('Text when Body {{1}} is empty').press('Enter');
  await expect(bubble.getByTestId('bubble-body')).toContainText('Hi there, everything');
  await expect(page.getByTestId('preview-problems')).toHaveCount(0);
  await expect(page.getByTestId('validation-counts')).toContainText(
    '2 of 3 recipients will receive this message. Left out: 1 recipient with a US number: WhatsApp does not deliver marketing messages there.',
  );
  await expect(page.getByTestId('validation-reason')).toHaveCount(0);

  // The cost estimate: marketing, by country, from the dated card.
  const cost = page.getByTestId('cost-estimate');
  // 2 × $0.0529 (UK) in the currency's own cents; the US number left out costs nothing.
  await expect(cost.getByTestId('cost-total')).toHaveText('About $0.11');
  await expect(
    cost.getByTestId('cost-country').filter({ hasText: 'United Kingdom' }),
  ).toContainText('2');
  await expect(cost.getByTestId('cost-country').filter({ hasText: 'North America' })).toHaveCount(
    0,
  );
  await expect(cost.getByTestId('cost-note')).toContainText('rate card dated 2025-07-01');

  const stored = app.query<{ template_name: string; mapping_json: string }>(
    'SELECT template_name, mapping_json FROM campaigns',
  );
  expect(stored[0]?.template_name).toBe('spring_sale');
  expect(JSON.parse(stored[0]!.mapping_json)).toEqual({
    'body.1': { kind: 'column', column: 'First name', fallback: 'there' },
    'body.2': { kind: 'static', value: '20%' },
    'button.0': { kind: 'column', column: 'Deal code' },
  });
});

test("import Meta's newer rate card: the estimate follows the card in force on the send date", async ({
  page,
  app,
}) => {
  await draftCampaign(app, {
    name: 'Warsaw sale',
    csv: ['First name,Phone,Deal code', 'Ola,+48512345678,w24', 'Ana,+447400123456,w24'].join('\n'),
    template: 'spring_sale',
    language: 'en_US',
    mapping: {
      'body.1': { kind: 'column', column: 'First name' },
      'body.2': { kind: 'static', value: '20%' },
      'button.0': { kind: 'column', column: 'Deal code' },
    },
  });
  await openApp(page, app);
  await page.getByRole('button', { name: 'Warsaw sale', exact: true }).click();
  await page.getByRole('tab', { name: 'Message' }).click();
  const cost = page.getByTestId('cost-estimate');
  // The bundled card: Poland in Rest of Central & Eastern Europe, in USD.
  await expect(
    cost.getByTestId('cost-country').filter({ hasText: 'Rest of Central & Eastern Europe' }),
  ).toBeVisible();
  await cost.getByRole('button', { name: 'Edit prices…' }).click();
  const dialog = page.getByRole('dialog');
  const cards = dialog.getByTestId('rate-cards');
  await expect(cards).toContainText('2025-07-01');
  const file = join(app.dataDir, 'meta-rate-card.csv');
  writeFileSync(
    file,
    [
      'WhatsApp Business Platform rate card',
      'Rates effective January 1, 2026',
      'Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service',
      'Poland,EUR,0.0303,0.0101,0.0101,n/a,n/a',
      'United Kingdom,EUR,0.0526,0.0182,0.0182,n/a,n/a',
      'Other,EUR,0.0500,0.0064,0.0064,n/a,n/a',
    ].join('\n'),
  );
  await cards.getByTestId('rate-card-file-input').setInputFiles(file);
  await expect(cards.getByRole('status')).toContainText('Imported meta-rate-card.csv');
  await expect(cards.getByRole('table', { name: 'Rate cards' })).toContainText('2026-01-01EUR3');
  await page.screenshot({ path: shot('rate-card-import.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // Poland now has its own row, and the estimate is in the card's currency.
  await expect(cost.getByTestId('cost-country').filter({ hasText: 'Poland' })).toContainText('€');
  await expect(cost.getByTestId('cost-note')).toContainText('rate card dated 2026-01-01');
});
