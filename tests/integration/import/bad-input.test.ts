import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, harness, value, type Harness } from './helpers';

describe('import: bad input leaves the audience unchanged', () => {
  let h: Harness;
  afterEach(() => h.close());

  const expectRejected = async (
    path: string,
    message: RegExp,
    options: Record<string, unknown> = {},
  ) => {
    const before = h.recipients().length;
    const r = await h.importFile(path, options);
    expect(r.ok, `${path} should be refused`).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toMatch(message);
    }
    expect(h.recipients()).toHaveLength(before);
    expect(h.core.store.sqlite.prepare('SELECT count(*) AS n FROM import_rejects').get()).toEqual({
      n: 0,
    });
  };

  it('refuses a binary file, an empty file, a header-only file and a file that is not there', async () => {
    h = await harness();
    await expectRejected(fixture('binary.csv'), /not a text or Excel file/);
    await expectRejected(fixture('empty.csv'), /is empty/);
    await expectRejected(fixture('header-only.csv'), /no customers/);
    await expectRejected(join(h.dir, 'missing.csv'), /There is no file at/);
  });

  it('refuses a corrupt .xlsx and an old .xls with a message saying what to do', async () => {
    h = await harness();
    await expectRejected(fixture('corrupt.xlsx'), /could not be read.*save it again as \.xlsx/);
    const xls = join(h.dir, 'old.xls');
    writeFileSync(xls, Buffer.from('d0cf11e0a1b11ae1', 'hex'));
    await expectRejected(xls, /\.xls files are not supported/);
  });

  it('refuses a phone column that the file does not have', async () => {
    h = await harness();
    await expectRejected(fixture('google-contacts.csv'), /no column named "Telefon"/, {
      phoneColumn: 'Telefon',
    });
  });

  it('rolls back an import whose file becomes unreadable half way (nothing lands)', async () => {
    h = await harness({ faultAfterBytes: 1_500_000 });
    const path = join(h.dir, 'big.csv');
    const lines = ['name,phone'];
    for (let i = 0; i < 60_000; i++)
      lines.push(`Customer ${i},+4479${String(11000000 + i).padStart(8, '0')}`);
    writeFileSync(path, lines.join('\n'));
    await expectRejected(path, /could not be read any further/);
    expect(h.core.store.sqlite.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({
      n: 0,
    });
  });

  it('cancels an import and leaves the campaign as it was', async () => {
    h = await harness();
    value(await h.importFile(fixture('google-contacts.csv')));
    const path = join(h.dir, 'large.csv');
    const lines = ['name,phone'];
    for (let i = 0; i < 300_000; i++)
      lines.push(`Customer ${i},+4479${String(10000000 + i).padStart(8, '0')}`);
    writeFileSync(path, lines.join('\n'));
    const progress = new Promise<void>((resolve) =>
      h.core.events.on('import.progress', () => resolve()),
    );
    const running = h.importFile(path);
    await progress;
    expect(await h.core.handlers['audience.cancelImport']({ campaignId: h.campaignId })).toEqual({
      cancelled: true,
    });
    const r = await running;
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: /cancelled/ } });
    expect(h.recipients()).toHaveLength(3);
    expect(h.core.store.sqlite.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({
      n: 1,
    });
  });

  it('refuses a second import into the same campaign while one runs', async () => {
    h = await harness();
    const path = join(h.dir, 'large.csv');
    const lines = ['name,phone'];
    for (let i = 0; i < 100_000; i++)
      lines.push(`Customer ${i},+4479${String(10000000 + i).padStart(8, '0')}`);
    writeFileSync(path, lines.join('\n'));
    const first = h.importFile(path);
    const second = await h.importFile(fixture('google-contacts.csv'));
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: /already running/ },
    });
    expect(value(await first).imported).toBe(100_000);
  });
});

describe('import: Excel .xlsx', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('reads the first sheet: numbers keep every digit, dates and rich text become text', async () => {
    h = await harness();
    const path = join(h.dir, 'customers.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Customers');
    ws.addRow(['Name', 'Mobile', 'Joined', 'Note']);
    ws.addRow([
      'Ana',
      447911123456,
      new Date(Date.UTC(2024, 4, 17)),
      { richText: [{ text: 'VIP ' }, { text: 'client', font: { bold: true } }] },
    ]);
    ws.addRow(['Bob', '+44 7911 123457', null, { formula: '1+1', result: 2 }]);
    ws.addRow([]);
    ws.addRow(['Cara', '2.34803E+12', null, null]);
    wb.addWorksheet('Ignored').addRow(['x', '+447911999999']);
    await wb.xlsx.writeFile(path);

    const preview = value(await h.previewFile(path)) as {
      format: string;
      phoneColumn: string;
      columns: string[];
    };
    expect(preview).toMatchObject({
      format: 'xlsx',
      phoneColumn: 'Mobile',
      columns: ['Name', 'Mobile', 'Joined', 'Note'],
    });
    const r = value(await h.importFile(path));
    expect(r).toMatchObject({ format: 'xlsx', imported: 2, invalid: 1, blankRows: 1 });
    expect(r.invalidRows).toEqual([
      { row: 5, value: '2.34803E+12', reason: expect.stringMatching(/scientific notation/) },
    ]);
    const fields = h.recipients().map((x) => JSON.parse(x.fields_json) as Record<string, string>);
    expect(fields[0]).toEqual({
      Name: 'Ana',
      Mobile: '447911123456',
      Joined: '2024-05-17',
      Note: 'VIP client',
    });
    expect(fields[1]).toMatchObject({ Note: '2' });
  });
});
