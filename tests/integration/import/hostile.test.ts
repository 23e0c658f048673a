import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkXlsxLimits, XLSX_LIMITS } from '../../../electron/core/contacts/xlsx-limits';
import {
  endlessCellCsv,
  longCellXlsx,
  nulByteCsv,
  repeatedSharedStrings,
  sharedStringsBomb,
} from '../../helpers/hostile-files';
import { zip } from '../../helpers/zip';
import { harness, type Harness } from './helpers';

describe('hostile files are refused in bounded time, nothing changes, the process lives on', () => {
  let h: Harness;
  afterEach(() => h.close());

  const refused = async (path: string, message: RegExp) => {
    const before = h.recipients().length;
    const r = await h.importFile(path, { phoneColumn: 'phone' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toMatch(message);
    }
    expect(h.recipients()).toHaveLength(before);
    const db = h.core.store.sqlite;
    expect(db.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
  };

  it('an .xlsx that inflates more than 200 times (a zip bomb of shared strings), whatever sizes it declares', async () => {
    h = await harness();
    const path = join(h.dir, 'bomb.xlsx');
    // 64 MB of `<si><t>a</t></si>` packs into ~160 KB: ~400 times.
    writeFileSync(path, sharedStringsBomb(repeatedSharedStrings(64 * 1024 * 1024)));
    await refused(path, /more than 200 times its packed size/);
    // The process and the core still work: a preview of a real file answers.
    const ok = join(h.dir, 'ok.csv');
    writeFileSync(ok, 'phone\n+447911000001\n');
    expect((await h.importFile(ok)).ok).toBe(true);
  });

  it('an .xlsx with a cell longer than Excel allows', async () => {
    h = await harness();
    const path = join(h.dir, 'long-cell.xlsx');
    await longCellXlsx(path, 250_000);
    await refused(path, /a cell longer than 32,767 characters/);
  });

  it('counts shared strings and rows against their limits (limits scaled down)', async () => {
    h = await harness();
    const many = join(h.dir, 'many.xlsx');
    writeFileSync(many, sharedStringsBomb(Buffer.from('<si><t>a</t></si>'.repeat(5000))));
    await expect(checkXlsxLimits(many, { ...XLSX_LIMITS, maxSharedStrings: 4999 })).rejects.toThrow(
      /more than 4,999 distinct texts/,
    );
    await expect(checkXlsxLimits(many, { ...XLSX_LIMITS, maxSharedStrings: 5000 })).resolves.toBe(
      undefined,
    );
    const rows = join(h.dir, 'rows.xlsx');
    const sheet = `<worksheet><sheetData>${'<row r="1"><c><v>1</v></c></row>'.repeat(300)}</sheetData><rowBreaks/></worksheet>`;
    writeFileSync(rows, zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) }]));
    await expect(checkXlsxLimits(rows, { ...XLSX_LIMITS, maxRows: 299 })).rejects.toThrow(
      /more than 299 rows/,
    );
    await expect(checkXlsxLimits(rows, { ...XLSX_LIMITS, maxRows: 300 })).resolves.toBe(undefined);
  });

  it('a CSV with one 64 MB cell (a quote never closed)', async () => {
    h = await harness();
    const path = join(h.dir, 'endless.csv');
    await endlessCellCsv(path, 64 * 1024 * 1024);
    await refused(path, /Row 3 is longer than 1,048,576 characters/);
  });

  it('a NUL byte is the problem of its row, not of the file', async () => {
    h = await harness();
    const path = join(h.dir, 'nul.csv');
    writeFileSync(path, nulByteCsv());
    const r = await h.importFile(path, { phoneColumn: 'phone' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ rows: 3, imported: 2, invalid: 1 });
    expect(r.value.invalidRows).toEqual([
      { row: 3, value: '+447911000002', reason: expect.stringMatching(/NUL character/) as unknown },
    ]);
  });
});
