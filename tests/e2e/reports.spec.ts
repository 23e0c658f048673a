import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { expect, openApp, test } from './fixtures';
import { draftCampaign } from './setup';

// The sandbox's test numbers have fixed outcomes (docs/user-guide/sending.md): 0101 read, 0102 delivered,
// 0103 not on WhatsApp (131026, by status), 0107 rejected at once (131026), 0106 never delivered.
const PEOPLE = [
  ['+1 202 555 0101', '=HYPERLINK("http://x","click")', 'A-1'],
  ['+1 202 555 0102', 'Bob', 'A-2'],
  ['+1 202 555 0103', '@Carla', 'A-3'],
  ['+1 202 555 0107', 'Dmitri', '-4'],
  ['+1 202 555 0106', 'Ema', 'A-5'],
] as const;

test('export a finished sandbox campaign from the UI, as CSV (failed) and Excel (everybody)', async ({
  page,
  app,
}) => {
  await draftCampaign(app, {
    name: 'Spring sale',
    csv: Papa.unparse([['phone', 'name', 'order'], ...PEOPLE.map((p) => [...p])]),
  });

  await openApp(page, app);
  await page.getByRole('button', { name: 'Spring sale', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Report' })).toBeDisabled();
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await page.getByRole('button', { name: 'Send to 5 recipients' }).click();
  // The confirmation states the same figures as Review & send.
  await page.getByTestId('confirm-send-button').click();
  await expect(page.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 30_000,
  });
  // Statuses arrive after the sends: wait for the outcomes the sandbox promises for these numbers.
  const stateOf = (phone: string) =>
    app.query<{ state: string }>('SELECT state FROM recipients WHERE phone = ?', phone)[0]?.state;
  await expect
    .poll(
      () => [
        stateOf('+12025550101'),
        stateOf('+12025550102'),
        stateOf('+12025550103'),
        stateOf('+12025550107'),
        stateOf('+12025550106'),
      ],
      { timeout: 40_000 },
    )
    .toEqual(['read', 'delivered', 'failed', 'failed', 'sent']);

  await page.getByRole('tab', { name: 'Report' }).click();
  const panel = page.getByTestId('report-panel');
  await expect(panel.getByRole('radio', { name: 'Failed (2)' })).toBeVisible();

  // Failed recipients as CSV, through the browser's download.
  await panel.getByText('CSV', { exact: true }).click();
  await panel.getByRole('radio', { name: 'Failed (2)' }).check();
  const csvDownload = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export 2 rows' }).click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toBe('Spring sale - delivery report (failed).csv');
  const csvPath = join(app.dataDir, 'failed.csv');
  await csvFile.saveAs(csvPath);
  await expect(panel.getByTestId('report-done')).toContainText('2 rows');
  const bytes = readFileSync(csvPath);
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const rows = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
  const header = rows[0]!;
  const col = (name: string) => header.indexOf(name);
  expect(header.slice(0, 4)).toEqual(['phone', 'name', 'order', 'Phone (E.164)']);
  expect(header.find((h) => h.startsWith('Sent at ('))).toMatch(/^Sent at \([A-Za-z_/+-]+\)$/);
  const body = rows.slice(1);
  // E.164 as written: no apostrophe for a spreadsheet to show (issue 15 item 11).
  expect(body.map((r) => r[col('Phone (E.164)')])).toEqual(['+12025550103', '+12025550107']);
  expect(body.map((r) => r[col('State')])).toEqual(['failed', 'failed']);
  expect(body.map((r) => r[col('Error code')])).toEqual(['131026', '131026']);
  expect(
    body.every((r) => r[col('Reason')]!.length > 10 && r[col('What to do')]!.length > 10),
  ).toBe(true);
  expect(body[0]![col('name')]).toBe("'@Carla");
  // A minus before digits is a number to a spreadsheet, not a formula: written as it is.
  expect(body[1]![col('order')]).toBe('-4');
  expect(
    body.every((r) =>
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(
        r[col(header.find((h) => h.startsWith('Failed at ('))!)]!,
      ),
    ),
  ).toBe(true);

  // Everybody as Excel, with only some columns.
  await panel.getByText('Excel (.xlsx)').click();
  await panel.getByRole('radio', { name: 'Everybody (5)' }).check();
  await panel.getByRole('checkbox', { name: 'WhatsApp message ID' }).uncheck();
  const xlsxDownload = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export 5 rows' }).click();
  const xlsxFile = await xlsxDownload;
  expect(xlsxFile.suggestedFilename()).toBe('Spring sale - delivery report.xlsx');
  const xlsxPath = join(app.dataDir, 'all.xlsx');
  await xlsxFile.saveAs(xlsxPath);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsxPath);
  expect(book.worksheets.map((w) => w.name)).toEqual(['Recipients', 'Summary']);
  const sheet = book.getWorksheet('Recipients')!;
  const xHeader = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(xHeader).not.toContain('WhatsApp message ID');
  expect(xHeader).toContain('Estimated price (USD)');
  expect(sheet.rowCount).toBe(6);
  // A text cell, shown as written: a formula would read back as an object, not a string.
  expect(sheet.getRow(2).getCell(2).value).toBe(`=HYPERLINK("http://x","click")`);
  const summary = book.getWorksheet('Summary')!;
  const labels = new Map<string, number>();
  summary.eachRow((r, n) => labels.set(r.getCell(1).text, n));
  for (const l of [
    'Recipients by state',
    'Rates',
    'Failures by reason',
    'Estimated cost by country (USD)',
    'Template',
  ])
    expect(labels.has(l)).toBe(true);
  expect(summary.getRow(labels.get('read')!).getCell(2).value).toBe(1);
  expect(summary.getRow(labels.get('failed')!).getCell(2).value).toBe(2);
  expect(summary.getRow(labels.get('Template')!).getCell(2).value).toBe('order_confirmation');
});
